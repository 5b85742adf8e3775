"""What every page view needs the same way: the methods a form page answers, a workflow error
shown on the form (`frontdoor.workflow.respond` decides the words once), and the one pattern of
a page that takes a step (`take_step`)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_http_methods

from frontdoor.workflow.errors import WorkflowError
from frontdoor.workflow.respond import describe

# A form page: shown by GET, sent by POST. Nothing else.
GET_POST = require_http_methods(["GET", "POST"])

# Every error an action may raise because of the record's state or what was sent: caught by
# the page and shown on the form, never a 500.
WORKFLOW_ERRORS = WorkflowError


def add_workflow_errors(
    form: Any, exc: WorkflowError, field: str | None = None, *, by_input: bool = False
) -> None:
    """Show the action's reasons on the form: at the top (the error summary) or on `field`.
    With `by_input`, a reason the action says is about one of its inputs (NotReady's
    `fields`) goes on the form's field of that name, when the form has one, so the error
    summary links to it (GOV.UK's pattern)."""
    answer = describe(exc)
    for message in answer.messages:
        named = answer.fields.get(message) if by_input else None
        form.add_error(named if named in form.fields else field, message)


def uuid_or_none(value: str | None) -> uuid.UUID | None:
    """An id sent back by a form (a hidden field): None if it is not one."""
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


def take_step(
    request: HttpRequest,
    form: Any,
    perform: Callable[[dict[str, Any]], object],
    *,
    then: str,
    success: str = "",
) -> HttpResponse | None:
    """The one pattern of a page that takes a step: on a valid POST, run the action; if it
    refuses (the record's state, a stale version, a reason it is not ready yet), show why on
    the form; if it succeeds, say so and go on to `then`. Returns None when the page should be
    shown (again), with its form, by the view."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        perform(form.cleaned_data)
    except WORKFLOW_ERRORS as exc:
        add_workflow_errors(form, exc)
        return None
    if success:
        messages.success(request, success)
    return redirect(then)
