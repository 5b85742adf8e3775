"""One table pattern for every page: a GOV.UK table that reflows at 320 px (WCAG 2.2, 1.4.10).

Wide enough (from GOV.UK's tablet breakpoint, 641 px), a table is an ordinary GOV.UK table.
Narrower, the Sass (`.frontdoor-table--responsive` in frontend/src/_project.scss) shows each row
as a stacked block, each cell under its column heading, the way MOJ, ONS and HMRC tables do:
`td::before { content: attr(data-label) }`. Nothing scrolls sideways and no table has a wrapper
that scrolls.

The column headings a cell needs are already in the table's own `<thead>`, so no template
writes a `data-label` by hand (and none can forget one): `{% responsive_table %}…
{% endresponsive_table %}` (in `{% load govuk %}`) wraps a table, and `label_cells` below copies
each heading onto the cells of its column, colspans counted. It also names every part of the
table with its ARIA role, because a table whose parts are shown as blocks loses its table
semantics in some browsers and screen readers (Safari and Firefox), and the roles give them
back. See docs/adr/0032-pages-reflow-and-drafts-on-every-form.md.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

RESPONSIVE_CLASS = "frontdoor-table--responsive"

# The ARIA role of each part of a table, given back explicitly (see the module docstring).
_SECTIONS = {"thead", "tbody", "tfoot"}
# Only a table's own tags matter, so they are all that is looked at: one regular expression over
# the rendered HTML, not a parse of all of it (a 50-row queue in well under a millisecond a row).
# Attribute values may hold ">" only inside quotes, which the pattern allows for.
_TAG = re.compile(
    r"""<(/?)(table|thead|tbody|tfoot|tr|th|td)\b((?:[^>"']|"[^"]*"|'[^']*')*)>""",
    re.IGNORECASE,
)
_ATTRIBUTES = {
    name: re.compile(rf"""\s{name}\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
    for name in ("class", "colspan", "role", "data-label")
}
_ANY_TAG = re.compile(r"<[^>]*>")
_SPACE = re.compile(r"\s+")


def label_cells(table_html: str) -> str:
    """The table (or tables) in `table_html`, each marked as responsive, with every body cell
    labelled with the heading of its column and every part given its ARIA role."""
    out: list[str] = []
    tables: list[_Table] = []
    position = 0
    for match in _TAG.finditer(table_html):
        out.append(table_html[position : match.start()])
        position = match.end()
        closing, tag = match.group(1), match.group(2).lower()
        raw = match.group(0)
        if closing:
            _close(tag, tables, table_html, match.start())
            out.append(raw)
        else:
            out.append(_open(tag, raw, match.group(3), tables, match.end()))
    out.append(table_html[position:])
    return "".join(out)


@dataclass
class _Table:
    # The column headings of the table's last header row, one per column (colspans expanded).
    headings: list[str] = field(default_factory=list)
    section: str = ""
    column: int = 0
    header_row: list[str] | None = None
    heading_starts: int | None = None
    heading_span: int = 1
    # A body cell's tag as written, in its column: the tag it becomes and its span. The rows of
    # a list repeat the same few cell tags (a queue's 50 rows, 6 cells each), so each is worked
    # out once per table (headings are only known, and only change, in the table's head).
    cells: dict[tuple[str, int], tuple[str, int]] = field(default_factory=dict)


def _open(tag: str, raw: str, attributes: str, tables: list[_Table], end: int) -> str:
    if tag == "table":
        tables.append(_Table())
        return _insert(_add_class(raw, attributes), attributes, {"role": "table"})
    if not tables:
        return raw
    table = tables[-1]
    if tag in _SECTIONS:
        table.section = tag
        return _insert(raw, attributes, {"role": "rowgroup"})
    if tag == "tr":
        table.column = 0
        if table.section == "thead":
            table.header_row = []
        return _insert(raw, attributes, {"role": "row"})
    # A cell: th or td.
    column = table.column
    if table.section == "thead":
        span = _colspan(attributes)
        table.column += span
        if tag == "th":
            table.heading_starts, table.heading_span = end, span
        return _insert(raw, attributes, {"role": "columnheader"})
    known = table.cells.get((raw, column))
    if known is None:
        known = table.cells[raw, column] = _body_cell(tag, raw, attributes, column, table.headings)
    labelled, span = known
    table.column += span
    return labelled


def _body_cell(
    tag: str, raw: str, attributes: str, column: int, headings: list[str]
) -> tuple[str, int]:
    """A body cell's tag with its role and its column's heading, and the columns it spans."""
    span = _colspan(attributes)
    added = {"role": "rowheader" if tag == "th" else "cell"}
    # A cell across every column ("No children waiting") needs no heading.
    if column < len(headings) and span < len(headings) and headings[column]:
        added["data-label"] = headings[column]
    return _insert(raw, attributes, added), span


def _close(tag: str, tables: list[_Table], table_html: str, start: int) -> None:
    if not tables:
        return
    table = tables[-1]
    if tag == "table":
        tables.pop()
    elif tag == "th" and table.heading_starts is not None and table.header_row is not None:
        text = _ANY_TAG.sub("", table_html[table.heading_starts : start])
        text = _SPACE.sub(" ", html.unescape(text)).strip()
        # Escaped once here, not once for every cell of the column.
        table.header_row.extend([html.escape(text, quote=True)] * table.heading_span)
        table.heading_starts = None
    elif tag == "tr" and table.header_row:
        # A header row that spans several rows above it: the last row names the columns.
        table.headings, table.header_row = table.header_row, None
        table.cells.clear()
    elif tag in _SECTIONS:
        table.section = ""


def _attribute(attributes: str, name: str) -> str | None:
    if name not in attributes.lower():
        return None  # the usual case, answered without a search
    found = _ATTRIBUTES[name].search(attributes)
    if found is None:
        return None
    return next(value for value in found.groups() if value is not None)


def _colspan(attributes: str) -> int:
    value = _attribute(attributes, "colspan") or "1"
    return int(value) if value.isdigit() and int(value) > 0 else 1


def _add_class(raw: str, attributes: str) -> str:
    classes = _attribute(attributes, "class")
    if classes is None:
        return _insert(raw, attributes, {"class": RESPONSIVE_CLASS})
    if RESPONSIVE_CLASS in classes.split():
        return raw
    return re.sub(
        r"""(\sclass\s*=\s*)(["'])""",
        lambda m: f"{m.group(1)}{m.group(2)}{RESPONSIVE_CLASS} ",
        raw,
        count=1,
        flags=re.IGNORECASE,
    )


def _insert(raw: str, attributes: str, added: dict[str, str]) -> str:
    """`raw` with the `added` attributes it does not already have. The values are already
    escaped: the roles are constants, the headings were escaped once each (`_close`)."""
    lowered = attributes.lower()
    text = "".join(
        f' {name}="{value}"'
        for name, value in added.items()
        # The usual case (no such attribute yet) without a regular expression.
        if name not in lowered or _attribute(attributes, name) is None
    )
    if not text:
        return raw
    end = -2 if raw.endswith("/>") else -1
    return raw[:end] + text + raw[end:]
