"""A possible duplicate's review: the whole state machine. Pure: no database."""

from __future__ import annotations

from frontdoor.contacts.workflow import IllegalStep
from frontdoor.matching.models import PairStatus

P = PairStatus

# action name -> (states it may start from, state it leaves the pair in)
TRANSITIONS: dict[str, tuple[frozenset[PairStatus], PairStatus]] = {
    "reject_pair": (frozenset({P.AWAITING_REVIEW}), P.NOT_DUPLICATES),
    "merge_pair": (frozenset({P.AWAITING_REVIEW}), P.MERGED),
    # Undoing a merge puts the pair back in the queue, to be looked at again.
    "undo_merge": (frozenset({P.MERGED}), P.AWAITING_REVIEW),
}


class IllegalPairStep(IllegalStep):
    def __init__(self, action: str, status: str) -> None:
        label = PairStatus(status).label.lower()
        super().__init__(f"This pair is {label}: it cannot be {PAST[action]} now.")


PAST = {"reject_pair": "rejected", "merge_pair": "merged", "undo_merge": "unmerged"}


def next_pair_status(action: str, current: str) -> PairStatus:
    allowed_from, to = TRANSITIONS[action]
    if current not in allowed_from:
        raise IllegalPairStep(action, current)
    return to


def merge_blockers(*, same: bool, already_merged: bool, restricted: bool) -> list[str]:
    reasons = []
    if same:
        reasons.append("Choose two different records")
    if already_merged:
        reasons.append("One of these records has already been merged into another")
    if restricted:
        reasons.append("A restricted record cannot be merged: ask the information governance lead")
    return reasons
