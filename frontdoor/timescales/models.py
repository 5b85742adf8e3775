"""Timescales, held as data.

A council changes its local timescales (screening in 4 hours, a red enquiry answered in 4 working
hours) without a code change: an administrator edits the row. The national ones (Working
Together 2023) are seeded too, so that every clock is read the same way.

Changing a row changes only clocks started afterwards. Each deadline is computed once, when its
clock starts, and stored on the record it belongs to (STYLE.md, "Time").
"""

from __future__ import annotations

from django.db import models

from frontdoor.timescales.calendar import Unit

UNIT_CHOICES = [(unit.value, unit.label) for unit in Unit]


class Basis(models.TextChoices):
    # National: set by statute or statutory guidance (Working Together to Safeguard Children
    # 2023; the missing children guidance). Local: the council's own practice standard.
    NATIONAL = "national", "National"
    LOCAL = "local", "Local"


class Timescale(models.Model):
    # The name code uses to find this timescale, e.g. "screening". Never changes once seeded.
    key = models.SlugField(max_length=60, unique=True)
    label = models.CharField(max_length=100)
    amount = models.PositiveIntegerField()
    unit = models.CharField(max_length=20, choices=UNIT_CHOICES)
    basis = models.CharField(max_length=10, choices=Basis.choices)
    starts_when = models.CharField(
        max_length=200, help_text="What starts the clock, e.g. “contact received”."
    )
    description = models.TextField(blank=True)

    class Meta:
        ordering = ("key",)
        constraints = (
            models.CheckConstraint(
                condition=models.Q(unit__in=[value for value, _ in UNIT_CHOICES]),
                name="timescale_unit_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(basis__in=Basis.values), name="timescale_basis_valid"
            ),
        )

    def __str__(self) -> str:
        return f"{self.label}: {self.amount} {Unit(self.unit).label.lower()}"
