"""Hand a notification to the background tasks (frontdoor/enquiries/tasks.py), after the commit
that caused it: a rolled-back action tells no one. The task is given the enquiry's id only, and
the notification it sends holds no personal data, only a link."""

from __future__ import annotations


def enqueue_after_commit(task_name: str, enquiry_id: object) -> None:
    """Called by `transaction.on_commit`; the import waits until then so that the tasks module
    (which imports the models) is not loaded with the actions."""
    from frontdoor.enquiries import tasks

    getattr(tasks, task_name).enqueue(str(enquiry_id))
