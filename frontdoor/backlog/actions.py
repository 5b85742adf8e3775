"""The only writers of urgent reviews: one function per intention (../shared/STYLE.md)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from functools import partial
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone

from frontdoor.access.policies import RULES, require
from frontdoor.audit.actions import record_event, record_events
from frontdoor.audit.models import Event
from frontdoor.backlog.models import ReviewOutcome, UrgentReview, UrgentReviewItem
from frontdoor.contacts.workflow import OPEN_STATES
from frontdoor.workflow.compare_and_set import bump
from frontdoor.workflow.errors import NotReady

if TYPE_CHECKING:
    from frontdoor.access.models import User
    from frontdoor.contacts.models import Contact


def _start_problems(
    contacts: Sequence[Contact], workers: Sequence[User], due_on: date | None, reason: str
) -> list[tuple[str, str]]:
    """Each problem with the input it is about (the API names it)."""
    problems = []
    if not contacts:
        problems.append(("contacts", "Select at least one child to review"))
    if not workers:
        problems.append(("workers", "Select at least one worker to review them"))
    if due_on is None:
        problems.append(("due_on", "Enter the date the reviews are due"))
    elif due_on < timezone.localdate():
        problems.append(("due_on", "The date the reviews are due must be today or in the future"))
    if not reason.strip():
        problems.append(("reason", "Enter why these children are being reviewed"))
    allowed = RULES["record_urgent_review"]
    for worker in workers:
        if not worker.is_active or worker.role not in allowed:
            problems.append(("workers", f"{worker.display_name} cannot record reviews"))
    for contact in contacts:
        if contact.status not in OPEN_STATES:
            problems.append(
                ("contacts", f"{contact.child_name} has been decided: they are no longer waiting")
            )
    return problems


def _share_by_family(contacts: Sequence[Contact], workers: Sequence[User]) -> dict[Any, User]:
    """Round robin by family, oldest first: brothers and sisters go to the same worker."""
    families: list[Any] = []
    for contact in contacts:
        if contact.family_id not in families:
            families.append(contact.family_id)
    return {family: workers[i % len(workers)] for i, family in enumerate(families)}


def start_urgent_review(
    *,
    by: User,
    contacts: Sequence[Contact],
    workers: Sequence[User],
    due_on: date | None,
    reason: str,
    criteria: dict[str, Any] | None = None,
) -> UrgentReview:
    """Assign a review of each chosen child to one of the chosen workers, due on one date."""
    require(by, "start_urgent_review")
    problems = _start_problems(contacts, workers, due_on, reason)
    if problems or due_on is None:  # a missing date is always among the problems
        raise NotReady.about(problems)
    ordered = sorted(contacts, key=lambda c: (c.family.received_at, str(c.family_id), c.position))
    owner = _share_by_family(ordered, workers)
    with transaction.atomic():
        review = UrgentReview.objects.create(
            reason=reason.strip(),
            due_on=due_on,
            started_by=by,
            started_at=timezone.now(),
            criteria=criteria or {},
        )
        UrgentReviewItem.objects.bulk_create(
            UrgentReviewItem(
                review=review, contact=c, assigned_to=owner[c.family_id], due_on=due_on
            )
            for c in ordered
        )
        record_events(
            [
                Event(
                    actor=by,
                    verb="urgent_review_assigned",
                    family_contact=c.family,
                    contact=c,
                    person=c.person,
                    data={
                        "review": str(review.pk),
                        "assigned_to": owner[c.family_id].username,
                        "due_on": due_on.isoformat(),
                    },
                )
                for c in ordered
            ]
        )
        for worker in {w.pk: w for w in owner.values()}.values():
            count = sum(1 for c in ordered if owner[c.family_id].pk == worker.pk)
            transaction.on_commit(partial(_tell_worker, worker.pk, count, due_on))
    return review


def _tell_worker(user_id: int, count: int, due_on: date) -> None:
    from frontdoor.backlog.tasks import tell_worker_about_urgent_reviews

    tell_worker_about_urgent_reviews.enqueue(user_id, count, f"{due_on:%-d %B %Y}")


def record_urgent_review(
    *,
    by: User,
    item: UrgentReviewItem,
    outcome: str,
    note: str,
    expected_version: int | None = None,
) -> UrgentReviewItem:
    """The assigned worker records what their review of the child found."""
    require(by, "record_urgent_review")
    problems = []
    if item.assigned_to_id != by.pk:
        problems.append(("", "Only the worker this review is assigned to can record it"))
    if item.outcome:
        problems.append(("", "This review has already been recorded"))
    if outcome not in ReviewOutcome.values:
        problems.append(("outcome", "Select what your review found"))
    if not note.strip():
        problems.append(("note", "Enter what you found and did"))
    if problems:
        raise NotReady.about(problems)
    with transaction.atomic():
        bump(
            item,
            "review",
            expected_version,
            where={"outcome": ""},  # recorded once
            outcome=outcome,
            note=note.strip(),
            reviewed_at=timezone.now(),
        )
        contact = item.contact
        record_event(
            actor=by,
            verb="urgent_review_recorded",
            family_contact=contact.family,
            contact=contact,
            person=contact.person,
            data={"review": str(item.review_id), "outcome": outcome},
            reason=note.strip(),
        )
    item.refresh_from_db()
    return item
