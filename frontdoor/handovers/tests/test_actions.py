"""Handovers: opened by the decision in its transaction, received or sent back by the receiving
team only, handed over again by the MASH manager, and chased then escalated when unanswered."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from frontdoor.access.models import Role
from frontdoor.audit.models import Event, Severity
from frontdoor.child_record.chronology import chronology
from frontdoor.contacts.models import Decision
from frontdoor.contacts.tests import factories as f
from frontdoor.contacts.workflow import Outcome
from frontdoor.decisions import actions as decision_actions
from frontdoor.handovers import actions
from frontdoor.handovers.models import Handover
from frontdoor.handovers.queries import not_yet_received, sent_back, team_handovers
from frontdoor.handovers.tests.factories import stepped_down, transferred
from frontdoor.handovers.workflow import HandoverKind, HandoverStatus
from frontdoor.teams.models import Team, TeamKind
from frontdoor.timescales.queries import due_at
from frontdoor.workflow.errors import IllegalTransition, NotReady

pytestmark = pytest.mark.django_db


@pytest.fixture
def early_help():
    return Team.objects.get(kind=TeamKind.EARLY_HELP, slug="early-help")


@pytest.fixture
def early_help_manager(make_user, early_help):
    return make_user("erin", Role.MANAGER, team=early_help, email="erin@example.org")


@pytest.fixture
def area_worker(make_user, area_team):
    return make_user("sam", Role.AREA_WORKER, team=area_team, email="sam@example.org")


def test_a_step_down_opens_a_handover_to_early_help_with_its_receipt_clock(
    manager, screener, early_help
):
    handover = stepped_down(manager, screener)
    assert handover.kind == HandoverKind.STEP_DOWN
    assert handover.team == early_help
    assert handover.status == HandoverStatus.AWAITING
    assert handover.due_at == due_at("handover_receipt", handover.handed_over_at)
    event = Event.objects.get(verb="handover_opened", person=handover.person)
    assert event.actor == manager
    assert event.data["team"] == "Early help"
    assert list(not_yet_received(manager)) == [handover]


def test_a_transfer_to_an_area_team_opens_a_handover(manager, screener, area_team):
    handover = transferred(manager, screener, area_team)
    assert (handover.kind, handover.team) == (HandoverKind.TRANSFER, area_team)


def test_a_decision_that_keeps_the_child_in_the_mash_opens_no_handover(
    manager, screener, child_protection_hub
):
    contact = f.only_child(f.screened(screener))
    decision_actions.record_decision(
        by=manager,
        contacts=[contact],
        details=decision_actions.DecisionDetails(
            outcome=Outcome.STRATEGY_DISCUSSION,
            rationale="Strategy discussion held by the hub",
            see_by=timezone.now() + timedelta(days=1),
            see_by_team=child_protection_hub,
        ),
    )
    assert not Handover.objects.exists()


def test_no_handover_without_its_decision_when_the_decision_fails(
    manager, screener, early_help, monkeypatch
):
    """The handover is written in the decision's transaction: a failure after it leaves
    neither the decision nor the handover."""
    contact = f.only_child(f.screened(screener))

    def fail(**kwargs):
        raise RuntimeError("the referrer's feedback clock could not start")

    monkeypatch.setattr(decision_actions, "open_referrer_feedback", fail)
    with pytest.raises(RuntimeError):
        decision_actions.record_decision(
            by=manager,
            contacts=[contact],
            details=decision_actions.DecisionDetails(
                outcome=Outcome.EARLY_HELP, rationale="Parenting support"
            ),
        )
    assert not Decision.objects.filter(contact=contact).exists()
    assert not Handover.objects.exists()
    assert not Event.objects.filter(verb="handover_opened").exists()


def test_a_step_down_is_refused_when_no_early_help_team_is_set_up(manager, screener, early_help):
    Team.objects.filter(pk=early_help.pk).update(active=False)
    contact = f.only_child(f.screened(screener))
    with pytest.raises(NotReady) as refused:
        decision_actions.record_decision(
            by=manager,
            contacts=[contact],
            details=decision_actions.DecisionDetails(
                outcome=Outcome.EARLY_HELP, rationale="Parenting support"
            ),
        )
    assert "No early help team" in str(refused.value)


def test_the_receiving_team_can_accept_the_child(manager, screener, early_help_manager):
    handover = stepped_down(manager, screener)
    assert list(team_handovers(early_help_manager)) == [handover]
    actions.accept_handover(by=early_help_manager, handover=handover, version=handover.version)
    handover.refresh_from_db()
    assert handover.status == HandoverStatus.ACCEPTED
    assert handover.answered_by == early_help_manager
    assert Event.objects.get(verb="handover_accepted").data["within_time"] is True
    assert list(not_yet_received(manager)) == []
    entries = [e.title for e in chronology(handover.person)]
    assert "Handed over to Early help" in entries and "Received by Early help" in entries


def test_another_team_cannot_receive_the_child(manager, screener, area_worker):
    handover = stepped_down(manager, screener)
    with pytest.raises(NotReady):
        actions.accept_handover(by=area_worker, handover=handover)
    handover.refresh_from_db()
    assert handover.status == HandoverStatus.AWAITING


def test_a_screener_cannot_receive_a_child(manager, screener):
    handover = stepped_down(manager, screener)
    with pytest.raises(PermissionDenied):
        actions.accept_handover(by=screener, handover=handover)


def test_the_receiving_team_can_send_the_child_back_with_a_reason(
    manager, screener, area_team, area_worker
):
    handover = transferred(manager, screener, area_team)
    with pytest.raises(NotReady):
        actions.return_handover(by=area_worker, handover=handover, reason=" ")
    mail.outbox.clear()
    actions.return_handover(
        by=area_worker, handover=handover, reason="The family moved to Wessex last month"
    )
    handover.refresh_from_db()
    assert handover.status == HandoverStatus.RETURNED
    assert handover.return_reason == "The family moved to Wessex last month"
    assert Event.objects.get(verb="handover_returned").reason == handover.return_reason
    assert list(sent_back(manager)) == [handover]
    with pytest.raises(IllegalTransition):
        actions.accept_handover(by=area_worker, handover=handover)


def test_the_manager_can_hand_a_child_sent_back_over_again(
    manager, screener, area_team, area_worker, early_help
):
    handover = transferred(manager, screener, area_team)
    actions.return_handover(by=area_worker, handover=handover, reason="Needs early help instead")
    new = actions.resend_handover(by=manager, handover=handover, team=early_help)
    handover.refresh_from_db()
    assert handover.status == HandoverStatus.RESENT and handover.resent_as == new
    assert (new.status, new.team, new.kind) == (
        HandoverStatus.AWAITING,
        early_help,
        HandoverKind.STEP_DOWN,
    )
    assert list(sent_back(manager)) == []
    assert list(not_yet_received(manager)) == [new]
    with pytest.raises(PermissionDenied):
        actions.resend_handover(by=area_worker, handover=new, team=area_team)


def test_an_unanswered_handover_is_chased_then_escalated_once_each(
    manager, screener, early_help_manager
):
    handover = stepped_down(manager, screener)
    assert actions.chase_unreceived_handovers(now=handover.due_at - timedelta(minutes=1)) == 0
    mail.outbox.clear()
    after_due = handover.due_at + timedelta(minutes=1)
    with_commit = actions.chase_unreceived_handovers(now=after_due)
    assert with_commit == 1
    assert actions.chase_unreceived_handovers(now=after_due) == 0
    handover.refresh_from_db()
    assert handover.chased_at == after_due
    assert handover.escalate_at == due_at("handover_escalation", after_due)
    assert Event.objects.filter(verb="handover_chased", person=handover.person).count() == 1
    assert actions.escalate_chased_handovers(now=handover.escalate_at - timedelta(minutes=1)) == 0
    later = handover.escalate_at + timedelta(minutes=1)
    assert actions.escalate_chased_handovers(now=later) == 1
    assert actions.escalate_chased_handovers(now=later) == 0
    escalated = Event.objects.get(verb="handover_escalated", person=handover.person)
    assert escalated.severity == Severity.HIGH
    handover.refresh_from_db()
    assert handover.escalated_at == later


def test_a_received_handover_is_never_chased(manager, screener, early_help_manager):
    handover = stepped_down(manager, screener)
    actions.accept_handover(by=early_help_manager, handover=handover)
    assert actions.chase_unreceived_handovers(now=handover.due_at + timedelta(days=5)) == 0


def test_early_help_worker_can_step_a_received_child_up_to_the_mash_with_the_history(
    manager, screener, make_user, early_help
):
    from frontdoor.contacts.models import Contact
    from frontdoor.contacts.workflow import Status

    eve = make_user("eve", Role.EARLY_HELP_WORKER, team=early_help)
    handover = stepped_down(manager, screener)
    with pytest.raises(IllegalTransition):
        actions.step_up(by=eve, handover=handover, what_changed="New worries")
    actions.accept_handover(by=eve, handover=handover)
    with pytest.raises(NotReady):
        actions.step_up(by=eve, handover=handover, what_changed="  ")
    family = actions.step_up(
        by=eve, handover=handover, what_changed="Mum's new partner has moved in"
    )
    handover.refresh_from_db()
    assert handover.status == HandoverStatus.STEPPED_UP
    contact = Contact.objects.get(family=family)
    assert contact.person == handover.person  # linked: nobody searches for the child again
    assert contact.status == Status.AWAITING_SCREENING
    assert family.referral_source.code == "5D"
    assert "Mum's new partner has moved in" in family.narrative
    assert "Parenting support will meet the family's needs" in family.narrative  # the history
    assert "Received by Eve" in family.narrative
    assert Event.objects.filter(verb="stepped_up", person=handover.person).exists()


def test_an_area_worker_cannot_step_a_child_up(manager, screener, area_team, area_worker):
    handover = transferred(manager, screener, area_team)
    actions.accept_handover(by=area_worker, handover=handover)
    with pytest.raises(PermissionDenied):
        actions.step_up(by=area_worker, handover=handover, what_changed="Worse")
