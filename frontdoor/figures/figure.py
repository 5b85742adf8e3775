"""A figure as a page shows it: its definition in words, a headline, a chart and a table drawn
from the same numbers, and on each count the key to the records behind it.

Every figure must lead to the list of children behind it (domain brief, section 8). The key is
the app's own (a month's slug, "2026-03~met", a worker's id, or for the partner agencies' page
the link itself); the app turns it into those records through its readers, which conceal a
restricted child, and decides which roles may follow it. A `Figure` holds counts and words only,
never a child's name.
"""

from __future__ import annotations

from dataclasses import dataclass

from frontdoor.figures.charts import Chart


@dataclass(frozen=True)
class Cell:
    text: str
    key: str = ""  # the drill-down key; "" for a cell with no records behind it


@dataclass(frozen=True)
class Figure:
    slug: str
    title: str
    definition: str
    headline: str
    chart: Chart
    headers: list[str]
    rows: list[list[Cell]]  # the first cell of each row is its heading
    caption: str = ""  # the table's caption, where the page words it apart from the title

    @property
    def counts(self) -> dict[str, str]:
        """Every count that leads somewhere, by its drill-down key (what a test compares)."""
        return {cell.key: cell.text for row in self.rows for cell in row if cell.key}
