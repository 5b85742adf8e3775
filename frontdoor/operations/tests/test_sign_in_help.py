"""The sign-in help printed by `make run` names the address the demo is really served on."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command


@pytest.mark.django_db
def test_the_sign_in_help_prints_the_configured_address(settings):
    settings.FRONTDOOR_BASE_URL = "http://127.0.0.1:8101"
    out = StringIO()
    call_command("sign_in_help", stdout=out)
    assert "Frontdoor is starting at http://127.0.0.1:8101/" in out.getvalue()
    assert "8000" not in out.getvalue()
