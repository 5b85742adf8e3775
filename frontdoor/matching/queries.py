"""Person search: who might this be? Ranked candidates, each with a score and the reasons.

A search is answered in three steps, each cheap at a million people:

1. look up the search's keys (keys.py) in `matching.PersonKey`, with the broad keys (a common
   name, a postcode) capped so a hotspot cannot flood it;
2. read those people's details by primary key (steps 1 and 2 are one SQL statement);
3. compare each with the search (scoring.py) and keep the best.

Restricted records (../shared/SECURITY.md, 4) come back as placeholders for users not on the
allow-list: no name, date of birth, address, score or reasons.
"""

from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from django.db import connection
from django.db.models.expressions import RawSQL
from django.http import Http404

from frontdoor.access.policies import can
from frontdoor.access.records import is_concealed, open_record, reading_as
from frontdoor.matching.facts import Facts, PartialDate, facts
from frontdoor.matching.index import PERSON_COLUMNS, facts_from_row
from frontdoor.matching.keys import SearchKeys, search_keys
from frontdoor.matching.models import PersonKey, PersonSearch
from frontdoor.matching.scoring import REASONS, Comparison, Reason, compare, most_points
from frontdoor.people.models import Person

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from frontdoor.access.models import User
    from frontdoor.contacts.models import Contact, ContactAdult

# How many people one broad key (a common name, a postcode) may put forward. A key with more is
# a hotspot, where a name alone cannot pick the child out anyway; the date of birth, NHS number
# and other keys still find them.
BROAD_KEY_CAP = 150
# A safety net for the selective keys, whose lists are short (a date of birth has about 150
# people at a million). Never reached by real data.
SELECTIVE_CAP = 5_000
RESULTS = 10


@dataclass(frozen=True)
class Criteria:
    """What a search asks for, as typed (validated by the form or the API schema)."""

    first_name: str = ""
    last_name: str = ""
    date_of_birth: PartialDate | None = None
    sex: str = ""
    nhs_number: str = ""
    postcode: str = ""
    address: str = ""

    def facts(self) -> Facts:
        return facts(
            first_name=self.first_name,
            last_name=self.last_name,
            born=self.date_of_birth,
            sex=self.sex,
            nhs_number=self.nhs_number,
            postcode=self.postcode,
            address=self.address,
        )

    @property
    def searchable(self) -> bool:
        """Enough to look anyone up: a first name and surname together, a whole date of birth,
        an NHS number or a postcode. (A surname alone, or a year alone, is not.)"""
        named = bool(self.first_name.strip() and self.last_name.strip())
        whole_date = self.date_of_birth is not None and self.date_of_birth.is_full
        return bool(named or whole_date or self.nhs_number or self.postcode.strip())

    def as_json(self) -> dict[str, str]:
        stored = {
            "first_name": self.first_name,
            "last_name": self.last_name,
            "date_of_birth": self.date_of_birth.iso() if self.date_of_birth else "",
            "sex": self.sex,
            "nhs_number": self.nhs_number,
            "postcode": self.postcode,
            "address": self.address,
        }
        return {field: value for field, value in stored.items() if value}

    @classmethod
    def from_json(cls, data: dict[str, str]) -> Criteria:
        born = data.get("date_of_birth")
        return cls(
            first_name=data.get("first_name", ""),
            last_name=data.get("last_name", ""),
            date_of_birth=PartialDate.parse(born) if born else None,
            sex=data.get("sex", ""),
            nhs_number=data.get("nhs_number", ""),
            postcode=data.get("postcode", ""),
            address=data.get("address", ""),
        )


@dataclass(frozen=True)
class Ranked:
    """One candidate as the matcher sees it: the person's id, how well they compare, and the
    details compared (a `PERSON_COLUMNS` row)."""

    person_id: uuid.UUID
    comparison: Comparison
    row: tuple[Any, ...]

    def person(self) -> Person:
        """A Person built from the row already read (other fields load if asked for)."""
        # from_db takes the values in the model's field order, whatever order the names are in.
        values = dict(zip(PERSON_COLUMNS, self.row, strict=True))
        names = [f.attname for f in Person._meta.concrete_fields if f.attname in values]
        person: Person = Person.from_db(connection.alias, names, [values[name] for name in names])
        return person


@dataclass(frozen=True)
class Candidate:
    """One candidate as a user sees it."""

    person: Person
    score: int
    reasons: tuple[Reason, ...]  # strongest first; none for a restricted placeholder
    restricted: bool = False


@dataclass(frozen=True)
class Found:
    candidates: list[Candidate]
    considered: int  # how many people the keys put forward and were compared
    ranked: list[Ranked]  # the same candidates, before restricted records were blanked


# --- The matcher (no user: the benchmark and a duplicate-finding job call it directly) -------


def candidates_sql(keys: SearchKeys) -> tuple[str, list[Any]] | None:
    """One statement listing the person ids filed under the keys (with repeats): every
    selective key, and at most BROAD_KEY_CAP people for each broad key.

    Hand-written because the ORM cannot express a UNION of LIMITed subqueries on SQLite; the
    table name is Django's and every value is a parameter."""
    table = PersonKey._meta.db_table
    parts: list[str] = []
    params: list[Any] = []
    if keys.selective:
        marks = ", ".join(["%s"] * len(keys.selective))
        parts.append(
            f"SELECT person_id FROM (SELECT person_id FROM {table} "  # noqa: S608
            f"WHERE key IN ({marks}) LIMIT {SELECTIVE_CAP}) AS s"
        )
        params.extend(keys.selective)
    for number, key in enumerate(keys.broad):
        parts.append(
            f"SELECT person_id FROM (SELECT person_id FROM {table} "  # noqa: S608
            f"WHERE key = %s LIMIT {BROAD_KEY_CAP}) AS b{number}"
        )
        params.append(key)
    return (" UNION ALL ".join(parts), params) if parts else None


def candidate_ids(keys: SearchKeys) -> Counter[uuid.UUID]:
    """Everyone filed under any of the keys, with how many of the keys each was found by (for
    a duplicate-finding job, or to explain a search)."""
    statement = candidates_sql(keys)
    if statement is None:
        return Counter()
    with connection.cursor() as cursor:
        cursor.execute(*statement)
        rows = cursor.fetchall()
    return Counter(pk if isinstance(pk, uuid.UUID) else uuid.UUID(pk) for (pk,) in rows)


def rank(query: Facts, *, limit: int = RESULTS) -> tuple[list[Ranked], int]:
    """The `limit` people most like `query`, best first, and how many were compared.

    The keys and the candidates' details come back in one statement (the key lookup is a
    subquery), so a search costs one round trip to the database."""
    statement = candidates_sql(search_keys(query))
    if statement is None:
        return [], 0
    most = most_points(query)
    scored = []
    # Safe: the SQL is built above from the table name only; every value is a parameter.
    keyed = RawSQL(*statement)  # noqa: S611
    rows = Person.objects.filter(pk__in=keyed).order_by().values_list(*PERSON_COLUMNS)
    for row in rows:
        comparison = compare(query, facts_from_row(row), most=most)
        # Ties go by id, so the order never depends on the database's row order.
        scored.append((-comparison.points, str(row[0]), comparison, row))
    scored.sort(key=lambda item: item[:2])
    best = [Ranked(item[3][0], item[2], item[3]) for item in scored[:limit]]
    return best, len(scored)


# --- For users --------------------------------------------------------------------------------


def may_search(user: User | AnonymousUser) -> bool:
    return can(user, "search_people")


def find_people(user: User, criteria: Criteria, *, limit: int = RESULTS) -> Found:
    """The people who may be the one described, best first, as this user may see them."""
    if not may_search(user) or not criteria.searchable:
        return Found([], 0, [])
    # Matching compares every child's details (read as values, never as records); what it
    # hands back is read as this user, so a restricted child comes out as a placeholder.
    ranked, considered = rank(criteria.facts(), limit=limit)
    with reading_as(user):
        candidates = [_candidate(r.person(), r.comparison) for r in ranked]
    return Found(candidates, considered, ranked)


def _candidate(person: Person, comparison: Comparison) -> Candidate:
    if is_concealed(person):
        return Candidate(person, 0, (), restricted=True)
    return Candidate(person, comparison.score, tuple(comparison.strongest_first))


def get_search_for(user: User, pk: uuid.UUID | str) -> PersonSearch:
    """A search the user made themselves; anyone else's is a 404."""
    if not may_search(user):
        raise Http404
    searches = PersonSearch.objects.read_as(user).filter(searched_by=user)
    return open_record(user, searches, pk, log=False)


def offered_candidates(user: User, search: PersonSearch) -> list[Candidate]:
    """What a recorded search offered, in its order, with today's details of each person."""
    offered = search.offered or []
    ids = [uuid.UUID(item["person"]) for item in offered]
    with reading_as(user):
        people = Person.objects.in_bulk(ids)
    candidates = []
    for item, person_id in zip(offered, ids, strict=True):
        person = people.get(person_id)
        if person is None:
            continue
        if is_concealed(person):
            candidates.append(Candidate(person, 0, (), restricted=True))
            continue
        reasons = tuple(REASONS[code] for code in item.get("reasons", []) if code in REASONS)
        candidates.append(Candidate(person, int(item.get("score", 0)), reasons))
    return candidates


def criteria_for_contact(contact: Contact) -> Criteria:
    """A search for the child as the referrer described them."""
    born = contact.date_of_birth or contact.expected_date_of_birth
    return Criteria(
        first_name=contact.first_name,
        last_name=contact.last_name,
        date_of_birth=PartialDate.of(born) if born else None,
        sex=contact.sex if contact.sex in ("M", "F") else "",
        postcode=contact.postcode,
        address=contact.address,
    )


def criteria_for_adult(adult: ContactAdult) -> Criteria:
    """A search for an adult named in a contact, as the referrer described them (issue 17)."""
    born = adult.date_of_birth
    return Criteria(
        first_name=adult.first_name,
        last_name=adult.last_name,
        date_of_birth=PartialDate.of(born) if born else None,
        address=adult.address,
    )


# How long a search shown at screening stays good enough to create a new person after it: long
# enough to read the results and check a record, short enough that a record someone else made
# in the meantime would have been seen.
SEARCH_GOOD_FOR = timedelta(hours=1)


def search_before_create_problems(
    search: PersonSearch | None, *, by: User, contact: Contact, now: datetime
) -> list[str]:
    """Why a new person record may not be made for this child yet (none: it may)."""
    if search is None or search.contact_id != contact.pk or search.searched_by_id != by.pk:
        return ["Search for this child before creating a new person record"]
    if now - search.searched_at > SEARCH_GOOD_FOR:
        return [
            "Search again before creating a new person record: "
            "your last search was more than an hour ago"
        ]
    return []


def shown_search(user: User, contact: Contact, pk: uuid.UUID | None) -> PersonSearch | None:
    """The user's own recorded search `pk` for this contact, if that is what it is."""
    if pk is None:
        return None
    return PersonSearch.objects.filter(pk=pk, searched_by=user, contact=contact).first()
