"""Creating new notifications in bulk: each becomes one family contact, its children grouped,
in the screening queue, with referral source 6 (police), its adults linked to each child, and
each child matched to a known person (linked only when the match is confident).

Contacts are written here rather than through `contacts.actions.receive_contact`, which makes
one contact at a time: a spike of a thousand notifications is the case this exists for (ADR
0012). What is written is exactly what `receive_contact` writes for a new contact: the same
rows, the same initial status, the same stored clocks and the same `contact_received` events.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.db import transaction

from frontdoor.access.models import Role
from frontdoor.audit.actions import record_events
from frontdoor.audit.models import Event
from frontdoor.bulk.insert import insert_rows
from frontdoor.codelists.models import Code, CodeList
from frontdoor.contacts.actions.references import give_references
from frontdoor.contacts.models import (
    AdultRelationship,
    Contact,
    ContactAdult,
    FamilyContact,
    FamilyKnows,
)
from frontdoor.missing import actions as missing
from frontdoor.people.models import Person, RelationshipKind
from frontdoor.police.matching import ChildMatch, match_children
from frontdoor.police.models import Notification, NotificationChild
from frontdoor.police.parsing import FieldError, Named, Row
from frontdoor.police.workflow import RISK_RANK, Kind
from frontdoor.timescales import calendar
from frontdoor.timescales.queries import due_at, timescale, working_hours
from frontdoor.workflow.errors import NotReady as MissingNotReady

if TYPE_CHECKING:
    from frontdoor.access.models import User
    from frontdoor.agencies.models import Agency
    from frontdoor.police.models import Batch

CONCERN = {Kind.DOMESTIC_ABUSE: "DA", Kind.MISSING_PERSON: "MISS"}


@dataclass(frozen=True)
class Receipt:
    """What every row received together shares: the time, the clocks started then, and the
    code lists, read once per batch rather than once per row."""

    received_at: datetime
    screening_due_at: datetime
    decision_due_at: datetime
    notify_unit: str
    notify_amount: int
    police_source: Code
    concerns: dict[str, Code]

    @classmethod
    def starting(cls, now: datetime) -> Receipt:
        notify = timescale("police_notification")
        return cls(
            received_at=now,
            screening_due_at=due_at("screening", now),
            decision_due_at=due_at("referral_decision", now),
            notify_unit=notify.unit,
            notify_amount=notify.amount,
            police_source=Code.objects.get(code_list=CodeList.REFERRAL_SOURCE, code="6"),
            concerns={
                kind: Code.objects.get(code_list=CodeList.CONCERN_CATEGORY, code=code)
                for kind, code in CONCERN.items()
            },
        )

    def late(self, row: Row) -> bool:
        """Notified after the local timescale for telling the MASH (domestic abuse only)."""
        if row.kind != Kind.DOMESTIC_ABUSE:
            return False
        day_start, day_end = working_hours()
        due = calendar.add(
            self.notify_unit, self.notify_amount, row.incident_at, day_start, day_end
        )
        return row.notified_at > due


def _minutes(later: datetime, earlier: datetime) -> int:
    return int((later - earlier).total_seconds() // 60)


def _named(person: Named | None) -> dict[str, str]:
    if person is None:
        return {}
    born = person.date_of_birth.isoformat() if person.date_of_birth else ""
    return {"first_name": person.first_name, "last_name": person.last_name, "date_of_birth": born}


def notification_fields(row: Row, received_at: datetime, receipt: Receipt) -> dict[str, Any]:
    """The notification's columns from a row (for a new one, and for a changed re-send)."""
    stored = row.stored()
    return {
        "content_hash": row.content_hash(stored),
        "as_sent": stored,
        "incident_at": row.incident_at,
        "notified_at": row.notified_at,
        "incident_to_notified_minutes": _minutes(row.notified_at, row.incident_at),
        "notified_to_received_minutes": _minutes(received_at, row.notified_at),
        "late": receipt.late(row),
        "officer": row.officer,
        "team": row.team,
        "location": row.location,
        "postcode": row.postcode,
        "narrative": row.narrative,
        "victim": _named(row.victim),
        "perpetrator": _named(row.perpetrator),
        "risk_tool": row.risk_tool,
        "risk_level": row.risk_level,
        "marac": row.marac,
        "returned_at": row.returned_at,
        "where_found": row.where_found,
        "risk_grade": row.risk_grade,
        "risk_rank": RISK_RANK[row.risk_level or row.risk_grade],
    }


@dataclass
class _Built:
    """Everything one new notification writes, before the bulk inserts."""

    family: FamilyContact
    contact_ids: list[uuid.UUID]
    contacts: list[tuple[Any, ...]]  # CONTACT_FIELDS
    adults: list[tuple[ContactAdult, str]]
    notification: Notification
    children: list[tuple[Any, ...]]  # CHILD_FIELDS
    matches: list[ChildMatch]


CONTACT_FIELDS = (
    "id",
    "family_id",
    "position",
    "first_name",
    "last_name",
    "date_of_birth",
    "sex",
    "postcode",
    "person_id",
    "screening_due_at",
    "decision_due_at",
)
CHILD_FIELDS = (
    "notification_id",
    "contact_id",
    "position",
    "first_name",
    "last_name",
    "date_of_birth",
    "sex",
    "present",
    "match_status",
    "candidates",
    "reviewed_at",
    "reviewed_by_id",
)


def children_matched(rows: list[Row]) -> list[list[ChildMatch]]:
    """Each row's children's matches, the whole list matched together (matching.py)."""
    everyone = iter(match_children([(c, row.postcode) for row in rows for c in row.children]))
    return [[next(everyone) for _ in row.children] for row in rows]


def create_notifications(
    by: User,
    force: Agency,
    batch: Batch,
    new: list[tuple[int, Row]],
    matches: list[list[ChildMatch]],
    receipt: Receipt,
) -> list[tuple[int, Row, Notification | list[FieldError]]]:
    """Create each new row's notification; `matches` are its children's, row by row."""
    results: list[tuple[int, Row, Notification | list[FieldError]]] = []
    built: list[_Built] = []
    matched = [(n, row, found) for (n, row), found in zip(new, matches, strict=True)]
    opened = iter(
        open_missing_episodes(
            by,
            force,
            [(row, found[0]) for _, row, found in matched if row.kind == Kind.MISSING_PERSON],
        )
    )
    for number, row, children in matched:
        episode_id = None
        if row.kind == Kind.MISSING_PERSON:
            episode = next(opened)
            if isinstance(episode, MissingNotReady):
                problems = [FieldError("reported_missing_at", r) for r in episode.reasons]
                results.append((number, row, problems))
                continue
            episode_id = episode
        one = _build(by, force, batch, row, children, receipt, episode_id)
        built.append(one)
        results.append((number, row, one.notification))
    _write(by, built, receipt)
    return results


def _told(row: Row, person: Person | None) -> missing.PoliceNotification:
    child = row.children[0]
    return missing.PoliceNotification(
        reference=row.reference,
        risk_grade=row.risk_grade,
        started_at=row.incident_at,
        reported_at=row.incident_at,
        child=missing.ChildAsTold(
            first_name=child.first_name,
            last_name=child.last_name,
            sex=child.sex,
            date_of_birth=child.date_of_birth,
        ),
        missing_from=row.location,
        circumstances=row.narrative,
        person=person,
    )


def open_missing_episodes(
    by: User, force: Agency, rows: list[tuple[Row, ChildMatch]]
) -> list[uuid.UUID | MissingNotReady]:
    """`open_missing_episode` for each row of a chunk, in a few statements
    (`missing.notify_missing_many`): each row's episode, or why it was refused."""
    if not rows:
        return []
    people = Person.objects.in_bulk([m.person_id for _, m in rows if m.person_id is not None])
    opened = missing.notify_missing_many(
        by=by,
        force=force,
        notifications=[
            (
                _told(row, people.get(match.person_id) if match.person_id else None),
                missing.ReturnAsTold(row.returned_at, row.where_found)
                if row.returned_at is not None
                else None,
            )
            for row, match in rows
        ],
    )
    return [e if isinstance(e, MissingNotReady) else e.pk for e in opened]


def open_missing_episode(by: User, force: Agency, row: Row, match: ChildMatch) -> uuid.UUID:
    """Open the child's missing episode (idempotent by the reference), closed if already back."""
    person = Person.objects.get(pk=match.person_id) if match.person_id else None
    with transaction.atomic():
        episode, _ = missing.notify_missing(by=by, force=force, notification=_told(row, person))
        if row.returned_at is not None and episode.returned_at is None:
            missing.notify_return(
                by=by,
                reference=row.reference,
                returned_at=row.returned_at,
                where_found=row.where_found,
                force=force,
            )
    return episode.pk


def _summary(row: Row) -> str:
    if row.kind == Kind.MISSING_PERSON:
        return f"Police missing-person report {row.reference}.\n\n{row.narrative}".strip()
    return f"Police domestic abuse notification {row.reference}.\n\n{row.narrative}".strip()


def _key(force: Agency, row: Row) -> str:
    digest = hashlib.sha256(f"{force.pk}:{row.kind}:{row.reference}".encode()).hexdigest()
    return f"police:{digest[:48]}"


def _build(
    by: User,
    force: Agency,
    batch: Batch,
    row: Row,
    matches: list[ChildMatch],
    receipt: Receipt,
    episode_id: uuid.UUID | None,
) -> _Built:
    now = receipt.received_at
    family = FamilyContact(
        id=uuid.uuid4(),
        received_at=now,
        recorded_at=now,
        recorded_by=by,
        referral_source=receipt.police_source,
        agency=force,
        submitted_by_agency=force if by.role == Role.PARTNER else None,
        referrer_name=row.officer,
        referrer_role=f"Police officer, {row.team}" if row.team else "Police officer",
        referrer_organisation=force.name,
        incident_date=row.incident_at.date(),
        narrative=_summary(row),
        family_knows=FamilyKnows.NOT_KNOWN,
        idempotency_key=_key(force, row),
    )
    contact_ids = [uuid.uuid4() for _ in row.children]
    contacts = [
        (
            contact_id,
            family.pk,
            position,
            child.first_name,
            child.last_name,
            child.date_of_birth,
            child.sex,
            row.postcode,
            match.person_id,
            receipt.screening_due_at,
            receipt.decision_due_at,
        )
        for position, (contact_id, child, match) in enumerate(
            zip(contact_ids, row.children, matches, strict=True)
        )
    ]
    adults = []
    if row.victim is not None:
        adults.append((_adult(family, 0, row.victim), row.victim_relationship))
    if row.perpetrator is not None:
        perpetrator = _adult(family, len(adults), row.perpetrator)
        adults.append((perpetrator, RelationshipKind.ALLEGED_PERPETRATOR))
    notification = Notification(
        id=uuid.uuid4(),
        agency=force,
        kind=row.kind,
        reference=row.reference,
        first_batch=batch,
        received_at=now,
        family=family,
        episode_id=episode_id,
        screening_due_at=receipt.screening_due_at,
        **notification_fields(row, now, receipt),
    )
    children = [
        (
            notification.pk,
            contact_id,
            position,
            child.first_name,
            child.last_name,
            child.date_of_birth,
            child.sex,
            child.present,
            match.status,
            match.candidates,
            None,
            None,
        )
        for position, (contact_id, child, match) in enumerate(
            zip(contact_ids, row.children, matches, strict=True)
        )
    ]
    return _Built(family, contact_ids, contacts, adults, notification, children, matches)


def _adult(family: FamilyContact, position: int, person: Named) -> ContactAdult:
    return ContactAdult(
        family=family,
        position=position,
        first_name=person.first_name,
        last_name=person.last_name,
        date_of_birth=person.date_of_birth,
    )


def _write(by: User, built: list[_Built], receipt: Receipt) -> None:
    """A few bulk inserts for the whole chunk, in dependency order."""
    if not built:
        return
    give_references([b.family for b in built])
    FamilyContact.objects.bulk_create([b.family for b in built])
    insert_rows(
        FamilyContact.concern_categories.through,
        ("familycontact_id", "code_id"),
        [(b.family.pk, receipt.concerns[b.notification.kind].pk) for b in built],
    )
    insert_rows(Contact, CONTACT_FIELDS, [c for b in built for c in b.contacts])
    ContactAdult.objects.bulk_create([a for b in built for a, _ in b.adults])
    insert_rows(
        AdultRelationship,
        ("adult_id", "contact_id", "kind"),
        [
            (adult.pk, contact_id, kind)
            for b in built
            for adult, kind in b.adults
            for contact_id in b.contact_ids
        ],
    )
    Notification.objects.bulk_create([b.notification for b in built])
    insert_rows(NotificationChild, CHILD_FIELDS, [c for b in built for c in b.children])
    record_events([event for b in built for event in _events(by, b, receipt)])


def _events(by: User, built: _Built, receipt: Receipt) -> list[Event]:
    """One `contact_received` per child, as `receive_contact` writes. A child linked by a
    confident match has the event on their record (person), and says so in its data, so the
    child's timeline shows the contact and why it was linked without a second event."""
    family, notification = built.family, built.notification
    return [
        Event(
            actor=by,
            verb="contact_received",
            family_contact_id=family.pk,
            contact_id=contact_id,
            person_id=match.person_id,
            data={
                "source": "6",
                "source_label": receipt.police_source.label,
                "agency": family.referrer_organisation,
                "submitted_online": by.role == Role.PARTNER,
                "children": len(built.contact_ids),
                "screening_due_at": receipt.screening_due_at.isoformat(),
                "police_reference": notification.reference,
                "police_kind": notification.kind,
                "match": match.status,
                "match_score": match.candidates[0]["score"] if match.person_id else None,
            },
        )
        for contact_id, match in zip(built.contact_ids, built.matches, strict=True)
    ]
