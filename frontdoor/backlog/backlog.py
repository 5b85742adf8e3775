"""The backlog: every open contact in every queue, banded by how long the child has waited.

Age is counted in calendar days from when the contact was received, not working days: a child
waits at weekends too, and the inspectors' "about three weeks" was counted the same way. Bands
are fixed here (under 1, 1–3, 3–7, 7–14, over 14 days); the age at which a child is flagged to
managers and senior leaders is a setting (`guardrails.Setting` "backlog-flag-days").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from frontdoor.access.policies import can
from frontdoor.contacts.models import Contact, FamilyContact
from frontdoor.contacts.queries import Queue, all_queues, visible_family_contacts
from frontdoor.contacts.workflow import OPEN_STATES
from frontdoor.guardrails.indicators import setting

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from frontdoor.access.models import User

BACKLOG_FLAG_DAYS = "backlog-flag-days"


@dataclass(frozen=True)
class Band:
    key: str
    label: str
    from_days: int
    to_days: int | None  # None: no upper bound


BANDS = [
    Band("under-1", "Under 1 day", 0, 1),
    Band("1-3", "1 to 3 days", 1, 3),
    Band("3-7", "3 to 7 days", 3, 7),
    Band("7-14", "7 to 14 days", 7, 14),
    Band("over-14", "Over 14 days", 14, None),
]

# The ages a manager may filter on: "waiting longer than N days".
OLDER_THAN_CHOICES = [(0, "Any age"), (1, "1 day"), (3, "3 days"), (7, "7 days"), (14, "14 days")]


def flag_days() -> int:
    return setting(BACKLOG_FLAG_DAYS, 7)


def _band_filter(band: Band, now: datetime) -> Q:
    # Older means received earlier: "3 to 7 days" is received between 7 and 3 days ago.
    q = Q(family__received_at__lte=now - timedelta(days=band.from_days))
    if band.to_days is not None:
        q &= Q(family__received_at__gt=now - timedelta(days=band.to_days))
    return q


@dataclass(frozen=True)
class BacklogRow:
    queue: Queue
    counts: list[int]
    children: int
    families: int
    flagged: int


def backlog_rows(user: User) -> list[BacklogRow]:
    """One aggregate query per queue: children in each band, families, and how many flagged."""
    if not can(user, "view_backlog"):
        return []
    now = timezone.now()
    flag_since = now - timedelta(days=flag_days())
    rows = []
    for queue in all_queues():
        figures = queue.contacts().aggregate(
            children=Count("id"),
            families=Count("family", distinct=True),
            flagged=Count("id", filter=Q(family__received_at__lte=flag_since)),
            **{band.key: Count("id", filter=_band_filter(band, now)) for band in BANDS},
        )
        rows.append(
            BacklogRow(
                queue=queue,
                counts=[figures[band.key] for band in BANDS],
                children=figures["children"],
                families=figures["families"],
                flagged=figures["flagged"],
            )
        )
    return rows


def waiting_contacts(*, older_than_days: int, queue: Queue | None = None) -> QuerySet[Contact]:
    """Open contacts received more than `older_than_days` ago, in `queue` or any."""
    qs = queue.contacts() if queue is not None else Contact.objects.filter(status__in=OPEN_STATES)
    if older_than_days:
        since = timezone.now() - timedelta(days=older_than_days)
        qs = qs.filter(family__received_at__lte=since)
    return qs


def waiting_families(
    user: User, *, older_than_days: int, queue: Queue | None = None
) -> QuerySet[FamilyContact]:
    """The families behind `waiting_contacts`, oldest first, each with its waiting children.
    Restricted children come out as placeholders, as on the queue pages."""
    waiting = waiting_contacts(older_than_days=older_than_days, queue=queue)
    return (
        visible_family_contacts(user)
        .filter(pk__in=waiting.values("family"))
        .select_related("referral_source", "hub")
        .prefetch_related(
            Prefetch(
                "contacts",
                queryset=Contact.objects.filter(pk__in=waiting.values("pk")).order_by("position"),
                to_attr="waiting",
            )
        )
        .order_by("received_at", "id")
    )


@dataclass(frozen=True)
class BacklogFlag:
    days: int
    children: int
    families: int


def backlog_flag(user: User | AnonymousUser) -> BacklogFlag | None:
    """Children waiting longer than the setting, for managers and senior leaders; else None."""
    if not can(user, "view_backlog"):
        return None
    days = flag_days()
    figures = waiting_contacts(older_than_days=days).aggregate(
        children=Count("id"), families=Count("family", distinct=True)
    )
    if not figures["children"]:
        return None
    return BacklogFlag(days=days, children=figures["children"], families=figures["families"])
