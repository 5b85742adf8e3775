"""The readers: who may see which notifications and batches, the triage queue, the review list.

MASH staff see every notification. A police force's own users see their own force's batches
and figures only (figures.py), never the children's contacts: another force's batch is a 404.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from frontdoor.access.models import Role
from frontdoor.access.policies import can
from frontdoor.access.records import get_openable, open_record, parse_id
from frontdoor.audit.models import Event, ViewKind
from frontdoor.contacts.workflow import Status
from frontdoor.matching.scoring import REASONS, Reason
from frontdoor.people.models import Person
from frontdoor.police.models import Batch, BatchRow, Notification, NotificationChild
from frontdoor.police.workflow import MatchStatus, RowOutcome

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from frontdoor.access.models import User


def visible_notifications(user: User | AnonymousUser) -> QuerySet[Notification]:
    if can(user, "view_police_notifications"):
        return Notification.objects.read_as(user)
    return Notification.objects.none()


def visible_batches(user: User | AnonymousUser) -> QuerySet[Batch]:
    if can(user, "view_police_notifications"):
        return Batch.objects.all()
    agency = getattr(user, "agency_id", None)
    if can(user, "send_police_batch") and agency is not None:
        return Batch.objects.filter(agency_id=agency)
    return Batch.objects.none()


def may_see_batches(user: User | AnonymousUser) -> bool:
    return can(user, "view_police_notifications") or can(user, "send_police_batch")


def get_batch_for(user: User, pk: str | uuid.UUID) -> Batch:
    batch = visible_batches(user).select_related("agency", "received_by").filter(pk=parse_id(pk))
    found = batch.first()
    if found is None:
        raise Http404
    return found


def batch_rows(batch: Batch, outcome: str = "") -> QuerySet[BatchRow]:
    rows = batch.rows.select_related("notification")
    if outcome in RowOutcome.values:
        rows = rows.filter(outcome=outcome)
    return rows.order_by("kind", "number")


def _children() -> Any:
    return Prefetch(
        "children", queryset=NotificationChild.objects.select_related("contact", "contact__person")
    )


def get_notification_for(user: User, pk: str | uuid.UUID, *, path: str = "") -> Notification:
    """One notification with its children; a 404 if the user may not see it. Logged, as a view
    of the family contact it became."""
    notifications = (
        visible_notifications(user)
        .select_related("agency", "family", "episode", "quality", "first_batch")
        .prefetch_related(_children())
    )
    return open_record(
        user,
        notifications,
        pk,
        path=path,
        kind=ViewKind.CONTACT,
        logged_as=lambda found: {"family_contact": found.family},
    )


def triage_queue(user: User) -> QuerySet[Notification]:
    """Police notifications with a child still awaiting screening, one row per family: the
    highest risk first, then the soonest screening deadline (both stored, so SQL sorts)."""
    waiting = Notification.objects.filter(
        family__contacts__status=Status.AWAITING_SCREENING
    ).values("pk")
    return (
        visible_notifications(user)
        .filter(pk__in=waiting)
        .select_related("agency")
        .prefetch_related(_children())
        .order_by("-risk_rank", "screening_due_at", "reference")
    )


def review_list(user: User) -> QuerySet[NotificationChild]:
    """Children whose match is uncertain, the riskiest and most urgent first."""
    if not can(user, "review_police_match"):
        return NotificationChild.objects.none()
    return (
        NotificationChild.objects.read_as(user)
        .filter(match_status=MatchStatus.REVIEW)
        .select_related("notification", "contact", "notification__agency")
        .order_by("-notification__risk_rank", "notification__screening_due_at", "pk")
    )


def get_review_for(user: User, contact_id: str | uuid.UUID) -> NotificationChild:
    """A child's match to review, by the child's contact id; a 404 if not the user's to see."""
    if not can(user, "view_police_notifications"):
        raise Http404
    children = NotificationChild.objects.select_related(
        "notification", "notification__agency", "contact", "contact__family"
    )
    return open_record(user, children, contact_id, key="contact_id", log=False)


@dataclass(frozen=True)
class Offered:
    person: Person
    score: int
    reasons: tuple[Reason, ...]
    restricted: bool = False


def review_candidates(user: User, child: NotificationChild) -> list[Offered]:
    """The candidates the matcher offered, with today's details, restricted records blanked for
    users not on their allow-list (../shared/SECURITY.md, 4)."""
    ids = [uuid.UUID(item["person"]) for item in child.candidates]
    people = Person.objects.read_as(user).in_bulk(ids)
    offered = []
    for item, person_id in zip(child.candidates, ids, strict=True):
        person = people.get(person_id)
        if person is None:
            continue
        if person.is_restricted_placeholder:
            offered.append(Offered(person, 0, (), restricted=True))
            continue
        reasons = tuple(REASONS[code] for code in item.get("reasons", []) if code in REASONS)
        offered.append(Offered(person, int(item.get("score", 0)), reasons))
    return offered


def sees_own_force_only(user: User) -> bool:
    return user.role == Role.PARTNER


def notification_changes(notification: Notification) -> QuerySet[Event]:
    """Each re-send that changed the notification, oldest first."""
    return Event.objects.filter(
        family_contact=notification.family, verb="police_notification_updated"
    ).order_by("occurred_at", "pk")


def chosen_person(user: User, pk: str) -> Person | None:
    """The person a reviewer chose, if this user may open them (a restricted record is never
    offered, and an id typed in instead is treated as no choice at all)."""
    try:
        return get_openable(user, Person.objects.all(), pk)
    except Person.DoesNotExist:
        return None
