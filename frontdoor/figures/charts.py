"""Charts drawn on the server as SVG: no JavaScript, nothing loaded from elsewhere.

A `Chart` is data (series of points over the same labels); `render` draws it in one of three
shapes:

- "columns": one or more series side by side over months, age bands or teams; a flagged bar
  (a spike) is red and marked with a "!" above it;
- "stacked": one column for each label, split into its series (enquiries each month, by agency);
- "bars": one horizontal row for each label, a bar for each series (an agency's median and 90th
  percentile time to answer).

Every chart is named by its <title> and <desc> (role="img", aria-labelledby), each bar carries
its own <title> (shown on hover), and the page always puts the same numbers in a data table
beside it, so nobody depends on seeing the bars. Colour never carries meaning alone: a flagged
bar is also marked "!", named in the legend and in the table. Every piece of text is escaped:
the output is safe to put straight into a page.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# GOV.UK colours, each at least 3:1 against white as non-text graphics need (WCAG 1.4.11), in an
# order where neighbours differ in lightness as well as hue. Red is kept for a flagged bar.
PALETTE = ["#1d70b8", "#b35200", "#4c2c92", "#00703c", "#912b88", "#003078", "#505a5f", "#0b0c0c"]
FLAGGED = "#d4351c"
TEXT = "#0b0c0c"
GRID = "#b1b4b6"

Shape = Literal["columns", "stacked", "bars"]


@dataclass(frozen=True)
class Point:
    label: str
    value: float | None  # None: nothing to count (a rate of 0 of 0), drawn as no bar
    flagged: bool = False


@dataclass(frozen=True)
class Series:
    name: str
    points: list[Point]


@dataclass(frozen=True)
class Chart:
    title: str
    description: str
    unit: str  # "%" for percentages (the axis runs to 100), otherwise the thing counted
    series: list[Series]
    flag_label: str = ""  # what a flagged bar means ("Spike"), for the legend
    shape: Shape = "columns"

    @property
    def labels(self) -> list[str]:
        return [p.label for p in self.series[0].points] if self.series else []

    @property
    def rows(self) -> list[tuple[str, list[Point]]]:
        """The chart's data, one row per label, for a table beside it."""
        return [(label, [s.points[i] for s in self.series]) for i, label in enumerate(self.labels)]


def format_value(value: float | None, unit: str) -> str:
    if value is None:
        return "No data"
    if unit == "%":
        return f"{value:.0f}%"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def colour(index: int) -> str:
    return PALETTE[index % len(PALETTE)]


def render(chart: Chart, chart_id: str) -> SafeString:
    """The chart as SVG, named by `chart_id`-title and `chart_id`-desc (unique on the page)."""
    width, height, parts = SHAPES[chart.shape](chart)
    svg = [
        f'<svg class="frontdoor-chart" role="img" aria-labelledby="{chart_id}-title '
        f'{chart_id}-desc" viewBox="0 0 {width} {height}" width="100%" focusable="false" '
        f'xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-title">{escape(chart.title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(chart.description)}</desc>',
        *parts,
        "</svg>",
    ]
    return mark_safe("".join(svg))  # noqa: S308 (every piece of text is escaped)


# --- Pieces every shape uses --------------------------------------------------------------------


def _top(chart: Chart, largest: float) -> float:
    """The axis's end: 100 for percentages, else 1, 2, 2.5 or 5 times a power of ten."""
    if chart.unit == "%":
        return 100.0
    if largest <= 0:
        return 1.0
    power = float(10 ** math.floor(math.log10(largest)))
    return next(step * power for step in (1, 2, 2.5, 5, 10) if largest <= step * power)


def _text(x: float, y: float, content: str, *, anchor: str = "middle", size: int = 12) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="{size}" '
        f'font-family="Arial, sans-serif" fill="{TEXT}">{escape(content)}</text>'
    )


def _bar(x: float, y: float, w: float, h: float, fill: str, tip: str) -> str:
    return (
        f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" fill="{fill}">'
        f"<title>{escape(tip)}</title></rect>"
    )


def _tip(chart: Chart, series: Series, point: Point) -> str:
    amount = format_value(point.value, chart.unit)
    unit = "" if chart.unit == "%" or point.value is None else f" {chart.unit}"
    flag = f" ({chart.flag_label})" if point.flagged and chart.flag_label else ""
    return f"{series.name}, {point.label}: {amount}{unit}{flag}"


def _legend(
    entries: list[tuple[str, str]], x: float, y: float, *, across: bool, size: int = 11
) -> list[str]:
    parts: list[str] = []
    for name, fill in entries:
        parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="12" height="12" fill="{fill}"/>')
        parts.append(_text(x + 16, y + 10, name, anchor="start", size=size))
        if across:
            x += 24 + 6.5 * len(name)
        else:
            y += 22
    return parts


def _series_entries(chart: Chart) -> list[tuple[str, str]]:
    return [(s.name, colour(k)) for k, s in enumerate(chart.series)]


# --- Columns: series side by side ---------------------------------------------------------------

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 52, 8, 28, 44


def _columns(chart: Chart) -> tuple[float, float, list[str]]:
    labels = chart.labels
    top = _top(chart, max((p.value or 0 for s in chart.series for p in s.points), default=0))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    parts: list[str] = []
    for i in range(5):
        y = TOP + plot_h - plot_h * i / 4
        parts.append(
            f'<line x1="{LEFT}" y1="{y:.1f}" x2="{LEFT + plot_w}" y2="{y:.1f}" '
            f'stroke="{GRID}" stroke-width="1"/>'
        )
        parts.append(_text(LEFT - 6, y + 4, format_value(top * i / 4, chart.unit), anchor="end"))
    group = plot_w / max(1, len(labels))
    width = group * 0.8 / max(1, len(chart.series))
    every = 1 if len(labels) <= 12 else 2  # keep the month labels legible at 24 months
    for i, label in enumerate(labels):
        x0 = LEFT + group * i + group * 0.1
        for k, series in enumerate(chart.series):
            point = series.points[i]
            height = plot_h * min(point.value or 0, top) / top
            x, y = x0 + width * k, TOP + plot_h - height
            fill = FLAGGED if point.flagged else colour(k)
            parts.append(_bar(x, y, width, height, fill, _tip(chart, series, point)))
            if point.flagged:
                parts.append(_text(x + width / 2, y - 4, "!", size=14))
        if i % every == 0:
            parts.append(_text(LEFT + group * i + group / 2, TOP + plot_h + 16, label, size=11))
    entries = _series_entries(chart)
    if chart.flag_label:
        entries.append((f"! {chart.flag_label}", FLAGGED))
    if len(entries) >= 2:
        parts += _legend(entries, LEFT, 6, across=True)
    return WIDTH, HEIGHT, parts


# --- Stacked columns: a total split into its parts ----------------------------------------------


def _stacked(chart: Chart) -> tuple[float, float, list[str]]:
    labels = chart.labels
    totals = [sum(s.points[i].value or 0 for s in chart.series) for i in range(len(labels))]
    top = _top(chart, max(totals, default=0))
    left, plot_h, column, gap = 60, 220, 48, 24
    plot_w = max(1, len(labels)) * (column + gap)
    legend_x = left + plot_w + 30
    base = 20 + plot_h
    parts: list[str] = []
    for tick in (0, top / 2, top):
        y = base - plot_h * tick / top
        parts.append(
            f'<line x1="{left}" x2="{left + plot_w}" y1="{y:.1f}" y2="{y:.1f}" '
            f'stroke="{GRID}" stroke-width="1"/>'
        )
        parts.append(_text(left - 8, y + 5, format_value(tick, chart.unit), anchor="end", size=14))
    for i, label in enumerate(labels):
        x = left + gap / 2 + i * (column + gap)
        y = float(base)
        for k, series in enumerate(chart.series):
            point = series.points[i]
            if not point.value or point.value <= 0:
                continue
            h = plot_h * point.value / top
            y -= h
            parts.append(_bar(x, y, column, h, colour(k), _tip(chart, series, point)))
        parts.append(_text(x + column / 2, base + 22, label, size=14))
    parts += _legend(_series_entries(chart), legend_x, 20, across=False, size=14)
    height = max(plot_h + 70, 40 + 22 * len(chart.series))
    return legend_x + 280, height, parts


# --- Horizontal bars: a row for each label -------------------------------------------------------


def _bars(chart: Chart) -> tuple[float, float, list[str]]:
    labels = chart.labels
    top = _top(chart, max((p.value or 0 for s in chart.series for p in s.points), default=0))
    label_w, plot_w, bar, gap = 300, 420, 18, 14
    row = bar * len(chart.series) + gap
    legend_y = 20 + row * max(1, len(labels)) + 30
    parts: list[str] = []
    for tick in (0, top / 2, top):
        x = label_w + plot_w * tick / top
        parts.append(
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="15" y2="{legend_y - 25}" stroke="{GRID}" '
            f'stroke-width="1"/>'
        )
        parts.append(_text(x, legend_y - 8, format_value(tick, chart.unit), size=14))
    for i, label in enumerate(labels):
        y = 20 + i * row
        middle = y + bar * len(chart.series) / 2 + 5
        parts.append(_text(label_w - 10, middle, label[:40], anchor="end", size=14))
        for k, series in enumerate(chart.series):
            point = series.points[i]
            w = plot_w * min(point.value or 0, top) / top
            top_y = y + k * bar
            parts.append(_bar(label_w, top_y, w, bar - 2, colour(k), _tip(chart, series, point)))
            value = format_value(point.value, chart.unit)
            parts.append(_text(label_w + w + 6, top_y + bar - 5, value, anchor="start", size=14))
    multiple = len(chart.series) > 1
    if multiple:
        parts += _legend(_series_entries(chart), label_w, legend_y, across=False, size=14)
    height = legend_y + (22 * len(chart.series) if multiple else 0) + 10
    return label_w + plot_w + 120, height, parts


SHAPES: dict[str, Callable[[Chart], tuple[float, float, list[str]]]] = {
    "columns": _columns,
    "stacked": _stacked,
    "bars": _bars,
}
