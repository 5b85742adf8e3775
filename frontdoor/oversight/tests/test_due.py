"""When an open case is due management oversight: calendar days since the last oversight, or
since the case opened, at the boundary to the second (docs/adr/0015)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
import time_machine
from django.utils import timezone

from frontdoor.contacts.tests import factories as f
from frontdoor.guardrails.models import Setting
from frontdoor.oversight import actions
from frontdoor.oversight.queries import (
    children_due_oversight,
    count_due_oversight,
    oversight_clock,
)
from frontdoor.oversight.rules import Kind
from frontdoor.oversight.tests import factories as s
from frontdoor.timescales.calendar import LONDON

pytestmark = pytest.mark.django_db

# Received just after midnight UK time on the Sunday the clocks go back (a 25-hour day).
RECEIVED = datetime(2026, 10, 25, 0, 30, tzinfo=LONDON)


@pytest.fixture
def contact(screener):
    with time_machine.travel(RECEIVED, tick=False):
        return s.screened_contact(screener)


def test_the_default_is_28_calendar_days_held_as_a_setting():
    assert Setting.objects.get(key="oversight-due-days").value == 28


def test_case_is_due_oversight_28_days_after_it_opened_to_the_second(contact, manager):
    person = contact.person
    boundary = contact.family.received_at + timedelta(days=28)
    before = oversight_clock(person, now=boundary - timedelta(seconds=1))
    assert (before.case_open, before.days_without, before.overdue) == (True, 27, False)
    at = oversight_clock(person, now=boundary)
    assert (at.days_without, at.overdue) == (28, True)
    assert count_due_oversight(boundary - timedelta(seconds=1)) == 0
    assert count_due_oversight(boundary) == 1
    [family] = children_due_oversight(manager, now=boundary)
    assert [(c.person, c.days_without, c.never_overseen) for c in family.children] == [
        (person, 28, True)
    ]


def test_oversight_restarts_the_clock_and_a_council_can_shorten_it(contact, manager):
    person = contact.person
    recorded_at = RECEIVED + timedelta(days=40)
    with time_machine.travel(recorded_at, tick=False):
        actions.record_oversight(by=manager, person=person, kind=Kind.SUPERVISION, reason="Plan")
    clock = oversight_clock(person, now=recorded_at + timedelta(days=27, hours=23))
    assert (clock.days_without, clock.overdue) == (27, False)
    Setting.objects.filter(key="oversight-due-days").update(value=20)
    clock = oversight_clock(person, now=recorded_at + timedelta(days=20))
    assert (clock.days_without, clock.overdue, clock.due_days) == (20, True, 20)


def test_a_child_with_nothing_open_is_never_due(screener, manager):
    person = f.person("Nell", "Closed")
    clock = oversight_clock(person, now=timezone.now() + timedelta(days=400))
    assert (clock.case_open, clock.days_without, clock.overdue) == (False, None, False)


def test_brothers_and_sisters_are_listed_together_longest_first(screener, manager):
    with time_machine.travel(RECEIVED, tick=False):
        older = f.screened(screener, children=[f.child("Ava"), f.child("Ben")])
    with time_machine.travel(RECEIVED + timedelta(days=3), tick=False):
        newer = s.screened_contact(screener)
    families = children_due_oversight(manager, now=RECEIVED + timedelta(days=35))
    assert [[c.person.first_name for c in fam.children] for fam in families] == [
        sorted(c.person.first_name for c in older.contacts.all()),
        [newer.person.first_name],
    ]
    assert [fam.longest for fam in families] == [35, 32]


def test_only_managers_and_senior_leaders_see_the_list(screener, contact):
    assert children_due_oversight(screener, now=RECEIVED + timedelta(days=60)) == []
