"""Every legal and illegal step of a handover, in one table."""

from __future__ import annotations

import pytest

from frontdoor.handovers.workflow import HANDOVER, HandoverStatus, return_problems
from frontdoor.workflow.errors import IllegalTransition

H = HandoverStatus

LEGAL = {
    ("accept_handover", H.AWAITING): H.ACCEPTED,
    ("return_handover", H.AWAITING): H.RETURNED,
    ("resend_handover", H.RETURNED): H.RESENT,
    ("step_up", H.ACCEPTED): H.STEPPED_UP,
}


@pytest.mark.parametrize("action", list(HANDOVER.table))
@pytest.mark.parametrize("status", list(H))
def test_each_step_from_each_state(action, status):
    if (action, status) in LEGAL:
        assert HANDOVER.next(action, status) == LEGAL[(action, status)]
    else:
        with pytest.raises(IllegalTransition):
            HANDOVER.next(action, status)


def test_a_child_is_sent_back_only_with_a_reason():
    assert return_problems("  ") == ["Enter why the child is being sent back to the MASH"]
    assert return_problems("We already hold an open early help plan") == []
