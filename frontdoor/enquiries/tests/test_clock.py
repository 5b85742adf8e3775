"""The clock on an enquiry: chased once when overdue (the agency's mailbox), escalated once to the
agency's lead after the second interval, each notification a link with no personal data, sent
after the commit. The sweep drives it; tests drive the sweep with a moment, never with sleep."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import time_machine
from django.core.management import call_command

from frontdoor.audit.models import Event, Severity
from frontdoor.enquiries import actions
from frontdoor.enquiries.models import Enquiry
from frontdoor.enquiries.queries import family_enquiries
from frontdoor.enquiries.tests import factories as ef
from frontdoor.enquiries.workflow import Glance

pytestmark = pytest.mark.django_db

# Monday 2 March 2026 (GMT): a red enquiry sent at 10:00 is due at 14:00.
SENT = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
DUE = datetime(2026, 3, 2, 14, 0, tzinfo=UTC)
CHASE = datetime(2026, 3, 2, 14, 30, tzinfo=UTC)
# 4 working hours after the chase: 2.5 hours on Monday, 1.5 on Tuesday.
ESCALATE_AT = datetime(2026, 3, 3, 10, 30, tzinfo=UTC)


@pytest.fixture
def overdue(manager, child_protection_hub, health_agency) -> Enquiry:
    health_agency.mailbox = "mash-requests@health.example"
    health_agency.lead_email = "safeguarding-lead@health.example"
    health_agency.save()
    with time_machine.travel(SENT, tick=False):
        return ef.sent(manager, child_protection_hub, health_agency, rag="red")


def _no_personal_data(text: str) -> None:
    for personal in ("Amy", "Smith", "WX1", "frightened", "2019"):
        assert personal not in text


def test_a_request_in_time_is_not_chased(overdue):
    assert actions.chase_overdue_enquiries(now=DUE) == 0
    assert Enquiry.objects.get().chased_at is None


def test_an_overdue_request_is_chased_once_by_the_agency_mailbox(
    overdue, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert actions.chase_overdue_enquiries(now=CHASE) == 1
        assert actions.chase_overdue_enquiries(now=CHASE) == 0
    enquiry = Enquiry.objects.get()
    assert (enquiry.chased_at, enquiry.escalate_at, enquiry.escalated_at) == (
        CHASE,
        ESCALATE_AT,
        None,
    )
    (mail,) = mailoutbox
    assert mail.to == ["mash-requests@health.example"]
    assert "overdue" in mail.subject
    assert f"/partners/requests/{enquiry.pk}/" in mail.body
    _no_personal_data(mail.subject + mail.body)
    event = Event.objects.get(verb="enquiry_chased")
    assert event.actor is None
    assert event.data["escalate_at"] == ESCALATE_AT.isoformat()


def test_a_rolled_back_chase_tells_no_one(overdue, mailoutbox, django_capture_on_commit_callbacks):
    # Callbacks captured but not run stand for a transaction that never committed.
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        actions.chase_overdue_enquiries(now=CHASE)
    assert len(callbacks) == 1
    assert mailoutbox == []


def test_a_chased_request_is_escalated_to_the_lead_only_after_the_second_interval(
    overdue, mailoutbox, django_capture_on_commit_callbacks
):
    actions.chase_overdue_enquiries(now=CHASE)
    assert actions.escalate_chased_enquiries(now=datetime(2026, 3, 3, 10, 0, tzinfo=UTC)) == 0
    later = datetime(2026, 3, 3, 10, 31, tzinfo=UTC)
    with django_capture_on_commit_callbacks(execute=True):
        assert actions.escalate_chased_enquiries(now=later) == 1
        assert actions.escalate_chased_enquiries(now=later) == 0
    assert Enquiry.objects.get().escalated_at == later
    (mail,) = mailoutbox
    assert mail.to == ["safeguarding-lead@health.example"]
    assert mail.subject.startswith("Escalation")
    _no_personal_data(mail.subject + mail.body)
    event = Event.objects.get(verb="enquiry_escalated")
    assert event.severity == Severity.HIGH


def test_an_answered_request_is_neither_chased_nor_escalated(overdue, health_partner):
    with time_machine.travel(DUE, tick=False):
        ef.answered(health_partner, overdue)
    assert actions.chase_overdue_enquiries(now=CHASE) == 0
    assert actions.escalate_chased_enquiries(now=ESCALATE_AT) == 0


def test_an_agency_with_no_mailbox_is_chased_without_an_email(
    overdue, mailoutbox, django_capture_on_commit_callbacks
):
    overdue.agency.mailbox = ""
    overdue.agency.save()
    with django_capture_on_commit_callbacks(execute=True):
        assert actions.chase_overdue_enquiries(now=CHASE) == 1
    assert mailoutbox == []
    assert Event.objects.get(verb="enquiry_chased").data["mailbox"] is False


def test_the_sweep_chases_and_then_escalates(overdue, capsys):
    with time_machine.travel(CHASE, tick=False):
        call_command("sweep")
    assert "Enquiries chased: 1" in capsys.readouterr().out
    assert Enquiry.objects.get().escalated_at is None
    with time_machine.travel(datetime(2026, 3, 3, 11, 0, tzinfo=UTC), tick=False):
        call_command("sweep")
    assert "Enquiries escalated: 1" in capsys.readouterr().out
    assert Enquiry.objects.get().escalated_at is not None


def _glances(user, family):
    return {s.enquiry.agency.name: s.glance for s in family_enquiries(user, family)}


def test_hub_sees_each_agencys_status_at_a_glance(
    manager, police_partner, child_protection_hub, police_agency, health_agency
):
    with time_machine.travel(SENT, tick=False):
        family = ef.in_hub_with_consent(manager, child_protection_hub)
        sent = ef.send(manager, family, [police_agency, health_agency])
        (police,) = [e for e in sent if e.agency == police_agency]
        assert _glances(manager, family) == {
            police_agency.name: Glance.SENT,
            health_agency.name: Glance.SENT,
        }
    with time_machine.travel(DUE, tick=False):
        ef.answered(police_partner, police)
    with time_machine.travel(datetime(2026, 3, 2, 14, 10, tzinfo=UTC), tick=False):
        assert _glances(manager, family)[health_agency.name] == Glance.OVERDUE
    with time_machine.travel(CHASE, tick=False):
        actions.chase_overdue_enquiries()
        assert _glances(manager, family)[health_agency.name] == Glance.CHASED
    with time_machine.travel(datetime(2026, 3, 3, 11, 0, tzinfo=UTC), tick=False):
        actions.escalate_chased_enquiries()
        assert _glances(manager, family) == {
            police_agency.name: Glance.ANSWERED,
            health_agency.name: Glance.ESCALATED,
        }
