"""Case to the council's main case system (issue 18): every referral is handed to the main
system when the council has connected one, and the main system's service account accepts it or
sends it back through the acknowledgement API, on the same clock as any handover."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse

from frontdoor.access.models import Role
from frontdoor.audit.models import Event, Severity
from frontdoor.child_record.chronology import chronology
from frontdoor.contacts.tests import factories as f
from frontdoor.contacts.workflow import Outcome
from frontdoor.decisions import actions as decision_actions
from frontdoor.handovers import actions
from frontdoor.handovers.models import Handover
from frontdoor.handovers.queries import handovers_of, not_yet_received, sent_back
from frontdoor.handovers.tests.factories import stepped_down
from frontdoor.handovers.workflow import HandoverKind, HandoverStatus
from frontdoor.outbox.models import IntegrationEvent
from frontdoor.teams.models import Team, TeamKind
from frontdoor.timescales.queries import due_at
from frontdoor.workflow.errors import NotReady

pytestmark = pytest.mark.django_db


@pytest.fixture
def main_system(db):
    return Team.objects.create(
        name="Case management system (Mosaic)", slug="mosaic", kind=TeamKind.MAIN_SYSTEM
    )


@pytest.fixture
def main_system_account(make_user, main_system):
    return make_user("mosaic", Role.AREA_WORKER, team=main_system, is_service_account=True)


@pytest.fixture
def mash_manager(make_user):
    return make_user("mina", Role.MANAGER, email="mina@example.org")


def referred(manager, screener, area_team, first="Cal") -> Handover:
    contact = f.only_child(f.screened(screener, children=[f.child(first, "Nowak")]))
    decision_actions.record_decision(
        by=manager,
        contacts=[contact],
        details=decision_actions.DecisionDetails(
            outcome=Outcome.ASSESSMENT,
            rationale="Needs a child and family assessment",
            see_by=decision_actions.timezone.now() + timedelta(days=3),
            see_by_team=area_team,
        ),
    )
    return Handover.objects.get(decision__contact=contact, kind=HandoverKind.MAIN_SYSTEM)


def test_a_referral_is_handed_to_the_main_system_as_well_as_the_area_team(
    manager, screener, area_team, main_system
):
    handover = referred(manager, screener, area_team)
    assert handover.team == main_system
    assert handover.status == HandoverStatus.AWAITING
    assert handover.due_at == due_at("handover_receipt", handover.handed_over_at)
    kinds = set(Handover.objects.filter(decision=handover.decision).values_list("kind", flat=True))
    assert kinds == {HandoverKind.TRANSFER, HandoverKind.MAIN_SYSTEM}
    event = Event.objects.get(verb="handover_opened", data__handover=str(handover.pk))
    assert event.data["kind"] == "main_system"
    opened = IntegrationEvent.objects.filter(type="uk.gov.frontdoor.handover.opened")
    assert {e.data["kind"] for e in opened} == {"transfer", "main_system"}
    assert handover in list(not_yet_received(manager))
    assert handover in list(handovers_of(manager, handover.person))


def test_no_main_system_handover_without_a_connected_main_system_or_a_referral(
    manager, screener, area_team, main_system
):
    stepped = stepped_down(manager, screener)
    assert not Handover.objects.filter(
        decision=stepped.decision, kind=HandoverKind.MAIN_SYSTEM
    ).exists()
    main_system.active = False
    main_system.save()
    contact = f.only_child(f.screened(screener, children=[f.child("Dan", "Nowak")]))
    decision_actions.record_decision(
        by=manager,
        contacts=[contact],
        details=decision_actions.DecisionDetails(
            outcome=Outcome.ASSESSMENT,
            rationale="Needs a child and family assessment",
            see_by=decision_actions.timezone.now() + timedelta(days=3),
            see_by_team=area_team,
        ),
    )
    assert not Handover.objects.filter(kind=HandoverKind.MAIN_SYSTEM).exists()


def test_the_main_system_acknowledges_through_the_api(
    api_as, manager, screener, area_team, main_system_account
):
    handover = referred(manager, screener, area_team)
    api = api_as(main_system_account)
    read = api.get(f"/api/handovers/{handover.pk}")
    assert read.status_code == 200
    assert read.json()["kind"] == "main_system"
    answer = api.post(f"/api/handovers/{handover.pk}/accept", {"version": read.json()["version"]})
    assert answer.status_code == 200, answer.content
    assert answer.json()["status"] == "accepted"
    handover.refresh_from_db()
    assert handover.answered_by == main_system_account
    assert handover not in list(not_yet_received(manager))
    assert IntegrationEvent.objects.filter(type="uk.gov.frontdoor.handover.accepted").count() == 1
    entries = [e.title for e in chronology(handover.person)]
    name = handover.team.name
    assert f"Handed over to {name}" in entries and f"Received by {name}" in entries


def test_the_main_system_sends_a_case_back_and_the_manager_hands_it_over_again(
    api_as, manager, screener, area_team, main_system, main_system_account
):
    handover = referred(manager, screener, area_team)
    api = api_as(main_system_account)
    answer = api.post(
        f"/api/handovers/{handover.pk}/return", {"reason": "Already open to a social worker"}
    )
    assert answer.status_code == 200, answer.content
    handover.refresh_from_db()
    assert handover.status == HandoverStatus.RETURNED
    assert handover.return_reason == "Already open to a social worker"
    assert handover in list(sent_back(manager))
    assert IntegrationEvent.objects.filter(type="uk.gov.frontdoor.handover.returned").count() == 1
    again = actions.resend_handover(by=manager, handover=handover, team=main_system)
    assert again.kind == HandoverKind.MAIN_SYSTEM and again.status == HandoverStatus.AWAITING


def test_another_system_cannot_acknowledge_the_main_systems_handover(
    api_as, manager, screener, area_team, main_system, make_user
):
    handover = referred(manager, screener, area_team)
    area_system = make_user("area-system", Role.AREA_WORKER, team=area_team)
    assert api_as(area_system).get(f"/api/handovers/{handover.pk}").status_code == 404
    with pytest.raises(NotReady):
        actions.accept_handover(by=area_system, handover=handover)


def test_an_unacknowledged_case_is_chased_then_escalated_to_the_mash_managers(
    manager,
    screener,
    area_team,
    main_system_account,
    mash_manager,
    django_capture_on_commit_callbacks,
):
    handover = referred(manager, screener, area_team)
    mail.outbox.clear()
    after_due = handover.due_at + timedelta(minutes=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert actions.chase_unreceived_handovers(now=after_due) == 2  # the area team's too
    handover.refresh_from_db()
    assert handover.chased_at == after_due
    chased = [m for m in mail.outbox if "Case management system" in m.subject]
    assert chased and all(m.to == ["mina@example.org"] for m in chased)
    assert IntegrationEvent.objects.filter(type="uk.gov.frontdoor.handover.chased").count() == 2
    mail.outbox.clear()
    later = handover.escalate_at + timedelta(minutes=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert actions.escalate_chased_handovers(now=later) == 2
    escalated = Event.objects.get(verb="handover_escalated", data__handover=str(handover.pk))
    assert escalated.severity == Severity.HIGH
    assert any(m.to == ["mina@example.org"] for m in mail.outbox)
    assert IntegrationEvent.objects.filter(type="uk.gov.frontdoor.handover.escalated").count() == 2


def test_the_mash_manager_sees_the_case_awaiting_the_main_system_and_can_resend_it(
    client, api_as, manager, screener, area_team, main_system, main_system_account
):
    handover = referred(manager, screener, area_team)
    client.force_login(manager)
    overview = client.get(reverse("oversight:overview")).content.decode()
    assert "Handed over, not yet received" in overview and main_system.name in overview
    child = client.get(reverse("people:child", args=[handover.person.pk])).content.decode()
    assert "Case to the main case system" in child and main_system.name in child
    api_as(main_system_account).post(
        f"/api/handovers/{handover.pk}/return", {"reason": "Already open to a social worker"}
    )
    overview = client.get(reverse("oversight:overview")).content.decode()
    assert "Already open to a social worker" in overview
    url = reverse("handovers:resend", args=[handover.pk])
    assert main_system.name in client.get(url).content.decode()
    done = client.post(url, {"version": handover.version + 1, "team": main_system.pk})
    assert done.status_code == 302, done.content
    assert Handover.objects.filter(
        kind=HandoverKind.MAIN_SYSTEM, status=HandoverStatus.AWAITING
    ).exists()
