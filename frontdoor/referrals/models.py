"""Referrals: contacts accepted for a social work response (CIN census).

A referral is created by the manager's decision (assessment or strategy discussion). Its clocks
are stored when it is created: the national decision clock (1 working day) and the national
assessment clock (45 working days). See docs/adr/0003-referral-date.md for why the referral date
is the date the contact was received.
"""

from __future__ import annotations

import uuid

from django.db import models

from frontdoor.access.records import AboutAChild


class Referral(AboutAChild):
    child_paths = ("person",)

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    contact = models.OneToOneField(
        "contacts.Contact", on_delete=models.PROTECT, related_name="referral"
    )
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="referrals")
    referral_source = models.ForeignKey(
        "codelists.Code", on_delete=models.PROTECT, related_name="+"
    )
    referral_date = models.DateTimeField(db_index=True)
    decision_due_at = models.DateTimeField()
    decided_at = models.DateTimeField()
    assessment_due_at = models.DateTimeField(db_index=True)
    created_at = models.DateTimeField()
    # The child in need episode this referral opened closes with a date and a CIN census reason
    # (RC1-RC9). RC8 and RC9 are set by the assessment's authorisation from its outcome, never
    # typed again (issue 16, docs/adr/0020).
    closed_on = models.DateField(null=True, blank=True)
    closure_reason = models.CharField(max_length=4, blank=True)

    class Meta:
        ordering = ["-referral_date"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closed_on__isnull=True, closure_reason="")
                | (models.Q(closed_on__isnull=False) & ~models.Q(closure_reason="")),
                name="referral_closed_with_reason",
            ),
        ]
        # Re-referrals: a child's earlier referral in the 365 days before, one index probe.
        indexes = [models.Index(fields=["person", "referral_date"], name="referral_person_date")]

    def __str__(self) -> str:
        return f"Referral of {self.referral_date:%d %b %Y}"

    @property
    def decided_in_time(self) -> bool:
        return self.decided_at <= self.decision_due_at
