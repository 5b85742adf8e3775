"""People-friendly references for family contacts: "WX-26-004187" (docs/adr/0026).

The council's prefix (settings.FRONTDOOR_REFERENCE_PREFIX), the two-digit year the contact was
received in, and its number in that year, zero-padded to six digits. The MASH, the partner
agencies and the referrer all see the same one, on every page, notice and API answer.

Numbers come from one counter row per year, moved on with `UPDATE … SET last = last + n`:
on PostgreSQL the row stays locked until the contact's transaction commits, so two contacts
received at once take consecutive numbers, never the same; SQLite serialises writers. A
rolled-back contact leaves a gap, which is harmless: a reference only has to be unique.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import F

from frontdoor.contacts.models import FamilyContact, ReferenceCounter
from frontdoor.timescales.calendar import local_date

DIGITS = 6


def format_reference(year: int, number: int, prefix: str | None = None) -> str:
    prefix = settings.FRONTDOOR_REFERENCE_PREFIX if prefix is None else prefix
    return f"{prefix}-{year % 100:02d}-{number:0{DIGITS}d}"


def take_numbers(year: int, count: int) -> range:
    """`count` new numbers in `year` (two digits), in one step."""
    with transaction.atomic():
        ReferenceCounter.objects.get_or_create(year=year)
        ReferenceCounter.objects.filter(year=year).update(last=F("last") + count)
        last = ReferenceCounter.objects.get(year=year).last
    return range(last - count + 1, last + 1)


def give_references(families: Sequence[FamilyContact]) -> None:
    """Give each family contact without a reference its own, by the year it was received, in
    the order given (before the rows are written: bulk writers call this, as intake does)."""
    waiting = [family for family in families if not family.reference]
    years = [_year(family.received_at) for family in waiting]
    numbers = {year: iter(take_numbers(year, n)) for year, n in sorted(Counter(years).items())}
    for family, year in zip(waiting, years, strict=True):
        family.reference = format_reference(year, next(numbers[year]))


def next_reference(received_at: datetime) -> str:
    year = _year(received_at)
    return format_reference(year, take_numbers(year, 1)[0])


def _year(received_at: datetime) -> int:
    return local_date(received_at).year % 100
