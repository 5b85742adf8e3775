"""Grades over time as a chart (server-side SVG, frontdoor/figures/charts.py), beside a table."""

from __future__ import annotations

from django.utils.safestring import SafeString

from frontdoor.casework_audits.queries import MonthGrades
from frontdoor.casework_audits.workflow import Grade
from frontdoor.figures.charts import Chart, Point, Series, render


def grades_chart(months: list[MonthGrades]) -> SafeString | None:
    if not months:
        return None
    labels = [m.month.abbreviated for m in months]
    chart = Chart(
        title="Case audit grades by month graded",
        description="Audited cases by final grade (moderated where moderated), each month",
        unit="cases",
        series=[
            Series(
                name=label,
                points=[Point(labels[i], float(m.counts[value])) for i, m in enumerate(months)],
            )
            for value, label in Grade.choices
        ],
    )
    return render(chart, "audit-grades")
