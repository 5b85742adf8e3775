"""The writers of what is recorded about people: relationships, households and addresses.

A new person record is made by `matching.actions.create_person`, after a search (it must be
filed in the search index at once, so the next search finds them)."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from frontdoor.access.policies import require
from frontdoor.audit.actions import record_event
from frontdoor.people import characteristics, school_and_gp
from frontdoor.people.characteristics import Characteristics
from frontdoor.people.models import (
    Household,
    HouseholdAddress,
    HouseholdMember,
    Person,
    Relationship,
    RelationshipKind,
)
from frontdoor.people.school_and_gp import SchoolAndGp
from frontdoor.workflow.errors import NotReady

if TYPE_CHECKING:
    from frontdoor.access.models import User


def record_relationship(*, by: User, person: Person, relative: Person, kind: str) -> Relationship:
    """Record that `relative` is `person`'s <kind>. Brothers and sisters are recorded both ways."""
    require(by, "create_person")
    with transaction.atomic():
        now = timezone.now()
        relationship, _ = Relationship.objects.get_or_create(
            person=person, relative=relative, kind=kind, defaults={"created_at": now}
        )
        if kind in RelationshipKind.siblings():
            Relationship.objects.get_or_create(
                person=relative, relative=person, kind=kind, defaults={"created_at": now}
            )
        record_event(
            actor=by,
            verb="relationship_recorded",
            person=person,
            data={"relative": str(relative.pk), "kind": kind},
        )
    return relationship


def relationship_problems(
    *, person: Person, relative: Person | None, kinds: Collection[str]
) -> list[str]:
    """Why these relationships cannot be recorded between the pair (none: they can; `relative`
    None is a person record about to be made)."""
    if relative is not None and relative.pk == person.pk:
        return ["Choose the adult's own person record, not the child's"]
    if not kinds:
        return [f"Select how this adult is related to {person.first_name}"]
    if set(kinds) - set(RelationshipKind.of_an_adult()):
        return ["Select the relationships from the list"]
    return []


def record_relationships(
    *, by: User, person: Person, relative: Person, kinds: Collection[str]
) -> list[str]:
    """Record exactly these relationships of an adult `relative` to `person` (issue 17): one
    adult may be several things to one child ("Parent's partner" and "Alleged perpetrator"),
    each a row of its own. Those no longer ticked are removed; the audit event says which were
    added and removed (by their names: no personal data)."""
    require(by, "create_person")
    problems = relationship_problems(person=person, relative=relative, kinds=kinds)
    if problems:
        raise NotReady(problems)
    wanted = set(kinds)
    with transaction.atomic():
        pair = Relationship.objects.filter(person=person, relative=relative).exclude(
            kind__in=RelationshipKind.siblings()
        )
        existing = set(pair.values_list("kind", flat=True))
        added, removed = wanted - existing, existing - wanted
        if added or removed:
            pair.filter(kind__in=removed).delete()
            now = timezone.now()
            # A second worker ticking the same box at once adds nothing twice (the pair and
            # kind are unique); their event says what they asked for.
            Relationship.objects.bulk_create(
                [
                    Relationship(person=person, relative=relative, kind=kind, created_at=now)
                    for kind in sorted(added)
                ],
                ignore_conflicts=True,
            )
            record_event(
                actor=by,
                verb="relationships_recorded",
                person=person,
                data={
                    "relative": str(relative.pk),
                    "added": [RelationshipKind(kind).label for kind in sorted(added)],
                    "removed": [RelationshipKind(kind).label for kind in sorted(removed)],
                },
            )
    return sorted(wanted)


def forget_relationships(*, by: User, person: Person, relative: Person) -> list[str]:
    """Remove what `relative` was recorded as to `person` (brother or sister left to the
    siblings), because the adult was linked to the wrong person record (issue 17). The rows
    go; the audit event says which were removed (by their names), so the history stays."""
    require(by, "create_person")
    with transaction.atomic():
        pair = Relationship.objects.filter(person=person, relative=relative).exclude(
            kind__in=RelationshipKind.siblings()
        )
        removed = sorted(set(pair.values_list("kind", flat=True)))
        if removed:
            pair.delete()
            record_event(
                actor=by,
                verb="relationships_recorded",
                person=person,
                data={
                    "relative": str(relative.pk),
                    "added": [],
                    "removed": [RelationshipKind(kind).label for kind in removed],
                },
            )
    return removed


def set_up_household(
    *, by: User, members: list[Person], address: str, postcode: str, moved_in: date
) -> Household:
    """A household: the people who live together, at their first known address."""
    require(by, "create_person")
    with transaction.atomic():
        household = Household.objects.create(created_at=timezone.now())
        HouseholdMember.objects.bulk_create(
            HouseholdMember(household=household, person=person, joined_on=moved_in)
            for person in members
        )
        HouseholdAddress.objects.create(
            household=household,
            address=address.strip(),
            postcode=postcode.strip().upper(),
            moved_in=moved_in,
        )
        for person in members:
            record_event(
                actor=by,
                verb="household_recorded",
                person=person,
                data={"household": str(household.pk), "moved_in": moved_in.isoformat()},
            )
    return household


def record_household_move(
    *, by: User, household: Household, address: str, postcode: str, moved_in: date
) -> HouseholdAddress:
    """The household moved: the current address ends the day before, so that the address
    history has no gaps and no overlaps."""
    require(by, "create_person")
    with transaction.atomic():
        current = household.addresses.filter(moved_out__isnull=True).first()
        if current is not None:
            if moved_in <= current.moved_in:
                raise NotReady(["The move must be after the move to the current address"])
            current.moved_out = moved_in - timedelta(days=1)
            current.save(update_fields=["moved_out"])
        moved = HouseholdAddress.objects.create(
            household=household,
            address=address.strip(),
            postcode=postcode.strip().upper(),
            moved_in=moved_in,
        )
        for member in household.members.select_related("person"):
            record_event(
                actor=by,
                verb="household_moved",
                person=member.person,
                data={"postcode": moved.postcode, "moved_in": moved_in.isoformat()},
            )
    return moved


def record_chronology_printed(*, by: User, person: Person, kinds: list[str]) -> None:
    """Printing a chronology takes the child's history off the screen and onto paper, so it is
    audited as an act, not only as a view (../shared/SECURITY.md, 9 and 12)."""
    require(by, "view_child")
    with transaction.atomic():
        record_event(
            actor=by, verb="chronology_printed", person=person, data={"kinds": sorted(kinds)}
        )


def record_characteristics(*, by: User, person: Person, details: Characteristics) -> Person:
    """The child's census characteristics (ethnicity, disabilities, UPN, language ...), as far
    as they are known. The same rules as the forms (frontdoor/people/characteristics.py) are
    checked again here, under a lock of the person, so that nothing invalid is ever stored;
    only what changed is written and audited, with its value before and after."""
    require(by, "record_characteristics")
    details = details.normalised()
    with transaction.atomic():
        locked = Person.objects.select_for_update().get(pk=person.pk)
        found = characteristics.problems(details, date_of_birth=locked.date_of_birth)
        if found:
            raise NotReady(list(found.values()))
        changed = characteristics.changes(Characteristics.of(locked), details)
        if not changed:
            return locked
        for name in changed:
            setattr(locked, name, getattr(details, name))
        locked.save(update_fields=list(changed))
        record_event(
            actor=by, verb="characteristics_recorded", person=locked, data={"changed": changed}
        )
    return locked


def record_school_and_gp(*, by: User, person: Person, details: SchoolAndGp) -> Person:
    """The child's school and GP practice, as far as they are known (issue 17). The rules of the
    forms (frontdoor/people/school_and_gp.py) are checked again here, under a lock of the
    person; only what changed is written and audited, with its value before and after."""
    require(by, "record_school_and_gp")
    details = details.normalised()
    with transaction.atomic():
        locked = Person.objects.select_for_update().get(pk=person.pk)
        found = school_and_gp.problems(details)
        if found:
            raise NotReady(list(found.values()))
        changed = school_and_gp.changes(SchoolAndGp.of(locked), details)
        if not changed:
            return locked
        for name in changed:
            setattr(locked, name, getattr(details, name))
        locked.save(update_fields=list(changed))
        record_event(
            actor=by, verb="school_and_gp_recorded", person=locked, data={"changed": changed}
        )
    return locked
