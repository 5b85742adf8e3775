"""The acknowledgement API: a receiving system accepts or sends back a handover to its team."""

from __future__ import annotations

import pytest

from frontdoor.access.models import Role
from frontdoor.handovers.models import Handover
from frontdoor.handovers.tests.factories import referred_to_another_council, stepped_down
from frontdoor.handovers.workflow import HandoverStatus
from frontdoor.outbox.models import IntegrationEvent
from frontdoor.teams.models import Team, TeamKind

pytestmark = pytest.mark.django_db


@pytest.fixture
def early_help_system(make_user):
    team = Team.objects.get(kind=TeamKind.EARLY_HELP, slug="early-help")
    return make_user("early-help-system", Role.EARLY_HELP_WORKER, team=team)


def test_the_receiving_system_reads_and_accepts_a_handover(
    api_as, manager, screener, early_help_system
):
    handover = stepped_down(manager, screener)
    api = api_as(early_help_system)
    read = api.get(f"/api/handovers/{handover.pk}")
    assert read.status_code == 200
    body = read.json()
    assert body["status"] == "awaiting" and body["child"] == str(handover.person_id)
    answer = api.post(f"/api/handovers/{handover.pk}/accept", {"version": body["version"]})
    assert answer.status_code == 200, answer.content
    assert answer.json()["status"] == "accepted"
    assert Handover.objects.get(pk=handover.pk).answered_by == early_help_system
    assert IntegrationEvent.objects.filter(type="uk.gov.frontdoor.handover.accepted").count() == 1
    # Accepting again: the record has moved on (a 409), nothing written twice.
    again = api.post(f"/api/handovers/{handover.pk}/accept", {})
    assert again.status_code in (409, 422)
    assert IntegrationEvent.objects.filter(type="uk.gov.frontdoor.handover.accepted").count() == 1


def test_sending_back_needs_a_reason_named_by_its_key(api_as, manager, screener, early_help_system):
    handover = stepped_down(manager, screener)
    api = api_as(early_help_system)
    for body in ({}, {"reason": "   "}):
        answer = api.post(f"/api/handovers/{handover.pk}/return", body)
        assert answer.status_code == 422
        assert answer.json()["detail"][0]["loc"] == ["body", "payload", "reason"]
    assert Handover.objects.get(pk=handover.pk).status == HandoverStatus.AWAITING
    answer = api.post(f"/api/handovers/{handover.pk}/return", {"reason": "Already open to us"})
    assert answer.status_code == 200
    assert answer.json()["status"] == "returned"
    assert answer.json()["return_reason"] == "Already open to us"


def test_another_teams_system_cannot_see_the_handover(
    api_as, manager, screener, make_user, area_team
):
    handover = stepped_down(manager, screener)
    other = make_user("area-system", Role.AREA_WORKER, team=area_team)
    assert api_as(other).get(f"/api/handovers/{handover.pk}").status_code == 404
    assert api_as(other).post(f"/api/handovers/{handover.pk}/accept", {}).status_code == 404


def test_a_referral_to_another_council_reads_with_its_la_number_and_no_team(
    api_as, manager, screener
):
    handover = referred_to_another_council(manager, screener)
    api = api_as(manager)
    body = api.get(f"/api/handovers/{handover.pk}").json()
    assert (body["kind"], body["team"], body["council"]) == ("other_council", None, "383")
    # Nobody at the other council holds an account: no API caller can answer for it.
    answer = api.post(f"/api/handovers/{handover.pk}/accept", {"version": body["version"]})
    assert answer.status_code == 422
    assert Handover.objects.get(pk=handover.pk).status == HandoverStatus.AWAITING


def test_a_decision_by_api_refers_to_another_council_by_its_la_number(api_as, manager, screener):
    from frontdoor.contacts.tests import factories as f

    contact = f.only_child(f.screened(screener))
    api = api_as(manager)
    body = {"outcome": "other_council", "rationale": "Moved to Leeds"}
    missing = api.post(f"/api/contacts/children/{contact.pk}/decision", body)
    assert missing.status_code == 422
    assert "Select the council the child is referred to" in missing.content.decode()
    unknown = api.post(
        f"/api/contacts/children/{contact.pk}/decision", {**body, "other_council": "000"}
    )
    assert unknown.status_code == 422 and "other_council" in unknown.content.decode()
    # A council named for another outcome is a mistake said back, never dropped in silence.
    misplaced = api.post(
        f"/api/contacts/children/{contact.pk}/decision",
        {"outcome": "nfa", "rationale": "No concerns", "other_council": "383"},
    )
    assert misplaced.status_code == 422
    assert "Name a council only for the outcome other_council" in misplaced.content.decode()
    assert "other_council" in misplaced.content.decode()
    done = api.post(
        f"/api/contacts/children/{contact.pk}/decision", {**body, "other_council": "383"}
    )
    assert done.status_code == 200, done.content
    assert Handover.objects.get(decision__contact=contact).council.code == "383"
