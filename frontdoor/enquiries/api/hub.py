"""Consent and MASH enquiries over JSON, for the hub's own systems (mounted at /api/enquiries):
the same actions and queries as the hub's pages (frontdoor/enquiries/views.py), so the same
policy, the same refusals and the same audit events.

- read a family's consent position and every enquiry about it, with the partners' answers;
- record the family's consent position; a manager authorises proceeding without it, or not;
- send enquiries to partner agencies (idempotent with an `Idempotency-Key` header);
- read every unanswered enquiry, and one enquiry with its answer; withdraw one.

As on the pages, the record is looked up first (a 404 outside the caller's scope, a restricted
child's record refused like one that does not exist), then the role is checked (a 403).
"""

from __future__ import annotations

import hashlib
import uuid
from datetime import datetime
from typing import Any, Literal

from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Router, Schema, Status
from ninja.pagination import paginate
from ninja.params.functions import Header
from pydantic import Field

from frontdoor.access.policies import require
from frontdoor.access.queries import signed_in_user
from frontdoor.agencies.models import Agency
from frontdoor.api.pagination import BoundedLimitOffsetPagination
from frontdoor.api.schemas import (
    ERRORS,
    READ_ERRORS,
    AwareDateTime,
    IdempotencyKey,
    InputSchema,
    Line,
    LongText,
    RequiredText,
    Version,
    field_error,
)
from frontdoor.contacts.models import FamilyContact
from frontdoor.contacts.queries import get_family_contact_for
from frontdoor.enquiries import actions
from frontdoor.enquiries.api import EnquiryAnswerOut
from frontdoor.enquiries.models import Answer, Consent, Enquiry, ListedReason, ReasonList
from frontdoor.enquiries.queries import (
    AgencyStatus,
    consent_for,
    consent_status,
    family_enquiries,
    get_enquiry_for,
    listed_reasons,
    outstanding_enquiries,
    send_blockers_for,
)
from frontdoor.enquiries.workflow import ConsentPosition, glance

router = Router(tags=["consent and enquiries"])


# --- Answers -----------------------------------------------------------------------------------


class ListedReasonOut(Schema):
    id: int
    reason_list: str = Field(description="lawful_basis or without_consent")
    text: str


class ConsentOut(Schema):
    status: str = Field(
        description="not_recorded, given, awaiting_authorisation, authorised or declined"
    )
    position: str | None = Field(description="given, refused or not_sought")
    person_asked: str
    decided_at: datetime | None
    without_consent_reason: ListedReasonOut | None
    without_consent_detail: str
    recorded_by: str | None
    authorised_by: str | None
    authorised_at: datetime | None
    authorisation_note: str
    version: int = Field(description="Send it back with a change (0: nothing recorded yet)")


class HubEnquiryOut(Schema):
    id: uuid.UUID
    family_id: uuid.UUID
    reference: str
    agency: str
    status: str = Field(description="sent, answered or withdrawn")
    glance: str = Field(
        description="sent, overdue, chased, escalated, answered, answered_late or withdrawn"
    )
    question: str
    lawful_basis: str
    consent_position: str
    rag: str
    sent_by: str
    sent_at: datetime
    due_at: datetime
    answered_at: datetime | None
    withdrawn_reason: str
    version: int
    answer: EnquiryAnswerOut | None

    @staticmethod
    def resolve_reference(obj: Enquiry) -> str:
        return obj.family.reference

    @staticmethod
    def resolve_agency(obj: Enquiry) -> str:
        return obj.agency.name

    @staticmethod
    def resolve_glance(obj: Enquiry) -> str:
        # What the hub sees at a glance, by the workflow's one rule (as the pages show it).
        return glance(
            status=obj.status,
            due_at=obj.due_at,
            now=timezone.now(),
            answered_at=obj.answered_at,
            chased_at=obj.chased_at,
            escalated_at=obj.escalated_at,
        )

    @staticmethod
    def resolve_lawful_basis(obj: Enquiry) -> str:
        return obj.lawful_basis.text

    @staticmethod
    def resolve_sent_by(obj: Enquiry) -> str:
        return obj.sent_by.display_name

    @staticmethod
    def resolve_answer(obj: Enquiry) -> Answer | None:
        return getattr(obj, "answer", None)


class FamilyEnquiriesOut(Schema):
    family_id: uuid.UUID
    reference: str
    consent: ConsentOut
    blockers: list[str] = Field(description="Why enquiries cannot be sent now (empty: they can)")
    enquiries: list[HubEnquiryOut]


def _reason(reason: ListedReason | None) -> ListedReasonOut | None:
    if reason is None:
        return None
    return ListedReasonOut(id=reason.pk, reason_list=reason.reason_list, text=reason.text)


def _name(user: object) -> str | None:
    return getattr(user, "display_name", None) if user is not None else None


def _consent_out(consent: Consent | None) -> ConsentOut:
    if consent is None:
        return ConsentOut(
            status=consent_status(None),
            position=None,
            person_asked="",
            decided_at=None,
            without_consent_reason=None,
            without_consent_detail="",
            recorded_by=None,
            authorised_by=None,
            authorised_at=None,
            authorisation_note="",
            version=0,
        )
    return ConsentOut(
        status=consent.status,
        position=consent.position,
        person_asked=consent.person_asked,
        decided_at=consent.decided_at,
        without_consent_reason=_reason(consent.without_consent_reason),
        without_consent_detail=consent.without_consent_detail,
        recorded_by=_name(consent.recorded_by),
        authorised_by=_name(consent.authorised_by),
        authorised_at=consent.authorised_at,
        authorisation_note=consent.authorisation_note,
        version=consent.version,
    )


def _enquiries(rows: list[AgencyStatus]) -> list[Enquiry]:
    return [row.enquiry for row in rows]


def _family(request: HttpRequest, family_id: uuid.UUID) -> FamilyContact:
    """As the pages read it: a 404 outside scope, restricted records refused, the view logged."""
    return get_family_contact_for(signed_in_user(request), family_id, path=request.path)


def _family_out(request: HttpRequest, family: FamilyContact) -> dict[str, Any]:
    consent = consent_for(family)
    return {
        "family_id": family.pk,
        "reference": family.reference,
        "consent": _consent_out(consent),
        "blockers": send_blockers_for(family, consent_status(consent)),
        "enquiries": _enquiries(family_enquiries(signed_in_user(request), family)),
    }


# --- Reading -----------------------------------------------------------------------------------


@router.get(
    "/reasons",
    response={200: list[ListedReasonOut], **READ_ERRORS},
    summary="List the lawful bases and reasons for proceeding without consent",
)
def reasons(request: HttpRequest) -> list[ListedReasonOut]:
    """The listed reasons a consent record and an enquiry name by `id`."""
    require(signed_in_user(request), "view_enquiries")
    found = [*listed_reasons(ReasonList.LAWFUL_BASIS), *listed_reasons(ReasonList.WITHOUT_CONSENT)]
    return [r for r in map(_reason, found) if r is not None]


@router.get(
    "/", response={200: list[HubEnquiryOut], **READ_ERRORS}, summary="List unanswered enquiries"
)
@paginate(BoundedLimitOffsetPagination)
def outstanding(request: HttpRequest) -> object:
    """Every unanswered enquiry, most urgent first: what partners owe the MASH (paged)."""
    user = signed_in_user(request)
    require(user, "view_enquiries")
    return outstanding_enquiries(user)


@router.get(
    "/contacts/{family_id}",
    response={200: FamilyEnquiriesOut, **READ_ERRORS},
    summary="Get a contact's consent and enquiries",
)
def family(request: HttpRequest, family_id: uuid.UUID) -> dict[str, Any]:
    """The family's consent position, what stops enquiries going now, and every enquiry about
    the family with each agency's answer."""
    found = _family(request, family_id)
    require(request.user, "view_enquiries")
    return _family_out(request, found)


@router.get(
    "/{enquiry_id}", response={200: HubEnquiryOut, **READ_ERRORS}, summary="Get a MASH enquiry"
)
def enquiry(request: HttpRequest, enquiry_id: uuid.UUID) -> Enquiry:
    user = signed_in_user(request)
    found = get_enquiry_for(user, enquiry_id, path=request.path)
    require(user, "view_enquiries")
    return found


# --- Consent -----------------------------------------------------------------------------------


class ConsentIn(InputSchema):
    position: Literal["given", "refused", "not_sought"] = Field(
        description="Was the family's consent given, refused, or not sought?"
    )
    decided_at: AwareDateTime = Field(description="When consent was given, refused or not sought")
    person_asked: Line = Field(
        default="", description="Who was asked (needed when consent was given or refused)"
    )
    without_consent_reason: int | None = Field(
        default=None,
        description="The lawful reason for proceeding without consent: a `without_consent` "
        "reason's id from GET /api/enquiries/reasons (needed unless consent was given)",
    )
    without_consent_detail: LongText = Field(
        default="", description="Why proceeding without consent is justified for this family"
    )
    version: int = Field(
        default=0, ge=0, le=2_147_483_647, description="The consent's version you read (0: none)"
    )


def _listed(reason_list: str, pk: int | None, key: str) -> ListedReason | None:
    if pk is None:
        return None
    found = listed_reasons(reason_list).filter(pk=pk).first()
    if found is None:
        raise field_error(key, msg=f"Unknown reason {pk}: see GET /api/enquiries/reasons")
    return found


@router.post(
    "/contacts/{family_id}/consent",
    response={200: FamilyEnquiriesOut, **ERRORS},
    summary="Record the family's consent position",
)
def consent(request: HttpRequest, family_id: uuid.UUID, payload: ConsentIn) -> dict[str, Any]:
    """Anything but "given" waits for a manager (another than the one recording it) to
    authorise proceeding without consent."""
    found = _family(request, family_id)
    user = signed_in_user(request)
    require(user, "record_consent")
    actions.record_consent(
        by=user,
        family=found,
        details=actions.ConsentDetails(
            position=ConsentPosition(payload.position),
            decided_at=payload.decided_at,
            person_asked=payload.person_asked,
            without_consent_reason=_listed(
                ReasonList.WITHOUT_CONSENT, payload.without_consent_reason, "without_consent_reason"
            ),
            without_consent_detail=payload.without_consent_detail,
        ),
        expected_version=payload.version,
    )
    return _family_out(request, found)


class ConsentDecisionIn(InputSchema):
    decision: Literal["authorise", "decline"] = Field(
        description="Authorise proceeding without the family's consent, or not"
    )
    note: LongText = Field(default="", description="Why (needed when you decline)")
    version: Version = Field(description="The consent's version you read")


@router.post(
    "/contacts/{family_id}/consent/decision",
    response={200: FamilyEnquiriesOut, **ERRORS},
    summary="Authorise proceeding without consent, or not",
)
def consent_decision(
    request: HttpRequest, family_id: uuid.UUID, payload: ConsentDecisionIn
) -> dict[str, Any]:
    """A manager's decision; never the person who recorded the consent position."""
    found = _family(request, family_id)
    user = signed_in_user(request)
    require(user, "authorise_without_consent")
    existing = consent_for(found)
    if existing is None or existing.position == ConsentPosition.GIVEN:
        raise Http404  # nothing to authorise, as on the page
    decide = (
        actions.authorise_without_consent
        if payload.decision == "authorise"
        else actions.decline_without_consent
    )
    decide(by=user, family=found, note=payload.note, expected_version=payload.version)
    return _family_out(request, found)


# --- Sending and withdrawing -------------------------------------------------------------------


class SendEnquiriesIn(InputSchema):
    agencies: list[uuid.UUID] = Field(
        min_length=1, max_length=20, description="The ids of the agencies to ask"
    )
    question: RequiredText = Field(description="What you are asking the agencies")
    lawful_basis: int = Field(
        description="A `lawful_basis` reason's id from GET /api/enquiries/reasons"
    )


IDEMPOTENCY_KEY_HEADER = Header(
    default=None,
    alias="Idempotency-Key",
    description="Any unique text up to 64 printable ASCII characters, e.g. a UUID",
)


def _send_key(family: FamilyContact, key: str | None) -> str:
    """The send form's one-time key, from the client's: scoped to the family, so that a key a
    client reuses for another family sends that family's enquiries, not the first family's."""
    if key is None:
        return uuid.uuid4().hex
    return hashlib.sha256(f"{family.pk}:{key}".encode()).hexdigest()


def _agencies(ids: list[uuid.UUID]) -> list[Agency]:
    found = {a.pk: a for a in Agency.objects.filter(pk__in=ids)}
    for i, pk in enumerate(ids):
        if pk not in found:
            raise field_error("agencies", i, msg=f"Unknown agency {pk}")
    return [found[pk] for pk in ids]


@router.post(
    "/contacts/{family_id}/send",
    response={201: list[HubEnquiryOut], **ERRORS},
    summary="Send enquiries to partner agencies",
)
def send(
    request: HttpRequest,
    family_id: uuid.UUID,
    payload: SendEnquiriesIn,
    idempotency_key: IdempotencyKey | None = IDEMPOTENCY_KEY_HEADER,
) -> Status[list[Enquiry]]:
    """One enquiry to each agency, due by the family's most urgent RAG. Send an
    `Idempotency-Key` header: a retry with the same key returns the enquiries already sent."""
    found = _family(request, family_id)
    user = signed_in_user(request)
    require(user, "send_enquiry")
    basis = _listed(ReasonList.LAWFUL_BASIS, payload.lawful_basis, "lawful_basis")
    assert basis is not None  # lawful_basis is required
    sent = actions.send_enquiries(
        by=user,
        family=found,
        request=actions.EnquiryRequest(
            agencies=_agencies(payload.agencies),
            question=payload.question,
            lawful_basis=basis,
            send_key=_send_key(found, idempotency_key),
        ),
    )
    ids = {e.pk for e in sent}
    return Status(201, [e for e in _enquiries(family_enquiries(user, found)) if e.pk in ids])


class WithdrawIn(InputSchema):
    reason: RequiredText = Field(description="Why the request is being withdrawn")
    version: Version = Field(description="The enquiry's version you read")


@router.post(
    "/{enquiry_id}/withdraw",
    response={200: HubEnquiryOut, **ERRORS},
    summary="Withdraw an enquiry",
)
def withdraw(request: HttpRequest, enquiry_id: uuid.UUID, payload: WithdrawIn) -> Enquiry:
    """The hub no longer needs the answer (sent in error, or the child's contact decided)."""
    user = signed_in_user(request)
    found = get_enquiry_for(user, enquiry_id, path=request.path)
    require(user, "withdraw_enquiry")
    actions.withdraw_enquiry(
        by=user, enquiry=found, reason=payload.reason, expected_version=payload.version
    )
    found.refresh_from_db()
    return found
