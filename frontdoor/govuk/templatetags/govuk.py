"""{% load govuk %}: the GOV.UK error summary and its page-title prefix.

{% block title_prefix %}{% govuk_error_title_prefix form formset %}{% endblock %}
…
{% govuk_error_summary form formset %}
"""

from __future__ import annotations

from typing import Any

from django import template

from ..error_summary import has_errors, summary_errors

register = template.Library()


@register.inclusion_tag("govuk/error_summary.html")
def govuk_error_summary(*forms_or_formsets: Any) -> dict[str, Any]:
    """Every error on the page, each linking to its field. Pass forms, formsets or lists."""
    return {"errors": summary_errors(*forms_or_formsets)}


@register.simple_tag
def govuk_error_title_prefix(*forms_or_formsets: Any) -> str:
    """ "Error: " when any of the forms has errors: GOV.UK starts the <title> with it."""
    return "Error: " if has_errors(*forms_or_formsets) else ""
