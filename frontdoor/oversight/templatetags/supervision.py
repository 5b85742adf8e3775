"""The child's page shows their management oversight: `{% oversight_section person %}`."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from frontdoor.access.policies import can
from frontdoor.oversight import queries

register = template.Library()


@register.inclusion_tag("supervision/_child_section.html", takes_context=True)
def oversight_section(context: Any, person: Any) -> dict[str, Any]:
    """Records, newest first; open actions; the warning when oversight is due. The child's
    page has already logged the view of the record."""
    user = context["request"].user
    return {
        "person": person,
        "user": user,
        "records": queries.records_for(person),
        "open_actions": queries.open_actions_for(person),
        "clock": queries.oversight_clock(person),
        "today": timezone.localdate(),
        "may_record": can(user, "record_oversight"),
    }


@register.simple_tag
def oversight_summary() -> dict[str, int]:
    """For the MASH overview: children due oversight, the days that makes them due, and open
    challenges. Two counting queries and the setting."""
    return {
        "due": queries.count_due_oversight(),
        "due_days": queries.oversight_due_days(),
        "open_challenges": queries.open_challenge_count(),
    }


@register.inclusion_tag("supervision/_for_me_link.html", takes_context=True)
def challenges_link(context: Any) -> dict[str, Any]:
    """On "My work": the way to challenges to your decisions and your oversight actions, with
    how many are open (two counting queries)."""
    user = context["request"].user
    if not can(user, "respond_to_challenge"):
        return {"show": False}
    return {
        "show": True,
        "challenges": queries.challenges_to(user).count(),
        "actions": queries.my_open_actions(user).count(),
    }
