"""Importing history over the API."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from frontdoor.access.tests.service_accounts import token_for
from frontdoor.history.models import EarlyHelpEpisode, LegacyRecord

pytestmark = pytest.mark.django_db

ISLA = {
    "source_system": "EHM",
    "source_reference": "EH-1003",
    "nhs_number": "9990000026",
    "first_name": "Isla",
    "last_name": "Okafor",
    "date_of_birth": "2012-02-28",
    "start_date": "2024-09-02",
    "organisation": "Northgate Primary School",
}


def post(user, path, body):
    token = token_for(user, name="tests")
    return Client().post(
        path,
        data=json.dumps(body),
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )


def test_hub_worker_can_import_early_help_twice_and_change_nothing(hub_worker):
    body = {
        "source": "EHM nightly",
        "rows": [ISLA, {**ISLA, "source_reference": "EH-1004", "start_date": "2024-13-01"}],
    }
    first = post(hub_worker, "/api/history/early-help", body)
    assert first.status_code == 200, first.content
    assert first.json()["created"] == 1
    assert first.json()["problems"] == [
        {
            "row": 2,
            "field": "start_date",
            "message": "Row 2: enter the episode start date as a date, like 2024-03-31",
        }
    ]
    again = post(hub_worker, "/api/history/early-help", body).json()
    assert (again["created"], again["unchanged"], again["rejected"]) == (0, 1, 1)
    assert EarlyHelpEpisode.objects.count() == 1


def test_manager_can_import_a_legacy_child_protection_plan(manager):
    row = {**ISLA, "source_system": "CareFirst", "record_type": "child_protection_plan"}
    del row["organisation"]
    response = post(manager, "/api/history/legacy-history", {"rows": [row]})
    assert response.status_code == 200, response.content
    assert LegacyRecord.objects.get().kind == "child_protection_plan"


def test_partner_system_cannot_send_unknown_columns(screener):
    response = post(screener, "/api/history/early-help", {"rows": [{**ISLA, "role": "admin"}]})
    assert response.status_code == 422
    assert "unknown columns: role" in response.content.decode()
    assert not EarlyHelpEpisode.objects.exists()


def test_police_partner_cannot_import_history(police_partner):
    response = post(police_partner, "/api/history/early-help", {"rows": [ISLA]})
    assert response.status_code == 403
