"""The reviews a worker has been assigned, flagged on every page they see until recorded."""

from __future__ import annotations

from typing import Any

from django import template

from frontdoor.backlog.queries import outstanding_review_count

register = template.Library()


@register.inclusion_tag("oversight/_review_flag.html", takes_context=True)
def urgent_review_flag(context: dict[str, Any]) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    return {"outstanding": outstanding_review_count(user) if user is not None else 0}
