"""What a workflow error becomes, decided once: the page shows its messages, the API answers
its status with the same words (`config/api.py`, `frontdoor/govuk/pages.py`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from frontdoor.workflow.errors import IllegalStep, NotReady, StaleRecord, WorkflowError


@dataclass(frozen=True)
class Answer:
    status: int  # the API's HTTP status
    kind: str  # the API's error type
    messages: list[str]  # what a person reads
    # The input each message is about, where it is about one (NotReady.fields): the API's key.
    fields: dict[str, str] = field(default_factory=dict)


def describe(exc: WorkflowError) -> Answer:
    if isinstance(exc, NotReady):
        # Reasons the step cannot happen yet: the API answers in a 422's shape. A reason about
        # one input names it; the others have an empty `loc`, because it is the record's state,
        # not one field, that is not ready.
        return Answer(422, "not_ready", list(exc.reasons) or [str(exc)], dict(exc.fields))
    if isinstance(exc, StaleRecord):
        return Answer(409, "stale_record", [str(exc)])
    if isinstance(exc, IllegalStep):
        return Answer(409, "illegal_step", [str(exc)])
    return Answer(400, "refused", [str(exc)])
