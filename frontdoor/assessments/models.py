"""Child and family assessments: due 45 working days from the referral (national).

The assessment is complete when a manager authorises it (the CIN census's authorisation date);
a late assessment needs a recorded reason. Assessment factors are CIN census codes.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from frontdoor.access.records import AboutAChild
from frontdoor.assessments.workflow import AssessmentOutcome, AssessmentStatus


class Assessment(AboutAChild):
    child_paths = ("person",)

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    referral = models.OneToOneField(
        "referrals.Referral", on_delete=models.PROTECT, related_name="assessment"
    )
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        max_length=30, choices=AssessmentStatus.choices, default=AssessmentStatus.IN_PROGRESS
    )
    version = models.PositiveIntegerField(default=1)
    started_at = models.DateTimeField()
    due_at = models.DateTimeField(db_index=True)
    factors = models.ManyToManyField("codelists.Code", related_name="+", blank=True)
    # The CIN census's primary need (N0-N9), recorded by the worker at the assessment (issue 16).
    primary_need = models.ForeignKey(
        "codelists.Code", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    outcome = models.CharField(max_length=30, choices=AssessmentOutcome.choices, blank=True)
    summary = models.TextField(blank=True)
    late_reason = models.TextField(blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    authorised_at = models.DateTimeField(null=True, blank=True)
    authorised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        indexes = [models.Index(fields=["status", "due_at"], name="assessment_status_due")]

    def __str__(self) -> str:
        return f"Assessment started {self.started_at:%d %b %Y}"
