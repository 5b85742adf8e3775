"""The readers of management oversight: a child's records and open actions, the challenges a
worker must answer, and the children whose open case has gone too long without oversight."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce, Greatest, Least
from django.http import Http404
from django.utils import timezone

from frontdoor.access.models import Role
from frontdoor.access.policies import can
from frontdoor.access.queries import hidden_restrictions
from frontdoor.access.records import open_record
from frontdoor.assessments.workflow import AssessmentStatus
from frontdoor.contacts.models import Contact
from frontdoor.contacts.workflow import OPEN_STATES
from frontdoor.guardrails.indicators import setting
from frontdoor.oversight.models import OversightAction, OversightRecord
from frontdoor.oversight.rules import (
    DEFAULT_OVERSIGHT_DUE_DAYS,
    OVERSIGHT_DUE_SETTING,
    Verdict,
    is_overdue,
)
from frontdoor.people.models import Person
from frontdoor.people.queries import get_person_for
from frontdoor.referrals.models import Referral

if TYPE_CHECKING:
    from frontdoor.access.models import User


def get_child_for_oversight(user: User, pk: str | uuid.UUID, *, path: str = "") -> Person:
    """The child whose oversight is read: the child's record, through the one reader of it
    (logged as viewed; a 404 outside the scope, a 403 for a restricted record)."""
    if not can(user, "view_oversight"):
        raise Http404
    return get_person_for(user, pk, path=path)


def contacts_to_oversee(person: Person) -> QuerySet[Contact]:
    """The child's contacts, newest first: whose screening or decision a manager oversees."""
    return (
        Contact.objects.filter(person=person)
        .select_related("family")
        .order_by("-family__received_at")
    )


def records_for(person: Person) -> QuerySet[OversightRecord]:
    """The child's oversight and supervision, newest first, with responses and actions."""
    return (
        OversightRecord.objects.filter(person=person)
        .select_related(
            "recorded_by",
            "challenged_user",
            "contact__family",
            "response__responded_by",
        )
        .prefetch_related("actions__owner", "actions__completion__completed_by")
        .order_by("-recorded_at")
    )


def open_actions_for(person: Person) -> QuerySet[OversightAction]:
    return (
        OversightAction.objects.filter(record__person=person, completion__isnull=True)
        .select_related("owner")
        .order_by("due_on", "position")
    )


def _challenges_answerable_by(user: User) -> Q:
    mine = Q(challenged_user=user)
    if user.role == Role.MANAGER and user.team_id is not None:
        mine |= Q(challenged_team_id=user.team_id)
    return mine


def challenges_to(user: User) -> QuerySet[OversightRecord]:
    """Open challenges to this user's screenings and decisions (and, for a manager, their
    team's), oldest first. A restricted child the user may not open is flagged, not named."""
    if not can(user, "respond_to_challenge"):
        return OversightRecord.objects.none()
    hidden = hidden_restrictions(user).filter(person_id=OuterRef("person_id"))
    return (
        OversightRecord.objects.read_as(user)
        .filter(_challenges_answerable_by(user), verdict=Verdict.CHALLENGE, response__isnull=True)
        .select_related("person", "recorded_by", "challenged_user", "contact__family")
        .annotate(hidden_from_viewer=Exists(hidden))
        .order_by("recorded_at")
    )


def get_challenge_for(
    user: User, pk: str | uuid.UUID, *, path: str = "", log: bool = True
) -> OversightRecord:
    """A challenge the user may answer (open or answered). Others get a 404. `log=False`:
    read again after answering it, in a request that has logged its view already."""
    if not can(user, "respond_to_challenge"):
        raise Http404
    records = (
        OversightRecord.objects.read_as(user)
        .filter(_challenges_answerable_by(user), verdict=Verdict.CHALLENGE)
        .select_related("person", "recorded_by", "challenged_user", "contact__family")
    )
    return open_record(user, records, pk, path=path, log=log)


def my_open_actions(user: User) -> QuerySet[OversightAction]:
    hidden = hidden_restrictions(user).filter(person_id=OuterRef("record__person_id"))
    return (
        OversightAction.objects.read_as(user)
        .filter(owner=user, completion__isnull=True)
        .select_related("record__person")
        .annotate(hidden_from_viewer=Exists(hidden))
        .order_by("due_on", "position")
    )


def get_action_for(
    user: User, pk: str | uuid.UUID, *, path: str = "", log: bool = True
) -> OversightAction:
    """An action its owner completes, or a manager. Others get a 404."""
    if not can(user, "complete_oversight_action"):
        raise Http404
    actions = OversightAction.objects.read_as(user).select_related(
        "owner", "record__person", "record__contact"
    )
    if user.role != Role.MANAGER:
        actions = actions.filter(owner=user)
    return open_record(
        user,
        actions,
        pk,
        path=path,
        log=log,
        logged_as=lambda found: {"person": found.record.person},
    )


# --- Due oversight -----------------------------------------------------------------------------


def oversight_due_days() -> int:
    return setting(OVERSIGHT_DUE_SETTING, DEFAULT_OVERSIGHT_DUE_DAYS)


def with_oversight_clock(people: QuerySet[Person]) -> QuerySet[Any]:
    """Annotate each child with `case_opened_at` (the oldest open contact or referral, or None
    when nothing is open) and `clock_from` (the later of that and the last oversight).

    An open case is an open contact in any front-door queue, or a referral whose child and
    family assessment is not yet authorised. Coalesce on both sides keeps LEAST and GREATEST
    alike on SQLite (NULL if any argument is) and PostgreSQL (NULLs ignored)."""
    contact = (
        Contact.objects.filter(person=OuterRef("pk"), status__in=OPEN_STATES)
        .order_by("family__received_at")
        .values("family__received_at")[:1]
    )
    referral = (
        Referral.objects.filter(person=OuterRef("pk"))
        .exclude(assessment__status=AssessmentStatus.AUTHORISED)
        .order_by("referral_date")
        .values("referral_date")[:1]
    )
    last = (
        OversightRecord.objects.filter(person=OuterRef("pk"))
        .order_by("-recorded_at")
        .values("recorded_at")[:1]
    )
    c, r = Subquery(contact), Subquery(referral)
    people = people.annotate(
        case_opened_at=Least(Coalesce(c, r), Coalesce(r, c)),
        last_oversight_at=Subquery(last),
    )
    return people.annotate(
        clock_from=Greatest("case_opened_at", Coalesce("last_oversight_at", "case_opened_at"))
    )


@dataclass(frozen=True)
class OversightClock:
    case_open: bool
    last_oversight_at: datetime | None
    days_without: int | None  # whole days since the last oversight (or the case opened)
    due_days: int

    @property
    def overdue(self) -> bool:
        return is_overdue(self.days_without, self.due_days)


def oversight_clock(person: Person, now: datetime | None = None) -> OversightClock:
    now = now or timezone.now()
    found = with_oversight_clock(Person.objects.filter(pk=person.pk)).values(
        "case_opened_at", "last_oversight_at", "clock_from"
    )[0]
    since = found["clock_from"]
    return OversightClock(
        case_open=found["case_opened_at"] is not None,
        last_oversight_at=found["last_oversight_at"],
        days_without=(now - since).days if since is not None else None,
        due_days=oversight_due_days(),
    )


@dataclass
class DueChild:
    person: Person
    days_without: int
    never_overseen: bool


@dataclass
class DueFamily:
    children: list[DueChild]

    @property
    def longest(self) -> int:
        return max(c.days_without for c in self.children)


def _due(now: datetime) -> QuerySet[Any]:
    cutoff = now - timedelta(days=oversight_due_days())
    family = (
        Contact.objects.filter(person=OuterRef("pk"))
        .order_by("-family__received_at")
        .values("family_id")[:1]
    )
    due: QuerySet[Any] = (
        with_oversight_clock(Person.objects.filter(merged_into__isnull=True))
        .filter(clock_from__lte=cutoff)
        .annotate(family_id=Subquery(family))
        .order_by("clock_from", "last_name", "first_name")
    )
    return due


def count_due_oversight(now: datetime | None = None) -> int:
    return _due(now or timezone.now()).count()


def children_due_oversight(user: User, now: datetime | None = None) -> list[DueFamily]:
    """Children whose open case has gone the set time without oversight, longest first, with
    brothers and sisters from the same family contact together. Restricted children the user
    may not open are placeholders (the template shows no name)."""
    if not can(user, "view_due_oversight"):
        return []
    now = now or timezone.now()
    hidden = hidden_restrictions(user).filter(person_id=OuterRef("pk"))
    families: dict[object, DueFamily] = {}
    for person in _due(now).annotate(hidden_from_viewer=Exists(hidden)):
        child = DueChild(
            person=person,
            days_without=(now - person.clock_from).days,
            never_overseen=person.last_oversight_at is None,
        )
        key = person.family_id or person.pk
        families.setdefault(key, DueFamily([])).children.append(child)
    return list(families.values())


def open_challenge_count() -> int:
    return OversightRecord.objects.filter(verdict=Verdict.CHALLENGE, response__isnull=True).count()
