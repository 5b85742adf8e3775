"""Server-side SVG charts for the management information page: no JavaScript, nothing loaded
from elsewhere, and a data table beside every chart (the table is the accessible original; the
chart is a picture of it, with a title and description for assistive technology).

Two shapes are enough here: stacked columns (a total split into parts, such as enquiries each
month split by agency) and horizontal bars (a figure for each agency). Every piece of text is
escaped; the output is safe to put straight into a template.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# GOV.UK colours dark enough to stand out from white (WCAG 1.4.11, 3:1 for graphics), in an
# order where neighbours differ in lightness as well as hue.
PALETTE = ["#1d70b8", "#00703c", "#912b88", "#d4351c", "#0b0c0c", "#4c2c92", "#505a5f", "#003078"]
TEXT = "#0b0c0c"
AXIS = "#505a5f"
FONT = 'font-family="arial, sans-serif" font-size="14"'


@dataclass(frozen=True)
class Series:
    name: str
    values: list[float]


def colour(index: int) -> str:
    return PALETTE[index % len(PALETTE)]


def _nice_max(value: float) -> float:
    """A round number at or above `value` for the axis: 1, 2, 5, 10, 20, 50 …"""
    if value <= 0:
        return 1
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 5, 10):
        if value <= step * power:
            return float(step * power)
    return float(10 * power)


def _number(value: float) -> str:
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}"


def _open(chart_id: str, title: str, description: str, width: int, height: int) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="frontdoor-chart" role="img" '
        f'viewBox="0 0 {width} {height}" width="100%" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
    ]


def _legend(names: list[str], x: int, y: int) -> list[str]:
    parts = []
    for index, name in enumerate(names):
        top = y + index * 22
        parts.append(
            f'<rect x="{x}" y="{top}" width="14" height="14" fill="{colour(index)}"></rect>'
            f'<text x="{x + 22}" y="{top + 12}" fill="{TEXT}" {FONT}>{escape(name)}</text>'
        )
    return parts


def stacked_columns(
    *,
    chart_id: str,
    title: str,
    description: str,
    categories: list[str],
    series: list[Series],
    unit: str,
) -> SafeString:
    """One column per category (a month), split into one part per series (an agency)."""
    totals = [sum(s.values[i] for s in series) for i in range(len(categories))]
    top = _nice_max(max(totals, default=0))
    left, plot_height, column = 60, 220, 48
    gap = 24
    plot_width = max(1, len(categories)) * (column + gap)
    legend_x = left + plot_width + 30
    width = legend_x + 280
    height = max(plot_height + 70, 40 + 22 * len(series))
    out = _open(chart_id, title, description, width, height)
    base = 20 + plot_height
    for tick in (0, top / 2, top):
        y = base - plot_height * tick / top
        out.append(
            f'<line x1="{left}" x2="{left + plot_width}" y1="{y:.1f}" y2="{y:.1f}" '
            f'stroke="{AXIS}" stroke-width="1"></line>'
            f'<text x="{left - 8}" y="{y + 5:.1f}" text-anchor="end" fill="{TEXT}" {FONT}>'
            f"{_number(tick)}</text>"
        )
    for i, category in enumerate(categories):
        x = left + gap / 2 + i * (column + gap)
        y = float(base)
        for index, s in enumerate(series):
            value = s.values[i]
            if value <= 0:
                continue
            h = plot_height * value / top
            y -= h
            out.append(
                f'<rect x="{x:.1f}" y="{y:.1f}" width="{column}" height="{h:.1f}" '
                f'fill="{colour(index)}"><title>{escape(s.name)}, {escape(category)}: '
                f"{_number(value)} {escape(unit)}</title></rect>"
            )
        out.append(
            f'<text x="{x + column / 2:.1f}" y="{base + 22}" text-anchor="middle" '
            f'fill="{TEXT}" {FONT}>{escape(category)}</text>'
        )
    out += _legend([s.name for s in series], legend_x, 20)
    out.append("</svg>")
    return mark_safe("".join(out))  # noqa: S308 (every text above went through escape())


def horizontal_bars(
    *,
    chart_id: str,
    title: str,
    description: str,
    categories: list[str],
    series: list[Series],
    unit: str,
    maximum: float | None = None,
) -> SafeString:
    """One row per category (an agency), with one bar per series (median, 90th percentile)."""
    values = [v for s in series for v in s.values]
    top = maximum if maximum is not None else _nice_max(max(values, default=0))
    top = top or 1
    label_width, plot_width, bar, gap = 300, 420, 18, 14
    row = bar * len(series) + gap
    legend_y = 20 + row * max(1, len(categories)) + 30
    width = label_width + plot_width + 120
    height = legend_y + (22 * len(series) if len(series) > 1 else 0) + 10
    out = _open(chart_id, title, description, width, height)
    for tick in (0, top / 2, top):
        x = label_width + plot_width * tick / top
        out.append(
            f'<line x1="{x:.1f}" x2="{x:.1f}" y1="15" y2="{legend_y - 25}" stroke="{AXIS}" '
            f'stroke-width="1"></line><text x="{x:.1f}" y="{legend_y - 8}" '
            f'text-anchor="middle" fill="{TEXT}" {FONT}>{_number(tick)}</text>'
        )
    for i, category in enumerate(categories):
        y = 20 + i * row
        out.append(
            f'<text x="{label_width - 10}" y="{y + bar * len(series) / 2 + 5:.1f}" '
            f'text-anchor="end" fill="{TEXT}" {FONT}>{escape(category[:40])}</text>'
        )
        for index, s in enumerate(series):
            value = s.values[i]
            w = plot_width * min(value, top) / top
            out.append(
                f'<rect x="{label_width}" y="{y + index * bar}" width="{w:.1f}" '
                f'height="{bar - 2}" fill="{colour(index)}"><title>{escape(category)}, '
                f"{escape(s.name)}: {_number(value)} {escape(unit)}</title></rect>"
                f'<text x="{label_width + w + 6:.1f}" y="{y + index * bar + bar - 5}" '
                f'fill="{TEXT}" {FONT}>{_number(value)}</text>'
            )
    if len(series) > 1:
        out += _legend([s.name for s in series], label_width, legend_y)
    out.append("</svg>")
    return mark_safe("".join(out))  # noqa: S308 (every text above went through escape())
