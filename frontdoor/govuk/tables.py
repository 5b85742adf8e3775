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
from html.parser import HTMLParser

RESPONSIVE_CLASS = "frontdoor-table--responsive"

# The ARIA role of each part of a table, given back explicitly (see the module docstring).
_ROLES = {"table": "table", "thead": "rowgroup", "tbody": "rowgroup", "tfoot": "rowgroup"}
_ROLES_ROW = "row"
_CELLS = ("td", "th")
_SPACE = re.compile(r"\s+")


def label_cells(table_html: str) -> str:
    """The table (or tables) in `table_html`, each marked as responsive, with every body cell
    labelled with the heading of its column and every part given its ARIA role."""
    headings = _Headings()
    headings.feed(table_html)
    headings.close()
    writer = _Labeller(headings.tables)
    writer.feed(table_html)
    writer.close()
    return "".join(writer.out)


@dataclass
class _Table:
    # The column headings of the table's last header row, one per column (colspans expanded).
    headings: list[str] = field(default_factory=list)


class _Headings(HTMLParser):
    """First pass: the text of each column heading, per table, in document order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[_Table] = []
        self._stack: list[_Table] = []
        self._in_head = 0
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self._span = 1

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            table = _Table()
            self.tables.append(table)
            self._stack.append(table)
        elif tag == "thead":
            self._in_head += 1
        elif tag == "tr" and self._in_head:
            self._row = []
        elif tag == "th" and self._row is not None:
            self._cell = []
            self._span = _colspan(attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag == "table" and self._stack:
            self._stack.pop()
        elif tag == "thead":
            self._in_head -= 1
        elif tag == "th" and self._cell is not None and self._row is not None:
            text = _SPACE.sub(" ", "".join(self._cell)).strip()
            self._row.extend([text] * self._span)
            self._cell = None
        elif tag == "tr" and self._row is not None:
            if self._stack and self._row:
                # A header row that spans several rows above it: the last row names the columns.
                self._stack[-1].headings = self._row
            self._row = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


class _Labeller(HTMLParser):
    """Second pass: the same HTML, character for character, except for the attributes added to
    the start tags of the table's parts."""

    def __init__(self, tables: list[_Table]) -> None:
        super().__init__(convert_charrefs=False)
        self.out: list[str] = []
        self._tables = iter(tables)
        self._stack: list[_Table] = []
        self._section: list[str] = []
        self._column = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        raw = self.get_starttag_text() or ""
        self.out.append(self._with_attributes(raw, tag, attrs))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.out.append(self.get_starttag_text() or "")

    def _with_attributes(self, raw: str, tag: str, attrs: list[tuple[str, str | None]]) -> str:
        added: dict[str, str] = {}
        names = {name for name, _ in attrs}
        if tag == "table":
            self._stack.append(next(self._tables, _Table()))
            added["role"] = "table"
            raw = _add_class(raw, attrs)
        elif not self._stack:
            return raw
        elif tag in _ROLES:
            self._section.append(tag)
            added["role"] = _ROLES[tag]
        elif tag == "tr":
            self._column = 0
            added["role"] = _ROLES_ROW
        elif tag in _CELLS:
            added.update(self._cell_attributes(tag, attrs))
        added = {name: value for name, value in added.items() if name not in names}
        return _insert(raw, added)

    def _cell_attributes(self, tag: str, attrs: list[tuple[str, str | None]]) -> dict[str, str]:
        column, span = self._column, _colspan(attrs)
        self._column += span
        section = self._section[-1] if self._section else "tbody"
        if section == "thead":
            return {"role": "columnheader"}
        added = {"role": "rowheader" if tag == "th" else "cell"}
        headings = self._stack[-1].headings
        # A cell across every column ("No children waiting") needs no heading.
        if column < len(headings) and span < len(headings) and headings[column]:
            added["data-label"] = headings[column]
        return added

    def handle_endtag(self, tag: str) -> None:
        self.out.append(f"</{tag}>")
        if tag == "table" and self._stack:
            self._stack.pop()
        elif tag in _ROLES and self._section and self._stack:
            self._section.pop()

    def handle_data(self, data: str) -> None:
        self.out.append(data)

    def handle_entityref(self, name: str) -> None:
        self.out.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.out.append(f"&#{name};")

    def handle_comment(self, data: str) -> None:
        self.out.append(f"<!--{data}-->")

    def handle_decl(self, decl: str) -> None:
        self.out.append(f"<!{decl}>")

    def handle_pi(self, data: str) -> None:
        self.out.append(f"<?{data}>")

    def unknown_decl(self, data: str) -> None:
        self.out.append(f"<![{data}]>")


def _colspan(attrs: list[tuple[str, str | None]]) -> int:
    value = dict(attrs).get("colspan") or "1"
    return int(value) if value.isdigit() and int(value) > 0 else 1


def _add_class(raw: str, attrs: list[tuple[str, str | None]]) -> str:
    classes = dict(attrs).get("class")
    if classes is None:
        return _insert(raw, {"class": RESPONSIVE_CLASS})
    if RESPONSIVE_CLASS in classes.split():
        return raw
    return re.sub(
        r"""(\sclass\s*=\s*)(["'])""",
        lambda m: f"{m.group(1)}{m.group(2)}{RESPONSIVE_CLASS} ",
        raw,
        count=1,
    )


def _insert(raw: str, added: dict[str, str]) -> str:
    if not added:
        return raw
    text = "".join(f' {name}="{html.escape(value, quote=True)}"' for name, value in added.items())
    end = -2 if raw.endswith("/>") else -1
    return raw[:end] + text + raw[end:]
