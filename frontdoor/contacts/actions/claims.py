"""Claiming the family you are working on, so that two workers never open the same one
(docs/adr/0026).

A claim belongs to one queue: the screening queue, a hub's queue or the managers' decisions.
Whoever may take the queue's step (screen, analyse, decide) may claim a family waiting there,
release their own claim, or ask for the next unclaimed family, most urgent first. A manager may
release anybody's claim. Every claim and release is audited.

Two workers asking for "the next one" at once never get the same family: on PostgreSQL the
candidate row is locked with `SELECT … FOR UPDATE SKIP LOCKED`, so a second worker passes over
it to the next; on every database the claim itself is a compare-and-set (`UPDATE … WHERE` the
family is unclaimed in this queue), so a worker who loses a race (SQLite serialises writers)
finds nothing changed and takes the next candidate instead.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, cast

from django.db import transaction
from django.db.models import Exists, OuterRef, Q, Subquery
from django.utils import timezone

from frontdoor.access.policies import require
from frontdoor.access.records import ChildRecords, is_concealed
from frontdoor.audit.actions import record_event
from frontdoor.contacts.models import Contact, FamilyContact
from frontdoor.timescales.calendar import say_when
from frontdoor.workflow.errors import IllegalStep, NotReady

if TYPE_CHECKING:
    from frontdoor.access.models import User
    from frontdoor.contacts.queries import Queue

# How many candidates "claim next" tries before saying the queue has nothing left for this
# worker: each lost race passes over one family that someone else has just claimed.
ATTEMPTS = 50


class ClaimedByAnother(IllegalStep):
    """Someone else is working on this family in this queue (the API answers 409)."""

    def __init__(self, family: FamilyContact, queue: Queue) -> None:
        who = family.claimed_by.display_name if family.claimed_by else "Someone else"
        when = f" on {say_when(family.claimed_at)}" if family.claimed_at else ""
        super().__init__(
            f"{who} claimed this contact in the queue “{queue.name}”{when}. "
            "Ask them, or a manager, to release it."
        )


def waiting_in(queue: Queue) -> Q:
    """Families with a child waiting in `queue` (one EXISTS, so a locking read has no join)."""
    children = Contact.objects.filter(family=OuterRef("pk"), status__in=queue.statuses)
    in_queue = Q(Exists(children))
    if queue.hub is not None:
        in_queue &= Q(hub=queue.hub)
    return in_queue


def unclaimed_in(queue: Queue) -> Q:
    return Q(claimed_by__isnull=True) | ~Q(claimed_in=queue.slug)


def _require_worker(by: User, queue: Queue) -> None:
    require(by, queue.work_action)


def _still_waiting(family: FamilyContact, queue: Queue) -> None:
    if not FamilyContact.objects.filter(waiting_in(queue), pk=family.pk).exists():
        raise NotReady([f"This contact is no longer waiting in the queue “{queue.name}”"])


def claim(*, by: User, family: FamilyContact, queue: Queue) -> FamilyContact:
    """Claim a family waiting in `queue` for `by`. Claiming one's own claim again changes
    nothing (a double click); another worker's claim is refused with their name."""
    _require_worker(by, queue)
    with transaction.atomic():
        _still_waiting(family, queue)
        now = timezone.now()
        won = (
            FamilyContact.objects.filter(unclaimed_in(queue), pk=family.pk)
            .read_as(by)
            .update(claimed_by=by, claimed_in=queue.slug, claimed_at=now)
        )
        current = FamilyContact.objects.select_related("claimed_by").get(pk=family.pk)
        if not won:
            if current.claimed_by_id == by.pk:
                return current
            raise ClaimedByAnother(current, queue)
        record_event(
            actor=by,
            verb="contact_claimed",
            family_contact=current,
            data={"queue": queue.name},
        )
    return current


def release(*, by: User, family: FamilyContact, queue: Queue, reason: str = "") -> FamilyContact:
    """Release a claim: one's own, or (a manager) another worker's, which is audited with
    whose claim it was."""
    _require_worker(by, queue)
    with transaction.atomic():
        current = (
            FamilyContact.objects.select_for_update(of=("self",))
            .select_related("claimed_by")
            .get(pk=family.pk)
        )
        holder = current.claimant_in(queue.slug)
        if holder is None:
            raise NotReady(["This contact is not claimed in this queue"])
        if holder.pk != by.pk:
            require(by, "release_others_claim")
        FamilyContact.objects.filter(pk=current.pk, claimed_by=holder).read_as(by).update(
            claimed_by=None, claimed_in="", claimed_at=None
        )
        record_event(
            actor=by,
            verb="claim_released",
            family_contact=current,
            data={"queue": queue.name, "claimed_by": holder.display_name},
            reason=reason,
        )
    current.claimed_by, current.claimed_in, current.claimed_at = None, "", None
    return current


def claimable(queue: Queue, *, besides: list[uuid.UUID]) -> ChildRecords[FamilyContact]:
    """The queue's unclaimed families but those passed over already, most urgent first (the
    queue's own order)."""
    due = Contact.objects.filter(family=OuterRef("pk"), status__in=queue.statuses).order_by(
        queue.deadline_field
    )
    families = (
        FamilyContact.objects.filter(waiting_in(queue), unclaimed_in(queue))
        .exclude(pk__in=besides)
        .annotate(due=Subquery(due.values(queue.deadline_field)[:1]))
        .order_by("due", "received_at", "id")
    )
    return cast("ChildRecords[FamilyContact]", families)


def claim_next(*, by: User, queue: Queue) -> FamilyContact | None:
    """Claim the most urgent unclaimed family in `queue` that `by` may open; None when there is
    none left. Safe with any number of workers asking at once (see the module's note)."""
    _require_worker(by, queue)
    passed: list[uuid.UUID] = []  # taken by someone else meanwhile, or not for this worker to open
    for _ in range(ATTEMPTS):
        with transaction.atomic():
            candidate = (
                claimable(queue, besides=passed)
                .read_as(by)
                .select_for_update(skip_locked=True, of=("self",))
                .first()
            )
            if candidate is None:
                return None
            passed.append(candidate.pk)
            if is_concealed(candidate):
                continue  # a restricted child: for whoever is on the allow-list to claim
            now = timezone.now()
            won = (
                FamilyContact.objects.filter(unclaimed_in(queue), pk=candidate.pk)
                .read_as(by)
                .update(claimed_by=by, claimed_in=queue.slug, claimed_at=now)
            )
            if not won:
                continue
            candidate.claimed_by, candidate.claimed_in, candidate.claimed_at = (
                by,
                queue.slug,
                now,
            )
            record_event(
                actor=by,
                verb="contact_claimed",
                family_contact=candidate,
                data={"queue": queue.name, "next": True},
            )
            return candidate
    return None
