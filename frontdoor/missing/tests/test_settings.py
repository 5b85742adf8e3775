"""The local settings arrive by data migration, and the clocks read them (not constants)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from frontdoor.missing.queries import (
    ATTEMPT_GAP,
    REPEAT_EPISODES,
    REPEAT_WINDOW_DAYS,
    UnknownSettingError,
    attempt_gap_label,
    setting,
)
from frontdoor.timescales.models import Timescale
from frontdoor.timescales.queries import due_at

pytestmark = pytest.mark.django_db


def test_the_defaults_are_seeded():
    assert setting(REPEAT_EPISODES) == 3
    assert setting(REPEAT_WINDOW_DAYS) == 30
    gap = Timescale.objects.get(key=ATTEMPT_GAP)
    assert (gap.amount, gap.unit, gap.basis) == (24, "clock_hours", "local")
    assert attempt_gap_label() == "24 clock hours"
    # The national 72-hour interview timescale is the timescales app's own.
    assert Timescale.objects.get(key="return_home_interview").amount == 72


def test_a_council_can_change_the_gap_and_new_clocks_follow_it():
    Timescale.objects.filter(key=ATTEMPT_GAP).update(amount=12)
    start = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)
    assert due_at(ATTEMPT_GAP, start) == start + timedelta(hours=12)


def test_an_unknown_setting_says_what_to_check():
    with pytest.raises(UnknownSettingError, match="missing app's migrations"):
        setting("no_such_setting")
