"""Transfers, allocation and visits over JSON: the same actions and queries as the pages."""

from __future__ import annotations

import uuid
from datetime import datetime

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.pagination import paginate
from pydantic import Field

from frontdoor.access.models import User
from frontdoor.access.policies import require
from frontdoor.access.queries import signed_in_user
from frontdoor.api.pagination import BoundedLimitOffsetPagination
from frontdoor.api.schemas import (
    ERRORS,
    READ_ERRORS,
    AwareDateTime,
    InputSchema,
    Line,
    LongText,
    Version,
    field_error,
)
from frontdoor.visits import actions
from frontdoor.visits.models import Allocation
from frontdoor.visits.queries import get_allocation_for, my_children, overdue_visits

router = Router(tags=["transfers and visits"])


class VisitOut(Schema):
    id: uuid.UUID
    visited_at: datetime
    child_seen: bool
    seen_alone: bool | None
    location: str
    others_present: str
    childs_views: str
    daily_life: str
    not_seen_reason: str


class AllocationOut(Schema):
    id: uuid.UUID
    person_id: uuid.UUID
    referral_id: uuid.UUID
    team: str
    worker: str | None
    status: str
    version: int
    transferred_at: datetime
    see_by: datetime
    first_seen_at: datetime | None
    escalated_at: datetime | None
    visits: list[VisitOut]

    @staticmethod
    def resolve_team(obj: Allocation) -> str:
        return obj.team.slug

    @staticmethod
    def resolve_worker(obj: Allocation) -> str | None:
        return obj.worker.username if obj.worker else None

    @staticmethod
    def resolve_visits(obj: Allocation) -> list[object]:
        return list(obj.visits.all())


@router.get(
    "/mine", response={200: list[AllocationOut], **READ_ERRORS}, summary="Children allocated to me"
)
@paginate(BoundedLimitOffsetPagination)
def mine(request: HttpRequest) -> object:
    user = signed_in_user(request)
    require(user, "view_casework")
    return my_children(user).prefetch_related("visits")


@router.get(
    "/overdue",
    response={200: list[AllocationOut], **READ_ERRORS},
    summary="Children not seen in time",
)
@paginate(BoundedLimitOffsetPagination)
def overdue(request: HttpRequest) -> object:
    user = signed_in_user(request)
    require(user, "view_casework")
    return overdue_visits(user).prefetch_related("visits")


@router.get(
    "/{allocation_id}", response={200: AllocationOut, **READ_ERRORS}, summary="Get a transfer"
)
def get(request: HttpRequest, allocation_id: uuid.UUID) -> Allocation:
    return get_allocation_for(signed_in_user(request), allocation_id, path=request.path)


class AllocateIn(InputSchema):
    worker: Line = Field(min_length=1, description="The social worker's username")
    version: Version | None = None


@router.post(
    "/{allocation_id}/allocate",
    response={200: AllocationOut, **ERRORS},
    summary="Allocate a worker",
)
def allocate(request: HttpRequest, allocation_id: uuid.UUID, payload: AllocateIn) -> Allocation:
    user = signed_in_user(request)
    allocation = get_allocation_for(user, allocation_id, path=request.path)
    worker = User.objects.filter(username=payload.worker, is_active=True).first()
    if worker is None:
        raise field_error("worker", msg=f"Unknown social worker {payload.worker!r}")
    actions.allocate_worker(
        by=user, allocation=allocation, worker=worker, expected_version=payload.version
    )
    return get_allocation_for(user, allocation_id, path=request.path)


class VisitIn(InputSchema):
    visited_at: AwareDateTime
    child_seen: bool
    location: Line = Field(min_length=1)
    seen_alone: bool | None = None
    others_present: Line = ""
    childs_views: LongText = Field(default="", description="Required when the child was seen")
    daily_life: LongText = Field(default="", description="Required when the child was seen")
    not_seen_reason: LongText = Field(
        default="", description="Required when the child was not seen"
    )
    version: Version | None = None


@router.post(
    "/{allocation_id}/visits", response={200: AllocationOut, **ERRORS}, summary="Record a visit"
)
def visit(request: HttpRequest, allocation_id: uuid.UUID, payload: VisitIn) -> Allocation:
    user = signed_in_user(request)
    allocation = get_allocation_for(user, allocation_id, path=request.path)
    details = payload.model_dump(exclude={"version"})
    actions.record_visit(
        by=user,
        allocation=allocation,
        details=actions.VisitDetails(**details),
        expected_version=payload.version,
    )
    return get_allocation_for(user, allocation_id, path=request.path)
