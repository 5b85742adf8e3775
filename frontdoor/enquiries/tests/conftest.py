"""Families with the hub, screened by Alice (a hub worker may not screen), for the hub to ask
partner agencies about."""

from __future__ import annotations

import pytest

from frontdoor.contacts.tests import factories as f
from frontdoor.enquiries.tests import factories as ef


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # These tests check access and workflow, not passwords: the cast is made quickly.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def family_in_hub(screener, child_protection_hub):
    return f.in_hub(screener, child_protection_hub)


@pytest.fixture
def consented_family(family_in_hub, hub_worker):
    ef.consent_given(hub_worker, family_in_hub)
    return family_in_hub
