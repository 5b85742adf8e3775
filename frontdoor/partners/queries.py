"""The readers for partner agencies' own submissions, and for feedback to referrers.

A partner agency officer sees the contacts their agency submitted (the professionals' referral
form or the partner API), and nothing else of the MASH's records: another agency's submission,
or a contact the MASH recorded from a phone call, is a 404 (../shared/SECURITY.md, 2). Of their
own submission they see what they sent, an acknowledgement, and, once the MASH has given
feedback, each child's outcome: never the screening, the analysis, the rationale or what any
other agency said.

This is a reader of its own rather than a widening of `contacts.queries.visible_family_contacts`:
every MASH page and API operation is built on that one, and a partner must not reach them.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from django.db.models import Min, Prefetch, QuerySet

from frontdoor.access.policies import can
from frontdoor.access.records import open_record
from frontdoor.audit.models import ViewKind
from frontdoor.contacts.models import Contact, Decision, FamilyContact
from frontdoor.partners.models import ReferrerFeedback
from frontdoor.partners.rules import PROGRESS_COLOURS, Progress, progress

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from frontdoor.access.models import User


def visible_submissions(user: User | AnonymousUser) -> QuerySet[FamilyContact]:
    agency_id = getattr(user, "agency_id", None)
    if can(user, "view_own_submissions") and agency_id is not None:
        return FamilyContact.objects.read_as(user).filter(submitted_by_agency_id=agency_id)
    return FamilyContact.objects.none()


def _children() -> Prefetch[str, QuerySet[Contact], str]:
    return Prefetch(
        "contacts",
        queryset=Contact.objects.select_related("decision", "referrer_feedback").order_by(
            "position"
        ),
    )


def submissions(user: User) -> QuerySet[FamilyContact]:
    """The agency's submissions, newest first."""
    return visible_submissions(user).prefetch_related(_children()).order_by("-received_at")


def get_submission_for(user: User, pk: str | uuid.UUID, *, path: str = "") -> FamilyContact:
    """One of the agency's own submissions; a 404 for anything else. Logged."""
    return open_record(
        user,
        visible_submissions(user).prefetch_related(_children()),
        pk,
        path=path,
        kind=ViewKind.CONTACT,
        logged_as=lambda family: {"family_contact": family},
    )


@dataclass(frozen=True)
class SubmittedChild:
    """One child of a submission, as the referrer's agency may see it."""

    name: str
    date_of_birth: date | None
    progress: Progress
    outcome: str  # the outcome's name, once the MASH has given feedback; otherwise ""
    told_at: datetime | None
    message: str

    @property
    def colour(self) -> str:
        return PROGRESS_COLOURS[self.progress]


def what_the_referrer_sees(family: FamilyContact) -> list[SubmittedChild]:
    children = []
    for contact in family.contacts.all():
        decision: Decision | None = getattr(contact, "decision", None)
        feedback: ReferrerFeedback | None = getattr(contact, "referrer_feedback", None)
        told = feedback is not None and feedback.given_at is not None
        children.append(
            SubmittedChild(
                name=contact.child_name,
                date_of_birth=contact.date_of_birth,
                progress=progress(contact.status, told),
                outcome=decision.get_outcome_display() if told and decision else "",
                told_at=feedback.given_at if told and feedback else None,
                message=feedback.message if told and feedback else "",
            )
        )
    return children


# --- Feedback to referrers, for MASH staff ---------------------------------------------------


def feedback_due(user: User) -> QuerySet[FamilyContact]:
    """Contacts with a referrer still to be told the outcome, the soonest due first. Referrer
    details are blanked for a restricted child the user may not open; no child is named."""
    if not can(user, "record_referrer_feedback"):
        return FamilyContact.objects.none()
    waiting = (
        FamilyContact.objects.read_as(user)
        .filter(referrer_feedback__given_at__isnull=True)
        .distinct()
    )
    return (
        waiting.annotate(feedback_due_at=Min("referrer_feedback__due_at"))
        .select_related("submitted_by_agency", "agency")
        .order_by("feedback_due_at", "received_at")
    )


def feedback_rows(family: FamilyContact) -> QuerySet[ReferrerFeedback]:
    return (
        ReferrerFeedback.objects.filter(family=family)
        .select_related("contact", "decision", "given_by")
        .order_by("contact__position")
    )
