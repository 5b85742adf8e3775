"""Police batches are imported by the task worker, after the request that received them
commits (issue 15): the sender gets an answer at once, and the batch page its live counts."""

from __future__ import annotations

from django_tasks import task

from frontdoor.police.actions import import_received_batch


@task()
def import_police_batch(batch_id: str) -> str:
    batch = import_received_batch(batch_id)
    return f"{batch.status}: {batch.rows_total} rows"
