"""Drill scheduler: deadlines pass, and the chase and the escalations happen with nobody
running a command: only the worker and the scheduler are running, as `make serve` runs them."""

from __future__ import annotations

import time
from datetime import timedelta

from drills import kit

kit.setup_django()

from django.utils import timezone  # noqa: E402

from frontdoor.enquiries.models import Enquiry  # noqa: E402
from frontdoor.enquiries.workflow import EnquiryStatus  # noqa: E402
from frontdoor.visits.models import Allocation  # noqa: E402
from frontdoor.visits.workflow import AllocationStatus  # noqa: E402

LEAD = timedelta(seconds=20)


def main() -> bool:
    sent = Enquiry.objects.filter(status=EnquiryStatus.SENT).order_by("pk")
    to_chase, to_escalate = list(sent[:2])
    allocation = Allocation.objects.filter(
        status__in=[AllocationStatus.AWAITING_ALLOCATION, AllocationStatus.ALLOCATED]
    ).first()
    assert allocation is not None
    deadline = timezone.now() + LEAD
    # The drill's own set-up: three deadlines about to pass.
    Enquiry.objects.filter(pk=to_chase.pk).update(
        due_at=deadline, chased_at=None, escalate_at=None, escalated_at=None
    )
    Enquiry.objects.filter(pk=to_escalate.pk).update(
        due_at=deadline - timedelta(hours=8),
        chased_at=deadline - timedelta(hours=1),
        escalate_at=deadline,
        escalated_at=None,
    )
    Allocation.objects.filter(pk=allocation.pk).update(see_by=deadline, escalated_at=None)

    env = kit.service_env()
    worker, scheduler = kit.worker(env), kit.scheduler(env)
    with kit.running(worker, scheduler):

        def done() -> bool:
            return (
                Enquiry.objects.filter(pk=to_chase.pk, chased_at__isnull=False).exists()
                and Enquiry.objects.filter(pk=to_escalate.pk, escalated_at__isnull=False).exists()
                and Allocation.objects.filter(pk=allocation.pk, escalated_at__isnull=False).exists()
            )

        happened = kit.wait_for(done, seconds=170, every=1)
        after = (timezone.now() - deadline).total_seconds()
    chased = Enquiry.objects.get(pk=to_chase.pk)
    escalated = Enquiry.objects.get(pk=to_escalate.pk)
    visit = Allocation.objects.get(pk=allocation.pk)
    in_time = all(
        moment is not None and moment >= deadline
        for moment in (chased.chased_at, escalated.escalated_at, visit.escalated_at)
    )
    return kit.say(
        "scheduler",
        happened and in_time,
        enquiry_chased=int(chased.chased_at is not None),
        enquiry_escalated=int(escalated.escalated_at is not None),
        visit_escalated=int(visit.escalated_at is not None),
        seconds_after_deadline=round(after) if happened else "never",
        commands_run_by_hand=0,
    )


if __name__ == "__main__":
    time.sleep(0)
    main()
