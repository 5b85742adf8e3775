"""Every legal and illegal step of a case audit, in one table."""

from __future__ import annotations

import pytest

from frontdoor.casework_audits import workflow
from frontdoor.casework_audits.workflow import AuditStatus

S = AuditStatus

TABLE = [
    ("grade_case_audit", S.ASSIGNED, True),
    ("grade_case_audit", S.GRADED, False),
    ("grade_case_audit", S.MODERATED, False),
    ("moderate_case_audit", S.ASSIGNED, False),
    ("moderate_case_audit", S.GRADED, True),
    ("moderate_case_audit", S.MODERATED, False),
]


@pytest.mark.parametrize(("action", "status", "allowed"), TABLE)
def test_transition_table(action: str, status: str, allowed: bool) -> None:
    assert workflow.CASE_AUDIT.may(action, status) is allowed


def test_every_transition_is_in_the_table() -> None:
    assert {(action, status) for action, status, _ in TABLE} == {
        (action, status) for action in workflow.TRANSITIONS for status in S.values
    }


def test_grading_leads_to_moderation_and_moderation_ends_it() -> None:
    assert workflow.CASE_AUDIT.next("grade_case_audit", S.ASSIGNED) == S.GRADED
    assert workflow.CASE_AUDIT.next("moderate_case_audit", S.GRADED) == S.MODERATED
