"""Reading timescales and applying them to the moment a clock starts."""

from __future__ import annotations

from datetime import datetime, time

from django.conf import settings

from frontdoor.timescales import calendar
from frontdoor.timescales.models import Timescale


class UnknownTimescaleError(LookupError):
    """No timescale with this key: a typo in code, or a data migration not run."""

    def __init__(self, key: str) -> None:
        super().__init__(
            f"No timescale with key {key!r}. Timescales are seeded by the timescales data "
            "migrations: check the key, and that migrations have been run."
        )
        self.key = key


def timescale(key: str) -> Timescale:
    try:
        return Timescale.objects.get(key=key)
    except Timescale.DoesNotExist:
        raise UnknownTimescaleError(key) from None


def working_hours() -> tuple[time, time]:
    """The council's working day, from settings FRONTDOOR_WORKING_DAY_START/_END ("HH:MM")."""
    return (
        _setting_time("FRONTDOOR_WORKING_DAY_START"),
        _setting_time("FRONTDOOR_WORKING_DAY_END"),
    )


def _setting_time(name: str) -> time:
    value = getattr(settings, name)
    try:
        return time.fromisoformat(value)
    except (TypeError, ValueError):
        raise ValueError(f"settings.{name} must be a time as HH:MM, got {value!r}") from None


def due_at(key: str, start: datetime) -> datetime:
    """When the clock ``key`` started at ``start`` runs out (aware, UTC). Store the result."""
    found = timescale(key)
    day_start, day_end = working_hours()
    return calendar.add(found.unit, found.amount, start, day_start, day_end)
