"""The demo's analyses (frontdoor/demo/practice.py): several stages, one analysis each child."""

from __future__ import annotations

import random
from datetime import timedelta

import pytest
from django.utils import timezone

from frontdoor.access.models import Role
from frontdoor.contacts.tests import factories as f
from frontdoor.contacts.workflow import Outcome
from frontdoor.demo.practice import seed_practice
from frontdoor.practice.models import Analysis, Entry, Withdrawal
from frontdoor.practice.tests.factories import decide, open_contact

pytestmark = pytest.mark.django_db


def test_the_demo_grows_analyses_over_several_stages(
    make_user, screener, manager, area_team, child_protection_hub
):
    f.awaiting_decision(manager, child_protection_hub)
    f.awaiting_decision(manager, child_protection_hub)
    strategy = open_contact(screener)
    decide(manager, strategy, Outcome.STRATEGY_DISCUSSION, team=area_team)
    users = {
        "alice": screener,
        "maya": manager,
        "hamid": make_user("hamid", Role.HUB_WORKER),
        "mark": make_user("mark", Role.MANAGER),
    }
    seed_practice(users, random.Random(2026))
    assert Analysis.objects.count() == 3  # one per child, whatever the number of stages
    stages = set(Entry.objects.values_list("stage", flat=True))
    assert stages >= {"screening", "hub", "decision", "supervision", "strategy_discussion"}
    assert Withdrawal.objects.count() == 1
    assert Entry.objects.filter(added_at__gt=timezone.now() + timedelta(minutes=1)).count() == 0
