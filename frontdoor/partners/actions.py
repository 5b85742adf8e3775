"""The only writers of feedback to the referrer.

`open_referrer_feedback` is called by `decisions.actions.record_decision`, inside the decision's
transaction, so the clock starts with the decision or not at all. `record_referrer_feedback` is
MASH staff saying the referrer has been told (and what), which shows the outcome to a partner
agency that submitted the contact online.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from frontdoor.access.policies import require
from frontdoor.audit.actions import record_event
from frontdoor.partners.models import ReferrerFeedback
from frontdoor.partners.rules import FeedbackMethod, referrer_identifiable
from frontdoor.timescales.queries import due_at
from frontdoor.workflow.errors import NotReady

if TYPE_CHECKING:
    from frontdoor.access.models import User
    from frontdoor.contacts.models import Contact, Decision, FamilyContact


def open_referrer_feedback(
    *, by: User, contact: Contact, decision: Decision
) -> ReferrerFeedback | None:
    """Start the feedback clock for one decided child, if the referrer can be told."""
    family = contact.family
    if not referrer_identifiable(
        source_code=family.referral_source.code, referrer_name=family.referrer_name
    ):
        return None
    return ReferrerFeedback.objects.create(
        family=family,
        contact=contact,
        decision=decision,
        due_at=due_at("referrer_feedback", decision.decided_at),
    )


def record_referrer_feedback(
    *, by: User, family: FamilyContact, method: str, message: str = ""
) -> list[ReferrerFeedback]:
    """Record that the referrer was told the outcome for every decided child not yet fed back.
    A partner agency that submitted the contact then sees the outcome and this message."""
    require(by, "record_referrer_feedback")
    if method not in FeedbackMethod.values:
        raise NotReady(["Select how the referrer was told"])
    if method == FeedbackMethod.PORTAL and family.submitted_by_agency_id is None:
        raise NotReady(["This contact was not sent online: choose how the referrer was told"])
    rows = list(ReferrerFeedback.objects.filter(family=family, given_at__isnull=True))
    if not rows:
        raise NotReady(["There is no feedback waiting for this contact"])
    now = timezone.now()
    given = []
    with transaction.atomic():
        for row in rows:
            # Compare-and-set: two people recording at once tell the referrer once.
            claimed = ReferrerFeedback.objects.filter(pk=row.pk, given_at__isnull=True).update(
                given_at=now, given_by=by, method=method, message=message.strip()
            )
            if claimed != 1:
                continue
            row.refresh_from_db()
            record_event(
                actor=by,
                verb="referrer_feedback_given",
                family_contact=family,
                contact=row.contact,
                data={
                    "method": method,
                    "method_label": FeedbackMethod(method).label,
                    "due_at": row.due_at.isoformat(),
                    "on_time": now <= row.due_at,
                },
            )
            given.append(row)
        if given and family.submitted_by_agency_id is not None:
            transaction.on_commit(partial(_tell_agency, str(family.pk)))
    return given


def _tell_agency(family_id: str) -> None:
    from frontdoor.partners.tasks import tell_agency_about_feedback

    tell_agency_about_feedback.enqueue(family_id)
