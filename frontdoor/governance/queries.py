"""The readers behind the information governance pages (../shared/SECURITY.md, 11).

Two questions: "who viewed this child between these dates" and "everything this user viewed or
exported". Both read the append-only audit tables through the (person, time) and (user, time)
indexes. Only the information governance role may ask (`query_audit`).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from frontdoor.access.actions import BREAK_GLASS_NOTICE_NOT_SENT, BREAK_GLASS_NOTICE_SENT
from frontdoor.access.models import BreakGlass, RestrictedRecord, User
from frontdoor.access.policies import require
from frontdoor.access.records import open_record
from frontdoor.audit.models import Event, RecordView
from frontdoor.contacts.models import Contact
from frontdoor.people.models import Person

MAX_ROWS = 5000
# The events that count as "looking" or "taking away", beside the record-view log.
EXPORT_AND_ACCESS_VERBS = ("audit_exported", "restricted_record_opened")


def _window(start: date, end: date) -> tuple[datetime, datetime]:
    zone = timezone.get_current_timezone()
    return (
        datetime.combine(start, time.min, tzinfo=zone),
        datetime.combine(end + timedelta(days=1), time.min, tzinfo=zone),
    )


def find_children(user: User, name: str) -> list[Person]:
    require(user, "query_audit")
    people = Person.objects.all()
    for word in name.split():
        people = people.filter(
            Q(first_name__istartswith=word)
            | Q(last_name__istartswith=word)
            | Q(known_as__istartswith=word)
        )
    return list(people.order_by("last_name", "first_name", "date_of_birth")[:50])


def get_child_for(user: User, pk: uuid.UUID) -> Person:
    require(user, "query_audit")
    return open_record(user, Person.objects.read_as(user), pk, log=False)


@dataclass(frozen=True)
class Activity:
    when: datetime
    who: str
    username: str
    role: str
    organisation: str
    what: str
    child: str
    reason: str
    request_id: str


def views_of_child(user: User, person: Person, start: date, end: date) -> list[Activity]:
    """Every logged view of the child's record, and of any contact about them, in the window;
    plus break-glass openings and exports about the child."""
    require(user, "query_audit")
    since, until = _window(start, end)
    families = Contact.objects.filter(person=person).values("family_id")
    views = (
        RecordView.objects.filter(viewed_at__gte=since, viewed_at__lt=until)
        .filter(Q(person=person) | Q(family_contact_id__in=families))
        .select_related("user")
        .order_by("viewed_at", "id")[:MAX_ROWS]
    )
    about_the_child = Q(person=person, verb="restricted_record_opened") | Q(
        verb="audit_exported", data__person=str(person.pk)
    )
    events = (
        Event.objects.filter(occurred_at__gte=since, occurred_at__lt=until)
        .filter(about_the_child)
        .select_related("actor")
        .order_by("occurred_at", "id")[:MAX_ROWS]
    )
    rows = [_from_view(v) for v in views] + [_from_event(e) for e in events]
    return sorted(rows, key=lambda a: a.when)


def activity_of_user(user: User, target: User, start: date, end: date) -> list[Activity]:
    require(user, "query_audit")
    since, until = _window(start, end)
    views = (
        RecordView.objects.filter(user=target, viewed_at__gte=since, viewed_at__lt=until)
        .select_related("user", "person")
        .order_by("viewed_at", "id")[:MAX_ROWS]
    )
    events = (
        Event.objects.filter(
            actor=target,
            occurred_at__gte=since,
            occurred_at__lt=until,
            verb__in=EXPORT_AND_ACCESS_VERBS,
        )
        .select_related("actor", "person")
        .order_by("occurred_at", "id")[:MAX_ROWS]
    )
    rows = [_from_view(v, with_child=True) for v in views]
    rows += [_from_event(e, with_child=True) for e in events]
    return sorted(rows, key=lambda a: a.when)


def _from_view(view: RecordView, *, with_child: bool = False) -> Activity:
    return Activity(
        when=view.viewed_at,
        who=view.user.display_name,
        username=view.user.username,
        role=view.role,
        organisation=view.organisation,
        what=f"Viewed: {view.get_kind_display()}",
        child=view.person.full_name if with_child and view.person else "",
        reason="",
        request_id=view.request_id,
    )


VERB_WORDS = {
    "audit_exported": "Exported the audit trail",
    "restricted_record_opened": "Opened a restricted record (break-glass)",
}


def _from_event(event: Event, *, with_child: bool = False) -> Activity:
    actor = event.actor
    return Activity(
        when=event.occurred_at,
        who=actor.display_name if actor else "System",
        username=actor.username if actor else "",
        role=actor.get_role_display() if actor else "",
        organisation=actor.agency.name if actor and actor.agency else "",
        what=VERB_WORDS.get(event.verb, event.verb.replace("_", " ").capitalize()),
        child=event.person.full_name if with_child and event.person else "",
        reason=event.reason,
        request_id=event.request_id,
    )


def break_glass_log(user: User) -> QuerySet[BreakGlass]:
    """Every break-glass there has been, newest first: read from the break-glass table itself,
    so one whose notice never went is listed all the same."""
    require(user, "query_audit")
    return BreakGlass.objects.select_related("user", "restriction__person").order_by(
        "-opened_at", "-id"
    )


@dataclass(frozen=True)
class Notice:
    """What became of the email telling the governance lead about one break-glass."""

    sent: bool
    when: datetime
    sent_to: int
    why_not: str


NOTICE_VERBS = (BREAK_GLASS_NOTICE_SENT, BREAK_GLASS_NOTICE_NOT_SENT)
WHY_NOT_SENT = {
    "no_recipient": "no recipient is configured",
    "email_failed": "the email could not be sent",
}


def break_glass_notices(user: User, opened: list[BreakGlass]) -> dict[uuid.UUID, Notice]:
    """The latest notice recorded for each of these break-glass openings (none yet: not in
    the answer). The notice task writes a system event (no actor) after the opening."""
    require(user, "query_audit")
    if not opened:
        return {}
    events = Event.objects.filter(
        actor__isnull=True,
        occurred_at__gte=min(o.opened_at for o in opened),
        verb__in=NOTICE_VERBS,
        data__break_glass__in=[str(o.pk) for o in opened],
    ).order_by("occurred_at", "id")
    notices = {}
    for event in events:  # oldest first, so the latest notice of each wins
        failure = str(event.data.get("failure", ""))
        notices[uuid.UUID(event.data["break_glass"])] = Notice(
            sent=event.verb == BREAK_GLASS_NOTICE_SENT,
            when=event.occurred_at,
            sent_to=int(event.data.get("sent_to", 0)),
            why_not=WHY_NOT_SENT.get(failure, failure.replace("_", " ")),
        )
    return notices


def get_break_glass_for(user: User, pk: uuid.UUID) -> BreakGlass:
    require(user, "query_audit")
    opened = break_glass_log(user).filter(pk=pk).first()
    if opened is None:
        raise Http404
    return opened


def restricted_records(user: User) -> QuerySet[RestrictedRecord]:
    require(user, "manage_restrictions")
    return RestrictedRecord.objects.select_related("person").prefetch_related("grants__user")
