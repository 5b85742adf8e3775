"""Administrators change a council's timescales, but not which timescales exist."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.test import RequestFactory

from frontdoor.timescales.models import Timescale

pytestmark = pytest.mark.django_db


def test_admin_can_edit_amount_and_unit_but_not_the_key() -> None:
    model_admin = admin.site._registry[Timescale]
    request = RequestFactory().get("/")
    row = Timescale.objects.get(key="screening")
    readonly = model_admin.get_readonly_fields(request, row)
    assert "key" in readonly
    assert "amount" not in readonly
    assert "unit" not in readonly


def test_admin_cannot_add_or_delete_timescales() -> None:
    model_admin = admin.site._registry[Timescale]
    request = RequestFactory().get("/")
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_delete_permission(request, Timescale.objects.first())
