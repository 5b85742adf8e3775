"""The data migration seeds the default timescales (domain brief, section 10), and reverses."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps

from frontdoor.timescales.models import Timescale

pytestmark = pytest.mark.django_db

seed = importlib.import_module("frontdoor.timescales.migrations.0002_seed_timescales")

EXPECTED = {
    "screening": (4, "clock_hours", "local"),
    "referral_decision": (1, "working_days", "national"),
    "assessment": (45, "working_days", "national"),
    "see_child_red": (24, "clock_hours", "local"),
    "see_child_amber": (3, "working_days", "local"),
    "see_child_green": (10, "working_days", "local"),
    "enquiry_red": (4, "working_hours", "local"),
    "enquiry_amber": (24, "working_hours", "local"),
    "enquiry_green": (72, "clock_hours", "local"),
    "strategy_discussion": (24, "clock_hours", "local"),
    "strategy_discussion_same_day": (0, "calendar_days", "local"),
    "initial_child_protection_conference": (15, "working_days", "national"),
    "return_home_interview": (72, "clock_hours", "national"),
    "referrer_feedback": (1, "working_days", "local"),
}


def test_the_default_timescales_are_seeded() -> None:
    # Other apps seed their own timescales (missing: missing_attempt_gap); these are this one's.
    ours = Timescale.objects.filter(key__in=seed.KEYS)
    seeded = {t.key: (t.amount, t.unit, t.basis) for t in ours}
    assert seeded == EXPECTED


def test_every_seeded_timescale_says_what_starts_its_clock() -> None:
    assert not Timescale.objects.filter(starts_when="").exists()
    assert not Timescale.objects.filter(label="").exists()


def test_the_seed_migration_reverses_and_reapplies() -> None:
    seed.remove_timescales(apps, None)
    assert not Timescale.objects.filter(key__in=seed.KEYS).exists()
    seed.seed_timescales(apps, None)
    assert set(Timescale.objects.filter(key__in=seed.KEYS).values_list("key", flat=True)) == set(
        EXPECTED
    )
