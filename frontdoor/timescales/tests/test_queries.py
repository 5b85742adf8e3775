"""Reading the seeded timescales and applying them."""

from __future__ import annotations

from datetime import datetime

import pytest
from django.test import override_settings

from frontdoor.timescales.calendar import Unit
from frontdoor.timescales.models import Timescale
from frontdoor.timescales.queries import UnknownTimescaleError, due_at, timescale
from frontdoor.timescales.tests.moments import end_of, london

pytestmark = pytest.mark.django_db

FRIDAY_3PM = london(2026, 11, 27, 15)
CHRISTMAS_EVE_3PM = london(2026, 12, 24, 15)


@pytest.mark.parametrize(
    ("key", "start", "due"),
    [
        pytest.param("screening", FRIDAY_3PM, london(2026, 11, 27, 19), id="screening"),
        pytest.param("referral_decision", FRIDAY_3PM, end_of(2026, 11, 30), id="referral_decision"),
        pytest.param("assessment", london(2026, 11, 2, 10), end_of(2027, 1, 7), id="assessment"),
        pytest.param("see_child_red", FRIDAY_3PM, london(2026, 11, 28, 15), id="see_child_red"),
        pytest.param("see_child_amber", FRIDAY_3PM, end_of(2026, 12, 2), id="see_child_amber"),
        pytest.param("see_child_green", FRIDAY_3PM, end_of(2026, 12, 11), id="see_child_green"),
        pytest.param("enquiry_red", FRIDAY_3PM, london(2026, 11, 30, 11), id="enquiry_red"),
        pytest.param("enquiry_red", CHRISTMAS_EVE_3PM, london(2026, 12, 29, 11), id="red-xmas"),
        pytest.param("enquiry_amber", FRIDAY_3PM, london(2026, 12, 2, 15), id="enquiry_amber"),
        pytest.param("enquiry_green", FRIDAY_3PM, london(2026, 11, 30, 15), id="enquiry_green"),
        pytest.param(
            "strategy_discussion", FRIDAY_3PM, london(2026, 11, 28, 15), id="strategy_discussion"
        ),
        pytest.param(
            "strategy_discussion_same_day", FRIDAY_3PM, end_of(2026, 11, 27), id="same_day"
        ),
        pytest.param(
            "initial_child_protection_conference",
            london(2026, 12, 14, 10),
            end_of(2027, 1, 7),
            id="icpc",
        ),
        pytest.param(
            "return_home_interview",
            london(2026, 10, 23, 12),
            london(2026, 10, 26, 11),
            id="return_home_interview-across-clocks-going-back",
        ),
        pytest.param(
            "referrer_feedback", CHRISTMAS_EVE_3PM, end_of(2026, 12, 29), id="referrer_feedback"
        ),
    ],
)
def test_due_at_applies_the_seeded_timescale(key: str, start: datetime, due: datetime) -> None:
    assert due_at(key, start) == due


@override_settings(FRONTDOOR_WORKING_DAY_START="08:30", FRONTDOOR_WORKING_DAY_END="17:30")
def test_due_at_uses_the_councils_working_hours() -> None:
    assert due_at("enquiry_red", FRIDAY_3PM) == london(2026, 11, 30, 10)


def test_due_at_follows_a_council_changing_its_local_timescale() -> None:
    Timescale.objects.filter(key="screening").update(amount=2, unit=Unit.WORKING_HOURS)
    assert due_at("screening", FRIDAY_3PM) == london(2026, 11, 27, 17)


def test_due_at_names_an_unknown_key() -> None:
    with pytest.raises(UnknownTimescaleError, match="'screenign'"):
        due_at("screenign", FRIDAY_3PM)


def test_timescale_returns_the_row() -> None:
    found = timescale("assessment")
    assert (found.amount, found.unit, found.basis) == (45, "working_days", "national")


@override_settings(FRONTDOOR_WORKING_DAY_START="9am")
def test_due_at_explains_a_badly_written_working_hours_setting() -> None:
    with pytest.raises(ValueError, match="FRONTDOOR_WORKING_DAY_START"):
        due_at("enquiry_red", FRIDAY_3PM)
