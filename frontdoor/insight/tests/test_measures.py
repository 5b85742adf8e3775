"""Each measure counts what its definition says, and lists the children behind the figure."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from frontdoor.contacts.tests import factories as f
from frontdoor.contacts.workflow import Outcome
from frontdoor.decisions import actions as decision_actions
from frontdoor.insight import measures
from frontdoor.strategy.tests.test_child_protection_plan import enquiry  # noqa: F401
from frontdoor.visits import actions
from frontdoor.visits.models import Allocation

pytestmark = pytest.mark.django_db


def transfer(manager, screener, team, name, see_by):
    family = f.screened(screener, children=[f.child(name)])
    contact = f.only_child(family)
    decision_actions.record_decision(
        by=manager,
        contacts=[contact],
        details=decision_actions.DecisionDetails(Outcome.ASSESSMENT, "Assess", see_by, team),
    )
    return Allocation.objects.get(referral__contact=contact)


def test_seen_within_timescale_counts_late_and_unseen_children_as_not_met(
    manager, screener, area_team, make_user
):
    worker = make_user("sam", "area_worker", team=area_team)
    now = timezone.now()
    on_time = transfer(manager, screener, area_team, "Ava", now + timedelta(hours=2))
    late = transfer(manager, screener, area_team, "Ben", now + timedelta(minutes=30))
    never = transfer(manager, screener, area_team, "Cal", now + timedelta(minutes=40))
    pending = transfer(manager, screener, area_team, "Dee", now + timedelta(days=5))
    for allocation in (on_time, late, never, pending):
        actions.allocate_worker(by=manager, allocation=allocation, worker=worker)
    visit = actions.VisitDetails(
        visited_at=now + timedelta(hours=1),
        child_seen=True,
        seen_alone=True,
        location="Home",
        childs_views="Fine",
        daily_life="School",
    )
    with time_machine.travel(now + timedelta(hours=3), tick=False):
        for allocation in (on_time, late):
            allocation.refresh_from_db()
            actions.record_visit(by=worker, allocation=allocation, details=visit)
        result = measures.seen_within_timescale()
    # Ava seen in time; Ben seen after his time; Cal never seen and overdue; Dee not yet due.
    assert result.headline == "33%"
    assert {(r.person.first_name, r.met) for r in result.rows} == {
        ("Ava", True),
        ("Ben", False),
        ("Cal", False),
    }


def test_measure_page_names_children_to_managers_only_and_never_a_restricted_child(
    client, manager, screener, area_team, make_user
):
    from frontdoor.access.actions import restrict_person
    from frontdoor.access.models import Role
    from frontdoor.access.queries import RESTRICTED_PLACEHOLDER

    senior = make_user("lena", Role.SENIOR_LEADER)
    ig_lead = make_user("iris", Role.IG_LEAD)
    now = timezone.now()
    worker = make_user("sam", "area_worker", team=area_team)
    ava = transfer(manager, screener, area_team, "Ava", now + timedelta(hours=2))
    hidden = transfer(manager, screener, area_team, "Zara", now + timedelta(hours=2))
    for allocation in (ava, hidden):
        actions.allocate_worker(by=manager, allocation=allocation, worker=worker)
    restrict_person(by=ig_lead, person=hidden.person, reason="Child of a staff member")
    url = "/performance/seen-within-timescale/"
    with time_machine.travel(now + timedelta(hours=3), tick=False):  # both now overdue
        client.force_login(manager)
        page = client.get(url).content.decode()
        assert "Ava" in page and "Zara" not in page and RESTRICTED_PLACEHOLDER in page

        client.force_login(senior)
        response = client.get(url)
        page = response.content.decode()
    assert response.status_code == 200
    assert "Ava" not in page and "Zara" not in page
    assert "shown to MASH managers only" in page


def test_plan_reviews_on_time_counts_held_reviews_and_lists_an_overdue_one(manager, enquiry):  # noqa: F811
    from datetime import UTC, date, datetime

    from frontdoor.strategy import actions as strategy_actions
    from frontdoor.strategy.models import ChildProtectionPlan
    from frontdoor.strategy.tests.test_child_protection_plan import conference

    conference(manager, enquiry, held_on=date(2026, 5, 31), category="NEG")
    plan = ChildProtectionPlan.objects.get(section47=enquiry)
    strategy_actions.record_review_conference(
        by=manager,
        plan=plan,
        review=strategy_actions.ReviewRecord(
            held_on=date(2026, 8, 20),
            category=f.code("abuse_category", "NEG"),
            plan_continues=True,
            end_reason="",
        ),
    )
    # The next review was due by 19 February 2027: on 1 March it is overdue, and listed.
    with time_machine.travel(datetime(2027, 3, 1, 12, tzinfo=UTC), tick=False):
        measure = measures.MEASURES["plan-reviews-on-time"](12)
    assert measure.headline == "100%"
    assert dict(measure.figures) == {
        "Held on time": "1",
        "Held late": "0",
        "Open plans with a review overdue now": "1",
    }
    assert [(r.met, r.detail) for r in measure.rows] == [
        (False, "Review due by 19 Feb 2027; not yet held"),
        (True, "Review held 20 Aug 2026; due by 28 Aug 2026"),
    ]
