"""The practice model, recorded once: one risk, need and strength analysis per child and
episode, extended at every stage and never retyped (issue 9; docs/adr/0014).

Every table here is written only by `practice/actions.py`, and only by inserts: an entry is
never edited in place, so two workers extending the same analysis at once never lose each
other's work. "No longer applies" is a row of its own (`Withdrawal`), at most one per entry.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from frontdoor.access.records import AboutAChild
from frontdoor.practice.rules import SCALE_MAX, SCALE_MIN, Section, Stage


class Analysis(AboutAChild):
    """A child's analysis for one episode: from the contact that opened it until the front
    door's work on the child ends (practice/episodes.py says when)."""

    child_paths = ("person",)

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="practice_analyses"
    )
    # The contact that opened the episode. A later contact received while the episode is open
    # joins it; it does not start another analysis.
    contact = models.OneToOneField(
        "contacts.Contact", on_delete=models.PROTECT, related_name="practice_analysis"
    )
    started_at = models.DateTimeField()
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # Set when the next episode starts: the time the previous episode's work ended.
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at"]
        constraints = [
            # One per child and episode: a child has at most one open analysis.
            models.UniqueConstraint(
                fields=["person"],
                condition=models.Q(closed_at__isnull=True),
                name="practice_one_open_analysis_per_child",
            ),
        ]

    def __str__(self) -> str:
        return f"Analysis started {self.started_at:%d %b %Y}"


class Entry(AboutAChild):
    child_paths = ("analysis__person",)

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    analysis = models.ForeignKey(Analysis, on_delete=models.PROTECT, related_name="entries")
    section = models.CharField(max_length=20, choices=Section.choices)
    text = models.TextField()
    stage = models.CharField(max_length=30, choices=Stage.choices)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField()

    class Meta:
        ordering = ["added_at", "id"]
        indexes = [models.Index(fields=["analysis", "section"], name="practice_entry_section")]

    def __str__(self) -> str:
        return f"{self.get_section_display()} ({self.get_stage_display()})"


class Withdrawal(AboutAChild):
    """An entry marked "no longer applies", with the reason. The entry itself is kept."""

    child_paths = ("entry__analysis__person",)

    entry = models.OneToOneField(Entry, on_delete=models.PROTECT, related_name="withdrawal")
    reason = models.TextField()
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    withdrawn_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"No longer applies: {self.reason[:40]}"


class ScaleReading(AboutAChild):
    """One stage's answer to the scaling question; the readings in order are the trajectory."""

    child_paths = ("analysis__person",)

    analysis = models.ForeignKey(Analysis, on_delete=models.PROTECT, related_name="readings")
    stage = models.CharField(max_length=30, choices=Stage.choices)
    score = models.PositiveSmallIntegerField()
    reason = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["recorded_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(score__gte=SCALE_MIN) & models.Q(score__lte=SCALE_MAX),
                name="practice_scale_0_to_10",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.score}/10 at {self.get_stage_display().lower()}"
