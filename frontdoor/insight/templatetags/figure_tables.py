"""{% load figure_tables %}: a figure's table, {% figure_table figure %}.

The table is rendered by Jinja2 (insight/jinja2/insight/_figure_table.html), not by Django's
template language: the front door's page has ten of these tables, about 500 cells, and Django's
engine looked up every cell's variables through its generic resolver, a node per tag, which was
most of the page's CPU once its figures came from rollups (docs/adr/0044). The HTML is the same.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.template.loader import get_template
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from frontdoor.figures.figure import Figure

register = template.Library()

ENGINE = "jinja2"  # settings.TEMPLATES; docs/adr/0038
TEMPLATE = "insight/_figure_table.html"


@register.simple_tag(takes_context=True)
def figure_table(context: template.Context, figure: Figure) -> SafeString:
    """The figure's table; its counts lead to the children behind them when the page says the
    reader may follow them (`may_drill`), for the page's period (`months`)."""
    return render_figure_table(
        figure, may_drill=bool(context.get("may_drill")), months=context.get("months")
    )


def render_figure_table(figure: Figure, *, may_drill: bool, months: Any) -> SafeString:
    html = get_template(TEMPLATE, using=ENGINE).render(
        {
            "figure": figure,
            "may_drill": may_drill,
            "months": months,
            # Reversed once for the table, not once for each of its cells.
            "drill_url": reverse("insight:front-door-children", args=[figure.slug]),
        }
    )
    # Rendered with autoescaping on, and labelled by the one table pattern, which escapes what
    # it adds.
    return mark_safe(html)  # noqa: S308
