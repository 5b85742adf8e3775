"""Threshold guardrails: risk indicators, the minimum response each suggests, and every decision
made below them (issue 9; docs/adr/0010-threshold-guardrails-as-data.md).

The inspected MASH stepped children down to early help when they needed an assessment, through
"insufficient analysis of family history". Here the indicators and their rules are data a council
edits in the admin; a decision below them must answer each one and may go to a second manager.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from frontdoor.access.records import AboutAChild
from frontdoor.contacts.workflow import Outcome
from frontdoor.guardrails.workflow import ReviewStatus


class ResponseLevel(models.Model):
    """The ordering of outcomes, lowest first: "no further action < … < strategy discussion"."""

    outcome = models.CharField(max_length=30, choices=Outcome.choices, unique=True)
    rank = models.PositiveSmallIntegerField(unique=True, help_text="Higher is a stronger response")
    # How the response reads after "does not need": "a strategy discussion".
    phrase = models.CharField(max_length=100)

    class Meta:
        ordering = ("rank",)

    def __str__(self) -> str:
        return self.get_outcome_display()


class Derivation(models.TextChoices):
    """How the system finds an indicator by itself. Every indicator may also be recorded by a
    worker at screening or in the hub."""

    RECORDED = "recorded", "Recorded by a worker only"
    CONCERN = "concern", "A concern category on this contact (optionally for a young child)"
    REPEAT_CONCERN = "repeat_concern", "Contacts with a concern category, counted over a window"
    PREVIOUS_PLAN = (
        "previous_plan",
        "A previous child protection plan (here or in imported history)",
    )
    POLICE_HIGH_RISK = (
        "police_high_risk",
        "A police domestic abuse notification assessed high risk (DASH or DARA), over a window",
    )
    REPEAT_MISSING = "repeat_missing", "Missing episodes, counted over a window"
    AGE_UNDER = "age_under", "The child's age (unborn children count)"


class RiskIndicator(models.Model):
    """One rule: "<indicator> → consider at least <minimum response>"."""

    code = models.SlugField(max_length=40, unique=True)
    # Reads in a sentence: "Explain why a high DASH risk level does not need an assessment".
    label = models.CharField(max_length=150)
    description = models.TextField(blank=True)
    minimum_response = models.ForeignKey(ResponseLevel, on_delete=models.PROTECT, related_name="+")
    derivation = models.CharField(max_length=30, choices=Derivation.choices)
    concern_codes = models.CharField(
        max_length=200, blank=True, help_text="Concern category codes, separated by commas"
    )
    threshold = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="How many contacts or episodes (counting ones only)"
    )
    window_days = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Over how many days (counting ones only)"
    )
    max_age_days = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Only for a child younger than this many days"
    )
    active = models.BooleanField(default=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ("position", "code")

    def __str__(self) -> str:
        return self.label

    def concern_code_list(self) -> list[str]:
        return [code.strip() for code in self.concern_codes.split(",") if code.strip()]


class Setting(models.Model):
    """Oversight settings held as data: the second-review sampling rate and the backlog
    threshold. Code finds a setting by key; the value is the council's."""

    key = models.SlugField(max_length=60, unique=True)
    label = models.CharField(max_length=100)
    value = models.PositiveIntegerField()
    unit = models.CharField(max_length=40)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ("key",)

    def __str__(self) -> str:
        return f"{self.label}: {self.value} {self.unit}"


class RecordedIndicator(AboutAChild):
    """A worker recorded an indicator for one child's contact, at screening or in the hub."""

    child_paths = ("contact__person",)

    contact = models.ForeignKey(
        "contacts.Contact", on_delete=models.PROTECT, related_name="recorded_indicators"
    )
    indicator = models.ForeignKey(RiskIndicator, on_delete=models.PROTECT, related_name="+")
    note = models.CharField(max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ("indicator__position",)
        constraints = [
            models.UniqueConstraint(
                fields=["contact", "indicator"], name="guardrails_indicator_once_per_contact"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} recorded"


class BelowIndicatorDecision(AboutAChild):
    """A decision lower than the indicators suggest, the manager's answer to each indicator, and
    the second manager's review. Every one is recorded, so every one is counted."""

    child_paths = ("contact__person",)

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    decision = models.OneToOneField(
        "contacts.Decision", on_delete=models.PROTECT, related_name="below_indicators"
    )
    contact = models.ForeignKey("contacts.Contact", on_delete=models.PROTECT, related_name="+")
    outcome = models.CharField(max_length=30, choices=Outcome.choices)
    # The highest response the indicators suggested.
    suggested = models.CharField(max_length=30, choices=Outcome.choices)
    # [{"code", "label", "minimum", "why", "answer"}], as they stood when the manager decided.
    answers = models.JSONField(default=list)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(db_index=True)
    review_status = models.CharField(max_length=20, choices=ReviewStatus.choices)
    version = models.PositiveIntegerField(default=1)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_reasons = models.TextField(blank=True)

    class Meta:
        ordering = ("-decided_at",)
        indexes = [
            models.Index(fields=["review_status", "decided_at"], name="guardrails_review_status"),
        ]

    def __str__(self) -> str:
        return f"Decision below indicators ({self.get_outcome_display()})"
