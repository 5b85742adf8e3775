"""The only writers of the service's own records: heartbeats and job runs.

Neither is about a child, and neither is a step in a workflow, so they write no audit event: a
heartbeat every fifteen seconds would bury the trail. What a job *does* (a chase, an
escalation, a batch marked failed) is written by that job's own actions, with its audit event.
"""

from __future__ import annotations

from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from frontdoor.operations.models import Heartbeat, JobRun


def beat(name: str, *, detail: str = "", now: datetime | None = None) -> None:
    """Say that a process of kind `name` is alive."""
    Heartbeat.objects.update_or_create(
        name=name, defaults={"beat_at": now or timezone.now(), "detail": detail[:200]}
    )


def claim_job_run(job: str, slot: datetime, *, now: datetime | None = None) -> JobRun | None:
    """Record that `job` fires for `slot`, or None if another scheduler already has. The
    unique constraint on (job, slot) decides, on SQLite and PostgreSQL alike, with no lock
    held while the job runs."""
    try:
        with transaction.atomic():
            return JobRun.objects.create(job=job, slot=slot, started_at=now or timezone.now())
    except IntegrityError:
        return None


def finish_job_run(run: JobRun, *, succeeded: bool, outcome: str) -> None:
    JobRun.objects.filter(pk=run.pk, finished_at__isnull=True).update(
        finished_at=timezone.now(), succeeded=succeeded, outcome=outcome[:500]
    )
