"""The one chart renderer: every shape is an image named by its title and description, carries
no script, escapes every word, and marks a flagged bar by more than its colour."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from defusedxml.ElementTree import fromstring

from frontdoor.figures.charts import FLAGGED, Chart, Point, Series, render

SVG = "{http://www.w3.org/2000/svg}"


def chart(shape: str, **extra) -> Chart:
    return Chart(
        title="Contacts <each> month",
        description='Bars for "each" month & source.',
        unit=extra.pop("unit", "contacts"),
        series=extra.pop(
            "series",
            [
                Series("Police", [Point("Jan 26", 4), Point("Feb 26", 40, flagged=True)]),
                Series("Schools", [Point("Jan 26", 2), Point("Feb 26", None)]),
            ],
        ),
        flag_label="Spike",
        shape=shape,
        **extra,
    )


def parsed(shape: str, **extra) -> ET.Element:
    return fromstring(str(render(chart(shape, **extra), "chart-x")))


@pytest.mark.parametrize("shape", ["columns", "stacked", "bars"])
def test_every_shape_is_an_image_named_by_its_title_and_description(shape):
    svg = parsed(shape)
    assert svg.tag == f"{SVG}svg"
    assert svg.get("role") == "img"
    assert svg.get("aria-labelledby") == "chart-x-title chart-x-desc"
    assert svg.get("focusable") == "false"
    title, desc = svg.find(f"{SVG}title"), svg.find(f"{SVG}desc")
    assert (title.get("id"), title.text) == ("chart-x-title", "Contacts <each> month")
    assert (desc.get("id"), desc.text) == ("chart-x-desc", 'Bars for "each" month & source.')
    # Nothing runs and nothing is fetched: no script, no event handler, no link out.
    tags = {element.tag for element in svg.iter()}
    assert tags <= {f"{SVG}{t}" for t in ("svg", "title", "desc", "rect", "line", "text")}
    assert not [a for element in svg.iter() for a in element.attrib if a.startswith("on")]
    assert not [a for element in svg.iter() for a in element.attrib if "href" in a]


@pytest.mark.parametrize("shape", ["columns", "stacked", "bars"])
def test_each_bar_says_what_it_counts(shape):
    tips = {t.text for t in parsed(shape).iter(f"{SVG}title")}
    assert "Police, Jan 26: 4 contacts" in tips
    assert "Police, Feb 26: 40 contacts (Spike)" in tips


def test_a_flagged_bar_is_red_marked_and_in_the_legend():
    svg = parsed("columns")
    assert [r.get("fill") for r in svg.iter(f"{SVG}rect")].count(FLAGGED) == 2  # bar and key
    texts = [t.text for t in svg.iter(f"{SVG}text")]
    assert "!" in texts and "! Spike" in texts
    assert {"Police", "Schools"} <= set(texts)


def test_a_percentage_axis_runs_to_100():
    series = [Series("Screened in time", [Point("Jan 26", 50.0), Point("Feb 26", None)])]
    texts = [t.text for t in parsed("columns", unit="%", series=series).iter(f"{SVG}text")]
    assert "100%" in texts and "50%" in texts
    tips = {t.text for t in parsed("columns", unit="%", series=series).iter(f"{SVG}title")}
    assert "Screened in time, Feb 26: No data" in tips


def test_words_are_escaped_and_long_labels_shortened():
    series = [Series("<b>x</b>", [Point("A" * 60 + "<script>", 3)])]
    markup = str(render(chart("bars", series=series), "chart-x"))
    assert "<b>" not in markup and "<script>" not in markup
    assert "&lt;b&gt;x&lt;/b&gt;" in markup


def test_an_empty_chart_still_draws():
    for shape in ("columns", "stacked", "bars"):
        assert parsed(shape, series=[]).get("role") == "img"


def test_the_table_beside_a_chart_reads_its_rows():
    assert chart("columns").rows == [
        ("Jan 26", [Point("Jan 26", 4), Point("Jan 26", 2)]),
        ("Feb 26", [Point("Feb 26", 40, flagged=True), Point("Feb 26", None)]),
    ]
