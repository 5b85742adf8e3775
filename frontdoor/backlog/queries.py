"""The readers of urgent reviews: a batch's progress to zero, and a worker's own reviews."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from frontdoor.access.models import User
from frontdoor.access.policies import can
from frontdoor.access.queries import hidden_restrictions
from frontdoor.access.records import open_record, parse_id
from frontdoor.backlog.models import UrgentReview, UrgentReviewItem

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser


def visible_urgent_reviews(user: User | AnonymousUser) -> QuerySet[UrgentReview]:
    if can(user, "view_urgent_reviews"):
        return UrgentReview.objects.all()
    return UrgentReview.objects.none()


def urgent_reviews_with_progress(user: User) -> QuerySet[UrgentReview]:
    today = timezone.localdate()
    return (
        visible_urgent_reviews(user)
        .select_related("started_by")
        .annotate(
            total=Count("items"),
            outstanding=Count("items", filter=Q(items__outcome="")),
            done=Count("items", filter=~Q(items__outcome="")),
            overdue=Count("items", filter=Q(items__outcome="", items__due_on__lt=today)),
        )
    )


def get_urgent_review_for(user: User, pk: str | uuid.UUID) -> UrgentReview:
    review = urgent_reviews_with_progress(user).filter(pk=parse_id(pk)).first()
    if review is None:
        raise Http404
    return review


@dataclass(frozen=True)
class WorkerProgress:
    name: str
    assigned: int
    done: int

    @property
    def outstanding(self) -> int:
        return self.assigned - self.done


def progress_by_worker(review: UrgentReview) -> list[WorkerProgress]:
    rows = (
        review.items.values("assigned_to__first_name", "assigned_to__last_name")
        .annotate(assigned=Count("id"), finished=Count("id", filter=~Q(outcome="")))
        .order_by("assigned_to__last_name", "assigned_to__first_name")
    )
    return [
        WorkerProgress(
            name=f"{r['assigned_to__first_name']} {r['assigned_to__last_name']}".strip(),
            assigned=r["assigned"],
            done=r["finished"],
        )
        for r in rows
    ]


def _with_restrictions(user: User, items: QuerySet[UrgentReviewItem]) -> QuerySet[UrgentReviewItem]:
    # A restricted child this user may not open is listed without their name.
    hidden = hidden_restrictions(user).filter(person_id=OuterRef("contact__person_id"))
    return items.annotate(hidden_from_viewer=Exists(hidden))


def review_items(user: User, review: UrgentReview) -> QuerySet[UrgentReviewItem]:
    items = review.items.read_as(user).select_related("contact", "contact__family", "assigned_to")
    return _with_restrictions(user, items).order_by(
        "outcome", "contact__family__received_at", "contact__position"
    )


def my_urgent_reviews(user: User) -> QuerySet[UrgentReviewItem]:
    """The reviews assigned to this worker that they have not yet recorded, soonest due first."""
    if not can(user, "record_urgent_review"):
        return UrgentReviewItem.objects.none()
    items = (
        UrgentReviewItem.objects.read_as(user)
        .filter(assigned_to=user, outcome="")
        .select_related("contact", "contact__family", "review")
    )
    return _with_restrictions(user, items).order_by(
        "due_on", "contact__family__received_at", "contact__position"
    )


def get_urgent_review_item_for(
    user: User, pk: str | uuid.UUID, *, path: str, log: bool = True
) -> UrgentReviewItem:
    """A worker opens their own reviews; a manager who may follow reviews opens any. Others 404.
    The page names the child and their contact, so opening it is logged as a view of both
    (SECURITY.md 9); `log=False` only to read it again after acting, in the same request."""
    items = UrgentReviewItem.objects.read_as(user).select_related(
        "contact", "contact__family", "contact__person", "review", "assigned_to"
    )
    if not can(user, "view_urgent_reviews"):
        if not can(user, "record_urgent_review"):
            raise Http404
        items = items.filter(assigned_to=user)
    return open_record(
        user,
        items,
        pk,
        path=path,
        log=log,
        logged_as=lambda item: {
            "person": item.contact.person,
            "family_contact": item.contact.family,
        },
    )


def outstanding_review_count(user: User | AnonymousUser) -> int:
    if not isinstance(user, User) or not can(user, "record_urgent_review"):
        return 0
    return UrgentReviewItem.objects.filter(assigned_to=user, outcome="").count()
