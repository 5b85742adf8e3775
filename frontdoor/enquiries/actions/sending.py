"""Sending MASH enquiries to partner agencies, and withdrawing them.

An enquiry's due time comes from the family's most urgent RAG (timescales enquiry_red, _amber,
_green) and is stored when it is sent, so that every queue sorts on it in SQL.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.utils import timezone

from frontdoor.access.policies import require
from frontdoor.audit.actions import record_event
from frontdoor.contacts.workflow import Status
from frontdoor.enquiries.actions.consent import consent_summary
from frontdoor.enquiries.actions.notify import enqueue_after_commit
from frontdoor.enquiries.models import Consent, Enquiry, ListedReason, ReasonList
from frontdoor.enquiries.workflow import (
    ENQUIRY,
    ConsentStatus,
    highest_rag,
    send_blockers,
    timescale_for,
)
from frontdoor.timescales.queries import due_at
from frontdoor.workflow.compare_and_set import move
from frontdoor.workflow.errors import NotReady

if TYPE_CHECKING:
    from frontdoor.access.models import User
    from frontdoor.agencies.models import Agency
    from frontdoor.contacts.models import FamilyContact

# Children whose contact is with a hub (or back with a manager): the hub may ask about them.
WITH_THE_HUB = (Status.IN_HUB, Status.AWAITING_DECISION)


@dataclass(frozen=True)
class EnquiryRequest:
    agencies: Sequence[Agency]
    question: str
    lawful_basis: ListedReason
    # The send form's one-time key (or the API's Idempotency-Key): sent twice, sent once.
    send_key: str


def subjects_of(family: FamilyContact) -> list[dict[str, str]]:
    """The children and adults named in the contact, as the referrer described them: what the
    partner needs to search their own records, and no more (no concern, no other agency's
    information)."""
    children = list(family.contacts.all())
    names = {c.pk: c.child_name for c in children}
    rows = [
        {
            "role": "child",
            "name": c.child_name,
            "date_of_birth": c.date_of_birth.isoformat() if c.date_of_birth else "",
            "expected_date_of_birth": (
                c.expected_date_of_birth.isoformat() if c.expected_date_of_birth else ""
            ),
            "address": " ".join(part for part in (c.address, c.postcode) if part),
            "relationship": "",
        }
        for c in children
    ]
    for adult in family.adults.prefetch_related("relationships"):
        relationships = [
            f"{r.get_kind_display()} of {names.get(r.contact_id, 'a child')}"
            for r in adult.relationships.all()
        ]
        rows.append(
            {
                "role": "adult",
                "name": f"{adult.first_name} {adult.last_name}".strip(),
                "date_of_birth": adult.date_of_birth.isoformat() if adult.date_of_birth else "",
                "expected_date_of_birth": "",
                "address": adult.address,
                "relationship": "; ".join(relationships),
            }
        )
    return rows


def _consent_allowing(family: FamilyContact, request: EnquiryRequest) -> Consent:
    """The family's consent, if it lets these enquiries go; NotReady with every reason if not."""
    consent = Consent.objects.filter(family=family).select_related("without_consent_reason").first()
    children = list(family.contacts.all())
    # The record's state (the API's body cannot be empty of agencies: its schema refuses it).
    problems = [
        ("", reason)
        for reason in send_blockers(
            consent=consent.status if consent else ConsentStatus.NOT_RECORDED,
            children_in_hub=sum(1 for c in children if c.status in WITH_THE_HUB),
            agencies=len(request.agencies),
        )
    ]
    if not request.question.strip():
        problems.append(("question", "Enter what you are asking the agencies"))
    basis = request.lawful_basis
    if basis.reason_list != ReasonList.LAWFUL_BASIS or not basis.active:
        problems.append(("lawful_basis", "Choose the lawful basis for asking"))
    if any(not agency.active for agency in request.agencies):
        problems.append(("agencies", "Choose agencies that are still active"))
    if problems:
        raise NotReady.about(problems)
    assert consent is not None  # send_blockers refuses a family with no consent recorded
    return consent


def send_enquiries(*, by: User, family: FamilyContact, request: EnquiryRequest) -> list[Enquiry]:
    """Ask one or more partner agencies for information about a family with the hub. Each
    enquiry's due time comes from the family's most urgent RAG, and is stored."""
    require(by, "send_enquiry")
    consent = _consent_allowing(family, request)
    try:
        with transaction.atomic():
            return _send(by, family, request, consent)
    except IntegrityError:
        # The same form, sent twice at once: the first one's enquiries are the answer.
        sent = list(Enquiry.objects.filter(send_key=request.send_key, family=family))
        if sent:
            return sent
        raise


def _send(
    by: User, family: FamilyContact, request: EnquiryRequest, consent: Consent
) -> list[Enquiry]:
    now = timezone.now()
    open_children = [c for c in family.contacts.all() if c.status != Status.DECIDED]
    rag = highest_rag([c.rag for c in open_children])
    due = due_at(timescale_for(rag), now)
    subjects = subjects_of(family)
    summary = consent_summary(consent)
    made = []
    for agency in {a.pk: a for a in request.agencies}.values():
        existing = Enquiry.objects.filter(send_key=request.send_key, agency=agency).first()
        if existing is not None:
            made.append(existing)
            continue
        enquiry = Enquiry.objects.create(
            family=family,
            agency=agency,
            question=request.question.strip(),
            lawful_basis=request.lawful_basis,
            consent_position=consent.position,
            consent_summary=summary,
            subjects=subjects,
            sent_by=by,
            sent_at=now,
            rag=rag,
            due_at=due,
            send_key=request.send_key,
        )
        record_event(
            actor=by,
            verb="enquiry_sent",
            family_contact=family,
            data={
                "enquiry": str(enquiry.pk),
                "agency": agency.name,
                "rag": rag,
                "due_at": due.isoformat(),
                "lawful_basis": request.lawful_basis.text,
                "consent": consent.position,
            },
        )
        transaction.on_commit(
            partial(enqueue_after_commit, "tell_agency_about_a_new_enquiry", enquiry.pk)
        )
        made.append(enquiry)
    return made


def withdraw_enquiry(
    *, by: User, enquiry: Enquiry, reason: str, expected_version: int | None = None
) -> Enquiry:
    """The hub no longer needs the answer (sent in error, or the child's contact decided)."""
    require(by, "withdraw_enquiry")
    ENQUIRY.next("withdraw_enquiry", enquiry.status)
    if not reason.strip():
        raise NotReady(["Enter why the request is being withdrawn"])
    with transaction.atomic():
        move(
            enquiry,
            ENQUIRY,
            "withdraw_enquiry",
            expected_version,
            withdrawn_at=timezone.now(),
            withdrawn_reason=reason.strip(),
        )
        record_event(
            actor=by,
            verb="enquiry_withdrawn",
            family_contact=enquiry.family,
            data={"enquiry": str(enquiry.pk), "agency": enquiry.agency.name},
            reason=enquiry.withdrawn_reason,
        )
    return enquiry
