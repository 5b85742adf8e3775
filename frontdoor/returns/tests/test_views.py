"""The statutory returns pages over HTTP: step-up, a reason, the file, the audit event."""

from __future__ import annotations

import io
import time

import pytest
from defusedxml import ElementTree as SafeET
from django.utils import timezone
from openpyxl import load_workbook

from frontdoor.assessments.tests.test_actions import decide_assessment
from frontdoor.audit.models import Event
from frontdoor.returns.tests.conftest import at

pytestmark = pytest.mark.django_db
REASON = "Census return for the year, checked by the performance team"


def stepped_up(client) -> None:
    session = client.session
    session["frontdoor_stepped_up_at"] = int(time.time())
    session.save()


def test_a_manager_reaches_the_returns_from_performance(client, manager):
    client.force_login(manager)
    assert "/returns/" in client.get("/performance/").content.decode()
    page = client.get("/returns/").content.decode()
    assert "/returns/census/" in page and "/returns/annex-a/" in page
    assert "/returns/before-census-day/" in page


def test_a_senior_leader_has_returns_in_the_navigation_but_not_the_quality_page(client, make_user):
    client.force_login(make_user("sian", "senior_leader"))
    page = client.get("/returns/").content.decode()
    assert 'href="/returns/"' in page
    assert "/returns/before-census-day/" not in page
    assert client.get("/returns/before-census-day/").status_code == 403


def test_a_download_needs_step_up(client, manager):
    client.force_login(manager)
    for url in ("/returns/census/", "/returns/annex-a/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/confirm-it-is-you/")


def test_a_manager_can_download_the_census_with_a_reason_and_it_is_audited(client, manager, year):
    client.force_login(manager)
    stepped_up(client)
    refused = client.post("/returns/census/", {"year": "2026", "reason": ""})
    assert refused.status_code == 400
    assert "Enter why you need this export" in refused.content.decode()
    response = client.post("/returns/census/", {"year": "2026", "reason": REASON})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    assert response["Cache-Control"] == "no-store"
    assert "attachment" in response["Content-Disposition"]
    root = SafeET.fromstring(response.content)
    assert len(root.findall("Children/Child")) == 2
    event = Event.objects.get(verb="census_downloaded")
    assert (event.actor, event.reason, event.data["year"]) == (manager, REASON, 2026)


def test_an_incomplete_census_is_not_downloaded_and_says_why(
    client, manager, screener, area_team, year
):
    with at(2025, 11, 3, 9, 0):
        decide_assessment(manager, screener, area_team)  # nothing of the census recorded
    client.force_login(manager)
    stepped_up(client)
    response = client.post("/returns/census/", {"year": "2026", "reason": REASON})
    assert response.status_code == 400
    html = response.content.decode()
    assert "does not meet the DfE" in html
    assert "/returns/before-census-day/" in html
    assert not Event.objects.filter(verb="census_downloaded").exists()


def test_an_unknown_census_year_is_refused_the_govuk_way(client, manager):
    client.force_login(manager)
    stepped_up(client)
    response = client.post("/returns/census/", {"year": "1999", "reason": REASON})
    assert response.status_code == 400
    assert "Select the census year" in response.content.decode()


def test_a_manager_can_download_annex_a_for_a_date_and_it_is_audited(client, manager, year):
    client.force_login(manager)
    stepped_up(client)
    today = timezone.localdate()
    response = client.post(
        "/returns/annex-a/",
        {
            "as_of_day": today.day,
            "as_of_month": today.month,
            "as_of_year": today.year,
            "reason": REASON,
        },
    )
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == [f"List {n}" for n in range(1, 8)]
    event = Event.objects.get(verb="annex_a_downloaded")
    assert event.actor == manager and event.reason == REASON
    assert event.data["as_of"] == today.isoformat()


def test_annex_a_refuses_a_date_in_the_future(client, manager):
    client.force_login(manager)
    stepped_up(client)
    later = timezone.localdate().replace(year=timezone.localdate().year + 1)
    response = client.post(
        "/returns/annex-a/",
        {"as_of_day": later.day, "as_of_month": later.month, "as_of_year": later.year,
         "reason": REASON},
    )  # fmt: skip
    assert response.status_code == 400
    assert "must be today or in the past" in response.content.decode()
    assert not Event.objects.filter(verb="annex_a_downloaded").exists()


def test_a_manager_sees_the_children_to_fix_before_census_day(client, manager, year):
    client.force_login(manager)
    page = client.get("/returns/before-census-day/?year=2026").content.decode()
    assert year["plan"].person.full_name in page
    assert "8610" in page
    assert f"/children/{year['plan'].person_id}/" in page
    assert client.get("/returns/before-census-day/?year=1999").status_code == 404
    assert client.get("/returns/before-census-day/?year=x").status_code == 404
