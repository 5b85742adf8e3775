"""Errors every action may raise, with words a practitioner can act on. One hierarchy, answered
in one place: `respond.describe` says what a page shows and what the API answers."""

from __future__ import annotations

from collections.abc import Mapping, Sequence


class WorkflowError(Exception):
    """Something the record's state or the request's content does not allow: never a 500."""


class IllegalStep(WorkflowError):
    """A step the record's current state does not allow (the API answers 409)."""


class IllegalTransition(IllegalStep):
    def __init__(self, message: str, *, action: str = "", status: str = "") -> None:
        self.action = action
        self.status = status
        super().__init__(message)


class StaleRecord(WorkflowError):
    """Someone else changed the record since it was read (the API answers 409)."""

    def __init__(self, what: str = "record") -> None:
        self.what = what
        super().__init__(
            f"Someone else changed this {what} while you were working on it. "
            "Your changes have not been saved. Check the latest version and try again."
        )


class NotReady(WorkflowError):
    """The step cannot happen yet, for these reasons (the API answers 422).

    `fields` says which input a reason is about, by the action's own name for it (which is the
    API's key for it too), so that the API's 422 names the field in `loc`. A reason not in it
    is about the record's state (a child not yet screened, a review already recorded)."""

    def __init__(self, reasons: list[str], *, fields: Mapping[str, str] | None = None) -> None:
        self.reasons = reasons
        self.fields = dict(fields or {})
        super().__init__("; ".join(reasons))

    @classmethod
    def about(cls, problems: Sequence[tuple[str, str]]) -> NotReady:
        """From (input, reason) pairs; an empty input is the record's state."""
        return cls(
            [reason for _, reason in problems],
            fields={reason: name for name, reason in problems if name},
        )


class AlreadyRecorded(StaleRecord):
    """The same step, by the same person, is already recorded: a retried request (a double
    click, a network retry) that had in fact succeeded. Say so, not "someone else" (the API
    answers 409, with these words)."""

    def __init__(self, what: str = "decision") -> None:
        self.what = what
        Exception.__init__(
            self,
            f"This {what} has already been recorded, by you. Nothing else has been saved. "
            "Check the child's record to see it.",
        )
