"""The readers of consent, enquiries, answers and attachments: who sees what.

- MASH staff who work contacts (`view_enquiries`) see every enquiry, subject to restricted
  records (a restricted child's enquiries are refused like the contact itself).
- A partner agency officer sees only the enquiries addressed to their own agency, and their
  agency's answers to them. Anything else is a 404 (../shared/SECURITY.md, 2).
- Everyone else sees none.

Lists never carry a child's name (only the contact's reference and the agency), so no list here
can show a restricted child to someone not on the allow-list.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from frontdoor.access.policies import can
from frontdoor.access.records import open_record
from frontdoor.audit.models import ViewKind
from frontdoor.contacts.models import FamilyContact
from frontdoor.enquiries.actions.sending import WITH_THE_HUB
from frontdoor.enquiries.models import Attachment, Consent, Enquiry, ListedReason, ReasonList
from frontdoor.enquiries.workflow import (
    ConsentStatus,
    EnquiryStatus,
    Glance,
    glance,
    send_blockers,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from frontdoor.access.models import User


def visible_enquiries(user: User | AnonymousUser) -> QuerySet[Enquiry]:
    enquiries = Enquiry.objects.read_as(user)
    if can(user, "view_enquiries"):
        return enquiries
    agency_id = getattr(user, "agency_id", None)
    if can(user, "view_partner_requests") and agency_id is not None:
        return enquiries.filter(agency_id=agency_id)
    return Enquiry.objects.none()


def _attachments_without_content() -> Prefetch[str, QuerySet[Attachment], str]:
    # A list of files never loads the files themselves.
    return Prefetch("answer__attachments", queryset=Attachment.objects.defer("content"))


def get_enquiry_for(user: User, pk: str | uuid.UUID, *, path: str = "") -> Enquiry:
    """One enquiry, with its answer; a 404 if the user may not see it. Logged as a view of the
    contact it is about (it names the children). An enquiry about a restricted child opens for
    a partner's officer only if they are on the child's allow-list, like anyone else."""
    enquiries = (
        visible_enquiries(user)
        .select_related(
            "agency", "lawful_basis", "sent_by", "family", "answer", "answer__answered_by"
        )
        .prefetch_related(_attachments_without_content())
    )
    return open_record(
        user,
        enquiries,
        pk,
        path=path,
        kind=ViewKind.CONTACT,
        logged_as=lambda enquiry: {"family_contact": enquiry.family},
    )


def get_attachment_for(user: User, pk: str | uuid.UUID, *, path: str = "") -> Attachment:
    """A file attached to an answer, for download; a 404 unless the user may read the answer."""
    attachments = (
        Attachment.objects.read_as(user)
        .filter(answer__enquiry__in=visible_enquiries(user).values("pk"))
        .select_related("answer__enquiry__family")
    )
    return open_record(
        user,
        attachments,
        pk,
        path=path,
        kind=ViewKind.CONTACT,
        logged_as=lambda attachment: {"family_contact": attachment.answer.enquiry.family},
    )


# --- For the hub: the family's consent and each agency's status at a glance ------------------


def consent_for(family: FamilyContact) -> Consent | None:
    return (
        Consent.objects.select_related("without_consent_reason", "recorded_by", "authorised_by")
        .filter(family=family)
        .first()
    )


def consent_status(consent: Consent | None) -> str:
    return consent.status if consent is not None else ConsentStatus.NOT_RECORDED


def send_blockers_for(family: FamilyContact, status: str) -> list[str]:
    """Why no enquiry about this family can go now (empty: one can), for the page and the API."""
    children = list(family.contacts.all())
    return send_blockers(
        consent=status,
        children_in_hub=sum(1 for c in children if c.status in WITH_THE_HUB),
        agencies=1,
    )


@dataclass(frozen=True)
class AgencyStatus:
    enquiry: Enquiry
    glance: Glance


def family_enquiries(user: User, family: FamilyContact) -> list[AgencyStatus]:
    """Every enquiry about this family, with what the hub sees at a glance: sent, overdue,
    chased, escalated, answered (on time or late), withdrawn. Answers included."""
    now = timezone.now()
    enquiries = (
        visible_enquiries(user)
        .filter(family=family)
        .select_related("agency", "lawful_basis", "sent_by", "answer", "answer__answered_by")
        .prefetch_related(_attachments_without_content())
        .order_by("sent_at", "agency__name")
    )
    return [AgencyStatus(e, _glance(e, now)) for e in enquiries]


def _glance(enquiry: Enquiry, now: datetime) -> Glance:
    return glance(
        status=enquiry.status,
        due_at=enquiry.due_at,
        now=now,
        answered_at=enquiry.answered_at,
        chased_at=enquiry.chased_at,
        escalated_at=enquiry.escalated_at,
    )


def outstanding_enquiries(user: User) -> QuerySet[Enquiry]:
    """Every unanswered enquiry, most urgent first: the MASH's view of what partners owe. All of
    them: the page and the API page through them, never cut the list short."""
    return (
        visible_enquiries(user)
        .filter(status=EnquiryStatus.SENT)
        # The answer too (none yet, but the API's row asks): one statement for a page, not one
        # a row.
        .select_related("agency", "family", "family__hub", "lawful_basis", "sent_by", "answer")
        .order_by("due_at", "sent_at")
    )


def at_a_glance(enquiries: Iterable[Enquiry]) -> list[AgencyStatus]:
    """Each enquiry with its status at a glance, as of now."""
    now = timezone.now()
    return [AgencyStatus(e, _glance(e, now)) for e in enquiries]


# --- For a partner agency ---------------------------------------------------------------------


def partner_queue(user: User) -> QuerySet[Enquiry]:
    """The agency's unanswered requests, the soonest due first (a plain SQL sort on the stored
    due time, using the (agency, status, due_at) index)."""
    return (
        visible_enquiries(user)
        .filter(status=EnquiryStatus.SENT)
        .select_related("lawful_basis")
        .order_by("due_at", "sent_at")
    )


def partner_answered(user: User) -> QuerySet[Enquiry]:
    return (
        visible_enquiries(user)
        .filter(status=EnquiryStatus.ANSWERED)
        .select_related("answer", "answer__answered_by")
        .order_by("-answered_at")
    )


def listed_reasons(reason_list: str) -> QuerySet[ListedReason]:
    return ListedReason.objects.filter(reason_list=ReasonList(reason_list), active=True)
