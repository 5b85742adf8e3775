"""Who each child in a batch is: the matcher's candidates, and what to do with them.

The same keys, caps and scoring as person search (`matching.keys`, `matching.scoring`), asked
for a whole chunk of children at once: the keys of every child in the chunk are looked up in a
few statements (brothers and sisters share their surname and postcode keys, so each is read
once), then each child's likeliest people (those found by the most keys) are read in one
statement and scored. A search page asks for one child and cannot do this; a batch of a
thousand notifications can, and it is what makes the import fast (docs/benchmarks.md).

The import is not a person looking, so nothing is hidden from the decision; restricted records
are blanked when a candidate is shown to someone (queries.review_candidates).
"""

from __future__ import annotations

import heapq
import uuid
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import chain
from typing import Any, TypeVar

from django.db import connection

from frontdoor.matching.facts import Facts, PartialDate, facts
from frontdoor.matching.index import PERSON_COLUMNS, facts_from_row
from frontdoor.matching.keys import search_keys
from frontdoor.matching.models import PersonKey
from frontdoor.matching.queries import BROAD_KEY_CAP
from frontdoor.matching.scoring import compare, most_points
from frontdoor.people.models import Person
from frontdoor.police.parsing import Named
from frontdoor.police.workflow import MatchStatus, match_decision

OFFERED = 5
# What a confident match must agree on: the whole date of birth (or the same date with day and
# month swapped, a common slip) or the NHS number.
ANCHORS = frozenset({"dob_same", "dob_day_month_swapped", "nhs_same"})
# How many of a child's candidates are scored: those found by the most keys. A person found by
# one broad key only (a shared postcode) cannot score high enough to matter.
SCORED = 12
# Values per statement: within SQLite's limit on parameters and compound SELECTs.
PER_STATEMENT = 400
T = TypeVar("T")


@dataclass(frozen=True)
class ChildMatch:
    status: MatchStatus
    person_id: uuid.UUID | None
    candidates: list[dict[str, Any]]


def _chunks(items: list[T], size: int = PER_STATEMENT) -> Iterator[list[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def child_facts(child: Named, postcode: str) -> Facts:
    return facts(
        first_name=child.first_name,
        last_name=child.last_name,
        born=PartialDate.of(child.date_of_birth) if child.date_of_birth else None,
        sex=child.sex if child.sex in ("M", "F") else "",
        postcode=postcode,
    )


def _uuid(value: Any) -> uuid.UUID:
    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))


def _filed_under(selective: set[str], broad: set[str]) -> dict[str, list[Any]]:
    """Who is filed under each key: every person for a selective key, at most BROAD_KEY_CAP
    for a broad one (as person search caps them). Table name is Django's; values parameters.

    Ids come back as text, never converted: a chunk's broad keys file hundreds of thousands of
    people, and PostgreSQL's UUID conversion of each was a fifth of an import's time (ADR 0031).
    Only the few scored are made UUIDs. Text sorts as the UUIDs do (same length, lower case)."""
    table = PersonKey._meta.db_table
    person = "person_id::text" if connection.vendor == "postgresql" else "person_id"
    found: dict[str, list[Any]] = defaultdict(list)
    with connection.cursor() as cursor:
        for part in _chunks(sorted(selective)):
            marks = ", ".join(["%s"] * len(part))
            cursor.execute(
                f"SELECT key, {person} FROM {table} WHERE key IN ({marks})",  # noqa: S608
                part,
            )
            for key, someone in cursor.fetchall():
                found[key].append(someone)
        for part in _chunks(sorted(broad), 200):
            statement = " UNION ALL ".join(
                f"SELECT * FROM (SELECT key, {person} FROM {table} "  # noqa: S608
                f"WHERE key = %s LIMIT {BROAD_KEY_CAP}) AS b{n}"
                for n in range(len(part))
            )
            cursor.execute(statement, part)
            for key, someone in cursor.fetchall():
                found[key].append(someone)
    return found


def _rows(ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, tuple[Any, ...]]:
    rows: dict[uuid.UUID, tuple[Any, ...]] = {}
    for part in _chunks(sorted(set(ids), key=str)):
        for row in Person.objects.filter(pk__in=part).order_by().values_list(*PERSON_COLUMNS):
            rows[row[0]] = row
    return rows


def match_children(children: list[tuple[Named, str]]) -> list[ChildMatch]:
    """A match for each (child, postcode), in order."""
    queries = [child_facts(child, postcode) for child, postcode in children]
    keys = [search_keys(q) for q in queries]
    filed = _filed_under(
        {k for ks in keys for k in ks.selective}, {k for ks in keys for k in ks.broad}
    )
    likeliest = []
    nobody: list[Any] = []
    for ks in keys:
        # A person is filed under a key once (the key and the person are its primary key), and
        # a child's keys differ, so counting the lists as they are counts keys per person.
        hits = Counter(chain.from_iterable(filed.get(key, nobody) for key in ks.selective))
        hits.update(chain.from_iterable(filed.get(key, nobody) for key in ks.broad))
        # Most keys first; ties by id, so the choice never depends on the database's order.
        # Plain (count, id) tuples rather than a key function: the same order, half the time.
        best = heapq.nsmallest(SCORED, [(-n, person) for person, n in hits.items()])
        likeliest.append([_uuid(person) for _, person in best])
    rows = _rows(p for people in likeliest for p in people)
    # Brothers and sisters share most candidates: each person's facts are worked out once.
    known: dict[uuid.UUID, Facts] = {}
    return [
        decide(q, [_facts(rows[p], known) for p in people if p in rows])
        for q, people in zip(queries, likeliest, strict=True)
    ]


def _facts(row: tuple[Any, ...], known: dict[uuid.UUID, Facts]) -> Facts:
    found = known.get(row[0])
    if found is None:
        found = known[row[0]] = facts_from_row(row)
    return found


def decide(query: Facts, candidates: list[Facts]) -> ChildMatch:
    """What to do with a child given their likeliest candidates (the person's id in `ref`)."""
    most = most_points(query)
    scored = sorted(
        ((compare(query, candidate, most=most), candidate.ref) for candidate in candidates),
        key=lambda item: (-item[0].points, str(item[1])),
    )[:OFFERED]
    anchored = bool(scored) and any(r.code in ANCHORS for r in scored[0][0].reasons)
    decision = match_decision([comparison.score for comparison, _ in scored], anchored=anchored)
    if decision.status == MatchStatus.NO_CANDIDATE:
        return ChildMatch(decision.status, None, [])
    offered = [
        {
            "person": str(person),
            "score": comparison.score,
            "reasons": [reason.code for reason in comparison.strongest_first],
        }
        for comparison, person in scored
    ]
    chosen = scored[decision.person_index][1] if decision.person_index is not None else None
    return ChildMatch(decision.status, _uuid(chosen) if chosen is not None else None, offered)


def match_child(child: Named, postcode: str) -> ChildMatch:
    return match_children([(child, postcode)])[0]
