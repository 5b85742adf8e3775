"""{% load govuk %}: the GOV.UK error summary and its page-title prefix, and the one table
pattern, {% responsive_table %}.

{% block title_prefix %}{% govuk_error_title_prefix form formset %}{% endblock %}
…
{% govuk_error_summary form formset %}
"""

from __future__ import annotations

from typing import Any

from django import template
from django.template.base import Parser, Token
from django.utils.safestring import mark_safe

from ..error_summary import has_errors, summary_errors
from ..tables import label_cells

register = template.Library()


@register.inclusion_tag("govuk/error_summary.html")
def govuk_error_summary(*forms_or_formsets: Any) -> dict[str, Any]:
    """Every error on the page, each linking to its field. Pass forms, formsets or lists."""
    return {"errors": summary_errors(*forms_or_formsets)}


@register.simple_tag
def govuk_error_title_prefix(*forms_or_formsets: Any) -> str:
    """ "Error: " when any of the forms has errors: GOV.UK starts the <title> with it."""
    return "Error: " if has_errors(*forms_or_formsets) else ""


class ResponsiveTableNode(template.Node):
    def __init__(self, nodelist: template.NodeList) -> None:
        self.nodelist = nodelist

    def render(self, context: template.Context) -> str:
        # The rendered table is already escaped HTML; label_cells only adds attributes whose
        # values it escapes itself.
        return mark_safe(label_cells(self.nodelist.render(context)))  # noqa: S308


@register.tag
def responsive_table(parser: Parser, token: Token) -> ResponsiveTableNode:
    """{% responsive_table %}<table class="govuk-table">…</table>{% endresponsive_table %}: the
    one table pattern (frontdoor/govuk/tables.py). Every table in every template is wrapped in
    it, and tests/test_tables_reflow.py fails on one that is not."""
    nodelist = parser.parse(("endresponsive_table",))
    parser.delete_first_token()
    return ResponsiveTableNode(nodelist)
