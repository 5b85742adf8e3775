"""The schedule, held in code: what runs, how often, and what "recent enough" means for the
health check. Read this table and you know every periodic job the service runs.

The scheduler process (`manage.py run_scheduler`, APScheduler) fires each job on wall-clock
boundaries (every minute on the minute, every night at 02:30), so that two schedulers fire the
same job for the same *slot*; the first to record the slot runs it and the other stands down
(actions.claim_job_run). The work itself goes to the task worker as a django-tasks task.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.conf import settings


@dataclass(frozen=True)
class Job:
    name: str
    function: str  # dotted path to a callable taking no arguments and returning a summary
    every: timedelta  # how often; a whole number of minutes that divides a day
    # When in the period it fires, as APScheduler cron fields (None: every `every` from 00:00).
    at: dict[str, int | str] | None = None
    # The health check fails if the last success is older than this (None: not checked).
    stale_after: timedelta | None = None
    what: str = ""


def _sweep_minutes() -> int:
    return int(getattr(settings, "FRONTDOOR_SWEEP_MINUTES", 1))


def jobs() -> dict[str, Job]:
    sweep = timedelta(minutes=_sweep_minutes())
    return {
        job.name: job
        for job in (
            Job(
                "sweep",
                "frontdoor.operations.jobs.sweep",
                every=sweep,
                # Missed three times running: nothing is being chased or escalated.
                stale_after=max(sweep * 3, timedelta(minutes=5)),
                what="Chase and escalate passed deadlines (visits, MASH enquiries)",
            ),
            Job(
                "deliver_webhooks",
                "frontdoor.operations.jobs.deliver_webhooks",
                every=timedelta(minutes=1),
                what="Send integration events to webhook subscriptions, retrying failures",
            ),
            Job(
                "fail_stuck_batches",
                "frontdoor.operations.jobs.fail_stuck_batches",
                every=timedelta(minutes=5),
                what="Mark a police batch failed when its import stopped making progress",
            ),
            Job(
                "verify_audit",
                "frontdoor.operations.jobs.verify_audit",
                every=timedelta(days=1),
                at={"hour": 2, "minute": 30},
                # Nightly; a day and a bit of slack before the health check says so.
                stale_after=timedelta(hours=26),
                what="Verify the audit hash chains; a break raises an alert",
            ),
            Job(
                "clear_sessions",
                "frontdoor.operations.jobs.clear_sessions",
                every=timedelta(days=1),
                at={"hour": 3, "minute": 15},
                what="Delete expired sessions and old task results",
            ),
        )
    }


def slot_for(job: Job, now: datetime) -> datetime:
    """The moment the schedule meant when it fired `job` at about `now`: `now` in UTC rounded
    down to the job's period. A scheduler that fires a few seconds late still names the same
    slot as one that fired on time."""
    seconds = int(job.every.total_seconds())
    utc = now.astimezone(UTC)
    since_midnight = utc.hour * 3600 + utc.minute * 60 + utc.second
    midnight = utc.replace(hour=0, minute=0, second=0, microsecond=0)
    if seconds >= 86400:
        return midnight
    return midnight + timedelta(seconds=since_midnight - since_midnight % seconds)


def cron_fields(job: Job) -> dict[str, int | str]:
    """APScheduler cron fields that fire `job` on its period's boundaries."""
    if job.at is not None:
        return dict(job.at)
    minutes = int(job.every.total_seconds() // 60)
    if minutes < 60:
        return {"minute": f"*/{minutes}"}
    return {"minute": 0, "hour": f"*/{minutes // 60}"}
