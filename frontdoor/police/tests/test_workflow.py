"""The pure rules: when a match is linked without a person looking, and what a spike is (the one
rule of frontdoor/figures/spikes.py, as police weeks meet it)."""

from __future__ import annotations

import pytest

from frontdoor.figures.spikes import is_spike
from frontdoor.police.workflow import MatchStatus, match_decision


@pytest.mark.parametrize(
    ("scores", "anchored", "expected"),
    [
        ([], True, MatchStatus.NO_CANDIDATE),
        ([49], True, MatchStatus.NO_CANDIDATE),
        ([50], True, MatchStatus.REVIEW),
        ([80], True, MatchStatus.AUTO_LINKED),
        ([100, 86], True, MatchStatus.REVIEW),  # twins, or a duplicate record: a person decides
        ([100, 85], True, MatchStatus.AUTO_LINKED),
        ([79], True, MatchStatus.REVIEW),
        ([95], False, MatchStatus.REVIEW),  # no date of birth or NHS number agreed
    ],
)
def test_a_match_is_linked_only_when_confident(scores, anchored, expected):
    assert match_decision(scores, anchored=anchored).status == expected


@pytest.mark.parametrize(
    ("week", "previous", "expected"),
    [
        (30, [10] * 12, True),
        (15, [10] * 12, False),  # within what chance alone gives a week of 10 (2 x sqrt 10)
        (4, [1] * 12, False),  # four times as busy, but only 3 more
        (12, [], False),
        (26, [16] * 12, True),
    ],
)
def test_a_spike_is_well_above_the_weeks_before(week, previous, expected):
    assert is_spike(week, previous) is expected
