"""`{% practice_summary person %}`: a short summary of the child's analysis for the child's
page, so that page's view needs no change to show it."""

from __future__ import annotations

from typing import Any

from django import template

from frontdoor.practice.queries import panel_for
from frontdoor.practice.rules import Stage

register = template.Library()


@register.inclusion_tag("practice/_summary.html", takes_context=True)
def practice_summary(context: dict[str, Any], person: Any) -> dict[str, Any]:
    request = context["request"]
    return {"panel": panel_for(person, user=request.user, stage=Stage.OTHER, next_url=request.path)}
