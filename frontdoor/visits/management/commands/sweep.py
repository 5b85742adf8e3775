"""The clock sweep: notice deadlines that have passed and escalate them, once.

Idempotent, so it is safe to run from cron or a systemd timer every few minutes, and safe if two
run at once. Deadlines themselves are stored when their clocks start; the sweep never computes
or moves one. Other apps add their own escalations here as they arrive.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from frontdoor.enquiries.actions import chase_overdue_enquiries, escalate_chased_enquiries
from frontdoor.handovers.actions import chase_unreceived_handovers, escalate_chased_handovers
from frontdoor.visits.actions import escalate_overdue_visits


class Command(BaseCommand):
    help = "Escalate passed deadlines (children not seen in time). Safe to run repeatedly."

    def handle(self, *args: Any, **options: Any) -> None:
        escalated = escalate_overdue_visits()
        self.stdout.write(f"Visits escalated: {escalated}")
        # MASH enquiries: escalate first, so an enquiry chased in this sweep waits its full
        # second interval before it can be escalated (each once; frontdoor/enquiries).
        enquiries_escalated = escalate_chased_enquiries()
        enquiries_chased = chase_overdue_enquiries()
        self.stdout.write(f"Enquiries chased: {enquiries_chased}")
        self.stdout.write(f"Enquiries escalated: {enquiries_escalated}")
        # Handovers not yet received: the same clock, the same order (frontdoor/handovers).
        handovers_escalated = escalate_chased_handovers()
        handovers_chased = chase_unreceived_handovers()
        self.stdout.write(f"Handovers chased: {handovers_chased}")
        self.stdout.write(f"Handovers escalated: {handovers_escalated}")
