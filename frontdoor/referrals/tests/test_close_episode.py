"""Closing a child in need episode by hand (issue 16): a manager gives one of the CIN census
reasons the work's outcome does not decide (RC1-RC7), on a day no later than today."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
import time_machine
from defusedxml import ElementTree as SafeET
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from frontdoor.access.policies import PermissionDenied
from frontdoor.assessments import actions as assessment_actions
from frontdoor.assessments.tests.test_actions import decide_assessment, submission
from frontdoor.audit.models import Event
from frontdoor.audit.timeline import describe
from frontdoor.referrals.actions import close_episode, close_episode_by_hand
from frontdoor.referrals.models import Referral
from frontdoor.returns.census import build
from frontdoor.strategy import actions as strategy_actions
from frontdoor.strategy.tests.test_actions import decide_strategy, record
from frontdoor.workflow.errors import NotReady

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _in_the_census_year_ending_march_2027():
    with time_machine.travel(datetime(2026, 11, 10, 10, 0, tzinfo=UTC), tick=False):
        yield


@pytest.fixture
def worker(make_user, area_team):
    return make_user("sam", "area_worker", team=area_team)


@pytest.fixture
def referral(manager, screener, area_team, worker):
    """An episode whose assessment was authorised with a child in need plan: still open."""
    assessment = decide_assessment(manager, screener, area_team)
    assessment_actions.submit_assessment(by=worker, assessment=assessment, submission=submission())
    assessment_actions.authorise_assessment(by=manager, assessment=assessment)
    return assessment.referral


def form(day: date, reason: str = "RC7") -> dict[str, str]:
    return {
        "closed_on_day": str(day.day),
        "closed_on_month": str(day.month),
        "closed_on_year": str(day.year),
        "reason": reason,
    }


def test_a_manager_closes_the_episode_on_the_childs_record(manager, referral):
    client = Client()
    client.force_login(manager)
    child = reverse("people:child", args=[referral.person_id])
    page = reverse("referrals:close-episode", args=[referral.pk])
    assert page in client.get(child).content.decode()

    today = timezone.localdate()
    missing = client.post(page, {**form(today), "reason": ""})
    assert missing.status_code == 400
    assert "Select why the episode is closing" in missing.content.decode()
    # RC8 comes only from an assessment's outcome: it is not offered here.
    assert client.post(page, form(today, "RC8")).status_code == 400
    future = client.post(page, form(today + timedelta(days=1)))
    assert future.status_code == 400

    response = client.post(page, form(today, "RC5"))
    assert response.status_code == 302
    referral.refresh_from_db()
    assert (referral.closed_on, referral.closure_reason) == (today, "RC5")
    event = Event.objects.get(verb="cin_episode_closed")
    assert event.actor == manager and event.person_id == referral.person_id
    assert describe(event).detail == f"Reason RC5, on {today:%-d %B %Y}."
    shown = client.get(child).content.decode()
    assert "RC5" in shown and page not in shown
    census = build(2027).to_bytes()
    closed = SafeET.fromstring(census).find("Children/Child/CINdetails")
    assert (closed.findtext("CINclosureDate"), closed.findtext("ReasonForClosure")) == (
        today.isoformat(),
        "RC5",
    )


def test_an_episode_closes_by_hand_only_once(manager, referral):
    close_episode_by_hand(by=manager, referral=referral, on=timezone.localdate(), reason="RC7")
    with pytest.raises(NotReady, match="already closed"):
        close_episode_by_hand(by=manager, referral=referral, on=timezone.localdate(), reason="RC1")


def test_an_episode_closes_once_even_when_the_closer_read_it_before_another_closed_it(
    manager, referral
):
    """Every closer (by hand, the assessment's outcome, the strategy discussion's NFA) writes
    through close_episode: an object read before another closer closed the episode is refused,
    and the first closure stands, with one event."""
    stale = Referral.objects.get(pk=referral.pk)
    close_episode(by=manager, referral=referral, on=timezone.localdate(), reason="RC7")
    with pytest.raises(NotReady, match="already closed"):
        close_episode(by=manager, referral=stale, on=timezone.localdate(), reason="RC1")
    referral.refresh_from_db()
    assert referral.closure_reason == "RC7"
    assert Event.objects.filter(verb="cin_episode_closed").count() == 1


def test_an_assessment_still_to_be_authorised_comes_first(manager, screener, area_team):
    assessment = decide_assessment(manager, screener, area_team)
    with pytest.raises(NotReady, match="Authorise the assessment first"):
        close_episode_by_hand(
            by=manager, referral=assessment.referral, on=timezone.localdate(), reason="RC7"
        )
    assessment.referral.refresh_from_db()
    assert assessment.referral.closed_on is None


def test_a_strategy_discussion_or_enquiry_still_open_comes_first(
    manager, screener, hub_worker, area_team
):
    discussion = decide_strategy(manager, screener, area_team)
    with pytest.raises(NotReady, match="Record the strategy discussion first"):
        close_episode_by_hand(
            by=manager, referral=discussion.referral, on=timezone.localdate(), reason="RC2"
        )
    strategy_actions.record_strategy_discussion(
        by=hub_worker, discussion=discussion, record=record()
    )
    with pytest.raises(NotReady, match="record its initial child protection conference"):
        close_episode_by_hand(
            by=manager, referral=discussion.referral, on=timezone.localdate(), reason="RC2"
        )
    discussion.referral.refresh_from_db()
    assert discussion.referral.closed_on is None


def test_the_action_refuses_a_reason_the_outcome_decides_and_a_day_to_come(manager, referral):
    with pytest.raises(NotReady, match="Select why the episode is closing"):
        close_episode_by_hand(by=manager, referral=referral, on=timezone.localdate(), reason="RC9")
    with pytest.raises(NotReady, match="today or in the past"):
        close_episode_by_hand(
            by=manager,
            referral=referral,
            on=timezone.localdate() + timedelta(days=1),
            reason="RC7",
        )
    referral.refresh_from_db()
    assert referral.closed_on is None


def test_only_a_manager_closes_an_episode(worker, referral):
    with pytest.raises(PermissionDenied):
        close_episode_by_hand(by=worker, referral=referral, on=timezone.localdate(), reason="RC7")
    client = Client()
    client.force_login(worker)
    page = reverse("referrals:close-episode", args=[referral.pk])
    assert client.post(page, form(timezone.localdate())).status_code == 403
    assert (
        page not in client.get(reverse("people:child", args=[referral.person_id])).content.decode()
    )
