"""The readers of person records: search, the child's page, history and running deadlines."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet
from django.http import Http404

from frontdoor.access.policies import can
from frontdoor.access.queries import (
    RESTRICTED_PLACEHOLDER,
    restricted_among,
)
from frontdoor.access.records import get_openable, is_concealed, open_record
from frontdoor.codelists.models import Code, CodeList
from frontdoor.people.models import (
    Household,
    HouseholdAddress,
    Person,
    Relationship,
    RelationshipKind,
)

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


@dataclass(frozen=True)
class FamilyMember:
    name: str
    relationship: str
    person: Person | None
    source: str
    # Relationship codes (several for one adult: issue 17), and for an adult named in a
    # contact, where they were named (the child's contact's id and their place among its
    # adults).
    kinds: tuple[str, ...] = ()
    named_in: tuple[uuid.UUID, int] | None = None
    # Built from a row that came out of the database concealed from the reader (an adult named
    # in a contact whose own record, or whose family contact's child, is restricted).
    concealed: bool = False

    @classmethod
    def placeholder(cls) -> FamilyMember:
        """A relative the reader may not open: "Restricted record" and nothing else. Not their
        name, nor what they are to the child ("Alleged perpetrator" says who they are to a
        family that knows itself), nor where they were named, nor a link (its page is a 404)."""
        return cls(RESTRICTED_PLACEHOLDER, "", None, "", concealed=True)


def shown_to_reader(members: Iterable[FamilyMember]) -> list[FamilyMember]:
    """The one way a list of family members leaves the readers (the child's record, the
    screening page's brothers and sisters, the API): a relative whose record is restricted,
    or who came out of the database concealed, becomes `FamilyMember.placeholder()`
    (../shared/SECURITY.md, 4; docs/adr/0037). Placeholders go last, so that the row's place
    among the relationships does not say what the hidden relative was either."""
    members = list(members)
    hidden = restricted_among(m.person.pk for m in members if m.person)
    shown = [m for m in members if not _hides(m, hidden)]
    return shown + [FamilyMember.placeholder() for m in members if _hides(m, hidden)]


def _hides(member: FamilyMember, hidden: frozenset[uuid.UUID]) -> bool:
    if member.concealed:
        return True
    return member.person is not None and (member.person.pk in hidden or is_concealed(member.person))


def kinds_in_words(kinds: list[str]) -> str:
    """ "Parent's partner; alleged perpetrator": one adult's relationships to one child."""
    ordered = sorted(set(kinds), key=list(RelationshipKind.values).index)
    labels = [str(RelationshipKind(kind).label) for kind in ordered]
    return "; ".join([labels[0], *(label.lower() for label in labels[1:])]) if labels else ""


def relationship_kinds(person: Person, relative: Person) -> list[str]:
    """What `relative` is to `person`, as recorded (brother or sister left to the siblings)."""
    return sorted(
        Relationship.objects.filter(person=person, relative=relative)
        .exclude(kind__in=RelationshipKind.siblings())
        .values_list("kind", flat=True)
    )


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


def sibling_ids(person: Person) -> set[uuid.UUID]:
    """The ids of the person's brothers and sisters on record, restricted or not."""
    return set(
        Relationship.objects.filter(
            person=person, kind__in=RelationshipKind.siblings()
        ).values_list("relative_id", flat=True)
    )


def siblings_of(person: Person) -> list[FamilyMember]:
    """The person's brothers and sisters on record (full and half), eldest first. A restricted
    record is the placeholder only (`shown_to_reader`)."""
    relations = (
        Relationship.objects.filter(person=person, kind__in=RelationshipKind.siblings())
        .select_related("relative")
        .order_by("relative__date_of_birth", "relative__first_name")
    )
    return shown_to_reader(
        FamilyMember(
            rel.relative.full_name,
            rel.get_kind_display(),
            rel.relative,
            "Recorded",
            kinds=(rel.kind,),
            concealed=is_concealed(rel),
        )
        for rel in relations
    )


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


def characteristics_summary(person: Person) -> list[tuple[str, str]]:
    """The child's census characteristics in words, for the record page (codes named by their
    code lists; what is not recorded says so, as the data-quality page will)."""
    labels = {
        (c.code_list, c.code): c.label
        for c in Code.objects.filter(
            code_list__in=[
                CodeList.ETHNICITY,
                CodeList.DISABILITY,
                CodeList.UPN_UNKNOWN,
                CodeList.FIRST_LANGUAGE,
            ]
        )
    }
    missing = "Not recorded"

    def named(code_list: str, code: str) -> str:
        return labels.get((code_list, code), code) if code else missing

    if person.upn:
        upn = person.upn
    elif person.upn_unknown_reason:
        upn = f"Not known: {named(CodeList.UPN_UNKNOWN, person.upn_unknown_reason)}"
    else:
        upn = missing
    language = named(CodeList.FIRST_LANGUAGE, person.first_language)
    if person.first_language_name:
        language = f"{language} ({person.first_language_name})"
    needed = person.interpreter_needed
    return [
        ("Ethnicity", named(CodeList.ETHNICITY, person.ethnicity)),
        (
            "Disabilities",
            ", ".join(named(CodeList.DISABILITY, c) for c in person.disabilities) or missing,
        ),
        ("UPN", upn),
        *([("Former UPN", person.former_upn)] if person.former_upn else []),
        ("First language", language),
        ("Interpreter needed", missing if needed is None else ("Yes" if needed else "No")),
    ]
