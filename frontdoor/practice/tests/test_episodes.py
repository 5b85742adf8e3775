"""The episode rule, table-tested: which contacts share one analysis, and when it ends."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest

from frontdoor.practice.episodes import ContactSpan, episodes

A, B, C = uuid.UUID(int=1), uuid.UUID(int=2), uuid.UUID(int=3)


def at(day: int, hour: int = 9) -> datetime:
    return datetime(2026, 3, day, hour, tzinfo=UTC)


@pytest.mark.parametrize(
    ("spans", "expected"),
    [
        ([], []),
        # One live contact: one open episode.
        ([ContactSpan(A, at(1), None)], [((A,), None)]),
        # A second contact while the first is live joins it; still open.
        ([ContactSpan(A, at(1), None), ContactSpan(B, at(2), at(3))], [((A, B), None)]),
        # Both finished, the second received before the first ended: one episode, latest end.
        (
            [ContactSpan(A, at(1), at(5)), ContactSpan(B, at(4), at(6))],
            [((A, B), at(6))],
        ),
        # A contact after the episode ended starts a new one.
        (
            [ContactSpan(A, at(1), at(2)), ContactSpan(B, at(3), None)],
            [((A,), at(2)), ((B,), None)],
        ),
        # Order of input does not matter; three episodes, the last open.
        (
            [
                ContactSpan(C, at(9), None),
                ContactSpan(A, at(1), at(2)),
                ContactSpan(B, at(3), at(4)),
            ],
            [((A,), at(2)), ((B,), at(4)), ((C,), None)],
        ),
    ],
)
def test_contacts_group_into_episodes(spans, expected):
    found = [(e.contact_ids, e.ended_at) for e in episodes(spans)]
    assert found == expected


def test_only_the_last_episode_can_be_open():
    found = episodes([ContactSpan(A, at(1), at(2)), ContactSpan(B, at(3), None)])
    assert [e.is_open for e in found] == [False, True]
    assert found[-1].opened_by == B
