"""The one table pattern (frontdoor/govuk/tables.py): every body cell carries its column's
heading, every part of the table its ARIA role, and every table in every template uses it."""

from __future__ import annotations

import re
import time
from pathlib import Path

from django.template import Context, Template, engines

from frontdoor.govuk.tables import RESPONSIVE_CLASS, label_cells

FRONTDOOR = Path(__file__).resolve().parents[2]

QUEUE = """<table class="govuk-table">
  <caption class="govuk-table__caption">Screening, most urgent first</caption>
  <thead class="govuk-table__head"><tr class="govuk-table__row">
    <th scope="col" class="govuk-table__header">Due</th>
    <th scope="col" class="govuk-table__header">Child&#x27;s name
      <span class="govuk-visually-hidden">and age</span></th>
    <th scope="col" class="govuk-table__header" colspan="2">Contact &amp; source</th>
  </tr></thead>
  <tbody class="govuk-table__body">
    <tr class="govuk-table__row">
      <th scope="row" class="govuk-table__header">Today</th>
      <td class="govuk-table__cell">Amira Begum<br>born 3 Mar 2019</td>
      <td class="govuk-table__cell"><a href="/contacts/1/">WX-26-004187</a></td>
      <td class="govuk-table__cell" data-label="Where from">School</td>
    </tr>
    <tr class="govuk-table__row"><td class="govuk-table__cell" colspan="4">No more.</td></tr>
  </tbody>
</table>"""


def _tags(html: str, name: str) -> list[str]:
    return re.findall(rf"<{name}\b[^>]*>", html)


def test_each_body_cell_carries_its_columns_heading():
    html = label_cells(QUEUE)
    cells = _tags(html, "td")
    assert 'data-label="Child&#x27;s name and age"' in cells[0]
    assert 'data-label="Contact &amp; source"' in cells[1]
    # A label the template already wrote wins.
    assert 'data-label="Where from"' in cells[2] and "Contact" not in cells[2]
    # A cell across every column needs no heading.
    assert "data-label" not in cells[3]
    assert 'data-label="Due"' in _tags(html, "th")[3]


def test_each_part_of_the_table_keeps_its_role_when_shown_as_blocks():
    html = label_cells(QUEUE)
    assert _tags(html, "table")[0].startswith(f'<table class="{RESPONSIVE_CLASS} govuk-table"')
    assert 'role="table"' in _tags(html, "table")[0]
    assert all('role="rowgroup"' in t for t in _tags(html, "thead") + _tags(html, "tbody"))
    assert all('role="row"' in t for t in _tags(html, "tr"))
    headers = _tags(html, "th")
    assert all('role="columnheader"' in t for t in headers[:3])
    assert 'role="rowheader"' in headers[3]
    assert all('role="cell"' in t for t in _tags(html, "td"))


def test_everything_else_is_left_as_it_was():
    html = label_cells(QUEUE)
    without_added = re.sub(r' (role|data-label)="[^"]*"', "", html)
    without_added = without_added.replace(f"{RESPONSIVE_CLASS} ", "")
    # The label the template wrote is taken out by the line above too.
    assert without_added == QUEUE.replace(' data-label="Where from"', "")


def test_a_table_without_a_class_gets_one_and_a_second_pass_changes_nothing():
    html = label_cells("<table><tr><th>Name</th><td>Amira</td></tr></table>")
    assert html.startswith(f'<table class="{RESPONSIVE_CLASS}" role="table">')
    assert label_cells(html) == html


def test_the_template_tag_labels_what_the_template_rendered():
    template = Template(
        "{% load govuk %}{% responsive_table %}<table class='govuk-table'><thead><tr>"
        "<th>Name</th><th>Email</th></tr></thead><tbody>{% for p in people %}<tr><td>{{ p.0 }}"
        "</td><td>{{ p.1 }}</td></tr>{% endfor %}</tbody></table>{% endresponsive_table %}"
    )
    html = template.render(Context({"people": [("<b>Amira</b>", "a@example.org")]}))
    assert '<td role="cell" data-label="Name">&lt;b&gt;Amira&lt;/b&gt;</td>' in html
    assert '<td role="cell" data-label="Email">a@example.org</td>' in html


# The one pattern in each template language: Django's tag, and the Jinja2 filter of the same
# name (config/jinja.py) for the few templates rendered many times a page.
WRAPPED = re.compile(
    r"{% responsive_table %}.*?{% endresponsive_table %}"
    r"|{% filter responsive_table %}.*?{% endfilter %}",
    re.S,
)


def test_every_table_in_every_template_uses_the_one_pattern():
    """A table outside {% responsive_table %} would scroll sideways at 320 px: wrap it."""
    outside = []
    templates = [*FRONTDOOR.rglob("templates/**/*.html"), *FRONTDOOR.rglob("jinja2/**/*.html")]
    assert any("jinja2" in path.parts for path in templates)  # both languages are looked at
    for path in sorted(templates):
        if "templates/admin/" in path.as_posix():
            continue  # Django's own administration, styled and reflowed by Django's admin CSS
        text = path.read_text(encoding="utf-8")
        # Take out every wrapped table; any <table left is one that forgot.
        if "<table" in WRAPPED.sub("", text):
            outside.append(str(path.relative_to(FRONTDOOR)))
    assert outside == []


def test_the_jinja2_filter_labels_what_the_template_rendered():
    template = engines["jinja2"].from_string(
        "{% filter responsive_table %}<table class='govuk-table'><thead><tr><th>Name</th>"
        "<th>Email</th></tr></thead><tbody>{% for p in people %}<tr><td>{{ p[0] }}</td>"
        "<td>{{ p[1] }}</td></tr>{% endfor %}</tbody></table>{% endfilter %}"
    )
    html = template.render({"people": [("<b>Amira</b>", "a@example.org")]})
    assert '<td role="cell" data-label="Name">&lt;b&gt;Amira&lt;/b&gt;</td>' in html
    assert '<td role="cell" data-label="Email">a@example.org</td>' in html


def test_a_quoted_greater_than_sign_in_an_attribute_does_not_end_the_tag():
    html = label_cells(
        '<table><thead><tr><th title="a > b">Name</th><th>Born</th></tr></thead>'
        '<tbody><tr><td title="x>y">Amira</td><td>3 Mar 2019</td></tr></tbody></table>'
    )
    assert '<td title="x>y" role="cell" data-label="Name">Amira</td>' in html
    assert '<td role="cell" data-label="Born">3 Mar 2019</td>' in html


def test_a_tag_that_never_closes_costs_one_pass():
    """Possessive matching (frontdoor/govuk/tables.py): no search through every way of splitting
    a long run of attribute text when no ">" follows."""
    html = "<table><tbody><tr><td " + 'a b="c" ' * 20_000
    started = time.process_time()
    assert label_cells(html).endswith('a b="c" ')
    assert time.process_time() - started < 0.5
