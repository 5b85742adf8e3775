"""Tags for showing an episode's state the same way on every page: {% load missing_tags %}."""

from __future__ import annotations

from datetime import timedelta

from django import template
from django.utils.html import format_html

from frontdoor.missing.queries import describe_length
from frontdoor.missing.workflow import RiskGrade, Status

register = template.Library()

STATUS_COLOURS = {
    Status.MISSING: "red",
    Status.RETURNED: "orange",
    Status.RHI_OFFERED: "yellow",
    Status.RHI_ACCEPTED: "light-blue",
    Status.AWAITING_REVIEW: "purple",
    Status.REVIEWED: "green",
}
GRADE_COLOURS = {
    RiskGrade.HIGH: "red",
    RiskGrade.MEDIUM: "orange",
    RiskGrade.LOW: "yellow",
    RiskGrade.NO_APPARENT_RISK: "grey",
}


@register.simple_tag
def episode_status_tag(status: str) -> str:
    return format_html(
        '<strong class="govuk-tag govuk-tag--{}">{}</strong>',
        STATUS_COLOURS[Status(status)],
        Status(status).label,
    )


@register.simple_tag
def risk_grade_tag(grade: str) -> str:
    if not grade:
        return format_html('<span class="govuk-hint govuk-!-margin-0">{}</span>', "Not known")
    return format_html(
        '<strong class="govuk-tag govuk-tag--{}">{}</strong>',
        GRADE_COLOURS[RiskGrade(grade)],
        RiskGrade(grade).label,
    )


@register.filter
def duration(length: timedelta | None) -> str:
    """A length of time in the queue's words: "1 day 2 hours"."""
    return "" if length is None else describe_length(length)
