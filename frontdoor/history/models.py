"""History from other systems: the early help record and the old social care system's records.

The inspected MASH went months without access to the early help database, and thin analysis of
family history led to wrong decisions. These tables hold what the council's other systems know,
imported (frontdoor/history/actions.py) from CSV files or the API in the format documented in
docs/imports.md, and linked to person records by matching.

Each row's natural key is its source system and that system's own reference, so importing the
same file twice changes nothing.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from frontdoor.access.records import AboutAChild


class ImportKind(models.TextChoices):
    EARLY_HELP = "early_help", "Early help episodes"
    LEGACY = "legacy_history", "Previous social care history"


class LegacyKind(models.TextChoices):
    REFERRAL = "referral", "Referral"
    ASSESSMENT = "assessment", "Assessment"
    CHILD_PROTECTION_PLAN = "child_protection_plan", "Child protection plan"
    PERIOD_IN_CARE = "period_in_care", "Period in care"


class EarlyHelpEpisode(AboutAChild):
    child_paths = ("person",)

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    source_system = models.CharField(max_length=60)
    source_reference = models.CharField(max_length=100)
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="early_help_episodes"
    )
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    lead_professional = models.CharField(max_length=200, blank=True)
    organisation = models.CharField(max_length=200, blank=True)
    reason = models.TextField(blank=True)
    outcome = models.CharField(max_length=300, blank=True)
    imported_at = models.DateTimeField()
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-started_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["source_system", "source_reference"], name="early_help_natural_key"
            ),
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True)
                | models.Q(ended_on__gte=models.F("started_on")),
                name="early_help_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"Early help from {self.started_on:%d %b %Y}"

    @property
    def is_open(self) -> bool:
        return self.ended_on is None


class LegacyRecord(AboutAChild):
    """A past referral, assessment, child protection plan or period in care, as the old social
    care system recorded it."""

    child_paths = ("person",)

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    source_system = models.CharField(max_length=60)
    source_reference = models.CharField(max_length=100)
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="legacy_records"
    )
    kind = models.CharField(max_length=30, choices=LegacyKind.choices)
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    detail = models.TextField(blank=True)
    outcome = models.CharField(max_length=300, blank=True)
    imported_at = models.DateTimeField()
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-started_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["source_system", "source_reference"], name="legacy_record_natural_key"
            ),
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True)
                | models.Q(ended_on__gte=models.F("started_on")),
                name="legacy_record_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} from {self.started_on:%d %b %Y}"
