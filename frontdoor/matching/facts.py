"""What matching knows about one person, or about the person a search describes.

Both sides of every comparison are `Facts`, already folded and coded, so that a search
(possibly with a partial date of birth and no NHS number) and a stored person record are
compared by the same code, and so that a duplicate-finding job can compare two stored records
the same way (`scoring.compare(facts_a, facts_b)`).
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from datetime import date
from typing import NamedTuple

from frontdoor.matching.names import fold, name_forms, parts

_NOT_ALNUM = re.compile(r"[^a-z0-9]+")


class PartialDate(NamedTuple):
    """A date of birth as far as it is known: a year, a month and year, or a whole date.

    A named tuple rather than a dataclass: search builds one for every candidate it ranks, and
    a tuple is several times quicker to make. Build from untrusted input with `checked` or
    `parse`, which refuse dates that do not exist."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def checked(cls, year: int, month: int | None = None, day: int | None = None) -> PartialDate:
        if day is not None and month is None:
            raise ValueError("A day needs a month")
        if month is not None and not 1 <= month <= 12:
            raise ValueError("Month must be 1 to 12")
        if not 1 <= year <= 9999:
            raise ValueError("Year must be 1 to 9999")
        if day is not None and month is not None:
            date(year, month, day)  # raises ValueError if not a real date
        return cls(year, month, day)

    @classmethod
    def of(cls, value: date) -> PartialDate:
        return cls(value.year, value.month, value.day)

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """ "2019-03-27", "2019-03" or "2019"; ValueError for anything else."""
        pieces = text.strip().split("-")
        if not 1 <= len(pieces) <= 3 or not all(p.isdigit() for p in pieces):
            raise ValueError("Use YYYY-MM-DD, YYYY-MM or YYYY")
        if len(pieces[0]) != 4 or any(len(p) != 2 for p in pieces[1:]):
            raise ValueError("Use YYYY-MM-DD, YYYY-MM or YYYY")
        return cls.checked(*(int(p) for p in pieces))

    @property
    def is_full(self) -> bool:
        return self.day is not None

    def as_date(self) -> date | None:
        if self.day is None or self.month is None:
            return None
        return date(self.year, self.month, self.day)

    def swapped(self) -> PartialDate | None:
        """The same date with day and month swapped, when that is a different real date."""
        if self.day is None or self.month is None or self.day == self.month or self.day > 12:
            return None
        return PartialDate(self.year, self.day, self.month)

    def iso(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def __str__(self) -> str:
        if self.month is None:
            return str(self.year)
        if self.day is None:
            return f"{calendar.month_name[self.month]} {self.year}"
        return f"{self.day} {calendar.month_name[self.month]} {self.year}"


def fold_address(text: str) -> str:
    """Lower-case letters and digits, one space between words: "12, Elm Road" → "12 elm road"."""
    if not text:
        return ""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return " ".join(_NOT_ALNUM.sub(" ", text.lower()).split())


def normal_postcode(text: str) -> str:
    """Upper case, no spaces: "wx1 2ab" and "WX12AB" are the same postcode."""
    return "".join(text.split()).upper()


def postcode_district(postcode: str) -> str:
    """The outward code (before the last three characters): WX12AB → WX1."""
    return postcode[:-3] if len(postcode) > 3 else ""


class Facts(NamedTuple):
    """Folded and normalised details. `given` is the first name then any known-as name; `last`
    holds every form of the surname (the whole, then each part of a double-barrelled one).
    `ref` is whatever the caller wants back with a result (a person's id); never compared."""

    given: tuple[str, ...] = ()
    middle: tuple[str, ...] = ()
    last: tuple[str, ...] = ()
    born: PartialDate | None = None
    expected: date | None = None
    sex: str = ""  # M, F, or "" when not known
    nhs_number: str = ""
    postcode: str = ""
    address: str = ""  # folded words, space separated
    ref: object = None

    @property
    def first(self) -> str:
        return self.given[0] if self.given else ""

    @property
    def surname(self) -> str:
        return self.last[0] if self.last else ""


def facts(
    *,
    first_name: str = "",
    last_name: str = "",
    middle_names: str = "",
    known_as: str = "",
    born: PartialDate | date | None = None,
    expected: date | None = None,
    sex: str = "",
    nhs_number: str = "",
    postcode: str = "",
    address: str = "",
    ref: object = None,
) -> Facts:
    """Facts from names and details as typed or as stored."""
    first, also = fold(first_name), fold(known_as) if known_as else ""
    given = (first, also) if also and also != first else (first,) if first else ()
    if isinstance(born, date):
        born = PartialDate.of(born)
    return Facts(
        given=given,
        middle=tuple(parts(middle_names)),
        last=tuple(name_forms(last_name)),
        born=born,
        expected=expected,
        sex=sex if sex in ("M", "F") else "",
        nhs_number="".join(nhs_number.split()) if nhs_number else "",
        postcode=normal_postcode(postcode) if postcode else "",
        address=fold_address(address),
        ref=ref,
    )
