"""The scheduler process: fire each job of schedule.py on its wall-clock boundaries, claim the
slot, and hand the work to the task worker. Also beats, so the health check can tell a
scheduler that is alive but firing nothing from one that is gone."""

from __future__ import annotations

import logging
import os
import socket
from datetime import datetime, timedelta

from django.db import close_old_connections
from django.utils import timezone

from frontdoor.operations import actions
from frontdoor.operations.models import JobRun
from frontdoor.operations.schedule import Job, jobs, slot_for
from frontdoor.operations.tasks import run_job

logger = logging.getLogger(__name__)
WHO = f"{socket.gethostname()} pid {os.getpid()}"


def fire(name: str, *, now: datetime | None = None, slot: datetime | None = None) -> bool:
    """Fire job `name` for the slot `now` falls in, unless another scheduler already has.
    Returns whether this call fired it."""
    job = jobs()[name]
    moment = now or timezone.now()
    run = actions.claim_job_run(name, slot or slot_for(job, moment), now=moment)
    if run is None:
        logger.info("job %s: another scheduler fired it", name)
        return False
    run_job.enqueue(run.pk)
    return True


def catch_up(*, now: datetime | None = None) -> list[str]:
    """At start-up, fire each job that should have run within its period but did not (the
    server was off at 02:30): otherwise the audit chain would wait a day to be verified."""
    moment = now or timezone.now()
    fired = []
    for job in jobs().values():
        if job.every < timedelta(hours=1):
            continue  # fires within minutes anyway
        if not JobRun.objects.filter(job=job.name, started_at__gte=moment - job.every).exists():
            # A slot of its own (this hour), apart from the nightly slot (midnight UTC).
            hour = moment.replace(minute=0, second=0, microsecond=0)
            if fire(job.name, now=moment, slot=hour):
                fired.append(job.name)
    return fired


def on_schedule(name: str) -> None:
    """What APScheduler calls: first let go of a connection the database dropped since the
    last firing (a restart), as Django does between requests."""
    close_old_connections()
    fire(name)


def heartbeat() -> None:
    close_old_connections()
    actions.beat("scheduler", detail=WHO)


def describe(job: Job) -> str:
    return f"{job.name}: every {job.every} ({job.what})"
