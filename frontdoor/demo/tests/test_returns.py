"""The demo county's statutory returns (issue 16): seeded as `manage.py seed_demo` seeds it, its
census meets the year's schema, "Before census day" lists no child, and every Annex A list has
rows."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import time_machine
from django.utils import timezone

from frontdoor.access.models import User
from frontdoor.demo.seed import seed
from frontdoor.returns import annex_a, census, quality

pytestmark = pytest.mark.django_db(transaction=False)
# The demo is seeded relative to now: pinned, so that the census year is one Frontdoor writes.
NOW = datetime(2026, 12, 7, 12, 0, tzinfo=UTC)


def test_the_demo_countys_census_and_annex_a_are_full_and_valid():
    with time_machine.travel(NOW, tick=True):
        seed()
        manager = User.objects.get(username="maya")
        today = timezone.localdate()
        year = quality.current_census_year(today)
        built = census.build(year)
        assert built.children > 50
        assert census.schema_problems(built.to_bytes(), year) == []
        # A referral whose strategy discussion decided no further action (docs/adr/0034).
        assert b"<ReferralNFA>1</ReferralNFA>" in built.to_bytes()
        assert quality.lines(manager, year) == []
        lists = annex_a.build(manager, today)
        assert [annex.sheet_name for annex in lists if not annex.rows] == []
