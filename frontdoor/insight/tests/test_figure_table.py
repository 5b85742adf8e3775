"""A figure's table (insight/jinja2/insight/_figure_table.html, docs/adr/0044): every count is
a cell labelled with its column's heading, leads to the children behind it only for a reader who
may follow it, and every word in it is escaped."""

from __future__ import annotations

import re

from frontdoor.figures.charts import Chart
from frontdoor.figures.figure import Cell, Figure
from frontdoor.insight.templatetags.figure_tables import render_figure_table

FIGURE = Figure(
    slug="contacts-by-source",
    title="Contacts <by> source",
    definition="",
    headline="",
    chart=Chart(title="", description="", unit="contacts", series=[]),
    headers=["Source", "May & June"],
    rows=[
        [Cell("<script>x</script> School"), Cell("3 (spike)", "2026-05~2A & 'x'")],
        [Cell("All sources"), Cell("0")],
    ],
)


def _cells(html: str) -> list[str]:
    return re.findall(r"<td\b[^>]*>.*?</td>", html, flags=re.S)


def test_manager_can_follow_each_count_to_the_children_behind_it():
    html = render_figure_table(FIGURE, may_drill=True, months=12)
    first, second = _cells(html)
    assert first.startswith(
        '<td class="govuk-table__cell govuk-table__cell--numeric" role="cell" '
        'data-label="May &amp; June">'
    )
    assert (
        '<a class="govuk-link" href="/performance/front-door/contacts-by-source/children/'
        '?key=2026-05~2A%20%26%20%27x%27&amp;months=12">3 (spike)<span '
        'class="govuk-visually-hidden">: children behind this count, '
        "&lt;script&gt;x&lt;/script&gt; School</span></a>"
    ) in first
    assert "<a" not in second and ">0</td>" in second  # nothing behind a count of none


def test_senior_leader_cannot_follow_a_count_but_reads_the_same_table():
    html = render_figure_table(FIGURE, may_drill=False, months=12)
    assert "<a" not in html and "/children/" not in html
    assert (
        '<th scope="row" class="govuk-table__header" role="rowheader" data-label="Source">'
        "&lt;script&gt;x&lt;/script&gt; School</th>"
    ) in html
    assert "<script>" not in html
    assert 'id="contacts-by-source-caption">Contacts &lt;by&gt; source, table</caption>' in html
    assert 'class="frontdoor-table--responsive govuk-table" role="table"' in html


def test_a_figure_with_no_rows_says_so_across_the_table():
    empty = Figure(**{**FIGURE.__dict__, "rows": []})
    html = render_figure_table(empty, may_drill=True, months=3)
    assert '<td class="govuk-table__cell" colspan="2" role="cell">No data.</td>' in html
