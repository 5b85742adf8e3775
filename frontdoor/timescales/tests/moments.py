"""Readable moments for the clock tables: written as a practitioner would say them, in London."""

from __future__ import annotations

from datetime import date, datetime, time

from frontdoor.timescales.calendar import LONDON

NINE, FIVE = time(9), time(17)


def london(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=LONDON)


def end_of(year: int, month: int, day: int) -> datetime:
    """The stored deadline for "by the end of that day"."""
    return datetime.combine(date(year, month, day), time.max, tzinfo=LONDON)
