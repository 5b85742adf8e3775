"""Searches a screener would type, built from a true identity as a referrer described it.

The noise is the referrer's and the screener's, not the record's (the records have their own,
from `generator.py`): a nickname, a typo, another spelling of the surname, one half of a
double-barrelled surname, names the wrong way round, the date of birth with day and month
swapped, a digit wrong, or only partly known. Rates are set by judgement of what reaches a
front door, and are the same for every profile; docs/benchmarks.md lists them.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from frontdoor.matching.facts import PartialDate
from frontdoor.synthetic import noise
from frontdoor.synthetic.generator import AS_OF, County, Identity, title

# (kind of noise, chance) for each part of a search.
FIRST_NAME_NOISE = [("nickname", 0.15), ("typo", 0.12)]
SURNAME_NOISE = [("typo", 0.10), ("other_spelling", 0.04), ("one_part", 0.6)]
BIRTH_NOISE = [
    ("swapped", 0.08),
    ("one_digit", 0.04),
    ("month_and_year", 0.06),
    ("year_only", 0.03),
    ("missing", 0.04),
]
NAMES_SWAPPED = 0.02
POSTCODE_GIVEN = 0.5
# A referrer who does not know a child's date of birth nearly always knows where they live
# (police at the address, a neighbour, a school with the home address).
POSTCODE_GIVEN_WITHOUT_BIRTH = 0.9
NHS_GIVEN = 0.15
SEX_GIVEN = 0.8
CHILDREN_SHARE = 0.8


@dataclass(frozen=True)
class Search:
    identity: int
    first_name: str
    last_name: str
    born: PartialDate | None
    sex: str
    nhs_number: str
    postcode: str
    noise: tuple[str, ...] = field(default=())


def _pick(rng: random.Random, chances: list[tuple[str, float]]) -> str:
    roll = rng.random()
    for name, chance in chances:
        if roll < chance:
            return name
        roll -= chance
    return ""


def _first_name(rng: random.Random, who: Identity, labels: list[str]) -> str:
    kind = _pick(rng, FIRST_NAME_NOISE)
    if kind == "nickname" and (short := noise.nickname(rng, who.first_name)):
        labels.append("first name: nickname or variant")
        return title(short)
    if kind == "typo":
        labels.append("first name: typo")
        return noise.typo(rng, who.first_name)
    return who.first_name


def _surname(rng: random.Random, who: Identity, labels: list[str]) -> str:
    last = who.last_name
    if "-" in last and rng.random() < dict(SURNAME_NOISE)["one_part"]:
        labels.append("surname: one part of a double-barrelled surname")
        return rng.choice(last.split("-"))
    kind = _pick(rng, SURNAME_NOISE[:2])
    if kind == "other_spelling" and (other := noise.other_spelling(rng, last)):
        labels.append("surname: another spelling")
        return title(other.replace("'", ""))
    if kind == "typo":
        labels.append("surname: typo")
        return noise.typo(rng, last)
    return last


def _born(rng: random.Random, who: Identity, labels: list[str]) -> PartialDate | None:
    born = who.date_of_birth
    kind = _pick(rng, BIRTH_NOISE)
    if kind == "swapped" and (swapped := noise.swap_day_month(born)):
        labels.append("date of birth: day and month swapped")
        return PartialDate.of(swapped)
    if kind == "one_digit":
        labels.append("date of birth: one digit wrong")
        return PartialDate.of(noise.one_digit(rng, born, latest=AS_OF))
    if kind == "month_and_year":
        labels.append("date of birth: month and year only")
        return PartialDate(born.year, born.month)
    if kind == "year_only":
        labels.append("date of birth: year only")
        return PartialDate(born.year)
    if kind == "missing":
        labels.append("date of birth: not known")
        return None
    return PartialDate.of(born)


def noisy_searches(county: County, count: int, *, seed: int = 500) -> list[Search]:
    """`count` searches, each for one identity that has at least one record."""
    rng = random.Random(seed)
    recorded = {record.identity for record in county.records}
    children = [i for i in county.identities if i.is_child and i.number in recorded]
    adults = [i for i in county.identities if not i.is_child and i.number in recorded]
    searches = []
    for _ in range(count):
        who = rng.choice(children if rng.random() < CHILDREN_SHARE or not adults else adults)
        labels: list[str] = []
        first, last = _first_name(rng, who, labels), _surname(rng, who, labels)
        if rng.random() < NAMES_SWAPPED:
            labels.append("names the wrong way round")
            first, last = last, first
        born = _born(rng, who, labels)
        postcode_given = POSTCODE_GIVEN if born is not None else POSTCODE_GIVEN_WITHOUT_BIRTH
        searches.append(
            Search(
                identity=who.number,
                first_name=first,
                last_name=last,
                born=born,
                sex=who.sex if rng.random() < SEX_GIVEN else "",
                nhs_number=who.nhs_number if rng.random() < NHS_GIVEN else "",
                postcode=who.postcode if rng.random() < postcode_given else "",
                noise=tuple(labels),
            )
        )
    return searches
