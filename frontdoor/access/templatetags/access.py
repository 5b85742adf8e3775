import time
from typing import Any

from django import template
from django.conf import settings

from frontdoor.access.policies import can as can_act

register = template.Library()


@register.filter
def can(user: object, action: str) -> bool:
    """`{% if user|can:"record_decision" %}` – the same policy the actions enforce."""
    return can_act(user, action)  # type: ignore[arg-type]


@register.inclusion_tag("access/session_warning.html", takes_context=True)
def session_warning(context: dict[str, Any]) -> dict[str, Any]:
    """The idle-timeout warning for a signed-in page: the seconds left before the server signs
    the user out, as the server counts them, and when to warn (two minutes before, or half
    way for a very short limit)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if request is None or user is None or not user.is_authenticated:
        return {"show": False}
    idle = settings.FRONTDOOR_SESSION_IDLE_SECONDS
    seen = request.session.get("frontdoor_seen", int(time.time()))
    left = max(0, idle - (int(time.time()) - seen))
    return {
        "show": True,
        "seconds_left": left,
        "idle_seconds": idle,
        "warn_seconds": min(120, idle // 2),
        "idle_minutes": idle // 60,
        "next": request.get_full_path(),
        "csrf_token": context.get("csrf_token"),
        "CSP_NONCE": context.get("CSP_NONCE"),
    }
