"""MASH enquiries over JSON, for partner agencies' systems: list the agency's open requests,
read one, and answer it. The same actions and queries as the pages, so the same policy: a
partner's token sees only its own agency's enquiries, and another agency's is a 404.

Answering is idempotent with an `Idempotency-Key` header: a retry with the same key gets the
first answer back (200); a second answer with another key is refused (409). Attachments are
sent on the answer page; the API takes the written answer only (docs/api.md says why).
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Literal

from django.http import HttpRequest
from ninja import Router, Schema, Status
from ninja.pagination import paginate
from ninja.params.functions import Header
from pydantic import Field

from frontdoor.access.policies import require
from frontdoor.access.queries import signed_in_user
from frontdoor.api.pagination import BoundedLimitOffsetPagination
from frontdoor.api.schemas import (
    ERRORS,
    READ_ERRORS,
    IdempotencyKey,
    InputSchema,
    LongText,
    RequiredText,
)
from frontdoor.enquiries import actions
from frontdoor.enquiries.models import Answer, Enquiry
from frontdoor.enquiries.queries import get_enquiry_for, partner_queue

router = Router(tags=["partner agencies"])


class EnquirySubjectOut(Schema):
    role: Literal["child", "adult"]
    name: str
    date_of_birth: date | None
    expected_date_of_birth: date | None
    address: str
    relationship: str


class EnquiryAttachmentOut(Schema):
    id: uuid.UUID
    filename: str
    content_type: str
    size: int


class EnquiryAnswerOut(Schema):
    id: uuid.UUID
    enquiry_id: uuid.UUID
    known: str = Field(description="yes or no: is the child or family known to the agency")
    summary: str
    known_risks: str
    answered_at: datetime
    attachments: list[EnquiryAttachmentOut]

    @staticmethod
    def resolve_attachments(obj: Answer) -> list[EnquiryAttachmentOut]:
        return [
            EnquiryAttachmentOut(
                id=a.pk, filename=a.filename, content_type=a.content_type, size=a.size
            )
            for a in obj.attachments.all().defer("content")
        ]


class MashEnquiryOut(Schema):
    id: uuid.UUID
    reference: str
    status: str = Field(description="sent, answered or withdrawn")
    sent_at: datetime
    due_at: datetime = Field(description="Answer by this time (set from the child's RAG)")
    rag: str
    question: str
    lawful_basis: str
    consent_position: str = Field(description="given, refused or not_sought")
    consent_summary: str
    subjects: list[EnquirySubjectOut] = Field(description="The children and adults asked about")
    answer: EnquiryAnswerOut | None

    @staticmethod
    def resolve_lawful_basis(obj: Enquiry) -> str:
        return obj.lawful_basis.text

    @staticmethod
    def resolve_subjects(obj: Enquiry) -> list[EnquirySubjectOut]:
        return [
            EnquirySubjectOut(
                role=s["role"],
                name=s["name"],
                date_of_birth=date.fromisoformat(s["date_of_birth"])
                if s.get("date_of_birth")
                else None,
                expected_date_of_birth=date.fromisoformat(s["expected_date_of_birth"])
                if s.get("expected_date_of_birth")
                else None,
                address=s.get("address", ""),
                relationship=s.get("relationship", ""),
            )
            for s in obj.subjects
        ]

    @staticmethod
    def resolve_answer(obj: Enquiry) -> Answer | None:
        return getattr(obj, "answer", None)


@router.get(
    "",
    response={200: list[MashEnquiryOut], **READ_ERRORS},
    summary="List your agency's open enquiries",
)
@paginate(BoundedLimitOffsetPagination)
def list_enquiries(request: HttpRequest) -> object:
    """The requests for information your agency has not answered yet, the soonest due first."""
    user = signed_in_user(request)
    require(user, "view_partner_requests")
    return partner_queue(user).select_related("lawful_basis", "answer")


@router.get(
    "/{enquiry_id}", response={200: MashEnquiryOut, **READ_ERRORS}, summary="Get an enquiry"
)
def get_enquiry(request: HttpRequest, enquiry_id: uuid.UUID) -> Enquiry:
    user = signed_in_user(request)
    require(user, "view_partner_requests")
    return get_enquiry_for(user, enquiry_id, path=request.path)


class EnquiryAnswerIn(InputSchema):
    known: Literal["yes", "no"] = Field(description="Is the child or family known to you?")
    summary: RequiredText = Field(description="What your agency knows about them")
    known_risks: LongText = Field(
        default="", description="Risks your agency knows of: required when known is yes"
    )


IDEMPOTENCY_KEY_HEADER = Header(
    default=None,
    alias="Idempotency-Key",
    description="Any unique text up to 64 printable ASCII characters, e.g. a UUID",
)


@router.post(
    "/{enquiry_id}/answer",
    response={201: EnquiryAnswerOut, 200: EnquiryAnswerOut, **ERRORS},
    summary="Answer an enquiry",
)
def answer(
    request: HttpRequest,
    enquiry_id: uuid.UUID,
    payload: EnquiryAnswerIn,
    idempotency_key: IdempotencyKey | None = IDEMPOTENCY_KEY_HEADER,
) -> Status[Answer]:
    """Answer a request for information in writing. 201 with the answer; 200 with the same
    answer when retried with the same `Idempotency-Key`; 409 if it was already answered."""
    user = signed_in_user(request)
    require(user, "answer_enquiry")
    enquiry = get_enquiry_for(user, enquiry_id, path=request.path)
    saved, created = actions.answer_enquiry(
        by=user,
        enquiry=enquiry,
        details=actions.AnswerDetails(
            known=payload.known,
            summary=payload.summary,
            known_risks=payload.known_risks,
            idempotency_key=idempotency_key or "",
        ),
    )
    return Status(201 if created else 200, saved)
