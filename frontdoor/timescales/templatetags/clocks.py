"""Template filters for deadlines: {% load clocks %}.

    {{ contact.screening_due_at|time_left }}       Due in 1 hour 20 minutes
    {{ contact.screening_due_at|due_tag }}         the same, as a GOV.UK tag coloured by urgency
    {{ contact.received_at|local_datetime }}       Tue 29 Dec 2026, 14:30

Each filter renders None as an empty string, so a clock that has not started shows nothing.
"""

from __future__ import annotations

from datetime import datetime

from django import template
from django.utils import timezone
from django.utils.html import format_html

from frontdoor.timescales.calendar import LONDON, Urgency, describe_time_left, urgency

register = template.Library()

# GOV.UK Frontend tag colours: red for overdue, yellow for due within the hour, blue otherwise.
_TAG_COLOURS = {
    Urgency.OVERDUE: "red",
    Urgency.DUE_SOON: "yellow",
    Urgency.ON_TRACK: "blue",
}

# Spelt out rather than strftime("%a %b"), which follow the server's locale.
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@register.filter
def time_left(due: datetime | None) -> str:
    if due is None:
        return ""
    return describe_time_left(due, timezone.now())


@register.filter
def due_tag(due: datetime | None) -> str:
    if due is None:
        return ""
    now = timezone.now()
    colour = _TAG_COLOURS[urgency(due, now)]
    return format_html(
        '<strong class="govuk-tag govuk-tag--{}">{}</strong>',
        colour,
        describe_time_left(due, now),
    )


@register.filter
def local_datetime(moment: datetime | None) -> str:
    if moment is None:
        return ""
    if timezone.is_naive(moment):
        raise ValueError(f"local_datetime needs an aware datetime, got {moment!r}")
    local = moment.astimezone(LONDON)
    return (
        f"{_DAYS[local.weekday()]} {local.day} {_MONTHS[local.month - 1]} {local.year}, "
        f"{local:%H:%M}"
    )
