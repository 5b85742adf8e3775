"""The police batch API: a force's own system sends JSON; per-row problems; idempotent."""

from __future__ import annotations

import pytest

from frontdoor.contacts.models import FamilyContact
from frontdoor.police.models import Batch

pytestmark = pytest.mark.django_db


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    """Send a batch as a force's system does, let the task worker import it (the task runs when
    the request's transaction commits), and read the batch back as the sender."""

    def sending(api, body):
        with django_capture_on_commit_callbacks(execute=True):
            response = api.post("/api/police/batches", body)
        assert response.status_code == 202, response.content
        assert response.json()["status"] == "queued"
        return api.get(f"/api/police/batches/{response.json()['batch_id']}")

    return sending


INCIDENT = {
    "police_reference": "WX/2026/2001",
    "incident_at": "2026-11-10T21:30:00+00:00",
    "notified_at": "2026-11-11T08:00:00Z",
    "officer": "PC 4411 Dean",
    "team": "Wessex North Response",
    "location": "14 Elm Road",
    "postcode": "WX1 2AB",
    "victim_first_name": "Jo",
    "victim_last_name": "Smith",
    "perpetrator_first_name": "Lee",
    "perpetrator_last_name": "Smith",
    "risk_tool": "dash",
    "risk_level": "high",
    "marac": True,
    "narrative": "Shouting heard by a neighbour; both children upstairs.",
    "children": [
        {"first_name": "Amy", "last_name": "Smith", "date_of_birth": "2019-03-27", "sex": "F"},
        {"first_name": "Ben", "last_name": "Smith", "present": False},
    ],
}
MISSING = {
    "police_reference": "WX/MP/2026/0301",
    "child_first_name": "Kyle",
    "child_last_name": "Jones",
    "reported_missing_at": "2026-11-12T16:00:00Z",
    "risk_grade": "high",
}


def test_police_partner_can_send_a_batch_and_bad_rows_come_back_by_row_and_field(
    api_as, police_partner, send
):
    bad = {**INCIDENT, "police_reference": "WX/2026/2002", "risk_tool": "guess", "marac": 3}
    response = send(
        api_as(police_partner),
        {"domestic_abuse": [INCIDENT, bad], "missing_persons": [MISSING]},
    )
    body = response.json()
    assert body["status"] == "done"
    assert (body["created"], body["rejected"]) == (2, 1)
    assert {(p["list"], p["row"], p["field"]) for p in body["problems"]} == {
        ("domestic_abuse", 2, "risk_tool"),
        ("domestic_abuse", 2, "marac"),
    }
    family = FamilyContact.objects.get(police_notification__reference="WX/2026/2001")
    assert family.submitted_by_agency == police_partner.agency


def test_sending_the_same_batch_again_creates_nothing(api_as, police_partner, send):
    api = api_as(police_partner)
    send(api, {"domestic_abuse": [INCIDENT]})
    again = send(api, {"domestic_abuse": [INCIDENT]}).json()
    assert (again["created"], again["unchanged"]) == (0, 1)
    assert FamilyContact.objects.count() == 1


def test_unknown_keys_in_a_row_are_reported_and_at_the_top_are_refused(
    api_as, police_partner, send
):
    api = api_as(police_partner)
    body = send(api, {"domestic_abuse": [{**INCIDENT, "role": "admin"}]}).json()
    assert body["problems"][0]["field"] == "role"
    assert api.post("/api/police/batches", {"organisation": "x"}).status_code == 422


def test_screener_cannot_send_through_the_api_but_can_read_a_batch(
    api_as, police_partner, screener
):
    sent = api_as(police_partner).post("/api/police/batches", {"domestic_abuse": [INCIDENT]})
    assert api_as(screener).post("/api/police/batches", {}).status_code == 403
    batch_id = sent.json()["batch_id"]
    assert api_as(screener).get(f"/api/police/batches/{batch_id}").status_code == 200


def test_another_forces_user_gets_404_for_a_batch(api_as, police_partner, make_user):
    from frontdoor.agencies.models import Agency, AgencyKind

    sent = api_as(police_partner).post("/api/police/batches", {"domestic_abuse": [INCIDENT]})
    other = Agency.objects.create(
        name="Mercia Police",
        kind=AgencyKind.POLICE,
        referral_source=police_partner.agency.referral_source,
    )
    mercia = make_user("mo", "partner", agency=other)
    batch_id = sent.json()["batch_id"]
    assert api_as(mercia).get(f"/api/police/batches/{batch_id}").status_code == 404
    assert Batch.objects.count() == 1


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("victim_date_of_birth", "1/1/99999999999999999999"),
        ("narrative", "Shouting\ud800"),
        ("police_reference", "WX/2026/\x00"),
        ("\x00role", "admin"),
    ],
)
def test_hostile_rows_are_reported_and_the_good_rows_import(
    api_as, police_partner, send, field, value
):
    """Issue 15: each of these was a 500 that left the batch importing, its good rows lost."""
    hostile = {**INCIDENT, "police_reference": "WX/2026/2003", field: value}
    body = send(api_as(police_partner), {"domestic_abuse": [INCIDENT, hostile]}).json()
    assert body["status"] == "done"
    assert (body["created"], body["rejected"]) == (1, 1)
    assert body["problems"][0]["row"] == 2
