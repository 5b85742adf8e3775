"""What the running service knows about itself: each process's last heartbeat, and each run of
a scheduled job. Neither holds anything about a child. Written only by operations/actions.py."""

from __future__ import annotations

from django.db import models


class Heartbeat(models.Model):
    """The last time a long-running process (the task worker, the scheduler) said it was alive.
    One row per kind of process: the health check asks only whether any of them beat lately."""

    name = models.CharField(max_length=40, primary_key=True)
    beat_at = models.DateTimeField()
    # Who beat last (host and process id), for an operator with two workers.
    detail = models.CharField(max_length=200, blank=True)

    def __str__(self) -> str:
        return f"{self.name} at {self.beat_at:%Y-%m-%d %H:%M:%S}"


class JobRun(models.Model):
    """One firing of a scheduled job. `slot` is the moment the schedule meant: two schedulers
    firing the same job for the same slot collide on the unique constraint, and only the one
    that inserted the row runs the job (docs/adr/0022)."""

    job = models.CharField(max_length=40)
    slot = models.DateTimeField()
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    succeeded = models.BooleanField(null=True)
    # What it did ("Visits escalated: 2 ...") or why it failed; never personal data.
    outcome = models.CharField(max_length=500, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["job", "slot"], name="operations_job_fires_once"),
        ]
        indexes = [models.Index(fields=["job", "-finished_at"], name="operations_job_latest")]

    def __str__(self) -> str:
        return f"{self.job} for {self.slot:%Y-%m-%d %H:%M}"
