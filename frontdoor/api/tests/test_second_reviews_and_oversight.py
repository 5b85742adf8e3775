"""Second reviews (/api/second-reviews) and management oversight (/api/oversight) over the API:
the same actions as the pages, the same refusals and audit; a 422 names the field by its key."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from frontdoor.access.models import Role
from frontdoor.api.tests.bodies import failing_fields, problems
from frontdoor.audit.models import Event, RecordView
from frontdoor.contacts.tests import factories as f
from frontdoor.decisions import actions as decision_actions
from frontdoor.guardrails.models import BelowIndicatorDecision
from frontdoor.guardrails.tests import factories as g
from frontdoor.oversight.models import ChallengeResponse, OversightRecord

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


# --- Answering a challenge, completing an action ---------------------------------------------


def _challenge(manager, worker, *, owner=None) -> OversightRecord:
    """Maya challenges the worker's screening, with an action owned by `owner`."""
    from frontdoor.oversight.tests import factories as s

    return s.challenge(manager, s.screened_contact(worker), owner=owner or worker)


def test_screener_can_answer_a_challenge_to_their_screening_and_it_closes(
    api_as, manager, screener
):
    record = _challenge(manager, screener)
    api = api_as(screener)
    [waiting] = api.get("/api/oversight/challenges").json()["items"]
    assert (waiting["id"], waiting["status"], waiting["challenged"]) == (
        str(record.pk),
        "open",
        "Alice Tester",
    )
    response = api.post(
        f"/api/oversight/challenges/{record.pk}/response",
        {"reply": "maintain", "explanation": "Police checks were clear"},
    )
    assert response.status_code == 201, response.content
    answered = response.json()
    assert (answered["status"], answered["reply"], answered["responded_by"]) == (
        "answered",
        "maintain",
        "Alice Tester",
    )
    event = Event.objects.get(verb="challenge_responded")
    assert (event.actor, event.reason) == (screener, "Police checks were clear")
    assert api.get("/api/oversight/challenges").json() == {"items": [], "count": 0}
    # Still readable once answered, and each read is logged as a view of the child.
    assert api.get(f"/api/oversight/challenges/{record.pk}").json()["status"] == "answered"
    assert RecordView.objects.filter(user=screener, person=record.person).count() >= 2


def test_a_second_answer_to_a_challenge_is_a_409_and_saves_nothing(
    api_as, manager, make_user, child_protection_hub
):
    worker = make_user("harry", Role.SCREENER, team=child_protection_hub)
    team_manager = make_user("tess", Role.MANAGER, team=child_protection_hub)
    record = _challenge(manager, worker)
    url = f"/api/oversight/challenges/{record.pk}/response"
    first = api_as(worker).post(url, {"reply": "revise", "explanation": "Will weigh it again"})
    assert first.status_code == 201, first.content
    late = api_as(team_manager).post(url, {"reply": "maintain", "explanation": "Checks clear"})
    assert late.status_code == 409
    assert "Someone else changed this challenge" in late.json()["detail"]
    again = api_as(worker).post(url, {"reply": "revise", "explanation": "Will weigh it again"})
    assert again.status_code == 409
    assert "already been recorded, by you" in again.json()["detail"]
    assert ChallengeResponse.objects.count() == 1
    assert Event.objects.filter(verb="challenge_responded").count() == 1


def test_an_answer_without_its_explanation_is_a_422_naming_it(api_as, manager, screener):
    record = _challenge(manager, screener)
    response = api_as(screener).post(
        f"/api/oversight/challenges/{record.pk}/response", {"reply": "revise", "explanation": " "}
    )
    assert problems(response) == [
        {
            "type": "value_error",
            "loc": ["body", "payload", "explanation"],
            "msg": "Enter what you will revise",
        }
    ]
    bad_reply = api_as(screener).post(
        f"/api/oversight/challenges/{record.pk}/response", {"reply": "ignore", "explanation": "x"}
    )
    assert failing_fields(bad_reply) == ["body.payload.reply"]
    assert not ChallengeResponse.objects.exists()


def test_only_the_person_challenged_or_their_teams_manager_sees_a_challenge(
    api_as, manager, screener, hub_worker, auditor
):
    record = _challenge(manager, screener)
    url = f"/api/oversight/challenges/{record.pk}"
    body = {"reply": "revise", "explanation": "Will revise"}
    for other in (hub_worker, manager):  # in sight of oversight, but not theirs to answer
        assert api_as(other).get(url).status_code == 404
        assert api_as(other).post(f"{url}/response", body).status_code == 404
        assert api_as(other).get("/api/oversight/challenges").json()["count"] == 0
    assert api_as(auditor).get("/api/oversight/challenges").status_code == 403
    assert not ChallengeResponse.objects.exists()


def test_owner_can_complete_an_oversight_action_once(api_as, manager, screener, hub_worker):
    record = _challenge(manager, screener, owner=hub_worker)
    api = api_as(hub_worker)
    [mine] = api.get("/api/oversight/actions").json()["items"]
    assert (mine["challenge_id"], mine["child"]) == (str(record.pk), record.person.full_name)
    url = f"/api/oversight/actions/{mine['id']}/completion"
    assert failing_fields(api.post(url, {"note": ""})) == ["body.payload.note"]
    done = api.post(url, {"note": "Spoke to the school"})
    assert done.status_code == 201, done.content
    assert done.json()["completion_note"] == "Spoke to the school"
    assert api.get("/api/oversight/actions").json() == {"items": [], "count": 0}
    late = api_as(manager).post(url, {"note": "Done"})  # completed since Maya read it
    assert late.status_code == 409
    assert Event.objects.filter(verb="oversight_action_completed").count() == 1


def test_a_worker_cannot_complete_someone_elses_action(api_as, manager, screener, hub_worker):
    record = _challenge(manager, screener, owner=hub_worker)
    action = record.actions.get()
    response = api_as(screener).post(
        f"/api/oversight/actions/{action.pk}/completion", {"note": "Done"}
    )
    assert response.status_code == 404
