"""A time of day on its own ("14:30"), for when the date is known from elsewhere."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import capfirst

from .text import lower_first
from .widgets import GovukTimeInput

_TIME = re.compile(r"^(?P<hour>\d{1,2})[:.]?(?P<minute>\d{2})$")


def parse_time(text: str) -> dt.time | None:
    """ "14:30", "14.30", "1430" and "9:05" are times; "2:30pm" and "25:00" are not."""
    match = _TIME.match(text.strip())
    if not match:
        return None
    hour, minute = int(match["hour"]), int(match["minute"])
    if hour > 23 or minute > 59:
        return None
    return dt.time(hour, minute)


class GovukTimeField(forms.Field):
    """A 24-hour time. Returns a `datetime.time`.

    seen_at = GovukTimeField(
        label="What time was the child seen?",
        label_for_errors="the time the child was seen",
        help_text="Use the 24-hour clock, for example 14:30",
    )
    """

    widget = GovukTimeInput

    def __init__(self, *, label_for_errors: str, **kwargs: Any) -> None:
        self.label_for_errors = label_for_errors
        error_messages = {
            "required": f"Enter {lower_first(label_for_errors)}",
            "invalid": "Enter a real time, like 14:30",
            **kwargs.pop("error_messages", {}),
        }
        kwargs.setdefault("label", capfirst(label_for_errors))
        super().__init__(error_messages=error_messages, **kwargs)

    def to_python(self, value: Any) -> dt.time | None:
        if isinstance(value, dt.time):
            return value
        if value in self.empty_values or not str(value).strip():
            return None
        parsed = parse_time(str(value))
        if parsed is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return parsed
