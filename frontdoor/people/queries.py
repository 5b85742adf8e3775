"""The readers of person records: search, the child's page, history and running deadlines."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet
from django.http import Http404

from frontdoor.access.policies import can
from frontdoor.access.queries import (
    RESTRICTED_PLACEHOLDER,
    restricted_among,
)
from frontdoor.access.records import get_openable, open_record
from frontdoor.audit.models import Event
from frontdoor.contacts.models import AdultRelationship, Contact
from frontdoor.contacts.workflow import OPEN_STATES, Outcome, Status
from frontdoor.people.models import (
    Household,
    HouseholdAddress,
    Person,
    Relationship,
    RelationshipKind,
)
from frontdoor.referrals.models import Referral

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from frontdoor.access.models import User


def visible_people(user: User | AnonymousUser) -> QuerySet[Person]:
    if can(user, "view_child") or can(user, "search_people"):
        return Person.objects.read_as(user)
    return Person.objects.none()


def get_person_for(user: User, pk: str | uuid.UUID, *, path: str = "") -> Person:
    """A child's record, logged as viewed. A 404 outside the user's scope.

    Fail closed: the view is logged inside a transaction before the record is returned, so if
    the audit write fails the caller gets an exception and shows no page.
    """
    if not can(user, "view_child"):
        raise Http404
    return open_record(user, visible_people(user), pk, path=path)


def search_people(
    user: User, *, name: str = "", date_of_birth: date | None = None, limit: int = 20
) -> list[Person]:
    """Basic search: every word of `name` must start a first, last or known-as name.

    Deliberately simple (the foundation); person matching with typos, nicknames, sound-alikes
    and swapped dates is its own piece of work.
    """
    people = visible_people(user)
    words = [w for w in name.split() if w]
    if not words and date_of_birth is None:
        return []
    for word in words:
        people = people.filter(
            Q(first_name__istartswith=word)
            | Q(last_name__istartswith=word)
            | Q(known_as__istartswith=word)
        )
    if date_of_birth is not None:
        people = people.filter(
            Q(date_of_birth=date_of_birth) | Q(expected_date_of_birth=date_of_birth)
        )
    found = people.order_by("last_name", "first_name", "date_of_birth")[:limit]
    return list(found)  # restricted records as placeholders (read as the user)


def previous_contacts(person: Person, *, exclude: Contact | None = None) -> list[Contact]:
    """Everything the front door already knows about this child, newest first."""
    contacts = (
        Contact.objects.filter(person=person)
        .select_related("family", "family__referral_source", "decision", "level_of_need")
        .order_by("-family__received_at")
    )
    if exclude is not None:
        contacts = contacts.exclude(pk=exclude.pk)
    return list(contacts)


@dataclass(frozen=True)
class FamilyMember:
    name: str
    relationship: str
    person: Person | None
    source: str


def family_members(person: Person) -> list[FamilyMember]:
    """Relatives on record, brothers and sisters named in the same contacts, and the adults the
    referrers described, each once."""
    members: list[FamilyMember] = []
    seen: set[object] = {person.pk}
    for rel in Relationship.objects.filter(person=person).select_related("relative"):
        seen.add(rel.relative_id)
        members.append(
            FamilyMember(rel.relative.full_name, rel.get_kind_display(), rel.relative, "Recorded")
        )
    siblings = (
        Contact.objects.filter(family__contacts__person=person)
        .exclude(person=person)
        .select_related("person")
    )
    for sibling in siblings:
        key = sibling.person_id or f"unlinked:{sibling.pk}"
        if key in seen:
            continue
        seen.add(key)
        members.append(
            FamilyMember(
                sibling.person.full_name if sibling.person else sibling.child_name,
                "Child in the same contact",
                sibling.person,
                "Named in a contact",
            )
        )
    adult_links = AdultRelationship.objects.filter(contact__person=person).select_related("adult")
    for link in adult_links:
        key = f"adult:{link.adult.first_name.lower()} {link.adult.last_name.lower()}"
        if key in seen:
            continue
        seen.add(key)
        members.append(
            FamilyMember(
                f"{link.adult.first_name} {link.adult.last_name}",
                RelationshipKind(link.kind).label,
                None,
                "Named in a contact",
            )
        )
    # A restricted relative is named on nobody else's record (../shared/SECURITY.md, 4).
    hidden = restricted_among(m.person.pk for m in members if m.person)
    return [
        replace(m, name=RESTRICTED_PLACEHOLDER) if m.person and m.person.pk in hidden else m
        for m in members
    ]


def timeline(person: Person) -> QuerySet[Event]:
    """The child's history: every audit event about them or about their contacts."""
    return (
        Event.objects.filter(
            Q(person=person)
            # Events about records merged into this one stay on those records (the audit trail
            # is never rewritten) and are shown here.
            | Q(person__merged_into=person)
            | Q(contact_id__in=Contact.objects.filter(person=person).values("pk"))
        )
        .select_related("actor")
        .order_by("-occurred_at", "-id")
    )


@dataclass(frozen=True)
class RunningDeadline:
    label: str
    due_at: datetime
    basis: str


def running_deadlines(person: Person) -> list[RunningDeadline]:
    """The clocks still running for this child, soonest first."""
    deadlines: list[RunningDeadline] = []
    for contact in Contact.objects.filter(person=person, status__in=OPEN_STATES).select_related(
        "family"
    ):
        if contact.status in (Status.AWAITING_SCREENING, Status.SCREENED):
            deadlines.append(
                RunningDeadline("Screening: pass to a hub", contact.screening_due_at, "Local")
            )
        deadlines.append(
            RunningDeadline("Decision on the contact", contact.decision_due_at, "National")
        )
    decisions = Contact.objects.filter(
        person=person, decision__outcome__in=Outcome.social_work_responses()
    ).select_related("decision", "decision__see_by_team")
    for contact in decisions:
        decision = contact.decision
        if decision.see_by:
            team = decision.see_by_team.name if decision.see_by_team else ""
            deadlines.append(
                RunningDeadline(
                    f"Child to be seen by {team}", decision.see_by, "Manager's decision"
                )
            )
    for referral in Referral.objects.filter(person=person):
        deadlines.append(
            RunningDeadline("Child and family assessment", referral.assessment_due_at, "National")
        )
    return sorted(deadlines, key=lambda d: d.due_at)


@dataclass(frozen=True)
class HouseholdView:
    household: Household
    members: list[Person]
    addresses: list[HouseholdAddress]  # newest first: the first is where they live now


def households_of(person: Person) -> list[HouseholdView]:
    """The households the person belongs to, with everyone in them and every address."""
    views = []
    for household in Household.objects.filter(members__person=person).distinct():
        members = [m.person for m in household.members.select_related("person").order_by("id")]
        views.append(HouseholdView(household, members, list(household.addresses.all())))
    return views


def siblings_of(person: Person) -> list[FamilyMember]:
    """The person's brothers and sisters on record (full and half), eldest first. A restricted
    record is named by the placeholder only, with no link (../shared/SECURITY.md, 4)."""
    relations = list(
        Relationship.objects.filter(person=person, kind__in=RelationshipKind.siblings())
        .select_related("relative")
        .order_by("relative__date_of_birth", "relative__first_name")
    )
    hidden = restricted_among(rel.relative_id for rel in relations)
    return [
        FamilyMember(RESTRICTED_PLACEHOLDER, rel.get_kind_display(), None, "Recorded")
        if rel.relative_id in hidden
        else FamilyMember(rel.relative.full_name, rel.get_kind_display(), rel.relative, "Recorded")
        for rel in relations
    ]


def openable_person(user: User, pk: object) -> Person | None:
    """The person `pk` names, for an action (linking a child, reporting them missing), if this
    user may open their record; otherwise None, whether the id is unknown, not a person or a
    restricted record: the caller answers the same way for all three."""
    if not pk:
        return None
    try:
        return get_openable(user, visible_people(user), pk)
    except Person.DoesNotExist:
        return None
