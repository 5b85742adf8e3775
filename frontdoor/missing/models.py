"""Children who go missing: episodes, police reports, return home interviews and risk reviews.

A *missing episode* runs from when the child went missing to their return, then through the
return home interview (RHI) and the risk review that closes it (workflow.py). The police report
about it is its own row, keyed by the force's reference, so that a police notification sent
twice (by the API now, by a police batch import later) fills the same row instead of making a
second.

Status changes only through `missing/actions/` (compare-and-set on status and version).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from frontdoor.access.records import AboutAChild
from frontdoor.missing.workflow import (
    Answer,
    AttemptMethod,
    AttemptResult,
    FlagDecision,
    FlagStatus,
    RiskGrade,
    RiskLevel,
    Status,
)
from frontdoor.people.models import Sex


class Setting(models.Model):
    """A local threshold for missing children, held as data so a council changes it without a
    code change (domain brief, section 5: "3 or more episodes in 30 days" is local). Clocks are
    timescales (`timescales.Timescale`); counts and windows that are not clocks live here."""

    key = models.SlugField(max_length=60, unique=True)
    label = models.CharField(max_length=100)
    value = models.PositiveIntegerField()
    unit = models.CharField(max_length=40, help_text="What the value counts, e.g. “episodes”.")
    description = models.TextField(blank=True)

    class Meta:
        ordering = ("key",)
        constraints = (
            models.CheckConstraint(condition=models.Q(value__gte=1), name="missing_setting_min_1"),
        )

    def __str__(self) -> str:
        return f"{self.label}: {self.value} {self.unit}"


class PoliceReport(AboutAChild):
    """The police's missing person report, as the force gave it. One per force and reference."""

    child_paths = ("episode__person",)

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, related_name="missing_reports"
    )
    reference = models.CharField(max_length=60)
    risk_grade = models.CharField(max_length=20, choices=RiskGrade.choices)
    reported_at = models.DateTimeField(help_text="When the child was reported missing to police")
    circumstances = models.TextField(blank=True)
    recorded_at = models.DateTimeField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-reported_at"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "reference"], name="police_report_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.agency} {self.reference}"


class Episode(AboutAChild):
    child_paths = ("person",)

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # The child, linked to their person record. A police notification names the child as the
    # force knows them; a coordinator then links that to the record (`link_missing_child`).
    person = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="missing_episodes",
    )
    first_name = models.CharField(max_length=100)
    last_name = models.CharField(max_length=100)
    date_of_birth = models.DateField(null=True, blank=True)
    sex = models.CharField(max_length=1, choices=Sex.choices, default=Sex.UNKNOWN)

    status = models.CharField(max_length=30, choices=Status.choices, default=Status.MISSING)
    version = models.PositiveIntegerField(default=1)

    # Going missing.
    started_at = models.DateTimeField(db_index=True, help_text="When the child was last seen")
    missing_from = models.CharField(max_length=300, blank=True)
    reported_to_police_at = models.DateTimeField(null=True, blank=True)
    police_report = models.OneToOneField(
        PoliceReport, null=True, blank=True, on_delete=models.PROTECT, related_name="episode"
    )
    recorded_at = models.DateTimeField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    # The return. Both clocks are stored when the child returns (timescales/): the interview is
    # due 72 hours later, and the first attempt to reach the child within the gap setting.
    returned_at = models.DateTimeField(null=True, blank=True)
    where_found = models.CharField(max_length=300, blank=True)
    rhi_due_at = models.DateTimeField(null=True, blank=True)
    first_attempt_due_at = models.DateTimeField(null=True, blank=True)
    # The latest attempt's next-attempt deadline (or the first one): the queue sorts on it.
    next_attempt_due_at = models.DateTimeField(null=True, blank=True)

    # The return home interview.
    rhi_offered_at = models.DateTimeField(null=True, blank=True)
    rhi_offered_by = models.CharField(max_length=200, blank=True)
    rhi_answer = models.CharField(max_length=10, choices=Answer.choices, blank=True)
    rhi_completed_at = models.DateTimeField(null=True, blank=True)
    rhi_completed_by = models.CharField(max_length=200, blank=True)
    rhi_completed_by_organisation = models.CharField(max_length=200, blank=True)
    rhi_summary = models.TextField(blank=True)

    class Meta:
        ordering = ["-started_at"]
        indexes = [
            models.Index(fields=["status", "rhi_due_at"], name="missing_status_rhi_due"),
            models.Index(fields=["status", "started_at"], name="missing_status_started"),
            models.Index(fields=["person", "started_at"], name="missing_person_started"),
            models.Index(fields=["returned_at"], name="missing_returned"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(returned_at__isnull=True)
                | models.Q(returned_at__gte=models.F("started_at")),
                name="missing_return_after_start",
            ),
            models.CheckConstraint(
                # A stored deadline exists exactly when its clock has started.
                condition=models.Q(returned_at__isnull=True, rhi_due_at__isnull=True)
                | models.Q(returned_at__isnull=False, rhi_due_at__isnull=False),
                name="missing_rhi_due_set_at_return",
            ),
        ]

    def __str__(self) -> str:
        return f"Missing episode of {self.child_name}"

    @property
    def child_name(self) -> str:
        if self.person is not None:
            return self.person.full_name
        return " ".join(part for part in (self.first_name, self.last_name) if part)

    @property
    def reference(self) -> str:
        return self.id.hex[:8].upper()

    @property
    def police_reference(self) -> str | None:
        return self.police_report.reference if self.police_report is not None else None

    @property
    def rhi_offered_in_time(self) -> bool | None:
        if self.rhi_due_at is None or self.rhi_offered_at is None:
            return None
        return self.rhi_offered_at <= self.rhi_due_at


class ContactAttempt(AboutAChild):
    """One attempt to reach the child for their return home interview."""

    child_paths = ("episode__person",)

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    episode = models.ForeignKey(Episode, on_delete=models.PROTECT, related_name="attempts")
    attempted_at = models.DateTimeField()
    method = models.CharField(max_length=20, choices=AttemptMethod.choices)
    result = models.CharField(max_length=20, choices=AttemptResult.choices)
    note = models.TextField(blank=True)
    # The next attempt is due by this, stored when this attempt was logged: a later change to
    # the setting does not rewrite which gaps were too long.
    next_attempt_due_at = models.DateTimeField()
    recorded_at = models.DateTimeField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["episode", "attempted_at"]
        indexes = [models.Index(fields=["episode", "attempted_at"], name="missing_attempt_time")]

    def __str__(self) -> str:
        return f"{self.get_method_display()} at {self.attempted_at:%Y-%m-%d %H:%M}"


class SiblingConsidered(AboutAChild):
    """A record that one brother or sister was considered after the child went missing."""

    child_paths = ("episode__person", "sibling")

    episode = models.ForeignKey(
        Episode, on_delete=models.PROTECT, related_name="siblings_considered"
    )
    # `person:<uuid>` for a brother or sister on record, `contact:<uuid>` for one named in a
    # contact but not yet linked (queries.siblings_of).
    sibling_key = models.CharField(max_length=60)
    sibling = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    sibling_name = models.CharField(max_length=200)
    note = models.TextField()
    considered_at = models.DateTimeField()
    considered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["episode", "sibling_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["episode", "sibling_key"], name="sibling_considered_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.sibling_name} considered"


class RiskReview(AboutAChild):
    """Risk reconsidered after the return home interview: what was learned, and the plan."""

    child_paths = ("episode__person",)

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    episode = models.OneToOneField(Episode, on_delete=models.PROTECT, related_name="risk_review")
    push_factors = models.TextField()
    pull_factors = models.TextField()
    where_went = models.TextField()
    with_whom = models.TextField()
    # Indicators of exploitation (CIN census factors 11A and 24A).
    sexual_exploitation = models.BooleanField()
    criminal_exploitation = models.BooleanField()
    exploitation_detail = models.TextField(blank=True)
    risk_level = models.CharField(max_length=10, choices=RiskLevel.choices)
    plan_update = models.TextField()
    reviewed_at = models.DateTimeField()
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    def __str__(self) -> str:
        return f"Risk review of {self.episode}"


class RepeatMissingFlag(AboutAChild):
    """The child has gone missing often enough to trigger a review (the local threshold): a
    manager decides whether to hold a strategy discussion."""

    child_paths = ("person",)

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="repeat_missing_flags"
    )
    episode = models.ForeignKey(Episode, on_delete=models.PROTECT, related_name="flags")
    raised_at = models.DateTimeField(db_index=True)
    episodes_in_window = models.PositiveIntegerField()
    threshold = models.PositiveIntegerField()
    window_days = models.PositiveIntegerField()
    status = models.CharField(
        max_length=30, choices=FlagStatus.choices, default=FlagStatus.AWAITING_DECISION
    )
    version = models.PositiveIntegerField(default=1)
    decision = models.CharField(max_length=30, choices=FlagDecision.choices, blank=True)
    rationale = models.TextField(blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["raised_at"]
        indexes = [models.Index(fields=["status", "raised_at"], name="repeat_flag_status")]
        constraints = [
            # One flag waiting for a manager per child: a further episode adds to it.
            models.UniqueConstraint(
                fields=["person"],
                condition=models.Q(status="awaiting_decision"),
                name="repeat_flag_one_open_per_child",
            ),
        ]

    def __str__(self) -> str:
        return f"Repeat missing flag for {self.person}"
