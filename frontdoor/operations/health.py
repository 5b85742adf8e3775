"""/health/: is the service fit to take work? For the load balancer and for monitoring.

Healthy only when all of these hold (issue 15):
- database: it answers, and no migration is unapplied;
- worker: a task worker beat in the last minute (not needed when tasks run at once, in tests);
- scheduler: the last sweep succeeded recently (schedule.py says how recently);
- audit: the audit chain was last verified successfully, within a day and a bit.

The answer names each check and what it found, with times and counts only: nothing about any
person, and no error text from the database (which can quote a row).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from frontdoor.operations.models import Heartbeat, JobRun
from frontdoor.operations.schedule import jobs

WORKER_SILENT_AFTER = timedelta(minutes=1)
# Once every migration is applied, it stays so for the life of this process: a deploy with new
# migrations starts new processes. So a healthy answer is remembered; an unhealthy one is not.
_migrations_applied = False


@dataclass(frozen=True)
class Check:
    ok: bool
    said: str

    def as_json(self) -> dict[str, Any]:
        return {"ok": self.ok, "detail": self.said}


def _ago(moment: datetime, now: datetime) -> str:
    return f"{int((now - moment).total_seconds())} seconds ago"


def database() -> Check:
    global _migrations_applied
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    if not _migrations_applied:
        executor = MigrationExecutor(connection)
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
        if plan:
            return Check(False, f"{len(plan)} migrations not applied: run manage.py migrate")
        _migrations_applied = True
    return Check(True, "answers; every migration applied")


def worker(now: datetime) -> Check:
    backend = settings.TASKS["default"]["BACKEND"]
    if backend.endswith("ImmediateBackend"):
        return Check(True, "no worker needed: tasks run as soon as they are queued")
    last = Heartbeat.objects.filter(name="worker").first()
    if last is None:
        return Check(False, "no task worker has ever started: run manage.py run_worker")
    if now - last.beat_at > WORKER_SILENT_AFTER:
        return Check(False, f"no task worker has beaten since {_ago(last.beat_at, now)}")
    return Check(True, f"a task worker beat {_ago(last.beat_at, now)}")


def _last(job: str, **succeeded: bool) -> JobRun | None:
    return (
        JobRun.objects.filter(job=job, finished_at__isnull=False, **succeeded)
        .order_by("-finished_at")
        .first()
    )


def scheduler(now: datetime) -> Check:
    stale = jobs()["sweep"].stale_after or timedelta(minutes=5)
    last = _last("sweep", succeeded=True)
    if last is None or last.finished_at is None:
        return Check(False, "no sweep has run yet: run manage.py run_scheduler (and a worker)")
    if now - last.finished_at > stale:
        return Check(False, f"the last sweep finished {_ago(last.finished_at, now)}")
    return Check(True, f"the last sweep finished {_ago(last.finished_at, now)}")


def audit(now: datetime) -> Check:
    stale = jobs()["verify_audit"].stale_after or timedelta(hours=26)
    last = _last("verify_audit")
    if last is None or last.finished_at is None:
        return Check(False, "the audit chain has not been verified yet")
    if not last.succeeded:
        return Check(False, f"the last verification failed: {last.outcome}")
    if now - last.finished_at > stale:
        return Check(False, f"last verified {_ago(last.finished_at, now)}")
    return Check(True, f"verified intact {_ago(last.finished_at, now)}")


def report(*, required: list[str] | None = None) -> tuple[bool, dict[str, Any]]:
    """(healthy, the JSON answer). A check that cannot run (the database is down) fails."""
    now = timezone.now()
    checks: dict[str, Check] = {}
    reachable = True
    try:
        checks["database"] = database()
    except DatabaseError:
        checks["database"] = Check(False, "does not answer")
        reachable = False
    for name, check in (("worker", worker), ("scheduler", scheduler), ("audit", audit)):
        if not reachable:
            checks[name] = Check(False, "not checked: the database does not answer")
            continue
        try:
            checks[name] = check(now)
        except DatabaseError:
            checks[name] = Check(False, "not checked: the database does not answer")
    needed = required if required is not None else settings.FRONTDOOR_HEALTH_CHECKS
    failed = [name for name in needed if not checks[name].ok]
    answer = {
        "status": "unavailable" if failed else "ok",
        "failed": failed,
        "checks": {name: check.as_json() for name, check in checks.items()},
        "checked_at": now.isoformat(),
    }
    return not failed, answer
