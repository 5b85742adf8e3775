"""Finding likely duplicate person records, without comparing everyone with everyone.

Blocking: two records are compared only if they share a search key (keys.py: a name code with
a birth date or month, an NHS number, a postcode…), read from the index in key order. A key
shared by more than `BLOCK_CAP` people (a common name in a big postcode) is skipped: those
people still meet through their narrower keys. Each pair is scored with the same comparison a
screener's search uses (scoring.py), both ways round, and kept if the lower score reaches
`THRESHOLD`. The cost is the sum of the squares of the block sizes, not the square of n.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import combinations

from frontdoor.matching.index import PERSON_COLUMNS, facts_from_row
from frontdoor.matching.models import DuplicatePair, PersonKey
from frontdoor.matching.scoring import Comparison, compare
from frontdoor.people.models import Person

THRESHOLD = 80
BLOCK_CAP = 40
CHUNK = 2000


@dataclass(frozen=True)
class Likely:
    first: uuid.UUID
    second: uuid.UUID
    comparison: Comparison

    @property
    def score(self) -> int:
        return self.comparison.score


def _blocks(cap: int) -> Iterator[list[uuid.UUID]]:
    """The people filed under each key, one key at a time, for keys with 2 to `cap` people."""
    current_key: str | None = None
    members: list[uuid.UUID] = []
    for key, person_id in (
        PersonKey.objects.order_by("key").values_list("key", "person_id").iterator(chunk_size=CHUNK)
    ):
        if key != current_key:
            if 1 < len(members) <= cap:
                yield members
            current_key, members = key, []
        members.append(person_id)
    if 1 < len(members) <= cap:
        yield members


def candidate_pairs(cap: int = BLOCK_CAP) -> set[tuple[uuid.UUID, uuid.UUID]]:
    pairs = set()
    for block in _blocks(cap):
        for a, b in combinations(sorted(set(block)), 2):
            pairs.add((a, b))
    return pairs


def likely_duplicates(threshold: int = THRESHOLD, cap: int = BLOCK_CAP) -> list[Likely]:
    """Pairs of live (not merged) records that probably are one person, best first."""
    pairs = candidate_pairs(cap)
    ids = {person_id for pair in pairs for person_id in pair}
    facts = {}
    id_list = list(ids)
    for start in range(0, len(id_list), CHUNK):
        rows = (
            Person.objects.filter(pk__in=id_list[start : start + CHUNK], merged_into__isnull=True)
            .order_by()
            .values_list(*PERSON_COLUMNS)
        )
        facts.update({row[0]: facts_from_row(row) for row in rows})
    found = []
    for a, b in pairs:
        if a not in facts or b not in facts:
            continue
        one, other = compare(facts[a], facts[b]), compare(facts[b], facts[a])
        weaker = one if one.score <= other.score else other
        if weaker.score >= threshold:
            found.append(Likely(a, b, weaker))
    return sorted(found, key=lambda likely: (-likely.score, str(likely.first), str(likely.second)))


def already_paired() -> set[tuple[uuid.UUID, uuid.UUID]]:
    return set(DuplicatePair.objects.values_list("first_id", "second_id"))
