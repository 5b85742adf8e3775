"""Every legal and illegal transition, in one table."""

from __future__ import annotations

import pytest

from frontdoor.contacts.workflow import (
    CONTACT,
    TRANSITIONS,
    ChildState,
    Status,
    decision_blockers,
    send_to_hub_blockers,
)
from frontdoor.workflow.errors import IllegalTransition

S = Status
LEGAL = {
    ("record_screening", S.AWAITING_SCREENING): S.SCREENED,
    ("record_screening", S.SCREENED): S.SCREENED,
    ("send_to_hub", S.SCREENED): S.IN_HUB,
    ("record_analysis", S.IN_HUB): S.AWAITING_DECISION,
    ("record_analysis", S.AWAITING_DECISION): S.AWAITING_DECISION,
    ("return_to_hub", S.AWAITING_DECISION): S.IN_HUB,
    ("record_decision", S.SCREENED): S.DECIDED,
    ("record_decision", S.IN_HUB): S.DECIDED,
    ("record_decision", S.AWAITING_DECISION): S.DECIDED,
}
CASES = [(action, state) for action in TRANSITIONS for state in Status]


@pytest.mark.parametrize(("action", "state"), CASES, ids=[f"{a}-from-{s.value}" for a, s in CASES])
def test_transition_table(action: str, state: Status) -> None:
    if (action, state) in LEGAL:
        assert CONTACT.next(action, state) == LEGAL[(action, state)]
    else:
        with pytest.raises(IllegalTransition):
            CONTACT.next(action, state)


def test_the_table_has_no_transition_this_test_does_not_know() -> None:
    table = {(a, s) for a, (froms, _) in TRANSITIONS.items() for s in froms}
    assert table == set(LEGAL)


def test_a_decided_contact_allows_nothing() -> None:
    assert CONTACT.allowed(S.DECIDED) == []


def test_illegal_transition_message_is_plain_english() -> None:
    with pytest.raises(
        IllegalTransition, match="This contact is decided: it cannot be sent to a hub now"
    ):
        CONTACT.next("send_to_hub", S.DECIDED)


def test_siblings_go_to_a_hub_only_when_all_are_linked_and_screened() -> None:
    ready = ChildState("Amy Smith", S.SCREENED, linked=True)
    unlinked = ChildState("Ben Smith", S.SCREENED, linked=False)
    unscreened = ChildState("Cal Smith", S.AWAITING_SCREENING, linked=True)
    assert send_to_hub_blockers([ready]) == []
    assert send_to_hub_blockers([ready, unlinked]) == [
        "Link Ben Smith to a person record before sending to a hub"
    ]
    assert send_to_hub_blockers([ready, unscreened]) == [
        "Record the screening for Cal Smith before sending to a hub"
    ]


def test_a_child_already_decided_does_not_hold_back_the_siblings() -> None:
    decided = ChildState("Amy Smith", S.DECIDED, linked=True)
    ready = ChildState("Ben Smith", S.SCREENED, linked=True)
    assert send_to_hub_blockers([decided, ready]) == []
    assert send_to_hub_blockers([decided]) == [
        "Every child in this contact has already been decided"
    ]


def test_a_decision_needs_a_linked_child() -> None:
    assert decision_blockers(linked=False, child_name="Amy Smith") == [
        "Link Amy Smith to a person record before recording a decision"
    ]
    assert decision_blockers(linked=True, child_name="Amy Smith") == []
