"""A scheduled job's run, as a django-tasks task: the scheduler enqueues, the worker runs."""

from __future__ import annotations

import logging

from django.utils.module_loading import import_string
from django_tasks import task

from frontdoor.operations import actions
from frontdoor.operations.jobs import JobFailed
from frontdoor.operations.models import JobRun
from frontdoor.operations.schedule import jobs

logger = logging.getLogger(__name__)


@task()
def run_job(run_id: int) -> str:
    run = JobRun.objects.filter(pk=run_id, finished_at__isnull=True).first()
    if run is None:
        return "already finished"
    job = jobs()[run.job]
    try:
        outcome = str(import_string(job.function)())
    except Exception as exc:
        # A finding (the chain broken) is said in full; a bug by its type only, since its
        # message can carry what the job was handling (access/log_filters.py).
        said = str(exc) if isinstance(exc, JobFailed) else type(exc).__name__
        logger.exception("job %s failed", run.job)
        actions.finish_job_run(run, succeeded=False, outcome=said)
        raise
    actions.finish_job_run(run, succeeded=True, outcome=outcome)
    return outcome
