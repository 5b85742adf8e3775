"""`manage.py run_worker`: the task worker (one of the three processes; docs/operations.md).

django-tasks-db's worker, which takes each queued task once (a row lock, SKIP LOCKED on
PostgreSQL), with a heartbeat: every 15 seconds, while the worker is taking tasks or running
one, it says so, and /health/ fails when no worker has said so for a minute. Run as many as
the work needs; each beats under the same name.

After each batch it seals the audit rows committed since (FRONTDOOR_AUDIT_SEALING=worker; ADR
0023): the sealer's lock is short, so several workers may seal; each seals what it finds.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import close_old_connections, connection
from django.utils.crypto import get_random_string
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from frontdoor.audit.chain import seal_everything
from frontdoor.operations import actions

logger = logging.getLogger(__name__)
BEAT_SECONDS = 15
# A worker whose loop has not come round for this long, and is not running a task, is stuck.
STUCK_SECONDS = 60


class BeatingWorker(Worker):
    progress = time.monotonic()

    def run_task(self, db_task_result: DBTaskResult[Any, Any]) -> None:
        self.progress = time.monotonic()
        try:
            super().run_task(db_task_result)
        finally:
            self.progress = time.monotonic()

    def alive(self) -> bool:
        return self.running_task or time.monotonic() - self.progress < STUCK_SECONDS


def _beat_while(worker: BeatingWorker, who: str) -> None:
    while True:
        if worker.alive():
            try:
                close_old_connections()
                actions.beat("worker", detail=who)
            except Exception:  # the database is down: the next beat will try again
                logger.warning("worker heartbeat: could not reach the database")
                connection.close()
        time.sleep(BEAT_SECONDS)


class Command(BaseCommand):
    help = "Run queued background tasks (emails, police imports, scheduled jobs), with a heartbeat."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--interval", type=float, default=1.0)

    def handle(self, *args: Any, **options: Any) -> None:
        worker_id = get_random_string(32)
        worker = BeatingWorker(
            queue_names=["default"],
            interval=options["interval"],
            # Batch mode: run what is queued, then come back here to stamp progress and wait.
            batch=True,
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id=worker_id,
            excluded_queue_names=[],
        )
        worker.configure_signals()
        who = f"{socket.gethostname()} pid {os.getpid()}"
        threading.Thread(target=_beat_while, args=(worker, who), daemon=True).start()
        self.stdout.write(f"Task worker {worker_id[:8]} started ({who})")
        self.stdout.flush()
        while worker.running:
            worker.progress = time.monotonic()
            try:
                worker.run()
                if settings.FRONTDOOR_AUDIT_SEALING == "worker":
                    seal_everything()
            except Exception:  # the database went away: wait, then take up the work again
                logger.warning("task worker: the database is unavailable; retrying")
                close_old_connections()
                time.sleep(5)
                continue
            time.sleep(options["interval"])
