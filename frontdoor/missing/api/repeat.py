"""Managers: children flagged as going missing repeatedly, and the decision."""

import uuid
from datetime import datetime
from typing import Literal

from django.http import HttpRequest
from ninja import Schema
from ninja.pagination import paginate
from pydantic import Field

from frontdoor.access.policies import require
from frontdoor.access.queries import signed_in_user
from frontdoor.api.pagination import BoundedLimitOffsetPagination, Concealed
from frontdoor.api.schemas import (
    ERRORS,
    READ_ERRORS,
    InputSchema,
    RequiredText,
    Version,
)
from frontdoor.missing import actions
from frontdoor.missing.api.router import router
from frontdoor.missing.models import RepeatMissingFlag
from frontdoor.missing.queries import (
    get_flag_for,
    placeholder_flags,
    repeat_flags,
)
from frontdoor.missing.workflow import (
    FlagDecision,
)

# --- Managers: repeat missing -------------------------------------------------------------------


class FlagOut(Schema):
    id: uuid.UUID
    person_id: uuid.UUID
    child_name: str
    episodes_in_window: int
    threshold: int
    window_days: int
    raised_at: datetime
    status: str
    version: int
    decision: str
    rationale: str
    decided_at: datetime | None

    @staticmethod
    def resolve_child_name(obj: RepeatMissingFlag) -> str:
        return obj.person.full_name


@router.get(
    "/repeat-missing",
    response={200: list[FlagOut], **READ_ERRORS},
    summary="List children flagged as going missing repeatedly",
)
@paginate(BoundedLimitOffsetPagination)
def list_flags(request: HttpRequest) -> object:
    """Awaiting a manager's strategy discussion decision, oldest first (paged)."""
    user = signed_in_user(request)
    require(user, "view_repeat_missing")
    return Concealed(repeat_flags(user), lambda flags: placeholder_flags(user, flags))


class FlagDecisionIn(InputSchema):
    decision: Literal[tuple(FlagDecision.values)]  # type: ignore[valid-type]
    rationale: RequiredText
    version: Version | None = Field(default=None, description="The flag's version you read")


@router.post(
    "/repeat-missing/{flag_id}/decision",
    response={200: FlagOut, **ERRORS},
    summary="Record the strategy discussion decision",
)
def decide(request: HttpRequest, flag_id: uuid.UUID, payload: FlagDecisionIn) -> RepeatMissingFlag:
    user = signed_in_user(request)
    flag = get_flag_for(user, flag_id)
    return actions.respond_to_repeat_missing(
        by=user,
        flag=flag,
        decision=payload.decision,
        rationale=payload.rationale,
        expected_version=payload.version,
    )
