"""Management oversight and supervision recorded on a child's record (issue 9).

Append-only: a record, a response to a challenge, an action and the completion of an action are
each inserted once and never changed (`save()` refuses an update; actions.py is the only writer).
Who was challenged, and their team, are stored as they were at the time, so the counts by team
do not move when someone changes team.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db import models

from frontdoor.access.records import AboutAChild
from frontdoor.oversight.rules import Kind, Reply, Stage, Verdict


class AppendOnly(AboutAChild):
    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise RuntimeError(f"{type(self).__name__} is append-only: it is never changed.")
        super().save(*args, **kwargs)


class OversightRecord(AppendOnly):
    child_paths = ("person",)

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="oversight_records"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    # Oversight of one contact's screening or decision; empty for supervision.
    contact = models.ForeignKey(
        "contacts.Contact", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    stage = models.CharField(max_length=20, choices=Stage.choices, blank=True)
    verdict = models.CharField(max_length=20, choices=Verdict.choices, blank=True)
    reason = models.TextField()
    challenged_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="oversight_of_their_work",
    )
    challenged_team = models.ForeignKey(
        "teams.Team", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ("-recorded_at",)
        indexes = [
            models.Index(fields=["person", "recorded_at"], name="oversight_person_recorded"),
            models.Index(fields=["verdict", "recorded_at"], name="oversight_verdict_recorded"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}, {self.recorded_at:%d %b %Y}"

    @property
    def is_challenge(self) -> bool:
        return self.verdict == Verdict.CHALLENGE


class ChallengeResponse(AppendOnly):
    """The answer to a challenge, by the person challenged or a manager of their team."""

    child_paths = ("record__person",)

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    record = models.OneToOneField(
        OversightRecord, on_delete=models.PROTECT, related_name="response"
    )
    reply = models.CharField(max_length=20, choices=Reply.choices)
    explanation = models.TextField()
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    responded_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.get_reply_display()}, {self.responded_at:%d %b %Y}"


class OversightAction(AppendOnly):
    child_paths = ("record__person",)

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    record = models.ForeignKey(OversightRecord, on_delete=models.PROTECT, related_name="actions")
    description = models.TextField()
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="oversight_actions"
    )
    due_on = models.DateField(db_index=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ("due_on", "position")

    def __str__(self) -> str:
        return f"Oversight action due {self.due_on:%d %b %Y}"


class ActionCompletion(AppendOnly):
    child_paths = ("action__record__person",)

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    action = models.OneToOneField(
        OversightAction, on_delete=models.PROTECT, related_name="completion"
    )
    note = models.TextField()
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    completed_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"Completed {self.completed_at:%d %b %Y}"
