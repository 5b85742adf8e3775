"""Search keys: short strings that a person and a search for them are likely to share.

Comparing a search with every person on record is too slow at a county's million records, so
each person is filed under a handful of keys (table `matching.PersonKey`), and a search looks up
only the keys it could share with the person it describes. Each key survives a different kind of
mistake, so that one mistake never hides a person:

    n<NHS number>                   a wrong or missing name or date of birth
    b<date of birth>                any misspelling of either name (searched with day and month
                                    swapped too)
    y<first><surname><year>         a wrong day or month of birth, or only a year known
    i<initial><surname><year>       the same, with a misspelt first name
    m<first><year><month>           a changed or misspelt surname and a wrong day
    a<first><surname>               no date of birth, or a wrong year ("broad": capped)
    p<postcode>                     a postcode and little else ("broad": capped)

<first> and <surname> are sound codes (Soundex) of each form of the name, and for first names
also of each nickname group the name belongs to (`names.name_codes`), so "Jon Smyth" and
"Jonathan Smith" share keys. A search for a first name and surname also looks the names up the
other way round, for records where they were swapped.

Keys are pure functions of `Facts`; `index.py` stores them.
"""

from __future__ import annotations

from dataclasses import dataclass

from frontdoor.matching.facts import Facts, PartialDate
from frontdoor.matching.names import codes_for, sound_code

# Key kinds a search fetches without a cap (their lists are short even at a million people),
# and those it caps, because a common name or a large postcode can file thousands together.
SELECTIVE = ("n", "b", "y", "i", "m")
BROAD = ("a", "p")


def _first_codes(f: Facts) -> frozenset[str]:
    return codes_for(f.given)


def _last_codes(f: Facts) -> frozenset[str]:
    return frozenset(sound_code(form) for form in f.last)


def _year_month(f: Facts) -> PartialDate | None:
    if f.born is not None:
        return f.born
    if f.expected is not None:
        # An unborn child is filed by the month they are expected, so a search for the baby
        # once born (date of birth near the expected date) still finds the pre-birth record.
        return PartialDate(f.expected.year, f.expected.month)
    return None


def _name_keys(
    pairs: set[tuple[str, str]], initials: set[str], lasts: frozenset[str], born: PartialDate | None
) -> tuple[set[str], set[str]]:
    """The name-based keys: (with a year of birth, without)."""
    dated: set[str] = set()
    undated = {f"a{first}{last}" for first, last in pairs}
    if born is not None:
        dated |= {f"y{first}{last}{born.year}" for first, last in pairs}
        dated |= {f"i{initial}{last}{born.year}" for initial in initials for last in lasts}
    return dated, undated


def _month_keys(firsts: frozenset[str], dates: list[PartialDate]) -> set[str]:
    return {
        f"m{first}{d.year}{d.month:02d}" for first in firsts for d in dates if d.month is not None
    }


def index_keys(f: Facts) -> set[str]:
    """Every key a stored person is filed under."""
    keys: set[str] = set()
    if f.nhs_number:
        keys.add("n" + f.nhs_number)
    if f.born is not None and f.born.is_full:
        keys.add("b" + f.born.iso())
    if f.postcode:
        keys.add("p" + f.postcode)
    firsts, lasts = _first_codes(f), _last_codes(f)
    born = _year_month(f)
    pairs = {(first, last) for first in firsts for last in lasts}
    dated, undated = _name_keys(pairs, {name[0] for name in f.given}, lasts, born)
    return keys | dated | undated | _month_keys(firsts, [born] if born else [])


@dataclass(frozen=True)
class SearchKeys:
    selective: tuple[str, ...]
    broad: tuple[str, ...]

    def __bool__(self) -> bool:
        return bool(self.selective or self.broad)


def search_keys(q: Facts) -> SearchKeys:
    """The keys a search looks up: every key the person it describes may be filed under."""
    selective: set[str] = set()
    broad: set[str] = set()
    if q.nhs_number:
        selective.add("n" + q.nhs_number)
    if q.postcode:
        broad.add("p" + q.postcode)
    dates = [d for d in (q.born, q.born.swapped() if q.born else None) if d is not None]
    selective |= {"b" + d.iso() for d in dates if d.is_full}
    firsts, lasts = _first_codes(q), _last_codes(q)
    # The names the other way round too: a surname typed as the first name, and the reverse.
    pairs = {(first, last) for first in firsts for last in lasts} | {
        (first, last)
        for first in codes_for(q.last[:1])
        for last in (sound_code(name) for name in q.given[:1])
    }
    # The initial key only for a partial date: with a whole one, the date-of-birth key already
    # survives a misspelt first name, and this key's lists are long for common initials.
    partial = q.born is not None and not q.born.is_full
    initials = {name[0] for name in q.given[:1]} if partial else set()
    dated, undated = _name_keys(pairs, initials, lasts, q.born)
    if not partial:
        dated = {key for key in dated if not key.startswith("i")}
    # The month key for the date as given only: with the day and month swapped too, it would
    # double the longest lists (common first names) for a rare double mistake.
    selective |= dated | _month_keys(firsts, dates[:1])
    broad |= undated
    return SearchKeys(tuple(sorted(selective)), tuple(sorted(broad)))
