import time
from typing import Any

from django import template
from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.html import format_html

from frontdoor.access.policies import can as can_act
from frontdoor.access.records import (
    RESTRICTED_PLACEHOLDER,
    AboutAChild,
    is_concealed,
    is_hidden,
)

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


@register.filter
def opens(record: object) -> bool:
    """`{% if row|opens %}`: may the reader open this row's own page? A row about a child the
    reader may not open comes out of the database concealed (frontdoor/access/records.py), and
    its page answers 404: a list shows it, but never offers a link that would refuse them."""
    if not isinstance(record, models.Model):
        return True
    if getattr(record, "hidden_from_viewer", False):  # the queries' own annotation
        return False
    return not (is_concealed(record) or (isinstance(record, AboutAChild) and is_hidden(record)))


@register.simple_tag
def record_link(record: object, route: str, *args: Any, text: str = "", hidden: str = "") -> str:
    """A link to a row's own page, offered only when the reader may open it: the one rule for
    every list that links to records about children (issue 17: no page offers a link that
    answers its reader 404). A row they may not open is named "Restricted record", unlinked.

    `{% record_link e "partners:request" e.pk text="Request "|add:e.reference %}`; `hidden`
    is visually hidden context for screen readers, said only of a link."""
    if not opens(record):
        return format_html("<span>{}</span>", RESTRICTED_PLACEHOLDER)
    extra = format_html('<span class="govuk-visually-hidden"> {}</span>', hidden) if hidden else ""
    return format_html(
        '<a class="govuk-link" href="{}">{}{}</a>', reverse(route, args=args), text, extra
    )
