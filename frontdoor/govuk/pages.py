"""What every page view needs the same way: the methods a form page answers, and a workflow
error shown on the form (`frontdoor.workflow.respond` decides the words once)."""

from __future__ import annotations

import uuid
from typing import Any

from django.views.decorators.http import require_http_methods

from frontdoor.workflow.errors import WorkflowError
from frontdoor.workflow.respond import describe

# A form page: shown by GET, sent by POST. Nothing else.
GET_POST = require_http_methods(["GET", "POST"])

# Every error an action may raise because of the record's state or what was sent: caught by
# the page and shown on the form, never a 500.
WORKFLOW_ERRORS = WorkflowError


def add_workflow_errors(form: Any, exc: WorkflowError, field: str | None = None) -> None:
    """Show the action's reasons on the form: at the top (the error summary) or on `field`."""
    for message in describe(exc).messages:
        form.add_error(field, message)


def uuid_or_none(value: str | None) -> uuid.UUID | None:
    """An id sent back by a form (a hidden field): None if it is not one."""
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None
