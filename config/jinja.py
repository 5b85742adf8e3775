"""The Jinja2 environment for the few templates that are rendered many times a page (the queue's
rows: docs/adr/0038-queue-rows-in-jinja2.md; a figure's table: docs/adr/0044).

Wiring only: every filter and function here is the one the Django templates use (the same
`format_html` tags, the same London times), so a row says exactly what it said in Django's
template language. Autoescaping is on (Django's Jinja2 backend sets it), and Django's safe
strings are kept as they are (they have `__html__`). A name the template does not know is an
error, not a blank cell (`StrictUndefined`): a test fails rather than a deadline going missing.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.template.defaultfilters import date
from django.urls import get_script_prefix, get_urlconf, reverse
from jinja2 import Environment, StrictUndefined
from markupsafe import Markup

from frontdoor.contacts.templatetags.contact_tags import rag_tag, status_tag
from frontdoor.govuk.tables import label_cells
from frontdoor.timescales.calendar import say_date
from frontdoor.timescales.templatetags.clocks import due_tag, local_datetime


def url(name: str, *args: Any) -> str:
    """`{{ url("contacts:family", family.pk) }}`, Django's `{% url %}`.

    A link to a record by its id (the queue's rows link and post to each family, 100 a page)
    is reversed once per URL name and process, with stand-in ids, and each row's own ids are
    put in their places: `reverse()` costs about 40 Python calls. Only for ids that are UUIDs,
    which a path takes as they are written, so the answer is `reverse()`'s own; anything else
    is reversed as usual."""
    if not args or len(args) > len(_STAND_INS) or any(type(a) is not uuid.UUID for a in args):
        return reverse(name, args=args)
    pieces = _url_pieces(name, len(args))
    if pieces is None:
        return reverse(name, args=args)
    parts = [pieces[0]]
    for arg, piece in zip(args, pieces[1:], strict=True):
        parts += (str(arg), piece)
    return "".join(parts)


# Ids no record has (the nil UUID's neighbours).
_STAND_INS = tuple(uuid.UUID(int=n) for n in range(1, 4))
_pieces: dict[tuple[str, int, str, Any], tuple[str, ...] | None] = {}


def _url_pieces(name: str, arity: int) -> tuple[str, ...] | None:
    """The reversed URL around its ids, or None if they are not each in it once, in order."""
    # The script prefix and the URL map can differ per request (a deployment under a path).
    key = (name, arity, get_script_prefix(), get_urlconf())
    if key not in _pieces:
        stand_ins = _STAND_INS[:arity]
        shape = reverse(name, args=stand_ins)
        pieces: list[str] = []
        rest = shape
        for stand_in in map(str, stand_ins):
            before, found, rest = rest.partition(stand_in)
            pieces.append(before)
            if not found or stand_in in rest:
                break
        else:
            pieces.append(rest)
        _pieces[key] = tuple(pieces) if len(pieces) == arity + 1 else None
    return _pieces[key]


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
        say_date=say_date,
    )
    return env
