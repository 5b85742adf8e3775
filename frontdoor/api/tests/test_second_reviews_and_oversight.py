"""Second reviews (/api/second-reviews) and management oversight (/api/oversight) over the API:
the same actions as the pages, the same refusals and audit; a 422 names the field by its key."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from frontdoor.api.tests.bodies import failing_fields, problems
from frontdoor.audit.models import Event
from frontdoor.contacts.tests import factories as f
from frontdoor.decisions import actions as decision_actions
from frontdoor.guardrails.models import BelowIndicatorDecision
from frontdoor.guardrails.tests import factories as g
from frontdoor.oversight.models import OversightRecord

pytestmark = pytest.mark.django_db


@pytest.fixture
def below(screener, second_manager) -> BelowIndicatorDecision:
    """Mark steps a child down to early help despite a high DASH: awaiting a second review."""
    contact = g.with_high_dash(screener, f.only_child(f.screened(screener)))
    contact.refresh_from_db()
    decision_actions.record_decision(
        by=second_manager,
        contacts=[contact],
        details=g.step_down(indicator_answers={"high-dash": "Perpetrator in prison"}),
    )
    return BelowIndicatorDecision.objects.get(contact=contact)


def test_manager_can_record_a_second_review_of_another_managers_decision(api_as, manager, below):
    api = api_as(manager)
    [waiting] = api.get("/api/second-reviews").json()["items"]
    assert (waiting["id"], waiting["decided_by"]) == (str(below.pk), "Mark Tester")
    assert waiting["answers"][0]["answer"] == "Perpetrator in prison"
    response = api.post(
        f"/api/second-reviews/{below.pk}",
        {"agrees": False, "reasons": "The DASH is recent", "version": waiting["version"]},
    )
    assert response.status_code == 200, response.content
    assert (response.json()["review_status"], response.json()["reviewed_by"]) == (
        "disagreed",
        "Maya Tester",
    )
    assert Event.objects.filter(verb="second_review_recorded", actor=manager).count() == 1
    assert api.get("/api/second-reviews").json() == {"items": [], "count": 0}


def test_manager_cannot_review_their_own_decision(api_as, second_manager, below):
    response = api_as(second_manager).post(
        f"/api/second-reviews/{below.pk}", {"agrees": True, "reasons": "Fine", "version": 1}
    )
    assert problems(response) == [
        {"type": "not_ready", "loc": [], "msg": "A different manager must review this decision"}
    ]


def test_screener_cannot_see_or_record_a_second_review(api_as, screener, below):
    api = api_as(screener)
    assert api.get("/api/second-reviews").status_code == 403
    assert api.get(f"/api/second-reviews/{below.pk}").status_code == 404
    body = {"agrees": True, "reasons": "Fine", "version": 1}
    assert api.post(f"/api/second-reviews/{below.pk}", body).status_code == 404
    below.refresh_from_db()
    assert below.review_status == "awaiting"


def test_a_second_review_without_reasons_is_a_422_naming_reasons(api_as, manager, below):
    response = api_as(manager).post(
        f"/api/second-reviews/{below.pk}", {"agrees": True, "reasons": " ", "version": 1}
    )
    assert failing_fields(response) == ["body.payload.reasons"]


# --- Management oversight ----------------------------------------------------------------------


def test_manager_can_record_supervision_and_a_worker_reads_it(api_as, manager, screener):
    contact = f.only_child(f.screened(screener))
    url = f"/api/oversight/children/{contact.person_id}"
    response = api_as(manager).post(
        url, {"kind": "supervision", "reason": "Discussed school attendance"}
    )
    assert response.status_code == 201, response.content
    assert response.json()["records"][0]["kind"] == "supervision"
    assert Event.objects.filter(verb="oversight_recorded", actor=manager).count() == 1
    read = api_as(screener).get(url)
    assert read.status_code == 200
    assert read.json()["records"][0]["reason"] == "Discussed school attendance"


def test_manager_can_challenge_a_screening_with_an_action(api_as, manager, screener):
    contact = f.only_child(f.screened(screener))
    response = api_as(manager).post(
        f"/api/oversight/children/{contact.person_id}",
        {
            "kind": "oversight",
            "contact": str(contact.pk),
            "stage": "screening",
            "verdict": "challenge",
            "reason": "The history of domestic abuse was not weighed",
            "actions": [
                {
                    "description": "Ask the school",
                    "owner": screener.username,
                    "due_on": (timezone.localdate() + timedelta(days=7)).isoformat(),
                }
            ],
        },
    )
    assert response.status_code == 201, response.content
    record = response.json()["records"][0]
    assert (record["challenged"], record["actions"][0]["owner"]) == (
        "Alice Tester",
        "Alice Tester",
    )
    assert Event.objects.filter(verb="oversight_action_set").count() == 1


def test_hub_worker_cannot_record_oversight(api_as, hub_worker, screener):
    contact = f.only_child(f.screened(screener))
    response = api_as(hub_worker).post(
        f"/api/oversight/children/{contact.person_id}",
        {"kind": "supervision", "reason": "Discussed"},
    )
    assert response.status_code == 403
    assert not OversightRecord.objects.exists()


def test_oversight_without_its_details_is_a_422_naming_each_field(api_as, manager, screener):
    contact = f.only_child(f.screened(screener))
    response = api_as(manager).post(
        f"/api/oversight/children/{contact.person_id}",
        {
            "kind": "oversight",
            "reason": "",
            "actions": [
                {
                    "description": "Ask the school",
                    "owner": "nobody",
                    "due_on": (timezone.localdate() - timedelta(days=1)).isoformat(),
                }
            ],
        },
    )
    assert failing_fields(response) == [
        "body.payload.contact",
        "body.payload.stage",
        "body.payload.verdict",
        "body.payload.reason",
        "body.payload.actions.0.owner",
        "body.payload.actions.0.due_on",
    ]
    assert not OversightRecord.objects.exists()
