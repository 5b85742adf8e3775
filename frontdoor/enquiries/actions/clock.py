"""The clock: chasing overdue enquiries and escalating them, once each, by `manage.py sweep`.

Each takes the moment to act as (`now`), so the sweep, a test or a browser journey can drive the
clock without waiting. The kernel's `claim_each` claims each enquiry with a conditional UPDATE,
so two sweeps at once chase and escalate it once.
"""

from __future__ import annotations

from datetime import datetime
from functools import partial

from django.db import transaction
from django.utils import timezone

from frontdoor.audit.actions import record_event
from frontdoor.audit.models import Severity
from frontdoor.enquiries.actions.notify import enqueue_after_commit
from frontdoor.enquiries.models import Enquiry
from frontdoor.enquiries.workflow import EnquiryStatus
from frontdoor.timescales.queries import due_at
from frontdoor.workflow.compare_and_set import claim_each


def chase_overdue_enquiries(*, now: datetime | None = None) -> int:
    """Chase each unanswered enquiry past its due time, once: a notification to the agency's
    mailbox, and the second clock (timescale enquiry_escalation) stored. Run by `manage.py
    sweep`; the conditional UPDATE means two sweeps at once chase each enquiry once."""
    moment = now or timezone.now()
    overdue = Enquiry.objects.filter(
        status=EnquiryStatus.SENT, due_at__lt=moment, chased_at__isnull=True
    ).select_related("agency", "family")

    def chased(enquiry: Enquiry) -> None:
        record_event(
            actor=None,
            verb="enquiry_chased",
            family_contact=enquiry.family,
            data={
                "enquiry": str(enquiry.pk),
                "agency": enquiry.agency.name,
                "due_at": enquiry.due_at.isoformat(),
                "escalate_at": enquiry.escalate_at.isoformat() if enquiry.escalate_at else "",
                "mailbox": bool(enquiry.agency.mailbox),
            },
        )
        transaction.on_commit(
            partial(enqueue_after_commit, "tell_agency_an_enquiry_is_overdue", enquiry.pk)
        )

    return claim_each(
        overdue,
        where={"status": EnquiryStatus.SENT, "chased_at__isnull": True},
        changes=lambda _: {
            "chased_at": moment,
            "escalate_at": due_at("enquiry_escalation", moment),
        },
        then=chased,
    )


def escalate_chased_enquiries(*, now: datetime | None = None) -> int:
    """Escalate each chased enquiry still unanswered after the second interval to the agency's
    lead, once. A high-severity event, and a notification with a link only."""
    moment = now or timezone.now()
    overdue = Enquiry.objects.filter(
        status=EnquiryStatus.SENT, escalate_at__lt=moment, escalated_at__isnull=True
    ).select_related("agency", "family")

    def escalated(enquiry: Enquiry) -> None:
        record_event(
            actor=None,
            verb="enquiry_escalated",
            family_contact=enquiry.family,
            severity=Severity.HIGH,
            data={
                "enquiry": str(enquiry.pk),
                "agency": enquiry.agency.name,
                "due_at": enquiry.due_at.isoformat(),
                "lead": bool(enquiry.agency.lead_email),
            },
        )
        transaction.on_commit(
            partial(enqueue_after_commit, "tell_agency_lead_an_enquiry_is_escalated", enquiry.pk)
        )

    return claim_each(
        overdue,
        where={"status": EnquiryStatus.SENT, "escalated_at__isnull": True},
        changes=lambda _: {"escalated_at": moment},
        then=escalated,
    )
