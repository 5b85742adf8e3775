"""Strategy discussions, section 47 enquiries and initial child protection conferences.

A strategy discussion is held whenever there is reasonable cause to suspect a child is suffering,
or likely to suffer, significant harm (Working Together). It is opened by a manager's decision;
its due time is stored when that decision is recorded. Who was invited and who attended is
recorded by agency, because the minimum (council, police, health) is a national expectation and
the inspectors looked for it.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from frontdoor.access.records import AboutAChild
from frontdoor.strategy.workflow import DiscussionOutcome, DiscussionStatus, EnquiryStatus


class Agency(models.TextChoices):
    """Who takes part, by kind of agency (the attendance measure is counted by these)."""

    COUNCIL = "council", "Council social work"
    POLICE = "police", "Police"
    HEALTH = "health", "Health"
    EDUCATION = "education", "Education"
    REFERRER = "referrer", "The referrer"
    OTHER = "other", "Other"

    @classmethod
    def minimum(cls) -> frozenset[str]:
        """At minimum the council's social worker, health and police (Working Together)."""
        return frozenset({cls.COUNCIL, cls.POLICE, cls.HEALTH})


class StrategyDiscussion(AboutAChild):
    child_paths = ("person",)

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    referral = models.OneToOneField(
        "referrals.Referral", on_delete=models.PROTECT, related_name="strategy_discussion"
    )
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        max_length=20, choices=DiscussionStatus.choices, default=DiscussionStatus.TO_BE_HELD
    )
    version = models.PositiveIntegerField(default=1)
    # Same day when serious injury or recent sexual abuse is flagged, otherwise 24 hours.
    same_day = models.BooleanField(default=False)
    requested_at = models.DateTimeField()
    due_at = models.DateTimeField(db_index=True)
    held_at = models.DateTimeField(null=True, blank=True)
    format = models.CharField(
        max_length=100, blank=True, help_text="Meeting, call, conference call"
    )
    information_shared = models.TextField(blank=True)
    outcome = models.CharField(max_length=30, choices=DiscussionOutcome.choices, blank=True)
    rationale = models.TextField(blank=True)
    circulated_at = models.DateTimeField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["due_at"]

    def __str__(self) -> str:
        return f"Strategy discussion due {self.due_at:%d %b %Y %H:%M}"

    def missing_minimum(self) -> list[str]:
        """The minimum agencies that did not attend (empty when the minimum was met)."""
        attended = {p.agency for p in self.participants.all() if p.attended}
        return [Agency(a).label for a in sorted(Agency.minimum()) if a not in attended]


class Participant(AboutAChild):
    child_paths = ("discussion__person",)

    discussion = models.ForeignKey(
        StrategyDiscussion, on_delete=models.CASCADE, related_name="participants"
    )
    agency = models.CharField(max_length=20, choices=Agency.choices)
    name = models.CharField(max_length=200, blank=True)
    organisation = models.CharField(max_length=200, blank=True)
    invited = models.BooleanField(default=True)
    attended = models.BooleanField(default=False)
    information_shared = models.TextField(blank=True)

    class Meta:
        ordering = ["discussion", "agency", "id"]

    def __str__(self) -> str:
        return f"{self.get_agency_display()}: {'attended' if self.attended else 'did not attend'}"


class StrategyAction(AboutAChild):
    child_paths = ("discussion__person",)

    discussion = models.ForeignKey(
        StrategyDiscussion, on_delete=models.CASCADE, related_name="actions"
    )
    description = models.CharField(max_length=500)
    owner = models.CharField(max_length=200)
    due_on = models.DateField()

    class Meta:
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return self.description


class Section47Enquiry(AboutAChild):
    """Started by a strategy discussion; the ICPC is due 15 working days from it (national)."""

    child_paths = ("person",)

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    discussion = models.OneToOneField(
        StrategyDiscussion, on_delete=models.PROTECT, related_name="section47"
    )
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        max_length=30, choices=EnquiryStatus.choices, default=EnquiryStatus.OPEN
    )
    version = models.PositiveIntegerField(default=1)
    started_at = models.DateTimeField()
    icpc_due_at = models.DateTimeField(db_index=True)
    icpc_held_on = models.DateField(null=True, blank=True)
    icpc_not_required_reason = models.TextField(blank=True)
    child_protection_plan = models.BooleanField(null=True, blank=True)
    abuse_category = models.ForeignKey(
        "codelists.Code", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    concluded_at = models.DateTimeField(null=True, blank=True)
    concluded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = "section 47 enquiry"
        verbose_name_plural = "section 47 enquiries"

    def __str__(self) -> str:
        return f"Section 47 enquiry started {self.started_at:%d %b %Y}"


class PlanEndReason(models.TextChoices):
    NO_LONGER_AT_RISK = "no_longer_at_risk", "The child is no longer at risk of significant harm"
    LOOKED_AFTER = "looked_after", "The child became looked after"
    MOVED_AWAY = "moved_away", "The child moved to another local authority"
    TURNED_18 = "turned_18", "The child turned 18"
    DIED = "died", "The child died"


class ChildProtectionPlan(AboutAChild):
    """A child protection plan, started by the initial conference that decides one (issue 16,
    docs/adr/0020): its start date, initial and latest category of abuse (CIN census NEG, PHY,
    SAB, EMO, MUL), and the review conference clock, stored when the plan starts (ADR 0004):
    the first review within 3 months, then at most 6 months apart, due on the last working day
    within them."""

    child_paths = ("person",)

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="child_protection_plans"
    )
    section47 = models.OneToOneField(
        Section47Enquiry, on_delete=models.PROTECT, related_name="plan"
    )
    started_on = models.DateField()
    initial_category = models.ForeignKey(
        "codelists.Code", on_delete=models.PROTECT, related_name="+"
    )
    latest_category = models.ForeignKey(
        "codelists.Code", on_delete=models.PROTECT, related_name="+"
    )
    next_review_due_on = models.DateField(db_index=True)
    ended_on = models.DateField(null=True, blank=True)
    end_reason = models.CharField(max_length=30, choices=PlanEndReason.choices, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-started_on"]
        indexes = [models.Index(fields=["person", "started_on"], name="cp_plan_person_start")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True)
                | models.Q(ended_on__gte=models.F("started_on")),
                name="cp_plan_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"Child protection plan from {self.started_on:%d %b %Y}"


class ChildProtectionReview(AboutAChild):
    """A review conference of a child protection plan: when it was held, whether that was by
    the date it was due (stored with it, so a late review stays late), the category of abuse it
    decided, and whether the plan continues."""

    child_paths = ("plan__person",)

    plan = models.ForeignKey(ChildProtectionPlan, on_delete=models.PROTECT, related_name="reviews")
    held_on = models.DateField()
    due_on = models.DateField()
    category = models.ForeignKey("codelists.Code", on_delete=models.PROTECT, related_name="+")
    plan_continues = models.BooleanField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["held_on"]

    def __str__(self) -> str:
        return f"Review conference of {self.held_on:%d %b %Y}"

    @property
    def on_time(self) -> bool:
        return self.held_on <= self.due_on
