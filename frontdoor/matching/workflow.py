"""A possible duplicate's review: the whole state machine. Pure: no database."""

from __future__ import annotations

from frontdoor.matching.models import PairStatus
from frontdoor.workflow.machine import StateMachine

P = PairStatus

# action name -> (states it may start from, state it leaves the pair in)
TRANSITIONS: dict[str, tuple[frozenset[PairStatus], PairStatus]] = {
    "reject_pair": (frozenset({P.AWAITING_REVIEW}), P.NOT_DUPLICATES),
    "merge_pair": (frozenset({P.AWAITING_REVIEW}), P.MERGED),
    # Undoing a merge puts the pair back in the queue, to be looked at again.
    "undo_merge": (frozenset({P.MERGED}), P.AWAITING_REVIEW),
}


PAIR = StateMachine(
    name="duplicate-pair",
    title="A possible duplicate's review",
    noun="pair of records",
    states=PairStatus,
    table=TRANSITIONS,
    past={"reject_pair": "rejected", "merge_pair": "merged", "undo_merge": "unmerged"},
    starts=(("find_duplicates", P.AWAITING_REVIEW),),
    doc="workflow-duplicate-pair.md",
    module="frontdoor/matching/workflow.py",
    about=(
        "Two person records that may be one child, found by the nightly job. A manager says\n"
        "they are different people, or merges them; a merge can be undone, which puts the pair\n"
        "back in the queue."
    ),
)


def merge_blockers(*, same: bool, already_merged: bool, restricted: bool) -> list[str]:
    reasons = []
    if same:
        reasons.append("Choose two different records")
    if already_merged:
        reasons.append("One of these records has already been merged into another")
    if restricted:
        reasons.append("A restricted record cannot be merged: ask the information governance lead")
    return reasons
