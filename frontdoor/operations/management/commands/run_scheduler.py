"""`manage.py run_scheduler`: the scheduler process (one of the three; docs/operations.md).

Start one. Two are safe (each job fires once per slot, whichever claims it), which is what lets
a deployment restart it carelessly or run one on each of two servers.
"""

from __future__ import annotations

import contextlib
from typing import Any

from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger
from django.core.management.base import BaseCommand

from frontdoor.operations import scheduler
from frontdoor.operations.schedule import cron_fields, jobs


class Command(BaseCommand):
    help = "Run the periodic jobs (the sweep, the nightly audit check, ...) on their schedule."

    def handle(self, *args: Any, **options: Any) -> None:
        # Nightly times are the council's (Europe/London), across the clock changes.
        runner = BlockingScheduler(timezone="Europe/London")
        for job in jobs().values():
            runner.add_job(
                scheduler.on_schedule,
                CronTrigger(**cron_fields(job), timezone="Europe/London"),
                args=[job.name],
                id=job.name,
                # A firing up to a minute late still counts; several missed are one.
                misfire_grace_time=60,
                coalesce=True,
                max_instances=1,
            )
            self.stdout.write(scheduler.describe(job))
        runner.add_job(scheduler.heartbeat, IntervalTrigger(seconds=15), id="heartbeat")
        scheduler.heartbeat()
        for name in scheduler.catch_up():
            self.stdout.write(f"{name}: fired now, having missed its last run")
        self.stdout.flush()
        with contextlib.suppress(KeyboardInterrupt, SystemExit):
            runner.start()
