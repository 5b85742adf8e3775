"""The transactional outbox (ADR 0029): every published audit event has exactly one integration
event, written in the same transaction, and neither survives without the other."""

from __future__ import annotations

import pytest

from frontdoor.audit.models import Event
from frontdoor.handovers import actions as handover_actions
from frontdoor.handovers.models import Handover
from frontdoor.handovers.tests.factories import stepped_down
from frontdoor.handovers.workflow import HandoverStatus
from frontdoor.outbox.envelope import envelope
from frontdoor.outbox.models import IntegrationEvent
from frontdoor.outbox.types import PUBLISHED

pytestmark = pytest.mark.django_db


@pytest.fixture
def early_help_worker(make_user):
    from frontdoor.access.models import Role
    from frontdoor.teams.models import Team, TeamKind

    team = Team.objects.get(kind=TeamKind.EARLY_HELP, slug="early-help")
    return make_user("eve", Role.EARLY_HELP_WORKER, team=team)


def _pairs_match() -> None:
    """Each published audit event has exactly one integration event, and each integration event
    one audit event."""
    published = set(Event.objects.filter(verb__in=PUBLISHED).values_list("pk", flat=True))
    outbox = list(IntegrationEvent.objects.values_list("audit_event_id", flat=True))
    assert len(outbox) == len(set(outbox))
    assert set(outbox) == published


def test_a_step_down_writes_its_events_in_order_with_the_child(manager, screener):
    handover = stepped_down(manager, screener)
    types = list(IntegrationEvent.objects.order_by("txid", "id").values_list("type", flat=True))
    assert types[-2:] == ["uk.gov.frontdoor.contact.decided", "uk.gov.frontdoor.handover.opened"]
    assert "uk.gov.frontdoor.contact.received" in types
    assert "uk.gov.frontdoor.contact.screened" in types
    opened = IntegrationEvent.objects.get(type="uk.gov.frontdoor.handover.opened")
    assert opened.person_id == handover.person_id
    assert opened.data["handover"] == str(handover.pk)
    assert opened.data["kind"] == "step_down"
    _pairs_match()


def test_the_envelope_is_cloudevents_with_ids_and_no_names(manager, screener):
    handover = stepped_down(manager, screener, first="Quintessa")
    body = envelope(IntegrationEvent.objects.get(type="uk.gov.frontdoor.handover.opened"))
    assert body["specversion"] == "1.0"
    assert body["type"] == "uk.gov.frontdoor.handover.opened"
    assert body["subject"] == f"children/{handover.person_id}"
    assert body["partitionkey"] == str(handover.person_id)
    assert body["datacontenttype"] == "application/json"
    assert body["time"].endswith("Z")
    assert body["data"]["child"] == str(handover.person_id)
    assert body["data"]["contact"] == str(handover.decision.contact_id)
    text = str(body)
    # The child's name, the rationale and the team's name stay inside Frontdoor.
    assert "Quintessa" not in text and "Okafor" not in text and "Parenting" not in text


def test_an_unpublished_verb_writes_no_integration_event(manager, screener):
    from frontdoor.audit.actions import record_event

    record_event(actor=manager, verb="chronology_printed")
    assert not IntegrationEvent.objects.exists()


def test_a_change_rolled_back_inside_the_action_leaves_no_event(
    manager, screener, early_help_worker, monkeypatch
):
    handover = stepped_down(manager, screener)
    before = IntegrationEvent.objects.count()

    def notices_fail(*args, **kwargs):
        raise RuntimeError("the notice could not be queued")

    # Sending back tells the MASH managers inside its transaction, after the audit event: make
    # that fail, and the whole action rolls back, its audit and integration events with it.
    monkeypatch.setattr(handover_actions, "_tell_mash_managers", notices_fail)
    with pytest.raises(RuntimeError):
        handover_actions.return_handover(
            by=early_help_worker, handover=handover, reason="Not known to early help"
        )
    handover.refresh_from_db()
    assert handover.status == HandoverStatus.AWAITING
    assert not Event.objects.filter(verb="handover_returned").exists()
    assert IntegrationEvent.objects.count() == before
    _pairs_match()


def test_an_event_that_cannot_be_written_stops_the_change(
    manager, screener, early_help_worker, monkeypatch
):
    handover = stepped_down(manager, screener)

    def outbox_fails(rows):
        list(rows)
        raise RuntimeError("the outbox is unavailable")

    monkeypatch.setattr("frontdoor.audit.actions.publish", outbox_fails)
    with pytest.raises(RuntimeError):
        handover_actions.accept_handover(by=early_help_worker, handover=handover)
    assert Handover.objects.get(pk=handover.pk).status == HandoverStatus.AWAITING
    assert not Event.objects.filter(verb="handover_accepted").exists()
    _pairs_match()


def test_accepting_and_returning_publish_their_events(manager, screener, early_help_worker):
    first = stepped_down(manager, screener, first="Amy")
    second = stepped_down(manager, screener, first="Bea")
    handover_actions.accept_handover(by=early_help_worker, handover=first)
    handover_actions.return_handover(by=early_help_worker, handover=second, reason="Moved away")
    accepted = IntegrationEvent.objects.get(type="uk.gov.frontdoor.handover.accepted")
    returned = IntegrationEvent.objects.get(type="uk.gov.frontdoor.handover.returned")
    assert accepted.person_id == first.person_id
    assert returned.person_id == second.person_id
    # The reason is free text: it stays behind the API's access rules.
    assert "Moved away" not in str(returned.data)
    _pairs_match()
