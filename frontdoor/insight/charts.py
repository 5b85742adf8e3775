"""Trend charts drawn on the server as SVG: no JavaScript, nothing loaded from elsewhere.

Each chart is a bar chart of one or more series over the same labels (months, or age bands).
It carries a <title> and a <desc> and is named by them (role="img"), and the page always puts
the same numbers in a data table beside it, so nobody depends on seeing the bars. Colour never
carries meaning alone: a flagged bar (a spike, an old band) is also marked with a "!" above it
and named in the table.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 52, 8, 28, 44
# GOV.UK colour palette: blue, orange, purple, green; red for a flagged bar. Each has at least
# 3:1 contrast with white, as non-text graphics need (WCAG 1.4.11).
SERIES_COLOURS = ["#1d70b8", "#b35200", "#4c2c92", "#00703c"]
FLAGGED = "#d4351c"
TEXT = "#0b0c0c"
GRID = "#b1b4b6"


@dataclass(frozen=True)
class Point:
    label: str
    value: float | None
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
    flag_label: str = ""
    labels: list[str] = field(default_factory=list)

    @property
    def x_labels(self) -> list[str]:
        return self.labels or [p.label for p in self.series[0].points] if self.series else []

    @property
    def rows(self) -> list[tuple[str, list[Point]]]:
        """The chart's data, one row per label, for the table beside it."""
        return [
            (label, [s.points[i] for s in self.series]) for i, label in enumerate(self.x_labels)
        ]


def format_value(value: float | None, unit: str) -> str:
    if value is None:
        return "No data"
    if unit == "%":
        return f"{value:.0f}%"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def _nice_ceiling(value: float) -> float:
    """The axis maximum: 1, 2, 2.5 or 5 times a power of ten, at or above `value`."""
    if value <= 0:
        return 1.0
    power = float(10 ** math.floor(math.log10(value)))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * power:
            return float(step * power)
    return 10.0 * power


def _text(x: float, y: float, content: str, *, anchor: str = "middle", size: int = 12) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="{size}" '
        f'font-family="Arial, sans-serif" fill="{TEXT}">{escape(content)}</text>'
    )


def render(chart: Chart, chart_id: str) -> SafeString:
    labels = chart.x_labels
    values = [p.value or 0 for s in chart.series for p in s.points]
    top = 100.0 if chart.unit == "%" else _nice_ceiling(max(values, default=0))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    parts = [
        f'<svg class="insight-chart" role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" focusable="false" '
        f'xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-title">{escape(chart.title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(chart.description)}</desc>',
    ]
    parts += _axis(top, chart.unit, plot_w, plot_h)
    parts += _bars(chart, labels, top, plot_w, plot_h)
    parts += _legend(chart)
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 (every piece of text is escaped above)


def _axis(top: float, unit: str, plot_w: float, plot_h: float) -> list[str]:
    parts = []
    for i in range(5):
        value = top * i / 4
        y = TOP + plot_h - plot_h * i / 4
        parts.append(
            f'<line x1="{LEFT}" y1="{y:.1f}" x2="{LEFT + plot_w}" y2="{y:.1f}" '
            f'stroke="{GRID}" stroke-width="1"/>'
        )
        parts.append(_text(LEFT - 6, y + 4, format_value(value, unit), anchor="end"))
    return parts


def _bars(chart: Chart, labels: list[str], top: float, plot_w: float, plot_h: float) -> list[str]:
    parts: list[str] = []
    if not labels:
        return parts
    group = plot_w / len(labels)
    width = group * 0.8 / max(1, len(chart.series))
    every = 1 if len(labels) <= 12 else 2  # keep the month labels legible at 24 months
    for i, label in enumerate(labels):
        x0 = LEFT + group * i + group * 0.1
        for k, series in enumerate(chart.series):
            point = series.points[i]
            height = plot_h * (point.value or 0) / top if top else 0
            x, y = x0 + width * k, TOP + plot_h - height
            colour = FLAGGED if point.flagged else SERIES_COLOURS[k % len(SERIES_COLOURS)]
            parts.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{width:.1f}" height="{height:.1f}" '
                f'fill="{colour}"/>'
            )
            if point.flagged:
                parts.append(_text(x + width / 2, y - 4, "!", size=14))
        if i % every == 0:
            parts.append(_text(LEFT + group * i + group / 2, TOP + plot_h + 16, label, size=11))
    return parts


def _legend(chart: Chart) -> list[str]:
    entries = [
        (s.name, SERIES_COLOURS[k % len(SERIES_COLOURS)]) for k, s in enumerate(chart.series)
    ]
    if chart.flag_label:
        entries.append((f"! {chart.flag_label}", FLAGGED))
    if len(entries) < 2:
        return []
    parts: list[str] = []
    x = float(LEFT)
    for name, colour in entries:
        parts.append(f'<rect x="{x}" y="6" width="12" height="12" fill="{colour}"/>')
        parts.append(_text(x + 16, 16, name, anchor="start", size=11))
        x += 24 + 6.5 * len(name)
    return parts
