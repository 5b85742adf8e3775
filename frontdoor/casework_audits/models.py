"""Case audits (issue 9): a sample of front-door decisions, graded against a template of
questions by auditors, moderated by a manager, with actions tracked to completion.

The inspected council reviewed over 600 cases in one month. Here a round of audits is a record:
how the cases were chosen (and the seed, so the sample can be drawn again), who audits each,
by when, the grades and the actions that follow.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from frontdoor.access.records import AboutAChild
from frontdoor.casework_audits.workflow import AuditStatus, Grade, SampleKind


class AuditTemplate(models.Model):
    """The questions an audit asks. Data: a council edits them in the admin."""

    name = models.CharField(max_length=150, unique=True)
    description = models.TextField(blank=True)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name


class AuditQuestion(models.Model):
    template = models.ForeignKey(AuditTemplate, on_delete=models.PROTECT, related_name="questions")
    position = models.PositiveSmallIntegerField(default=0)
    text = models.CharField(max_length=300)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ("template", "position", "pk")

    def __str__(self) -> str:
        return self.text


class AuditRound(models.Model):
    """One sample, drawn by a manager and assigned to auditors, all due on one date."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    template = models.ForeignKey(AuditTemplate, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=30, choices=SampleKind.choices)
    # How the cases were chosen: period, team, outcome, size and the random seed.
    criteria = models.JSONField(default=dict, blank=True)
    due_on = models.DateField()
    sampled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    sampled_at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ("-sampled_at",)

    def __str__(self) -> str:
        return f"{self.get_kind_display()}, sampled {self.sampled_at:%d %b %Y}"


class CaseAudit(AboutAChild):
    """One child's contact and decision, audited by one auditor."""

    child_paths = ("contact__person",)

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    round = models.ForeignKey(AuditRound, on_delete=models.PROTECT, related_name="audits")
    contact = models.ForeignKey("contacts.Contact", on_delete=models.PROTECT, related_name="+")
    auditor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="case_audits"
    )
    due_on = models.DateField()
    status = models.CharField(
        max_length=20, choices=AuditStatus.choices, default=AuditStatus.ASSIGNED
    )
    version = models.PositiveIntegerField(default=1)
    grade = models.CharField(max_length=30, choices=Grade.choices, blank=True)
    comment = models.TextField(blank=True)
    graded_at = models.DateTimeField(null=True, blank=True)
    moderated_grade = models.CharField(max_length=30, choices=Grade.choices, blank=True)
    moderation_reason = models.TextField(blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    moderated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("due_on", "round", "contact__family__received_at", "contact__position")
        indexes = [
            models.Index(fields=["auditor", "status"], name="case_audit_auditor_status"),
            models.Index(fields=["status", "graded_at"], name="case_audit_status_graded"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["round", "contact"], name="case_audit_once_a_round"),
        ]

    def __str__(self) -> str:
        return f"Case audit of {self.contact}"

    @property
    def final_grade(self) -> str:
        """The moderated grade once moderated; until then, the auditor's."""
        return self.moderated_grade or self.grade

    def get_final_grade_display(self) -> str:
        return Grade(self.final_grade).label if self.final_grade else ""


class QuestionGrade(AboutAChild):
    child_paths = ("audit__contact__person",)

    audit = models.ForeignKey(CaseAudit, on_delete=models.PROTECT, related_name="answers")
    question = models.ForeignKey(AuditQuestion, on_delete=models.PROTECT, related_name="+")
    grade = models.CharField(max_length=30, choices=Grade.choices)

    class Meta:
        ordering = ("question__position", "question_id")
        constraints = [
            models.UniqueConstraint(fields=["audit", "question"], name="question_graded_once"),
        ]

    def __str__(self) -> str:
        return f"{self.question}: {self.get_grade_display()}"


class AuditAction(AboutAChild):
    """Something an audit found must happen, owned by one person, due on one date."""

    child_paths = ("audit__contact__person",)

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    audit = models.ForeignKey(CaseAudit, on_delete=models.PROTECT, related_name="actions")
    description = models.TextField()
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="audit_actions"
    )
    due_on = models.DateField(db_index=True)
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    set_at = models.DateTimeField()
    completed_at = models.DateTimeField(null=True, blank=True)
    completion_note = models.TextField(blank=True)

    class Meta:
        ordering = ("completed_at", "due_on", "set_at")
        indexes = [models.Index(fields=["owner", "completed_at"], name="audit_action_owner_open")]

    def __str__(self) -> str:
        return f"Audit action due {self.due_on:%d %b %Y}"

    @property
    def done(self) -> bool:
        return self.completed_at is not None
