"""Date and date-and-time fields that validate the GOV.UK way.

The messages follow the GOV.UK Design System's date input pattern, built from the field's
`label_for_errors` ("date of birth"):

    nothing entered            Enter date of birth              (or error_messages["required"])
    a part missing             Date of birth must include a month
    two parts missing          Date of birth must include a day and month
    not a real date            Date of birth must be a real date      (31 June, 29 February 2023)
    year not 4 numbers         Year must include 4 numbers
    must_be_in_past=True       Date of birth must be today or in the past
    must_be_in_future=True     Date of birth must be today or in the future

The date-and-time field adds:

    time missing               Date and time of contact must include a time
    time not real              Enter a real time, like 14:30
    clocks went forward        (a local time that never happened: explains, asks again)
    clocks went back           (a local time that happened twice: asks for "BST" or "GMT")

Every ValidationError carries `params["parts"]`, the parts to mark as in error, so the page
highlights only the month when only the month is missing, and the error summary links to it.
"""

from __future__ import annotations

import abc
import datetime as dt
import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.text import capfirst

from .text import lower_first
from .time import parse_time
from .widgets import LONDON, GovukDateInput, GovukDateTimeInput

DATE_PARTS = ("day", "month", "year")

# GOV.UK asks services to accept month names as well as numbers.
_MONTH_NAMES = {
    name: number
    for number in range(1, 13)
    for name in (
        dt.date(2000, number, 1).strftime("%B").lower(),
        dt.date(2000, number, 1).strftime("%b").lower(),
    )
}
_MONTH_NAMES["sept"] = 9

# "01:30 BST" / "01:30 GMT" says which 01:30 is meant on the night the clocks go back.
_ZONE = re.compile(r"\s*(bst|gmt)$", re.IGNORECASE)


def _and_list(parts: list[str]) -> str:
    # "day", "day and month", "day, month and year"
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _format_date(value: dt.date) -> str:
    return f"{value.day} {value:%B %Y}"


class _GovukPartsField(forms.Field, metaclass=abc.ABCMeta):
    """Shared handling for fields whose widget is split into parts."""

    parts: tuple[str, ...] = DATE_PARTS

    def __init__(
        self,
        *,
        label_for_errors: str,
        must_be_in_past: bool = False,
        must_be_in_future: bool = False,
        **kwargs: Any,
    ) -> None:
        if must_be_in_past and must_be_in_future:
            raise ValueError("A date cannot have to be both in the past and in the future")
        self.label_for_errors = label_for_errors
        self.must_be_in_past = must_be_in_past
        self.must_be_in_future = must_be_in_future
        error_messages = {
            "required": f"Enter {lower_first(label_for_errors)}",
            **kwargs.pop("error_messages", {}),
        }
        kwargs.setdefault("label", capfirst(label_for_errors))
        super().__init__(error_messages=error_messages, **kwargs)

    @property
    def subject(self) -> str:
        return capfirst(self.label_for_errors)

    def error(
        self, message: str, code: str, parts: tuple[str, ...] | None = None
    ) -> ValidationError:
        # Messages are built with the label already in them; escape "%" because Django applies
        # params with the % operator when it renders the message.
        return ValidationError(
            message.replace("%", "%%"), code=code, params={"parts": parts or self.parts}
        )

    def clean(self, value: Any) -> Any:
        if isinstance(value, dt.date):
            # A disabled field is "cleaned" from its initial value, which is already a date.
            return value
        raw = self._raw_parts(value)
        if not any(raw.values()):
            if self.required:
                raise self.error(str(self.error_messages["required"]), "required")
            return None
        result = self.to_python_parts(raw)
        self.validate(result)
        self.run_validators(result)
        return result

    def _raw_parts(self, value: Any) -> dict[str, str]:
        if not isinstance(value, (list, tuple)):
            value = [None] * len(self.parts)
        return {
            part: str(v).strip() if v is not None else ""
            for part, v in zip(self.parts, value, strict=False)
        }

    @abc.abstractmethod
    def to_python_parts(self, raw: dict[str, str]) -> Any:
        """The value the parts make (a date, a datetime), or a ValidationError naming the part."""

    def validate(self, value: Any) -> None:
        # Required-ness is handled in clean(), part by part.
        pass

    def prepare_value(self, value: Any) -> Any:
        return value

    def has_changed(self, initial: Any, data: Any) -> bool:
        try:
            cleaned = self.clean(data)
        except ValidationError:
            return True
        return bool(cleaned != initial)

    def parse_date(self, raw: dict[str, str]) -> dt.date:
        missing = [part for part in DATE_PARTS if not raw[part]]
        if missing:
            raise self.error(
                f"{self.subject} must include a {_and_list(missing)}", "incomplete", tuple(missing)
            )
        day, month, year = _to_int(raw["day"]), _month(raw["month"]), _to_int(raw["year"])
        wrong = tuple(
            part
            for part, number, top in (("day", day, 31), ("month", month, 12))
            if number is None or not 1 <= number <= top
        )
        if wrong:
            raise self.error(f"{self.subject} must be a real date", "invalid", wrong)
        if year is None or len(raw["year"]) != 4:
            raise self.error("Year must include 4 numbers", "invalid_year", ("year",))
        try:
            return dt.date(year, month, day)  # type: ignore[arg-type]
        except ValueError:
            # 31 June, 29 February in a year that is not a leap year.
            raise self.error(
                f"{self.subject} must be a real date", "invalid", ("day", "month")
            ) from None

    def check_date_window(self, value: dt.date) -> None:
        today = timezone.localdate(timezone=LONDON)
        if self.must_be_in_past and value > today:
            raise self.error(f"{self.subject} must be today or in the past", "in_future")
        if self.must_be_in_future and value < today:
            raise self.error(f"{self.subject} must be today or in the future", "in_past")


def _to_int(text: str) -> int | None:
    return int(text) if text.isdigit() else None


def _month(text: str) -> int | None:
    return _to_int(text) if text.isdigit() else _MONTH_NAMES.get(text.lower().rstrip("."))


class GovukDateField(_GovukPartsField):
    """A date typed into day, month and year boxes. Returns a `datetime.date`.

    date_of_birth = GovukDateField(
        label="What is the child's date of birth?",
        label_for_errors="date of birth",
        error_messages={"required": "Enter the child's date of birth"},
        help_text="For example, 27 3 2019",
        must_be_in_past=True,
    )
    """

    widget = GovukDateInput
    parts = DATE_PARTS

    def to_python_parts(self, raw: dict[str, str]) -> dt.date:
        value = self.parse_date(raw)
        self.check_date_window(value)
        return value


class GovukDateTimeField(_GovukPartsField):
    """A date and a 24-hour time in UK time. Returns an aware datetime in Europe/London.

    Around the clock changes a local time can be missing (01:30 on the last Sunday in March
    never happens) or doubled (01:30 on the last Sunday in October happens twice). Both get a
    clear error; a doubled time can be given as "01:30 BST" (the first) or "01:30 GMT".
    `must_be_in_past` / `must_be_in_future` compare with the current minute.

    Compare results in UTC (`value.astimezone(datetime.UTC)`): by PEP 495, == between a time in
    the autumn "fold" and the same instant in another zone is always False. Django stores the
    right instant either way.
    """

    widget = GovukDateTimeInput
    parts = (*DATE_PARTS, "time")

    def to_python_parts(self, raw: dict[str, str]) -> dt.datetime:
        date = self.parse_date(raw)
        time, zone = self._parse_time(raw["time"])
        value = _london(date, time, zone, self)
        self._check_datetime_window(value)
        return value

    def _parse_time(self, text: str) -> tuple[dt.time, str]:
        if not text:
            raise self.error(f"{self.subject} must include a time", "incomplete", ("time",))
        zone = _ZONE.search(text)
        parsed = parse_time(text[: zone.start()] if zone else text)
        if parsed is None:
            raise self.error("Enter a real time, like 14:30", "invalid_time", ("time",))
        return parsed, zone[1].upper() if zone else ""

    def _check_datetime_window(self, value: dt.datetime) -> None:
        now = timezone.now()
        if self.must_be_in_past and value > now:
            raise self.error(f"{self.subject} must be in the past", "in_future")
        if self.must_be_in_future and value < now:
            raise self.error(f"{self.subject} must be in the future", "in_past")


def _london(date: dt.date, time: dt.time, zone: str, field: _GovukPartsField) -> dt.datetime:
    """Attach UK time to a local date and time, refusing times the clocks skipped or doubled."""
    naive = dt.datetime.combine(date, time)
    first = naive.replace(tzinfo=LONDON, fold=0)
    second = naive.replace(tzinfo=LONDON, fold=1)
    when = f"{time:%H:%M} on {_format_date(date)}"
    if first.astimezone(dt.UTC).astimezone(LONDON).replace(tzinfo=None) != naive:
        raise field.error(
            f"{when} did not happen in the UK because the clocks went forward an hour at 01:00 "
            "– enter a time before 01:00 or from 02:00",
            "nonexistent_time",
            ("time",),
        )
    if first.utcoffset() == second.utcoffset():
        return first
    if zone == "BST":
        return first
    if zone == "GMT":
        return second
    raise field.error(
        f"{when} happened twice because the clocks went back an hour at 02:00 – enter "
        f"{time:%H:%M} BST for the first time or {time:%H:%M} GMT for the second",
        "ambiguous_time",
        ("time",),
    )
