"""The one percentage: nothing to count is "No data", and halves round the same way everywhere."""

from __future__ import annotations

import pytest

from frontdoor.figures.percentages import percent, percent_text


@pytest.mark.parametrize(
    ("part", "whole", "value", "text"),
    [
        pytest.param(0, 0, None, "No data", id="0-of-0-is-no-data-not-0%"),
        pytest.param(5, 0, None, "No data", id="nothing-to-divide-by"),
        pytest.param(0, 7, 0.0, "0%", id="none-of-seven"),
        pytest.param(3, 3, 100.0, "100%", id="all"),
        pytest.param(1, 3, 100 / 3, "33%", id="a-third-rounds-down"),
        pytest.param(2, 3, 200 / 3, "67%", id="two-thirds-round-up"),
        pytest.param(1, 8, 12.5, "12%", id="a-half-rounds-to-even-down"),
        pytest.param(3, 8, 37.5, "38%", id="a-half-rounds-to-even-up"),
        pytest.param(199, 200, 99.5, "100%", id="99.5-rounds-to-100"),
        pytest.param(1, 200, 0.5, "0%", id="0.5-rounds-to-0"),
    ],
)
def test_a_percentage_and_its_words(part, whole, value, text):
    assert percent(part, whole) == value
    assert percent_text(part, whole) == text


@pytest.mark.parametrize(
    ("part", "whole", "text"),
    [
        (2, 3, "66.7%"),
        (1, 3, "33.3%"),
        (2, 4, "50.0%"),
        (0, 0, "No data"),
    ],
)
def test_to_one_place(part, whole, text):
    assert percent_text(part, whole, places=1) == text


def test_a_page_may_say_nothing_for_0_of_0():
    assert percent_text(0, 0, none="") == ""
    assert percent_text(1, 4, none="") == "25%"
