"""The backlog and urgent reviews over JSON (mounted at /api/backlog): the same actions and
queries as the pages (frontdoor/backlog/views.py, review_views.py).

- the backlog: every queue's children banded by how long they have waited, the flag for those
  waiting too long, and the families waiting (restricted children as placeholders);
- urgent reviews: a manager sends waiting children to named workers with a due date and follows
  the reviews to zero; each worker reads and records the reviews assigned to them.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Router, Schema, Status
from ninja.errors import ValidationError
from ninja.pagination import paginate
from pydantic import Field

from frontdoor.access.models import User
from frontdoor.access.policies import require
from frontdoor.access.queries import hidden_restrictions, signed_in_user
from frontdoor.api.pagination import BoundedLimitOffsetPagination
from frontdoor.api.schemas import (
    ERRORS,
    READ_ERRORS,
    InputSchema,
    IsoDate,
    Line,
    Name,
    RequiredText,
    Version,
    field_error,
)
from frontdoor.backlog import actions
from frontdoor.backlog.backlog import (
    BANDS,
    OLDER_THAN_CHOICES,
    backlog_flag,
    backlog_rows,
    waiting_families,
)
from frontdoor.backlog.models import UrgentReview, UrgentReviewItem
from frontdoor.backlog.queries import (
    WorkerProgress,
    get_urgent_review_for,
    get_urgent_review_item_for,
    my_urgent_reviews,
    progress_by_worker,
    review_items,
    urgent_reviews_with_progress,
)
from frontdoor.contacts.models import Contact, FamilyContact
from frontdoor.contacts.queries import Queue, all_queues, visible_contacts

router = Router(tags=["backlog and urgent reviews"])

RESTRICTED = "Restricted record"


# --- The backlog -------------------------------------------------------------------------------


class BandCountOut(Schema):
    band: str = Field(description="under-1, 1-3, 3-7, 7-14 or over-14 (days waited)")
    label: str
    children: int


class BacklogRowOut(Schema):
    queue: str
    name: str
    bands: list[BandCountOut]
    children: int
    families: int
    flagged: int = Field(description="Children waiting longer than flag_days")


class BacklogOut(Schema):
    flag_days: int | None = Field(description="The age at which a child is flagged")
    flagged_children: int
    flagged_families: int
    queues: list[BacklogRowOut]


@router.get("", response={200: BacklogOut, **READ_ERRORS}, summary="Get the backlog")
def backlog(request: HttpRequest) -> BacklogOut:
    """Every queue's children by how long they have waited (calendar days since the contact was
    received), and how many are past the age the council flags."""
    user = signed_in_user(request)
    require(user, "view_backlog")
    flag = backlog_flag(user)
    return BacklogOut(
        flag_days=flag.days if flag else None,
        flagged_children=flag.children if flag else 0,
        flagged_families=flag.families if flag else 0,
        queues=[
            BacklogRowOut(
                queue=row.queue.slug,
                name=row.queue.name,
                bands=[
                    BandCountOut(band=band.key, label=band.label, children=count)
                    for band, count in zip(BANDS, row.counts, strict=True)
                ],
                children=row.children,
                families=row.families,
                flagged=row.flagged,
            )
            for row in backlog_rows(user)
        ],
    )


class WaitingChildOut(Schema):
    contact_id: uuid.UUID
    name: str = Field(description=f'The child\'s name, or "{RESTRICTED}"')
    status: str


class WaitingFamilyOut(Schema):
    id: uuid.UUID
    reference: str
    received_at: datetime
    hub: str | None
    children: list[WaitingChildOut]

    @staticmethod
    def resolve_hub(obj: FamilyContact) -> str | None:
        return obj.hub.slug if obj.hub else None

    @staticmethod
    def resolve_children(obj: FamilyContact) -> list[WaitingChildOut]:
        # `waiting` is read as the caller: a restricted child they may not open is masked.
        return [
            WaitingChildOut(contact_id=c.pk, name=c.child_name, status=c.status)
            for c in getattr(obj, "waiting", [])
        ]


def _query_error(name: str, msg: str) -> ValidationError:
    return ValidationError([{"type": "value_error", "loc": ["query", name], "msg": msg}])


def _queue(slug: str) -> Queue | None:
    """The allow-listed queue (../shared/SECURITY.md, 7), or a 422 naming `queue`."""
    if not slug:
        return None
    found = next((q for q in all_queues() if q.slug == slug), None)
    if found is None:
        raise _query_error("queue", f"Unknown queue {slug[:60]!r}")
    return found


AGES = [days for days, _ in OLDER_THAN_CHOICES]


@router.get(
    "/waiting",
    response={200: list[WaitingFamilyOut], **READ_ERRORS},
    summary="List the families waiting",
)
@paginate(BoundedLimitOffsetPagination)
def waiting(
    request: HttpRequest,
    older_than_days: int = 0,
    queue: str = "",
) -> object:
    """Families with a child waiting longer than `older_than_days` (0, 1, 3, 7 or 14), in
    `queue` (a queue's slug) or any, oldest first."""
    user = signed_in_user(request)
    require(user, "view_backlog")
    if older_than_days not in AGES:
        raise _query_error("older_than_days", f"must be one of {', '.join(map(str, AGES))}")
    return waiting_families(user, older_than_days=older_than_days, queue=_queue(queue))


# --- Urgent reviews ----------------------------------------------------------------------------


class WorkerProgressOut(Schema):
    name: str
    assigned: int
    done: int


class UrgentReviewItemOut(Schema):
    id: uuid.UUID
    urgent_review_id: uuid.UUID
    contact_id: uuid.UUID
    reference: str
    child: str = Field(description=f'The child\'s name, or "{RESTRICTED}"')
    assigned_to: str
    due_on: date
    outcome: str = Field(description="Empty until recorded: safe_to_wait, progressed, escalated")
    note: str
    reviewed_at: datetime | None
    version: int

    @staticmethod
    def resolve_urgent_review_id(obj: UrgentReviewItem) -> uuid.UUID:
        return obj.review_id

    @staticmethod
    def resolve_reference(obj: UrgentReviewItem) -> str:
        return obj.contact.family.reference

    @staticmethod
    def resolve_child(obj: UrgentReviewItem) -> str:
        hidden = getattr(obj, "hidden_from_viewer", False)
        return RESTRICTED if hidden else obj.contact.child_name

    @staticmethod
    def resolve_assigned_to(obj: UrgentReviewItem) -> str:
        return obj.assigned_to.display_name


class UrgentReviewOut(Schema):
    id: uuid.UUID
    reason: str
    due_on: date
    started_by: str
    started_at: datetime
    total: int
    done: int
    outstanding: int
    overdue: int

    @staticmethod
    def resolve_started_by(obj: UrgentReview) -> str:
        return obj.started_by.display_name


class UrgentReviewDetailOut(UrgentReviewOut):
    workers: list[WorkerProgressOut]
    items: list[UrgentReviewItemOut]

    @staticmethod
    def resolve_workers(obj: UrgentReview) -> list[WorkerProgress]:
        return progress_by_worker(obj)

    @staticmethod
    def resolve_items(obj: UrgentReview, context: dict[str, Any]) -> list[UrgentReviewItem]:
        # Read as the caller: a restricted child they may not open is "Restricted record".
        return list(review_items(signed_in_user(context["request"]), obj))


@router.get(
    "/urgent-reviews",
    response={200: list[UrgentReviewOut], **READ_ERRORS},
    summary="List urgent reviews",
)
@paginate(BoundedLimitOffsetPagination)
def urgent_reviews(request: HttpRequest) -> object:
    """Every urgent review, newest first, with its progress to zero."""
    user = signed_in_user(request)
    require(user, "view_urgent_reviews")
    return urgent_reviews_with_progress(user)


@router.get(
    "/urgent-reviews/{urgent_review_id}",
    response={200: UrgentReviewDetailOut, **READ_ERRORS},
    summary="Get an urgent review",
)
def urgent_review(request: HttpRequest, urgent_review_id: uuid.UUID) -> UrgentReview:
    return get_urgent_review_for(signed_in_user(request), urgent_review_id)


class StartUrgentReviewIn(InputSchema):
    contacts: list[uuid.UUID] = Field(
        min_length=1, max_length=1000, description="The children to review (their contact ids)"
    )
    workers: list[Name] = Field(
        min_length=1, max_length=100, description="The usernames of the workers to review them"
    )
    due_on: IsoDate = Field(description="The date the reviews are due (today or later)")
    reason: Line = Field(description="Why these children are being reviewed")


def _waiting_children(user: User, ids: list[uuid.UUID]) -> list[Contact]:
    """The children chosen, by contact id. A restricted child the manager may not open is not
    there, as an id that names nothing (a 422 at its position): a review of them is started by
    someone on the allow-list."""
    hidden = hidden_restrictions(user).values("person_id")
    contacts = visible_contacts(user).filter(pk__in=ids).exclude(person_id__in=hidden)
    found = {c.pk: c for c in contacts.select_related("family", "person")}
    for i, pk in enumerate(ids):
        if pk not in found:
            raise field_error("contacts", i, msg=f"Unknown contact {pk}")
    return [found[pk] for pk in dict.fromkeys(ids)]


def _workers(usernames: list[str]) -> list[User]:
    found = {u.username: u for u in User.objects.filter(username__in=usernames, is_active=True)}
    for i, name in enumerate(usernames):
        if name not in found:
            raise field_error("workers", i, msg=f"Unknown worker {name!r}")
    return [found[name] for name in dict.fromkeys(usernames)]


@router.post(
    "/urgent-reviews",
    response={201: UrgentReviewDetailOut, **ERRORS},
    summary="Start an urgent review",
)
def start_urgent_review(request: HttpRequest, payload: StartUrgentReviewIn) -> Status[UrgentReview]:
    """Share the children between the workers (brothers and sisters to the same one), each
    review due on one date; each worker is told."""
    user = signed_in_user(request)
    require(user, "start_urgent_review")
    review = actions.start_urgent_review(
        by=user,
        contacts=_waiting_children(user, payload.contacts),
        workers=_workers(payload.workers),
        due_on=payload.due_on,
        reason=payload.reason,
    )
    return Status(201, get_urgent_review_for(user, review.pk))


@router.get(
    "/reviews/mine",
    response={200: list[UrgentReviewItemOut], **READ_ERRORS},
    summary="List the urgent reviews assigned to me",
)
@paginate(BoundedLimitOffsetPagination)
def my_reviews(request: HttpRequest) -> object:
    """The reviews assigned to me that I have not recorded yet, soonest due first."""
    user = signed_in_user(request)
    require(user, "record_urgent_review")
    return my_urgent_reviews(user).select_related("assigned_to")


class UrgentReviewIn(InputSchema):
    outcome: Literal["safe_to_wait", "progressed", "escalated"] = Field(
        description="What your review found (ReviewOutcome)"
    )
    note: RequiredText = Field(description="What you found and did")
    version: Version = Field(description="The review's version you read")


@router.post(
    "/reviews/{item_id}",
    response={200: UrgentReviewItemOut, **ERRORS},
    summary="Record an urgent review",
)
def record_review(
    request: HttpRequest, item_id: uuid.UUID, payload: UrgentReviewIn
) -> UrgentReviewItem:
    """Only the worker the review is assigned to records it, once."""
    user = signed_in_user(request)
    item = get_urgent_review_item_for(user, item_id, path=request.path)
    actions.record_urgent_review(
        by=user,
        item=item,
        outcome=payload.outcome,
        note=payload.note,
        expected_version=payload.version,
    )
    return get_urgent_review_item_for(user, item_id, path=request.path, log=False)
