"""Second reviews over JSON (mounted at /api/second-reviews): the decisions made below the risk
indicators that wait for a second manager, and the review itself. The same action and queries
as the pages (frontdoor/guardrails/views.py): only a manager sees them, another manager than the
one who decided reviews, and a restricted child this manager may not open is listed without a
name and is a 404 to open, as on the page."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.pagination import paginate
from pydantic import Field

from frontdoor.access.policies import require
from frontdoor.access.queries import signed_in_user
from frontdoor.api.pagination import BoundedLimitOffsetPagination
from frontdoor.api.schemas import ERRORS, READ_ERRORS, InputSchema, RequiredText, Version
from frontdoor.guardrails import actions
from frontdoor.guardrails.models import BelowIndicatorDecision
from frontdoor.guardrails.queries import awaiting_second_review, get_below_indicator_decision_for

router = Router(tags=["second reviews"])

RESTRICTED = "Restricted record"


class IndicatorAnswerOut(Schema):
    code: str
    label: str
    minimum: str = Field(description="The response the indicator points to, at least")
    answer: str = Field(description="The deciding manager's answer: why it was not needed")


class SecondReviewOut(Schema):
    id: uuid.UUID
    contact_id: uuid.UUID
    child: str = Field(description=f'The child\'s name, or "{RESTRICTED}"')
    outcome: str = Field(description="The decision's outcome")
    suggested: str = Field(description="The response the indicators point to")
    answers: list[IndicatorAnswerOut]
    decided_by: str
    decided_at: datetime
    review_status: str = Field(description="awaiting, agreed, disagreed or not_sampled")
    reviewed_by: str | None
    reviewed_at: datetime | None
    review_reasons: str
    version: int

    @staticmethod
    def resolve_child(obj: BelowIndicatorDecision) -> str:
        hidden = getattr(obj, "hidden_from_viewer", False)
        return RESTRICTED if hidden else obj.contact.child_name

    @staticmethod
    def resolve_answers(obj: BelowIndicatorDecision) -> list[dict[str, Any]]:
        # Answers are stored as the decision page asked them; a list of a restricted child
        # carries none (they may name the child's circumstances).
        return [] if getattr(obj, "hidden_from_viewer", False) else list(obj.answers)

    @staticmethod
    def resolve_decided_by(obj: BelowIndicatorDecision) -> str:
        return obj.decided_by.display_name

    @staticmethod
    def resolve_reviewed_by(obj: BelowIndicatorDecision) -> str | None:
        return obj.reviewed_by.display_name if obj.reviewed_by else None


@router.get(
    "",
    response={200: list[SecondReviewOut], **READ_ERRORS},
    summary="List decisions awaiting a second review",
)
@paginate(BoundedLimitOffsetPagination)
def awaiting(request: HttpRequest) -> object:
    """Oldest first; a manager's own decisions are not offered to them."""
    user = signed_in_user(request)
    require(user, "view_second_reviews")
    return awaiting_second_review(user).select_related("reviewed_by")


@router.get(
    "/{review_id}",
    response={200: SecondReviewOut, **READ_ERRORS},
    summary="Get a decision below the indicators",
)
def get_review(request: HttpRequest, review_id: uuid.UUID) -> BelowIndicatorDecision:
    return get_below_indicator_decision_for(signed_in_user(request), review_id, path=request.path)


class SecondReviewIn(InputSchema):
    agrees: bool = Field(description="Do you agree with the decision?")
    reasons: RequiredText = Field(description="Your reasons")
    version: Version = Field(description="The version you read")


@router.post(
    "/{review_id}",
    response={200: SecondReviewOut, **ERRORS},
    summary="Record a second review",
)
def review(
    request: HttpRequest, review_id: uuid.UUID, payload: SecondReviewIn
) -> BelowIndicatorDecision:
    """Agree or disagree, with reasons. A manager never reviews their own decision."""
    user = signed_in_user(request)
    below = get_below_indicator_decision_for(user, review_id, path=request.path)
    require(user, "record_second_review")
    actions.record_second_review(
        by=user,
        below=below,
        agrees=payload.agrees,
        reasons=payload.reasons,
        expected_version=payload.version,
    )
    return get_below_indicator_decision_for(user, review_id, path=request.path, log=False)
