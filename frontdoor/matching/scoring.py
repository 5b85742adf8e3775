"""How alike two sets of facts are, with the reasons, in the screener's words.

`compare(query, candidate)` is pure: no database, no user. Person search uses it to rank the
candidates its keys found; a duplicate-finding job can use it on two stored records
(`compare(facts_a, facts_b)`), so that a pair offered for review carries the same reasons a
screener sees.

Each field contributes points, roughly how much more likely the agreement is for the same
person than for two different people (a log-likelihood weight, rounded). Agreement on an NHS
number outweighs everything else; disagreement on one is strong evidence of two people. A
different surname costs little, because children's surnames change. The `score` shown to users
is the points as a percentage of the most the search could have earned from the fields it gave,
so a name-and-date search that agrees exactly scores 100.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from rapidfuzz import fuzz

from frontdoor.matching.facts import Facts, PartialDate, postcode_district
from frontdoor.matching.names import are_variants, similar_spelling, sound_alike


@dataclass(frozen=True)
class Reason:
    code: str
    text: str
    points: int


def _r(code: str, text: str, points: int) -> Reason:
    return Reason(code, text, points)


# The most each field can earn: the denominator of the percentage score.
MOST = {
    "nhs_number": 40,
    "first_name": 14,
    "last_name": 16,
    "born_full": 20,
    "born_month": 10,
    "born_year": 6,
    "postcode": 8,
    "address": 6,
    "sex": 1,
}

SAME_NHS = _r("nhs_same", "Same NHS number", 40)
DIFFERENT_NHS = _r("nhs_different", "Different NHS number", -40)

SAME_FIRST = _r("first_name_same", "Same first name", 14)
KNOWN_AS = _r("first_name_known_as", "First name matches the name they are known by", 13)
FIRST_VARIANT = _r("first_name_variant", "First name is a known variant or nickname", 12)
FIRST_SOUNDS = _r("first_name_sounds_alike", "First name sounds alike", 10)
FIRST_SPELT = _r("first_name_spelt_similarly", "First name spelt similarly", 9)
FIRST_IS_MIDDLE = _r("first_name_is_middle_name", "First name matches a middle name", 8)
FIRST_STARTS = _r("first_name_starts_the_same", "First name starts the same way", 6)
FIRST_INITIAL = _r("first_initial_same", "Same first initial", 4)
DIFFERENT_FIRST = _r("first_name_different", "Different first name", -8)

SAME_SURNAME = _r("surname_same", "Same surname", 16)
SURNAME_PART = _r("surname_part", "Surname is part of a double-barrelled surname", 13)
SURNAME_SOUNDS = _r("surname_sounds_alike", "Surname sounds alike", 12)
SURNAME_SPELT = _r("surname_spelt_similarly", "Surname spelt similarly", 11)
DIFFERENT_SURNAME = _r("surname_different", "Different surname", -6)
NAMES_SWAPPED = _r("names_swapped", "First name and surname swapped", 24)

SAME_BIRTH = _r("dob_same", "Same date of birth", 20)
BIRTH_SWAPPED = _r("dob_day_month_swapped", "Date of birth with day and month swapped", 16)
# A slip of one digit is a common typing error, but in a county many people share a name and
# have a date of birth one digit away from anyone's: weaker evidence than a swap.
BIRTH_ONE_DIGIT = _r("dob_one_digit", "Date of birth one digit different", 9)
BIRTH_ONE_DAY = _r("dob_one_day", "Date of birth one day apart", 9)
SAME_BIRTH_MONTH = _r("dob_same_month", "Same month and year of birth", 10)
SAME_BIRTH_YEAR = _r("dob_same_year", "Same year of birth", 6)
YEAR_ONLY_AGREES = _r("dob_year_agrees", "Same year of birth, different month", 2)
NEAR_EXPECTED = _r("dob_near_expected", "Born close to the expected date of birth", 10)
NO_BIRTH = _r("dob_not_recorded", "No date of birth on record", 0)
DIFFERENT_BIRTH = _r("dob_different", "Different date of birth", -12)

SAME_POSTCODE = _r("postcode_same", "Same postcode", 8)
SAME_DISTRICT = _r("postcode_district", "Postcode in the same district", 3)
SAME_ADDRESS = _r("address_same", "Same address", 6)
SIMILAR_ADDRESS = _r("address_similar", "Similar address", 3)
SAME_SEX = _r("sex_same", "Same sex", 1)
DIFFERENT_SEX = _r("sex_different", "Different sex", -6)

# Every reason by its code, so a recorded search (which stores codes) can be shown again.
REASONS: dict[str, Reason] = {
    value.code: value for value in list(globals().values()) if isinstance(value, Reason)
}


@dataclass(frozen=True)
class Comparison:
    points: int
    most: int  # the most the query's fields could earn
    reasons: tuple[Reason, ...]  # in field order: NHS number, names, birth, address, sex

    @property
    def score(self) -> int:
        """0 to 100: the points as a share of the most this search could earn."""
        if self.most <= 0:
            return 0
        return max(0, min(100, round(100 * self.points / self.most)))

    @property
    def strongest_first(self) -> list[Reason]:
        """The reasons as a screener reads them: what counted most, for or against, first."""
        return sorted(self.reasons, key=lambda r: -abs(r.points))


def most_points(query: Facts) -> int:
    total = 0
    if query.nhs_number:
        total += MOST["nhs_number"]
    if query.given:
        total += MOST["first_name"]
    if query.last:
        total += MOST["last_name"]
    if query.born is not None:
        if query.born.is_full:
            total += MOST["born_full"]
        elif query.born.month is not None:
            total += MOST["born_month"]
        else:
            total += MOST["born_year"]
    if query.postcode:
        total += MOST["postcode"]
    if query.address:
        total += MOST["address"]
    if query.sex:
        total += MOST["sex"]
    return total


def compare(query: Facts, candidate: Facts, *, most: int | None = None) -> Comparison:
    """How alike `candidate` is to `query`, field by field.

    On the hot path of every search (it runs for each candidate a search's keys find), so it
    builds one tuple and sums it; ordering the reasons for people is `strongest_first`."""
    found = (
        nhs_number(query, candidate),
        *_names(query.given, query.last, candidate.given, candidate.middle, candidate.last),
        _date_of_birth(query.born, candidate.born, candidate.expected),
        postcode(query, candidate),
        address(query, candidate),
        sex(query, candidate),
    )
    reasons = tuple(r for r in found if r is not None)
    return Comparison(
        points=sum(r.points for r in reasons),
        most=most_points(query) if most is None else most,
        reasons=reasons,
    )


def nhs_number(query: Facts, candidate: Facts) -> Reason | None:
    if not query.nhs_number or not candidate.nhs_number:
        return None
    return SAME_NHS if query.nhs_number == candidate.nhs_number else DIFFERENT_NHS


# The name and date-of-birth reasons are pure functions of a few strings and dates, and the same
# pairs come back again and again (common first names and surnames, brothers and sisters asked
# about the same candidates): a police import compares tens of thousands of pairs, so each pair's
# answer is remembered. Facts are immutable, so an answer can never go stale.
@lru_cache(maxsize=1 << 16)
def _names(
    given: tuple[str, ...],
    last: tuple[str, ...],
    their_given: tuple[str, ...],
    their_middle: tuple[str, ...],
    their_last: tuple[str, ...],
) -> tuple[Reason, ...]:
    return tuple(
        names(
            Facts(given=given, last=last),
            Facts(given=their_given, middle=their_middle, last=their_last),
        )
    )


@lru_cache(maxsize=1 << 16)
def _date_of_birth(
    asked: PartialDate | None, known: PartialDate | None, expected: date | None
) -> Reason | None:
    return date_of_birth(Facts(born=asked), Facts(born=known, expected=expected))


def names(query: Facts, candidate: Facts) -> list[Reason]:
    first = first_name(query, candidate)
    last = surname(query, candidate)
    if (
        first is DIFFERENT_FIRST
        and last is DIFFERENT_SURNAME
        and _same_or_alike(query.first, candidate.surname)
        and _same_or_alike(query.surname, candidate.first)
    ):
        return [NAMES_SWAPPED]
    return [r for r in (first, last) if r is not None]


def _same_or_alike(a: str, b: str) -> bool:
    return bool(a) and bool(b) and (a == b or sound_alike(a, b) or similar_spelling(a, b))


def first_name(query: Facts, candidate: Facts) -> Reason | None:
    q = query.first
    if not q or not candidate.given:
        return None
    main, *also_known_as = candidate.given
    if q == main:
        return SAME_FIRST
    if q in also_known_as or main in query.given[1:]:
        return KNOWN_AS
    if any(are_variants(q, name) for name in candidate.given):
        return FIRST_VARIANT
    if sound_alike(q, main):
        return FIRST_SOUNDS
    if similar_spelling(q, main):
        return FIRST_SPELT
    if q in candidate.middle:
        return FIRST_IS_MIDDLE
    if len(q) == 1:
        return FIRST_INITIAL if main.startswith(q) else DIFFERENT_FIRST
    if len(q) >= 3 and main.startswith(q):
        return FIRST_STARTS
    return DIFFERENT_FIRST


def surname(query: Facts, candidate: Facts) -> Reason | None:
    if not query.last or not candidate.last:
        return None
    q, c = query.last[0], candidate.last[0]
    if q == c:
        return SAME_SURNAME
    if set(query.last) & set(candidate.last):
        # "Smith" and "Smith-Jones", or "Jones-Smith" and "Smith-Jones".
        return SURNAME_PART
    if sound_alike(q, c):
        return SURNAME_SOUNDS
    if similar_spelling(q, c):
        return SURNAME_SPELT
    return DIFFERENT_SURNAME


def date_of_birth(query: Facts, candidate: Facts) -> Reason | None:
    asked = query.born
    if asked is None:
        return None
    if candidate.born is None:
        if candidate.expected is not None and asked.is_full:
            return _near_expected(asked, candidate.expected)
        return NO_BIRTH
    known = candidate.born
    if not asked.is_full:
        return _partial_birth(asked, known)
    if asked == known:
        return SAME_BIRTH
    if asked.swapped() == known:
        return BIRTH_SWAPPED
    if known.is_full and _one_digit_apart(asked, known):
        return BIRTH_ONE_DIGIT
    if known.is_full and _days_apart(asked, known) == 1:
        return BIRTH_ONE_DAY
    return DIFFERENT_BIRTH


def _partial_birth(asked: PartialDate, known: PartialDate) -> Reason:
    if asked.year != known.year:
        return DIFFERENT_BIRTH
    if asked.month is None:
        return SAME_BIRTH_YEAR
    return SAME_BIRTH_MONTH if asked.month == known.month else YEAR_ONLY_AGREES


def _near_expected(asked: PartialDate, expected: date) -> Reason:
    born = asked.as_date()
    if born is not None and abs((born - expected).days) <= 31:
        return NEAR_EXPECTED
    return NO_BIRTH


def _one_digit_apart(a: PartialDate, b: PartialDate) -> bool:
    x, y = a.iso(), b.iso()
    return len(x) == len(y) and sum(1 for i, j in zip(x, y, strict=True) if i != j) == 1


def _days_apart(a: PartialDate, b: PartialDate) -> int | None:
    x, y = a.as_date(), b.as_date()
    return abs((x - y).days) if x and y else None


def postcode(query: Facts, candidate: Facts) -> Reason | None:
    if not query.postcode or not candidate.postcode:
        return None
    if query.postcode == candidate.postcode:
        return SAME_POSTCODE
    district = postcode_district(query.postcode)
    if district and district == postcode_district(candidate.postcode):
        return SAME_DISTRICT
    return None


def address(query: Facts, candidate: Facts) -> Reason | None:
    if not query.address or not candidate.address:
        return None
    if query.address == candidate.address:
        return SAME_ADDRESS
    similarity = fuzz.token_set_ratio(query.address, candidate.address)
    if similarity >= 95:
        return SAME_ADDRESS
    return SIMILAR_ADDRESS if similarity >= 80 else None


def sex(query: Facts, candidate: Facts) -> Reason | None:
    if not query.sex or not candidate.sex:
        return None
    return SAME_SEX if query.sex == candidate.sex else DIFFERENT_SEX
