from django import template

from frontdoor.access.timeline import describe
from frontdoor.audit.models import Event
from frontdoor.audit.timeline import Entry

register = template.Library()


@register.filter
def entry(event: Event) -> Entry:
    """`{% with e=event|entry %}{{ e.title }} {{ e.detail }}{% endwith %}`"""
    return describe(event)
