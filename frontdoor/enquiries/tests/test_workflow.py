"""The consent and enquiry state machines and their guards: pure, table-tested."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from frontdoor.enquiries.workflow import (
    CONSENT,
    CONSENT_TRANSITIONS,
    ENQUIRY,
    ENQUIRY_TRANSITIONS,
    ConsentStatus,
    EnquiryStatus,
    Glance,
    consent_problems,
    glance,
    highest_rag,
    send_blockers,
    timescale_for,
)
from frontdoor.workflow.errors import IllegalTransition

C, E = ConsentStatus, EnquiryStatus
LEGAL = (
    {("record_consent_given", s): C.GIVEN for s in C}
    | {("record_proceeding_without_consent", s): C.AWAITING_AUTHORISATION for s in C}
    | {
        ("authorise_without_consent", C.AWAITING_AUTHORISATION): C.AUTHORISED,
        ("decline_without_consent", C.AWAITING_AUTHORISATION): C.DECLINED,
        ("answer_enquiry", E.SENT): E.ANSWERED,
        ("withdraw_enquiry", E.SENT): E.WITHDRAWN,
    }
)


# Each consent action meets every consent state; each enquiry action every enquiry state.
CASES = [(a, s) for a in CONSENT_TRANSITIONS for s in C] + [
    (a, s) for a in ENQUIRY_TRANSITIONS for s in E
]


@pytest.mark.parametrize(("action", "state"), CASES)
def test_every_transition_is_legal_only_where_the_table_says(action, state):
    expected = LEGAL.get((action, state))
    if expected is None:
        with pytest.raises(IllegalTransition):
            _machine(action).next(action, state)
    else:
        assert _machine(action).next(action, state) == expected


def _machine(action):
    return CONSENT if action in CONSENT_TRANSITIONS else ENQUIRY


def test_no_action_is_in_both_tables():
    assert not set(CONSENT_TRANSITIONS) & set(ENQUIRY_TRANSITIONS)


@pytest.mark.parametrize(
    ("rags", "expected"),
    [
        (["green"], "green"),
        (["green", "amber"], "amber"),
        (["amber", "red", "green"], "red"),
        (["", "green"], "amber"),  # an unrated child is never treated as green
        ([], "amber"),
    ],
)
def test_an_enquiry_is_as_urgent_as_the_most_urgent_child(rags, expected):
    assert highest_rag(rags) == expected
    assert timescale_for(expected) == f"enquiry_{expected}"


@pytest.mark.parametrize(
    ("position", "asked", "reason", "detail", "problems"),
    [
        ("given", "Jo Smith", False, "", []),
        ("given", "", False, "", ["Enter who was asked for consent"]),
        ("refused", "Jo Smith", True, "Father would flee", []),
        (
            "refused",
            "",
            False,
            "",
            [
                "Enter who was asked for consent",
                "Choose the lawful reason for proceeding without consent",
                "Explain why proceeding without consent is justified for this family",
            ],
        ),
        ("not_sought", "", True, "Would alert the alleged abuser", []),
        (
            "not_sought",
            "",
            True,
            " ",
            ["Explain why proceeding without consent is justified for this family"],
        ),
    ],
)
def test_proceeding_without_consent_needs_a_listed_reason_and_why(
    position, asked, reason, detail, problems
):
    found = consent_problems(
        position=position, person_asked=asked, reason_given=reason, detail=detail
    )
    assert [message for _, message in found] == problems


def test_each_consent_problem_names_the_input_it_is_about():
    # The API's 422 names these in `loc` (docs/adr/0036).
    found = consent_problems(position="refused", person_asked="", reason_given=False, detail="")
    assert [field for field, _ in found] == [
        "person_asked",
        "without_consent_reason",
        "without_consent_detail",
    ]


@pytest.mark.parametrize(
    ("consent", "in_hub", "agencies", "blocked_by"),
    [
        (C.GIVEN, 1, 2, []),
        (C.AUTHORISED, 1, 1, []),
        (C.NOT_RECORDED, 1, 1, ["Record the family's consent position"]),
        (C.AWAITING_AUTHORISATION, 1, 1, ["A manager must authorise"]),
        (C.DECLINED, 1, 1, ["A manager did not authorise"]),
        (C.GIVEN, 0, 1, ["Enquiries can be sent only while a child"]),
        (C.GIVEN, 1, 0, ["Choose at least one agency"]),
    ],
)
def test_enquiries_go_only_when_consent_allows(consent, in_hub, agencies, blocked_by):
    reasons = send_blockers(consent=consent, children_in_hub=in_hub, agencies=agencies)
    assert len(reasons) == len(blocked_by)
    for reason, start in zip(reasons, blocked_by, strict=True):
        assert reason.startswith(start)


NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
HOUR = timedelta(hours=1)


@pytest.mark.parametrize(
    ("status", "due", "answered", "chased", "escalated", "expected"),
    [
        (E.SENT, NOW + HOUR, None, None, None, Glance.SENT),
        (E.SENT, NOW - HOUR, None, None, None, Glance.OVERDUE),
        (E.SENT, NOW - HOUR, None, NOW, None, Glance.CHASED),
        (E.SENT, NOW - HOUR, None, NOW, NOW, Glance.ESCALATED),
        (E.ANSWERED, NOW, NOW - HOUR, None, None, Glance.ANSWERED),
        (E.ANSWERED, NOW - HOUR, NOW, NOW, None, Glance.ANSWERED_LATE),
        (E.WITHDRAWN, NOW - HOUR, None, NOW, None, Glance.WITHDRAWN),
    ],
)
def test_the_hub_sees_each_agencys_status_at_a_glance(
    status, due, answered, chased, escalated, expected
):
    assert (
        glance(
            status=status,
            due_at=due,
            now=NOW,
            answered_at=answered,
            chased_at=chased,
            escalated_at=escalated,
        )
        == expected
    )
