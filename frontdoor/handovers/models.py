"""Handovers with a receipt (issue 18): who a child was handed to, who received them, and when.

The inspectors' first failure (children stepped down who needed more) is at its worst when a
stepped-down child then falls between two systems. Every decision that sends a child elsewhere
opens a handover, and the child stays on the MASH overview until the receiver says they have
them, or sends them back with a reason.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from frontdoor.access.records import AboutAChild
from frontdoor.handovers.workflow import HandoverKind, HandoverStatus, HowTold


class Handover(AboutAChild):
    child_paths = ("person",)

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    decision = models.ForeignKey(
        "contacts.Decision", on_delete=models.PROTECT, related_name="handovers"
    )
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=20, choices=HandoverKind.choices)
    # The team that receives the child; none for a referral to another council, which names
    # the council instead (a code of the local_authority list: its DfE LA number).
    team = models.ForeignKey(
        "teams.Team", null=True, blank=True, on_delete=models.PROTECT, related_name="handovers"
    )
    council = models.ForeignKey(
        "codelists.Code", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        max_length=20, choices=HandoverStatus.choices, default=HandoverStatus.AWAITING
    )
    version = models.PositiveIntegerField(default=1)
    handed_over_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    handed_over_at = models.DateTimeField()
    # The receipt clock (timescale handover_receipt), stored when it starts (ADR 0004).
    due_at = models.DateTimeField(db_index=True)
    chased_at = models.DateTimeField(null=True, blank=True)
    escalate_at = models.DateTimeField(null=True, blank=True)
    escalated_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    return_reason = models.TextField(blank=True)
    # Another council's answer, as a MASH worker recorded it (answered_by, answered_at): who
    # there answered, how, and when they said so.
    council_contact = models.CharField(max_length=200, blank=True)
    council_told_by = models.CharField(max_length=20, choices=HowTold.choices, blank=True)
    council_told_at = models.DateTimeField(null=True, blank=True)
    # A handover sent back and handed over again points at the one that replaced it.
    resent_as = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="resent_from"
    )

    class Meta:
        ordering = ["handed_over_at"]
        indexes = [models.Index(fields=["status", "due_at"], name="handover_status_due")]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status=HandoverStatus.RETURNED) | ~models.Q(return_reason=""),
                name="handover_returned_with_reason",
            ),
            # Every handover has exactly one receiver: a team, or (a referral to another
            # council) the council; so no reader meets a handover to nobody.
            models.CheckConstraint(
                condition=(
                    models.Q(kind=HandoverKind.OTHER_COUNCIL, team__isnull=True)
                    & models.Q(council__isnull=False)
                )
                | (
                    ~models.Q(kind=HandoverKind.OTHER_COUNCIL)
                    & models.Q(team__isnull=False, council__isnull=True)
                ),
                name="handover_has_one_receiver",
            ),
            # The other council's answer says who gave it, how and when.
            models.CheckConstraint(
                condition=~models.Q(kind=HandoverKind.OTHER_COUNCIL)
                | models.Q(answered_at__isnull=True)
                | (
                    ~models.Q(council_contact="")
                    & ~models.Q(council_told_by="")
                    & models.Q(council_told_at__isnull=False)
                ),
                name="handover_council_answer_complete",
            ),
        ]

    @property
    def receiver_name(self) -> str:
        """Who the child was handed to, in words: the team, or the other council. Every page,
        notice and timeline names the receiver through this, never `team.name` directly."""
        if self.team is not None:
            return self.team.name
        return self.council.label if self.council is not None else ""

    def __str__(self) -> str:
        return f"{self.get_kind_display()} to {self.receiver_name}"
