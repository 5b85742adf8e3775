from django import template

from frontdoor.access.policies import can as can_act

register = template.Library()


@register.filter
def can(user: object, action: str) -> bool:
    """`{% if user|can:"record_decision" %}` – the same policy the actions enforce."""
    return can_act(user, action)  # type: ignore[arg-type]
