"""The one spike rule (docs/adr/0021): enough history first, then well above the usual."""

from __future__ import annotations

import pytest

from frontdoor.figures.spikes import (
    FLOOR,
    MIN_HISTORY,
    first_recorded,
    history,
    is_spike,
    spike_rule_words,
    spikes,
)

STEADY = [10, 12, 8, 10, 11, 9]  # mean 10, standard deviation 1.29, square root of mean 3.16
SPREAD = [2, 20, 3, 18, 5, 12]  # mean 10, standard deviation 7.14


@pytest.mark.parametrize(
    ("count", "earlier", "expected"),
    [
        # Not enough history: never a spike, however large.
        pytest.param(50, [], False, id="no-history"),
        pytest.param(50, [10] * (MIN_HISTORY - 1), False, id="one-period-short"),
        pytest.param(30, [10] * MIN_HISTORY, True, id="just-enough-history"),
        # Above the mean by more than twice the square root of the mean (a flat history).
        pytest.param(30, [10] * 12, True, id="thirty-after-a-steady-ten"),
        pytest.param(15, [10] * 12, False, id="half-as-busy-again-is-not-a-spike"),
        pytest.param(26, [16] * 12, True, id="ten-more-than-sixteen"),
        pytest.param(121, [100] * 12, True, id="more-than-twice-the-square-root"),
        pytest.param(120, [100] * 12, False, id="exactly-twice-the-square-root-is-not"),
        # Above the mean by more than twice the history's own spread, where that is larger.
        pytest.param(25, SPREAD, True, id="above-a-spread-history"),
        pytest.param(24, SPREAD, False, id="within-a-spread-history"),
        # At least FLOOR above the mean: small numbers stay quiet.
        pytest.param(4, [1] * 12, False, id="four-after-ones"),
        pytest.param(8, [2] * 12, False, id="eight-after-twos"),
        pytest.param(19, STEADY, False, id="above-the-line-but-under-the-floor"),
        pytest.param(20, STEADY, True, id="above-the-line-and-the-floor"),
        pytest.param(FLOOR, [0] * 6, True, id="the-floor-after-recorded-noughts"),
        pytest.param(FLOOR - 1, [0] * 6, False, id="under-the-floor"),
        # At a county's volume a rise of a few is not a spike, a rise of a thousand is.
        pytest.param(4100, [4000, 4010, 3990, 4005, 3995, 4000], False, id="county-noise"),
        pytest.param(5000, [4000, 4010, 3990, 4005, 3995, 4000], True, id="a-thousand-more"),
        # Fewer than the usual is never a spike.
        pytest.param(0, [10] * 12, False, id="a-quiet-month"),
    ],
)
def test_a_count_is_a_spike_only_with_history_and_well_above_it(count, earlier, expected):
    assert is_spike(count, earlier) is expected


@pytest.mark.parametrize(
    ("counts", "expected"),
    [
        pytest.param([0, 0, 0], 3, id="nothing-recorded"),
        pytest.param([0, 0, 4, 0, 5], 2, id="records-begin-at-the-first-count"),
        pytest.param([3, 0, 4], 0, id="a-quiet-period-after-records-began-is-history"),
    ],
)
def test_records_begin_at_the_first_period_with_anything_counted(counts, expected):
    assert first_recorded(counts) == expected


def test_history_is_up_to_the_periods_compared_and_none_before_records_began():
    counts = [0, 0, 1, 2, 3, 4, 5, 6, 7, 8]
    assert history(counts, 9, compared=6) == [2, 3, 4, 5, 6, 7]
    assert history(counts, 9, compared=12, since=2) == [1, 2, 3, 4, 5, 6, 7]
    assert history(counts, 3, compared=6, since=2) == [1]


def test_the_first_months_of_records_are_never_spikes():
    # Issue 17: the demo's figures began last month; the months before are not quiet ones.
    assert spikes([0, 0, 0, 0, 0, 0, 120], compared=6) == [False] * 7
    assert spikes([0, 0, 0, 0, 0, 0, 0, 0, 60, 120], compared=6) == [False] * 10


def test_a_series_is_judged_once_enough_history_has_been_recorded():
    counts = [0, 0, 10, 12, 8, 10, 11, 9, 40, 10]
    assert spikes(counts, compared=6) == [False] * 8 + [True, False]
    # A week with 12 to compare: still judged after 6, on as many as there are.
    weekly = [0] * 5 + [10] * 6 + [30]
    assert spikes(weekly, compared=12)[-1] is True


def test_one_part_of_a_total_is_judged_from_when_the_total_began():
    # A new source sending 20 after six months of records from others: a spike for that source.
    source = [0, 0, 0, 0, 0, 0, 20]
    assert spikes(source, compared=6)[-1] is False  # on its own, it has no history
    assert spikes(source, compared=6, since=0)[-1] is True


def test_the_rule_in_words_names_its_numbers():
    words = spike_rule_words("month", 6)
    assert f"at least {MIN_HISTORY} months of records" in words
    assert f"by at least {FLOOR}" in words
