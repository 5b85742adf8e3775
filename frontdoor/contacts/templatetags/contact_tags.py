"""Tags for showing a contact's state the same way on every page."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from django import template
from django.utils.html import format_html

from frontdoor.contacts.workflow import Rag, Status

if TYPE_CHECKING:
    from frontdoor.access.models import User
    from frontdoor.contacts.models import FamilyContact

register = template.Library()

STATUS_COLOURS = {
    Status.AWAITING_SCREENING: "grey",
    Status.SCREENED: "light-blue",
    Status.IN_HUB: "blue",
    Status.AWAITING_DECISION: "purple",
    Status.DECIDED: "green",
}
RAG_COLOURS = {Rag.RED: "red", Rag.AMBER: "orange", Rag.GREEN: "green"}


# Each tag depends on the state alone (a handful of them), so it is built once per process
# and state: a queue page shows one per child (docs/benchmarks.md, queue page, fourth pass).
@register.simple_tag
@cache
def status_tag(status: str) -> str:
    colour = STATUS_COLOURS.get(Status(status), "grey")
    return format_html(
        '<strong class="govuk-tag govuk-tag--{}">{}</strong>', colour, Status(status).label
    )


@register.simple_tag
@cache
def rag_tag(rag: str) -> str:
    if not rag:
        return format_html('<span class="govuk-hint govuk-!-margin-0">Not rated</span>')
    return format_html(
        '<strong class="govuk-tag govuk-tag--{}">{}</strong>',
        RAG_COLOURS[Rag(rag)],
        Rag(rag).label,
    )


@register.filter
def claimant_in(family: FamilyContact, queue_slug: str) -> User | None:
    """Who has claimed the family in this queue (a claim in an earlier queue has lapsed)."""
    return family.claimant_in(queue_slug)
