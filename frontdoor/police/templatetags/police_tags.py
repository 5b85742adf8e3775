"""Words for the police notification pages: lags in hours and minutes, risk as a tag."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

register = template.Library()

RISK_COLOURS = {"high": "red", "medium": "orange", "standard": "blue", "low": "blue"}


@register.filter
def lag(minutes: int | None) -> str:
    """A lag in minutes as people say it: "2 days 3 hours", "9 hours 35 minutes"."""
    if minutes is None:
        return "Not known"
    if minutes < 0:
        return "before the incident"
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    parts = []
    if days:
        parts.append(f"{days} day{'s' if days != 1 else ''}")
    if hours:
        parts.append(f"{hours} hour{'s' if hours != 1 else ''}")
    if mins and not days:
        parts.append(f"{mins} minute{'s' if mins != 1 else ''}")
    return " ".join(parts) or "under a minute"


@register.simple_tag
def risk_tag(level: str, label: str) -> SafeString:
    if not level:
        return format_html('<strong class="govuk-tag govuk-tag--grey">{}</strong>', "Not given")
    colour = RISK_COLOURS.get(level, "grey")
    return format_html('<strong class="govuk-tag govuk-tag--{}">{}</strong>', colour, label)
