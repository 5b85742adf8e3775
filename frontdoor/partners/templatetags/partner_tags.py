"""{% load partner_tags %} {% referrer_feedback_panel family %}: on the contact page, whether
the referrer has been told each decided child's outcome, and the link to record it."""

from __future__ import annotations

from typing import Any

from django import template

from frontdoor.access.policies import can
from frontdoor.partners.queries import feedback_rows

register = template.Library()


@register.inclusion_tag("partners/_feedback_panel.html", takes_context=True)
def referrer_feedback_panel(context: dict[str, Any], family: Any) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not can(user, "record_referrer_feedback"):
        return {"show": False}
    rows = list(feedback_rows(family))
    return {
        "show": bool(rows),
        "family": family,
        "rows": rows,
        "waiting": any(r.given_at is None for r in rows),
    }
