"""GOV.UK widgets: the date input, a date-and-time input and a time input.

Each part is a plain text input (never `type="number"`: GOV.UK found it fails some users), and
the parts are named `<name>_day`, `<name>_month`, `<name>_year` (and `<name>_time`), with ids
`id_<name>_day` and so on, so the error summary can link straight to the part that is wrong.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from django import forms

LONDON = ZoneInfo("Europe/London")

# Passed in attrs by the bound field to say which parts to mark as in error; never rendered.
ERROR_PARTS_ATTR = "govuk_error_parts"

_PART_LABELS = {"day": "Day", "month": "Month", "year": "Year", "time": "Time"}
_PART_WIDTHS = {"day": 2, "month": 2, "year": 4, "time": 5}
_PART_INPUTMODE = {"day": "numeric", "month": "numeric", "year": "numeric", "time": "text"}


class _GovukPartsInput(forms.MultiWidget):
    """A row of GOV.UK date-input items, one per part, laid out by the date_input template."""

    template_name = "govuk/widgets/date_input.html"
    parts: tuple[str, ...] = ()

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__({part: forms.TextInput() for part in self.parts}, attrs)

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        attrs = dict(attrs or {})
        error_parts = set(attrs.pop(ERROR_PARTS_ATTR, ()) or ())
        context = super().get_context(name, value, attrs)
        widget = context["widget"]
        base_id = widget["attrs"].get("id", "")
        widget["items"] = [
            self._item(part, base_id, sub, part in error_parts)
            for part, sub in zip(self.parts, widget["subwidgets"], strict=True)
        ]
        return context

    def _item(self, part: str, base_id: str, sub: dict[str, Any], error: bool) -> dict[str, Any]:
        autocomplete = self.attrs.get("autocomplete")
        return {
            "part": part,
            "id": f"{base_id}_{part}" if base_id else "",
            "name": sub["name"],
            "value": sub["value"] or "",
            "label": _PART_LABELS[part],
            "width": _PART_WIDTHS[part],
            "inputmode": _PART_INPUTMODE[part],
            # "bday" on a date of birth lets browsers fill in each part.
            "autocomplete": f"{autocomplete}-{part}" if autocomplete and part != "time" else "",
            "error": error,
            "disabled": bool(sub["attrs"].get("disabled")),
        }

    def id_for_label(self, id_: str) -> str:
        # The fieldset's legend labels the group; each part has its own <label>.
        return f"{id_}_{self.parts[0]}" if id_ else ""


class GovukDateInput(_GovukPartsInput):
    """Day, month and year, as the GOV.UK date input component.

    Pass `attrs={"autocomplete": "bday"}` for a date of birth.
    """

    parts = ("day", "month", "year")

    def decompress(self, value: dt.date | None) -> list[str | None]:
        if value is None:
            return [None, None, None]
        return [str(value.day), str(value.month), str(value.year)]


class GovukDateTimeInput(_GovukPartsInput):
    """Day, month, year and a 24-hour time ("14:30"), shown in UK time."""

    parts = ("day", "month", "year", "time")

    def decompress(self, value: dt.datetime | None) -> list[str | None]:
        if value is None:
            return [None, None, None, None]
        if value.tzinfo is not None:
            value = value.astimezone(LONDON)
        return [str(value.day), str(value.month), str(value.year), value.strftime("%H:%M")]


class GovukTimeInput(forms.TextInput):
    """A 24-hour time, typed as "14:30". GOV.UK has no time component; this is a short text
    input with a hint, which is what GOV.UK services do."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        defaults = {"class": "govuk-input--width-5", "spellcheck": "false", "autocomplete": "off"}
        super().__init__({**defaults, **(attrs or {})})

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, dt.time):
            return value.strftime("%H:%M")
        formatted: str | None = super().format_value(value)
        return formatted
