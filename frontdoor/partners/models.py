"""Feedback to the referrer: one row per decided child whose referrer is known, with its clock.

The clock starts when the manager decides (1 working day, timescale `referrer_feedback`) and is
stored then; the row is closed when MASH staff record that the referrer was told. What the
referrer's agency then sees on its submissions is the outcome, and the message written for it.
Written only by `partners/actions.py`.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from frontdoor.access.records import AboutAChild
from frontdoor.partners.rules import FeedbackMethod


class ReferrerFeedback(AboutAChild):
    child_paths = ("family__contacts__person",)

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    family = models.ForeignKey(
        "contacts.FamilyContact", on_delete=models.PROTECT, related_name="referrer_feedback"
    )
    contact = models.OneToOneField(
        "contacts.Contact", on_delete=models.PROTECT, related_name="referrer_feedback"
    )
    decision = models.OneToOneField(
        "contacts.Decision", on_delete=models.PROTECT, related_name="referrer_feedback"
    )
    due_at = models.DateTimeField()
    given_at = models.DateTimeField(null=True, blank=True)
    given_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    method = models.CharField(max_length=20, choices=FeedbackMethod.choices, blank=True)
    # Written for the referrer: shown to their agency with the outcome. Never the rationale.
    message = models.TextField(blank=True)

    class Meta:
        ordering = ["due_at"]
        indexes = [models.Index(fields=["given_at", "due_at"], name="feedback_given_due")]

    def __str__(self) -> str:
        return f"Feedback due {self.due_at:%Y-%m-%d %H:%M}"

    @property
    def on_time(self) -> bool | None:
        return None if self.given_at is None else self.given_at <= self.due_at
