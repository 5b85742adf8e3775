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

from frontdoor.timescales.calendar import Urgency, describe_time_left, say_when, urgency

register = template.Library()

# GOV.UK Frontend tag colours: red for overdue, yellow for due within the hour, blue otherwise.
_TAG_COLOURS = {
    Urgency.OVERDUE: "red",
    Urgency.DUE_SOON: "yellow",
    Urgency.ON_TRACK: "blue",
}


# Spelt out rather than strftime("%a %b"), which follow the server's locale.
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
    return say_when(moment)
