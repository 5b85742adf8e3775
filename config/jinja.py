"""The Jinja2 environment for the few templates that are rendered many times a page (the queue's
rows: docs/adr/0038-queue-rows-in-jinja2.md; a figure's table: docs/adr/0044).

Wiring only: every filter and function here is the one the Django templates use (the same
`format_html` tags, the same London times), so a row says exactly what it said in Django's
template language. Autoescaping is on (Django's Jinja2 backend sets it), and Django's safe
strings are kept as they are (they have `__html__`). A name the template does not know is an
error, not a blank cell (`StrictUndefined`): a test fails rather than a deadline going missing.
"""

from __future__ import annotations

from typing import Any

from django.template.defaultfilters import date
from django.urls import reverse
from jinja2 import Environment, StrictUndefined
from markupsafe import Markup

from frontdoor.contacts.templatetags.contact_tags import rag_tag, status_tag
from frontdoor.govuk.tables import label_cells
from frontdoor.timescales.templatetags.clocks import due_tag, local_datetime


def url(name: str, *args: Any) -> str:
    """`{{ url("contacts:family", family.pk) }}`, Django's `{% url %}`."""
    return reverse(name, args=args)


def responsive_table(table_html: str) -> Markup:
    """`{% filter responsive_table %}<table …>…</table>{% endfilter %}`: the one table pattern,
    as `{% responsive_table %}` is in the Django templates (frontdoor/govuk/tables.py). The body
    is already escaped HTML; label_cells escapes what it adds."""
    return Markup(label_cells(str(table_html)))  # noqa: S704 - escaped as the docstring says


def environment(**options: Any) -> Environment:
    options["undefined"] = StrictUndefined
    env = Environment(**options)  # noqa: S701 - autoescape is on: Django's backend sets it
    env.globals.update(url=url, rag_tag=rag_tag, status_tag=status_tag)
    env.filters.update(
        date=date,
        due_tag=due_tag,
        local_datetime=local_datetime,
        responsive_table=responsive_table,
    )
    return env
