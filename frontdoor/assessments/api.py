"""Assessments over JSON: the same actions and queries as the pages."""

from __future__ import annotations

import uuid
from datetime import datetime
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
    Code,
    InputSchema,
    LongText,
    RequiredText,
    Version,
    field_error,
)
from frontdoor.assessments import actions
from frontdoor.assessments.models import Assessment
from frontdoor.assessments.queries import get_assessment_for, my_assessments
from frontdoor.assessments.workflow import AssessmentOutcome
from frontdoor.codelists.models import Code as CodeRow
from frontdoor.codelists.models import CodeList

router = Router(tags=["assessments"])


class AssessmentOut(Schema):
    id: uuid.UUID
    person_id: uuid.UUID
    referral_id: uuid.UUID
    status: str
    version: int
    started_at: datetime
    due_at: datetime
    factors: list[str]
    primary_need: str | None
    outcome: str
    summary: str
    late_reason: str
    submitted_at: datetime | None
    authorised_at: datetime | None

    @staticmethod
    def resolve_factors(obj: Assessment) -> list[str]:
        return [f.code for f in obj.factors.all()]

    @staticmethod
    def resolve_primary_need(obj: Assessment) -> str | None:
        return obj.primary_need.code if obj.primary_need else None


@router.get(
    "/mine", response={200: list[AssessmentOut], **READ_ERRORS}, summary="My open assessments"
)
@paginate(BoundedLimitOffsetPagination)
def mine(request: HttpRequest) -> object:
    user = signed_in_user(request)
    require(user, "view_casework")
    return my_assessments(user).prefetch_related("factors")


@router.get(
    "/{assessment_id}", response={200: AssessmentOut, **READ_ERRORS}, summary="Get an assessment"
)
def get(request: HttpRequest, assessment_id: uuid.UUID) -> Assessment:
    return get_assessment_for(signed_in_user(request), assessment_id, path=request.path)


class SubmitIn(InputSchema):
    factors: list[Code] = Field(
        min_length=1, max_length=60, description="CIN census assessment factor codes"
    )
    primary_need: Code = Field(description="CIN census primary need code, N0 to N9")
    outcome: Literal[tuple(AssessmentOutcome.values)]  # type: ignore[valid-type]
    summary: RequiredText
    late_reason: LongText = ""
    version: Version | None = None


@router.post(
    "/{assessment_id}/submit",
    response={200: AssessmentOut, **ERRORS},
    summary="Submit an assessment",
)
def submit(request: HttpRequest, assessment_id: uuid.UUID, payload: SubmitIn) -> Assessment:
    user = signed_in_user(request)
    assessment = get_assessment_for(user, assessment_id, path=request.path)
    factors = list(
        CodeRow.objects.filter(code_list=CodeList.ASSESSMENT_FACTOR, code__in=payload.factors)
    )
    unknown = sorted(set(payload.factors) - {f.code for f in factors})
    if unknown:
        raise field_error("factors", msg=f"Unknown assessment factor codes: {', '.join(unknown)}")
    need = CodeRow.objects.filter(code_list=CodeList.PRIMARY_NEED, code=payload.primary_need)
    primary_need = need.first()
    if primary_need is None:
        raise field_error("primary_need", msg=f"Unknown primary need code {payload.primary_need!r}")
    actions.submit_assessment(
        by=user,
        assessment=assessment,
        submission=actions.AssessmentSubmission(
            factors=factors,
            outcome=payload.outcome,
            summary=payload.summary,
            late_reason=payload.late_reason,
            primary_need=primary_need,
        ),
        expected_version=payload.version,
    )
    return get_assessment_for(user, assessment_id, path=request.path)


class AuthoriseIn(InputSchema):
    decision: Literal["authorise", "return"]
    reason: LongText = Field(default="", description="Required when returning it")
    late_reason: LongText = ""
    version: Version | None = None


@router.post(
    "/{assessment_id}/authorise",
    response={200: AssessmentOut, **ERRORS},
    summary="Authorise or return",
)
def authorise(request: HttpRequest, assessment_id: uuid.UUID, payload: AuthoriseIn) -> Assessment:
    user = signed_in_user(request)
    assessment = get_assessment_for(user, assessment_id, path=request.path)
    if payload.decision == "authorise":
        actions.authorise_assessment(
            by=user,
            assessment=assessment,
            late_reason=payload.late_reason,
            expected_version=payload.version,
        )
    else:
        actions.return_assessment(
            by=user, assessment=assessment, reason=payload.reason, expected_version=payload.version
        )
    return get_assessment_for(user, assessment_id, path=request.path)
