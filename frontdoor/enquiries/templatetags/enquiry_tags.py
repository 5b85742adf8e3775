"""Tags for consent and enquiries: {% load enquiry_tags %}.

{% glance_tag row.glance %}          an agency's status at a glance, as a GOV.UK tag
{% enquiries_panel family %}         the consent position and each agency's status, for the
                                      contact page (nothing for roles that may not read them)
{{ subject.date_of_birth|iso_date }} a date kept as ISO text, in words
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django import template
from django.utils.html import format_html

from frontdoor.access.policies import can
from frontdoor.enquiries.queries import consent_for, consent_status, family_enquiries
from frontdoor.enquiries.workflow import GLANCE_COLOURS, ConsentStatus, Glance

register = template.Library()

CONSENT_COLOURS = {
    ConsentStatus.NOT_RECORDED: "grey",
    ConsentStatus.GIVEN: "green",
    ConsentStatus.AWAITING_AUTHORISATION: "yellow",
    ConsentStatus.AUTHORISED: "turquoise",
    ConsentStatus.DECLINED: "red",
}


@register.simple_tag
def glance_tag(value: str) -> str:
    found = Glance(value)
    return format_html(
        '<strong class="govuk-tag govuk-tag--{}">{}</strong>', GLANCE_COLOURS[found], found.label
    )


@register.simple_tag
def consent_tag(value: str) -> str:
    found = ConsentStatus(value)
    return format_html(
        '<strong class="govuk-tag govuk-tag--{}">{}</strong>', CONSENT_COLOURS[found], found.label
    )


@register.filter
def iso_date(value: str) -> str:
    if not value:
        return ""
    try:
        parsed = date.fromisoformat(value)
    except ValueError:
        return ""
    return f"{parsed.day} {parsed:%B %Y}"


@register.inclusion_tag("enquiries/_panel.html", takes_context=True)
def enquiries_panel(context: dict[str, Any], family: Any) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not can(user, "view_enquiries"):
        return {"show": False}
    consent = consent_for(family)
    return {
        "show": True,
        "family": family,
        "consent": consent,
        "consent_status": consent_status(consent),
        "rows": family_enquiries(user, family),
        "can_send": can(user, "send_enquiry"),
    }
