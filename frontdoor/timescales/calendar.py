"""Clock arithmetic: when is something due?

Every deadline in Frontdoor is computed once, when its clock starts, and stored, so that queues
sort in SQL and nothing is counted up by a nightly job. These are the functions that compute it.

The rules, so that nobody has to rediscover them:

- Every datetime in and out is timezone-aware. A naive datetime is a bug somewhere upstream, so
  it raises ValueError rather than being guessed at. Results are returned in UTC (storage).
- "Local" means Europe/London wall-clock time: that is what practitioners, working hours and
  "end of the day" mean.
- Clock hours are real elapsed time, so they are added in UTC and are right across the change
  between GMT and BST (domain brief, section 10).
- Working days are Monday to Friday, excluding England's bank holidays. The calendar comes from
  the ``holidays`` package, computed offline: a deadline calculation never calls a web API.
  One-off bank holidays (a coronation, a jubilee) arrive by upgrading that package.

Pure functions, no database, no Django: they are table-tested in ``tests/``.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays

LONDON = ZoneInfo("Europe/London")

# The last representable instant of a local day. A deadline "by the end of Tuesday" is stored as
# this instant so that anything done on Tuesday, however late, is within time.
END_OF_DAY = time.max

# Guards against a loop that can never finish (for example, working hours that never fall on a
# working day). Ten years of calendar days is far beyond any timescale in children's services.
_MAX_DAYS_SEARCHED = 3660


class Unit(StrEnum):
    """How a timescale is counted. Stored in ``Timescale.unit``."""

    CLOCK_HOURS = "clock_hours"
    WORKING_HOURS = "working_hours"
    WORKING_DAYS = "working_days"
    CALENDAR_DAYS = "calendar_days"

    @property
    def label(self) -> str:
        return _UNIT_LABELS[self]


_UNIT_LABELS: dict[Unit, str] = {
    Unit.CLOCK_HOURS: "Clock hours",
    Unit.WORKING_HOURS: "Working hours",
    Unit.WORKING_DAYS: "Working days",
    Unit.CALENDAR_DAYS: "Calendar days",
}


class Urgency(StrEnum):
    """How a queue colours an item against its deadline."""

    OVERDUE = "overdue"
    DUE_SOON = "due_soon"
    ON_TRACK = "on_track"


# --- Guards ----------------------------------------------------------------------------------


def _require_aware(value: datetime, name: str = "start") -> None:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware, got naive datetime {value!r}")


def _as_utc(value: datetime, name: str) -> datetime:
    # Python subtracts and compares two datetimes that share a tzinfo by their wall-clock
    # readings, ignoring the offset: 04:00 GMT minus 00:00 BST on 25 October would be 4 hours,
    # not the 5 that really pass. Converting both to UTC first makes it real elapsed time.
    _require_aware(value, name)
    return value.astimezone(UTC)


def _require_date(value: date, name: str = "day") -> None:
    # datetime is a subclass of date; passing one here would silently use its own (possibly
    # UTC) calendar date instead of the London one, which is wrong around midnight.
    if isinstance(value, datetime):
        raise TypeError(f"{name} must be a date, not a datetime: use local_date({name})")


def _require_not_negative(amount: int, name: str) -> None:
    if amount < 0:
        raise ValueError(f"{name} must not be negative, got {amount}")


def _require_wall_clock(day_start: time, day_end: time) -> None:
    if day_start.tzinfo is not None or day_end.tzinfo is not None:
        raise ValueError("working hours are local wall-clock times and take no tzinfo")
    if not day_start < day_end:
        raise ValueError(f"working day must start before it ends, got {day_start} to {day_end}")


# --- Local time ------------------------------------------------------------------------------


def local_date(moment: datetime) -> date:
    """The Europe/London calendar date of an aware datetime."""
    _require_aware(moment, "moment")
    return moment.astimezone(LONDON).date()


def _local_instant(day: date, wall_clock: time) -> datetime:
    """The UTC instant at which London's clocks show ``wall_clock`` on ``day``.

    A wall-clock time that happens twice (01:30 on the day the clocks go back) means the first
    one; one that never happens (01:30 on the day they go forward) is read with the offset in
    force before the change, i.e. an hour later by the clocks. Neither happens in working hours.
    """
    return datetime.combine(day, wall_clock, tzinfo=LONDON).astimezone(UTC)


def end_of_local_day(day: date) -> datetime:
    """The last moment of a London calendar day, in UTC: when a clock due "on" a day runs out."""
    return _end_of_local_day(day)


def _end_of_local_day(day: date) -> datetime:
    return _local_instant(day, END_OF_DAY)


# --- Working days ----------------------------------------------------------------------------


@lru_cache(maxsize=64)
def _bank_holidays(year: int) -> frozenset[date]:
    """England's bank holidays in ``year``, including substitute days. Computed offline."""
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year).keys())


def is_working_day(day: date) -> bool:
    """Monday to Friday, and not an England bank holiday (or its substitute day)."""
    _require_date(day)
    return day.weekday() < 5 and day not in _bank_holidays(day.year)


def _next_working_day(day: date) -> date:
    """The first working day strictly after ``day``."""
    for offset in range(1, _MAX_DAYS_SEARCHED):
        candidate = day + timedelta(days=offset)
        if is_working_day(candidate):
            return candidate
    raise RuntimeError(f"no working day within {_MAX_DAYS_SEARCHED} days of {day}")


def working_days_between(start: date, end: date) -> int:
    """How many working days fall after ``start``, up to and including ``end``.

    For management information: a contact received on Friday and decided on Monday was decided
    "within 1 working day". 0 if ``end`` is on or before ``start``. Pass London dates
    (``local_date(received_at)``), not datetimes.
    """
    _require_date(start, "start")
    _require_date(end, "end")
    count = 0
    day = start + timedelta(days=1)
    while day <= end:
        if is_working_day(day):
            count += 1
        day += timedelta(days=1)
    return count


# --- Adding time -----------------------------------------------------------------------------


def add_clock_hours(start: datetime, hours: int) -> datetime:
    """``hours`` of real elapsed time after ``start``, in UTC.

    Added in UTC, so that 4 hours from 00:30 BST on the day the clocks go back is 03:30 GMT, not
    04:30 (domain brief, section 10).
    """
    _require_aware(start)
    _require_not_negative(hours, "hours")
    return start.astimezone(UTC) + timedelta(hours=hours)


def add_calendar_days(start: datetime, days: int) -> datetime:
    """The end of the London day that is ``days`` days after ``start``'s London date.

    0 means the end of the same local day ("same day", e.g. a strategy discussion after a
    serious injury). Weekends and bank holidays count.
    """
    _require_not_negative(days, "days")
    return _end_of_local_day(local_date(start) + timedelta(days=days))


def add_working_days(start: datetime, days: int) -> datetime:
    """The end of the ``days``-th working day after ``start``'s London date, in UTC.

    This is the "within N working days" reading used for statutory date-based measures (an
    assessment within 45 working days of referral, an initial child protection conference within
    15 working days of the strategy discussion):

    - the day the clock starts never counts, whether or not it is a working day, and whatever
      the time of day: a contact at 15:00 on Friday has until the end of Monday (1 working day);
    - the deadline is the last instant of that London day (23:59:59.999999 local), so that work
      done at any time on the due day is within time;
    - weekends and England's bank holidays, including substitute days, are skipped: Thursday
      24 December 2026 + 1 is the end of Tuesday 29 December (Christmas Day is the Friday and
      Monday 28 December is the Boxing Day substitute).

    0 working days means the end of the start's own London day.
    """
    _require_not_negative(days, "days")
    day = local_date(start)
    for _ in range(days):
        day = _next_working_day(day)
    return _end_of_local_day(day)


def add_working_hours(start: datetime, hours: int, day_start: time, day_end: time) -> datetime:
    """``hours`` counted only inside working hours on working days, in UTC.

    Working hours are London wall-clock times (e.g. 09:00 to 17:00), so on a day the clocks change
    the working day is still 09:00 to 17:00 by the clock on the wall.

    - A clock started outside working hours begins counting at the next opening: 4 working hours
      from 15:00 on Friday is 11:00 on Monday.
    - A result that lands exactly at closing time is closing time on that day, not the next
      morning.
    - 0 hours returns ``start`` unchanged.
    """
    _require_aware(start)
    _require_not_negative(hours, "hours")
    _require_wall_clock(day_start, day_end)
    remaining = timedelta(hours=hours)
    cursor = start.astimezone(UTC)
    if not remaining:
        return cursor
    day = local_date(start)
    for _ in range(_MAX_DAYS_SEARCHED):
        if is_working_day(day):
            opens, closes = _local_instant(day, day_start), _local_instant(day, day_end)
            cursor = max(cursor, opens)
            if cursor < closes:
                available = closes - cursor
                if remaining <= available:
                    return cursor + remaining
                remaining -= available
        day += timedelta(days=1)
    raise RuntimeError(f"working hours from {start} ran past {_MAX_DAYS_SEARCHED} days")


def add(unit: Unit | str, amount: int, start: datetime, day_start: time, day_end: time) -> datetime:
    """Apply a timescale: ``amount`` of ``unit`` after ``start``.

    ``day_start`` and ``day_end`` (working hours) are used only for working hours; they are
    always passed so that the caller states them (settings FRONTDOOR_WORKING_DAY_START/_END).
    """
    match Unit(unit):
        case Unit.CLOCK_HOURS:
            return add_clock_hours(start, amount)
        case Unit.WORKING_HOURS:
            return add_working_hours(start, amount, day_start, day_end)
        case Unit.WORKING_DAYS:
            return add_working_days(start, amount)
        case Unit.CALENDAR_DAYS:
            return add_calendar_days(start, amount)


# --- Showing time left -----------------------------------------------------------------------

_UNITS_IN_SECONDS: tuple[tuple[str, int], ...] = (
    ("day", 24 * 60 * 60),
    ("hour", 60 * 60),
    ("minute", 60),
)


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def _describe_duration(seconds: int) -> str:
    """At most two adjacent units, largest first, rounded down: "2 days 3 hours"."""
    parts: list[tuple[str, int]] = []
    for noun, size in _UNITS_IN_SECONDS:
        parts.append((noun, seconds // size))
        seconds %= size
    for index, (noun, count) in enumerate(parts):
        if count:
            words = [_plural(count, noun)]
            if index + 1 < len(parts) and parts[index + 1][1]:
                words.append(_plural(parts[index + 1][1], parts[index + 1][0]))
            return " ".join(words)
    return "less than a minute"


def describe_time_left(due: datetime, now: datetime) -> str:
    """Plain words for a queue: "Due in 1 hour 20 minutes", "Overdue by 2 days".

    Real elapsed time (not working time), rounded down to the minute, in at most the two largest
    units where the second is the next unit down: "2 days 3 hours", never "2 days 5 minutes". At
    the due instant itself the work is still in time ("Due in less than a minute").
    """
    due, now = _as_utc(due, "due"), _as_utc(now, "now")
    seconds = int((due - now).total_seconds())
    if due >= now:
        return f"Due in {_describe_duration(seconds)}"
    return f"Overdue by {_describe_duration(-seconds)}"


def urgency(due: datetime, now: datetime, soon: timedelta = timedelta(hours=1)) -> Urgency:
    """OVERDUE after the due instant; DUE_SOON within ``soon`` of it; otherwise ON_TRACK."""
    due, now = _as_utc(due, "due"), _as_utc(now, "now")
    if now > due:
        return Urgency.OVERDUE
    if due - now <= soon:
        return Urgency.DUE_SOON
    return Urgency.ON_TRACK


_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def to_the_minute(moment: datetime) -> datetime:
    """The start of the minute `moment` falls in: people type times to the minute, so a time
    typed for the minute something happened in is not before it."""
    return moment.replace(second=0, microsecond=0)


def say_when(moment: datetime | None) -> str:
    """A moment as a practitioner reads it, in London time: "Tue 3 Mar 2026, 14:05"."""
    if moment is None:
        return ""
    if moment.tzinfo is None:
        raise ValueError(f"say_when needs an aware datetime, got {moment!r}")
    local = moment.astimezone(LONDON)
    return (
        f"{_DAYS[local.weekday()]} {local.day} {_MONTHS[local.month - 1]} {local.year}, "
        f"{local:%H:%M}"
    )


def say_date(day: date | None) -> str:
    """A day as a practitioner reads it: "3 Mar 2026" (Django's `date:"j M Y"`, without its
    general formatter: a queue page says one for every child)."""
    if day is None:
        return ""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"


def last_working_day_within_months(start: date, months: int) -> date:
    """The last working day within `months` calendar months of `start`: the day a review
    "within 3 months" (or "every 6 months") is due by (Working Together 2023: the first child
    protection review conference within 3 months of the initial one, then at most 6 months
    apart). The same day of the month, months later (the month's last day if it has no such
    day), brought back over a weekend or bank holiday, so that it is never late by a day off."""
    _require_date(start, "start")
    _require_not_negative(months, "months")
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    first_of_next = date(year + month // 12, month % 12 + 1, 1)
    day = min(start.day, (first_of_next - timedelta(days=1)).day)
    due = date(year, month, day)
    while not is_working_day(due):
        due -= timedelta(days=1)
    return due
