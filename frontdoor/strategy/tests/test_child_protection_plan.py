"""Child protection plans (issue 16): started by the initial conference that decides one, with
the categories and the first review conference's clock stored when it starts, shown on the
child's record."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from frontdoor.audit.models import Event
from frontdoor.audit.timeline import describe
from frontdoor.child_record.queries import running_deadlines
from frontdoor.contacts.tests import factories as f
from frontdoor.strategy import actions
from frontdoor.strategy.models import ChildProtectionPlan, Section47Enquiry
from frontdoor.strategy.tests.test_actions import decide_strategy, record
from frontdoor.timescales.calendar import end_of_local_day

pytestmark = pytest.mark.django_db


@pytest.fixture
def enquiry(hub_worker, manager, screener, area_team):
    # Decided and discussed in May, before the conferences these tests hold on fixed dates: a
    # conference cannot be dated before the discussion that started its enquiry (ADR 0027).
    with time_machine.travel(datetime(2026, 5, 18, 10, 0, tzinfo=UTC), tick=True):
        discussion = decide_strategy(manager, screener, area_team)
        actions.record_strategy_discussion(by=hub_worker, discussion=discussion, record=record())
    return Section47Enquiry.objects.get(discussion=discussion)


def conference(by, enquiry, *, held_on, plan=True, category="NEG"):
    return actions.record_conference(
        by=by,
        enquiry=enquiry,
        record=actions.ConferenceRecord(
            held_on=held_on,
            child_protection_plan=plan,
            abuse_category=f.code("abuse_category", category) if plan else None,
        ),
    )


def test_a_conference_deciding_a_plan_starts_it_with_its_first_review_due(manager, enquiry):
    # Held on 31 May 2026 (a Sunday, as a test date): 3 months on is 31 August, the summer bank
    # holiday, so the first review is due by Friday 28 August.
    conference(manager, enquiry, held_on=date(2026, 5, 31), category="EMO")
    plan = ChildProtectionPlan.objects.get(section47=enquiry)
    assert plan.person_id == enquiry.person_id
    # The conference's date has one source, the enquiry's; the plan's start is read from it.
    enquiry.refresh_from_db()
    assert plan.started_on == enquiry.icpc_held_on == date(2026, 5, 31)
    assert (plan.initial_category.code, plan.latest_category.code) == ("EMO", "EMO")
    assert plan.next_review_due_on == date(2026, 8, 28)
    assert plan.ended_on is None
    event = Event.objects.get(verb="child_protection_plan_started")
    assert event.actor == manager and event.person_id == enquiry.person_id
    assert describe(event).detail == (
        "Category EMO; first review conference due by 28 August 2026."
    )


def test_a_conference_without_a_plan_starts_none(manager, enquiry):
    conference(manager, enquiry, held_on=date(2026, 5, 31), plan=False)
    assert not ChildProtectionPlan.objects.exists()
    assert not Event.objects.filter(verb="child_protection_plan_started").exists()


def test_the_review_clock_runs_on_the_childs_record(manager, screener, enquiry):
    conference(manager, enquiry, held_on=date(2026, 11, 30), category="MUL")
    person = enquiry.person
    review = [d for d in running_deadlines(person) if "review conference" in d.label]
    # 30 November + 3 months: 28 February 2027 is a Sunday, so Friday 26 February.
    assert [d.due_at for d in review] == [end_of_local_day(date(2027, 2, 26))]
    client = Client()
    client.force_login(screener)
    page = client.get(reverse("people:child", args=[person.pk])).content.decode()
    assert "Child protection plans" in page
    assert "MUL" in page and "26 Feb 2027" in page
