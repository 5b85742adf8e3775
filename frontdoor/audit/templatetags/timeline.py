from django import template

from frontdoor.audit.models import Event
from frontdoor.audit.timeline import Entry, describe

register = template.Library()


@register.filter
def entry(event: Event) -> Entry:
    """`{% with e=event|entry %}{{ e.title }} {{ e.detail }}{% endwith %}`"""
    return describe(event)
