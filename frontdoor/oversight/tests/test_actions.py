"""Recording oversight, responding to challenges and completing actions: policy, validation,
append-only rows and the audit events."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from frontdoor.access.models import Role
from frontdoor.audit.models import Event
from frontdoor.oversight import actions
from frontdoor.oversight.models import ChallengeResponse, OversightAction, OversightRecord
from frontdoor.oversight.rules import Kind, Reply, Stage, Verdict
from frontdoor.oversight.tests import factories as s
from frontdoor.workflow.errors import AlreadyRecorded, NotReady, StaleRecord

pytestmark = pytest.mark.django_db


@pytest.fixture
def contact(screener):
    return s.screened_contact(screener)


def test_manager_can_challenge_a_screening_with_an_action(manager, screener, hub_worker, contact):
    record = s.challenge(manager, contact, owner=hub_worker)
    assert record.challenged_user == screener
    assert record.is_challenge
    action = record.actions.get()
    assert (action.owner, action.due_on) == (hub_worker, s.NEXT_WEEK)
    verbs = list(Event.objects.filter(person=contact.person).values_list("verb", flat=True))
    assert verbs[-2:] == ["oversight_recorded", "oversight_action_set"]
    recorded = Event.objects.get(verb="oversight_recorded")
    assert recorded.data["verdict"] == "challenge"
    assert recorded.data["of"] == "alice"
    assert recorded.reason == "Too optimistic"
    assert recorded.contact == contact


def test_manager_cannot_record_oversight_without_a_reason_worded_for_the_verdict(manager, contact):
    for verdict, message in (
        (Verdict.CHALLENGE, "Enter the reason you challenge this decision"),
        (Verdict.AGREE, "Enter the reason you agree with this decision"),
    ):
        with pytest.raises(NotReady) as refused:
            actions.record_oversight(
                by=manager,
                person=contact.person,
                kind=Kind.OVERSIGHT,
                contact=contact,
                stage=Stage.SCREENING,
                verdict=verdict,
                reason="  ",
            )
        assert refused.value.reasons == [message]
    assert not OversightRecord.objects.exists()


def test_manager_cannot_oversee_a_decision_not_yet_made_nor_a_half_filled_action(manager, contact):
    yesterday = timezone.localdate() - timedelta(days=1)
    with pytest.raises(NotReady) as refused:
        actions.record_oversight(
            by=manager,
            person=contact.person,
            kind=Kind.OVERSIGHT,
            contact=contact,
            stage=Stage.DECISION,
            verdict=Verdict.AGREE,
            reason="Right call",
            actions=[actions.ActionToSet("", None, yesterday)],
        )
    assert refused.value.reasons == [
        "This contact has no manager's decision yet: oversee its screening",
        "Enter what needs to happen for action 1",
        "Select who owns action 1",
        "The date action 1 is due must be today or in the future",
    ]


def test_manager_cannot_oversee_their_own_screening(manager):
    contact = s.screened_contact(manager)
    with pytest.raises(NotReady) as refused:
        s.challenge(manager, contact)
    assert refused.value.reasons == ["You cannot oversee your own screening or decision"]


def test_manager_can_record_supervision_without_a_contact(manager, contact):
    record = actions.record_oversight(
        by=manager, person=contact.person, kind=Kind.SUPERVISION, reason="Discussed the plan"
    )
    assert (record.contact, record.verdict, record.challenged_user) == (None, "", None)


def test_screener_cannot_record_oversight(screener, contact):
    with pytest.raises(PermissionDenied):
        s.challenge(screener, contact)


def test_screener_can_respond_and_the_challenge_closes(manager, screener, contact):
    record = s.challenge(manager, contact)
    response = actions.respond_to_challenge(
        by=screener, record=record, reply=Reply.MAINTAIN, explanation="Police checks were clear"
    )
    assert response.reply == Reply.MAINTAIN
    event = Event.objects.get(verb="challenge_responded")
    assert (event.actor, event.reason) == (screener, "Police checks were clear")
    with pytest.raises(AlreadyRecorded):  # their own answer, sent again
        actions.respond_to_challenge(
            by=screener, record=record, reply=Reply.REVISE, explanation="Second thoughts"
        )
    assert ChallengeResponse.objects.count() == 1


def test_a_second_answer_to_an_answered_challenge_is_a_conflict(
    manager, make_user, child_protection_hub
):
    """The worker and their team's manager both had the open challenge in front of them: the
    second to answer is told someone else changed it, and nothing of theirs is saved."""
    worker = make_user("harry", Role.SCREENER, team=child_protection_hub)
    team_manager = make_user("tess", Role.MANAGER, team=child_protection_hub)
    record = s.challenge(manager, s.screened_contact(worker))
    actions.respond_to_challenge(
        by=worker, record=record, reply=Reply.REVISE, explanation="Will revise"
    )
    with pytest.raises(StaleRecord) as late:
        actions.respond_to_challenge(
            by=team_manager, record=record, reply=Reply.MAINTAIN, explanation="Checks clear"
        )
    assert type(late.value) is StaleRecord
    assert ChallengeResponse.objects.get().responded_by == worker


def test_manager_of_the_challenged_team_can_respond_but_another_worker_cannot(
    manager, make_user, child_protection_hub
):
    team_worker = make_user("harry", Role.SCREENER, team=child_protection_hub)
    team_manager = make_user("tess", Role.MANAGER, team=child_protection_hub)
    other = make_user("olly", Role.HUB_WORKER, team=child_protection_hub)
    record = s.challenge(manager, s.screened_contact(team_worker))
    assert record.challenged_team == child_protection_hub
    with pytest.raises(NotReady) as refused:
        actions.respond_to_challenge(
            by=other, record=record, reply=Reply.REVISE, explanation="Will revise"
        )
    assert refused.value.reasons == [
        "Only the person challenged, or a manager of their team, can respond"
    ]
    actions.respond_to_challenge(
        by=team_manager, record=record, reply=Reply.REVISE, explanation="Will revise"
    )


def test_responding_needs_an_explanation_worded_for_the_reply(manager, screener, contact):
    record = s.challenge(manager, contact)
    with pytest.raises(NotReady) as refused:
        actions.respond_to_challenge(by=screener, record=record, reply=Reply.REVISE, explanation="")
    assert refused.value.reasons == ["Enter what you will revise"]


def test_owner_or_a_manager_completes_an_action_once(manager, screener, hub_worker, contact):
    action = s.challenge(manager, contact, owner=hub_worker).actions.get()
    with pytest.raises(NotReady) as refused:
        actions.complete_oversight_action(by=screener, action=action, note="Done")
    assert refused.value.reasons == ["Only the owner of this action, or a manager, can complete it"]
    actions.complete_oversight_action(by=hub_worker, action=action, note="School called")
    event = Event.objects.get(verb="oversight_action_completed")
    assert (event.actor, event.reason) == (hub_worker, "School called")
    with pytest.raises(StaleRecord) as again:  # completed by the owner since Maya read it
        actions.complete_oversight_action(by=manager, action=action, note="Done")
    assert type(again.value) is StaleRecord
    with pytest.raises(AlreadyRecorded):  # the owner's own completion, sent again
        actions.complete_oversight_action(by=hub_worker, action=action, note="School called")


def test_records_are_append_only(manager, hub_worker, contact):
    record = s.challenge(manager, contact, owner=hub_worker)
    record.reason = "Changed afterwards"
    with pytest.raises(RuntimeError, match="append-only"):
        record.save()
    action = OversightAction.objects.get()
    action.description = "Changed"
    with pytest.raises(RuntimeError, match="append-only"):
        action.save()
    assert OversightRecord.objects.get().reason == "Too optimistic"


def test_the_childs_timeline_says_what_oversight_happened(manager, screener, hub_worker, contact):
    from frontdoor.audit.timeline import describe

    record = s.challenge(manager, contact, owner=hub_worker)
    actions.respond_to_challenge(
        by=screener, record=record, reply=Reply.MAINTAIN, explanation="Checked with the school."
    )
    titles = [
        describe(event)
        for event in Event.objects.filter(person=contact.person, verb__in=TIMELINE_VERBS)
    ]
    assert [(t.title, t.detail) for t in titles] == [
        ("Management oversight: challenged the screening", "Actions set: 1 Reason: Too optimistic"),
        (
            "Oversight action set",
            f"Owner: hamid; due {s.NEXT_WEEK:%-d %B %Y}. Reason: Ask the school what Amy has said",
        ),
        ("Challenge answered: explained and maintained", "Reason: Checked with the school."),
    ]


TIMELINE_VERBS = ["oversight_recorded", "oversight_action_set", "challenge_responded"]
