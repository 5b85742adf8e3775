"""Strategy discussions, section 47 enquiries and conferences over JSON: the same actions and
queries as the pages, under the same policy."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Literal

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.pagination import paginate
from pydantic import Field

from frontdoor.access.policies import require
from frontdoor.access.queries import signed_in_user
from frontdoor.api.pagination import BoundedLimitOffsetPagination
from frontdoor.api.schemas import (
    ERRORS,
    READ_ERRORS,
    AwareDateTime,
    Code,
    InputSchema,
    IsoDate,
    Line,
    LongText,
    PastDate,
    RequiredText,
    Version,
    field_error,
)
from frontdoor.codelists.models import Code as CodeRow
from frontdoor.codelists.models import CodeList
from frontdoor.strategy import actions
from frontdoor.strategy.models import Agency, Section47Enquiry, StrategyDiscussion
from frontdoor.strategy.queries import (
    discussions_to_hold,
    get_discussion_for,
    get_enquiry_for,
    open_enquiries,
)
from frontdoor.strategy.workflow import DiscussionOutcome

router = Router(tags=["strategy discussions and section 47"])


class ParticipantOut(Schema):
    agency: str
    name: str
    invited: bool
    attended: bool
    information_shared: str


class EnquiryOut(Schema):
    id: uuid.UUID
    person_id: uuid.UUID
    status: str
    version: int
    started_at: datetime
    icpc_due_at: datetime
    icpc_held_on: date | None
    icpc_not_required_reason: str
    child_protection_plan: bool | None
    abuse_category: str | None

    @staticmethod
    def resolve_abuse_category(obj: Section47Enquiry) -> str | None:
        return obj.abuse_category.code if obj.abuse_category else None


class DiscussionOut(Schema):
    id: uuid.UUID
    person_id: uuid.UUID
    referral_id: uuid.UUID
    status: str
    version: int
    same_day: bool
    requested_at: datetime
    due_at: datetime
    held_at: datetime | None
    format: str
    outcome: str
    rationale: str
    information_shared: str
    circulated_at: datetime | None
    minimum_not_attended: list[str]
    participants: list[ParticipantOut]
    section_47: EnquiryOut | None

    @staticmethod
    def resolve_minimum_not_attended(obj: StrategyDiscussion) -> list[str]:
        return obj.missing_minimum() if obj.held_at else []

    @staticmethod
    def resolve_participants(obj: StrategyDiscussion) -> list[Schema]:
        return list(obj.participants.all())  # type: ignore[arg-type]

    @staticmethod
    def resolve_section_47(obj: StrategyDiscussion) -> Section47Enquiry | None:
        return getattr(obj, "section47", None)


@router.get(
    "/", response={200: list[DiscussionOut], **READ_ERRORS}, summary="Strategy discussions to hold"
)
@paginate(BoundedLimitOffsetPagination)
def to_hold(request: HttpRequest) -> object:
    """Strategy discussions not yet held, most urgent first."""
    user = signed_in_user(request)
    require(user, "view_casework")
    return discussions_to_hold(user).prefetch_related("participants")


@router.get(
    "/{discussion_id}",
    response={200: DiscussionOut, **READ_ERRORS},
    summary="Get a strategy discussion",
)
def get(request: HttpRequest, discussion_id: uuid.UUID) -> StrategyDiscussion:
    return get_discussion_for(signed_in_user(request), discussion_id, path=request.path)


class ParticipantIn(InputSchema):
    agency: Literal[tuple(Agency.values)]  # type: ignore[valid-type]
    invited: bool = True
    attended: bool
    name: Line = ""
    information_shared: LongText = ""


class ActionIn(InputSchema):
    description: Line = Field(min_length=1)
    owner: Line = Field(min_length=1)
    due_on: IsoDate


class DiscussionIn(InputSchema):
    held_at: AwareDateTime
    format: Line = Field(min_length=1, description="Meeting, conference call, video call …")
    participants: list[ParticipantIn] = Field(min_length=1, max_length=20)
    information_shared: LongText = ""
    outcome: Literal[tuple(DiscussionOutcome.values)]  # type: ignore[valid-type]
    rationale: RequiredText
    actions: list[ActionIn] = Field(default_factory=list, max_length=20)
    version: Version | None = None


@router.post(
    "/{discussion_id}",
    response={200: DiscussionOut, **ERRORS},
    summary="Record a strategy discussion",
)
def record(
    request: HttpRequest, discussion_id: uuid.UUID, payload: DiscussionIn
) -> StrategyDiscussion:
    """Who was invited and attended by agency, what was shared, the decision and the actions.
    A section 47 decision starts the enquiry and its conference clock (15 working days)."""
    user = signed_in_user(request)
    discussion = get_discussion_for(user, discussion_id, path=request.path)
    actions.record_strategy_discussion(
        by=user,
        discussion=discussion,
        record=actions.DiscussionRecord(
            held_at=payload.held_at,
            format=payload.format,
            participants=[
                actions.ParticipantDetails(**p.model_dump()) for p in payload.participants
            ],
            information_shared=payload.information_shared,
            outcome=payload.outcome,
            rationale=payload.rationale,
            actions=[actions.ActionDetails(**a.model_dump()) for a in payload.actions],
        ),
        expected_version=payload.version,
    )
    return get_discussion_for(user, discussion_id, path=request.path)


@router.get(
    "/section-47/open",
    response={200: list[EnquiryOut], **READ_ERRORS},
    summary="Open section 47 enquiries",
)
@paginate(BoundedLimitOffsetPagination)
def enquiries(request: HttpRequest) -> object:
    user = signed_in_user(request)
    require(user, "view_casework")
    return open_enquiries(user).select_related("abuse_category")


class ConferenceIn(InputSchema):
    held_on: PastDate | None = Field(
        default=None, description="Omit when no conference is required"
    )
    not_required_reason: LongText = ""
    child_protection_plan: bool | None = None
    abuse_category: Code | None = Field(default=None, description="NEG, PHY, SAB, EMO or MUL")
    version: Version | None = None


@router.post(
    "/section-47/{enquiry_id}/conference",
    response={200: EnquiryOut, **ERRORS},
    summary="Record the conference",
)
def conference(
    request: HttpRequest, enquiry_id: uuid.UUID, payload: ConferenceIn
) -> Section47Enquiry:
    user = signed_in_user(request)
    enquiry = get_enquiry_for(user, enquiry_id, path=request.path)
    category = None
    if payload.abuse_category:
        category = CodeRow.objects.filter(
            code_list=CodeList.ABUSE_CATEGORY, code=payload.abuse_category
        ).first()
        if category is None:
            raise field_error(
                "abuse_category", msg=f"Unknown category of abuse {payload.abuse_category!r}"
            )
    actions.record_conference(
        by=user,
        enquiry=enquiry,
        record=actions.ConferenceRecord(
            held_on=payload.held_on,
            not_required_reason=payload.not_required_reason,
            child_protection_plan=payload.child_protection_plan,
            abuse_category=category,
        ),
        expected_version=payload.version,
    )
    return get_enquiry_for(user, enquiry_id, path=request.path)
