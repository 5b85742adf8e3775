"""HTTP behaviour of the casework pages: who gets in, what is saved, GOV.UK errors."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from frontdoor.assessments.models import Assessment
from frontdoor.contacts.tests import factories as f
from frontdoor.contacts.workflow import Outcome
from frontdoor.decisions import actions as decision_actions
from frontdoor.strategy.models import StrategyDiscussion
from frontdoor.visits import actions
from frontdoor.visits import views as visit_views
from frontdoor.visits.models import Allocation, Visit

pytestmark = pytest.mark.django_db


@pytest.fixture
def area_worker(make_user, area_team):
    return make_user("sam", "area_worker", team=area_team)


def decided(manager, screener, team, outcome=Outcome.STRATEGY_DISCUSSION, see_by=None):
    family = f.screened(screener)
    contact = f.only_child(family)
    decision_actions.record_decision(
        by=manager,
        contacts=[contact],
        details=decision_actions.DecisionDetails(
            outcome=outcome,
            rationale="Significant harm suspected",
            see_by=see_by or timezone.now() + timedelta(hours=20),
            see_by_team=team,
        ),
    )
    return Allocation.objects.get(referral__contact=contact)


def parts(prefix, moment):
    local = timezone.localtime(moment)
    return {
        f"{prefix}_day": local.day,
        f"{prefix}_month": local.month,
        f"{prefix}_year": local.year,
        f"{prefix}_time": local.strftime("%H:%M"),
    }


def test_area_worker_sees_their_work_and_the_teams_queue(
    client, manager, screener, area_team, area_worker
):
    allocation = decided(manager, screener, area_team)
    actions.allocate_worker(by=manager, allocation=allocation, worker=area_worker)
    client.force_login(area_worker)
    assert client.get(reverse("home")).url == reverse("mywork:mine")
    landing = client.get(reverse("mywork:mine")).content.decode()
    assert allocation.person.full_name in landing  # the child to see, on "My work"
    assert reverse("visits:mine") in landing
    mine = client.get(reverse("visits:mine")).content.decode()
    assert allocation.person.full_name in mine
    assert client.get(reverse("visits:team", args=[area_team.slug])).status_code == 200


def test_my_casework_says_how_many_discussions_there_are_and_where_the_rest_are(
    client, monkeypatch, manager, screener, area_team
):
    """The page lists the most urgent few; it never cuts the list short without saying so."""
    monkeypatch.setattr(visit_views, "MOST_URGENT", 1)
    decided(manager, screener, area_team)
    decided(manager, screener, area_team)
    client.force_login(manager)
    mine = client.get(reverse("visits:mine")).content.decode()
    assert "The 1 most urgent of 2" in mine
    assert reverse("strategy:index") in mine
    everything = client.get(reverse("strategy:index")).content.decode()
    for discussion in StrategyDiscussion.objects.all():
        assert discussion.person.full_name in everything


def test_partner_gets_404_for_a_childs_transfer(
    client, police_partner, manager, screener, area_team
):
    allocation = decided(manager, screener, area_team)
    client.force_login(police_partner)
    assert client.get(reverse("visits:allocation", args=[allocation.pk])).status_code == 404
    assert client.get(reverse("visits:mine")).status_code == 403


def test_area_worker_visit_form_names_its_errors_and_saves_nothing(
    client, manager, screener, area_team, area_worker
):
    allocation = decided(manager, screener, area_team)
    actions.allocate_worker(by=manager, allocation=allocation, worker=area_worker)
    allocation.refresh_from_db()
    client.force_login(area_worker)
    response = client.post(
        reverse("visits:record-visit", args=[allocation.pk]),
        {
            "version": allocation.version,
            "child_seen": "yes",
            "location": "Home",
            **parts("visited_at", timezone.now()),
        },
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Enter the child&#x27;s views, in their own words" in body
    assert "Select whether the child was seen alone" in body
    assert not Visit.objects.exists()


def test_area_worker_can_record_a_visit_through_the_page(
    client, manager, screener, area_team, area_worker
):
    allocation = decided(manager, screener, area_team)
    actions.allocate_worker(by=manager, allocation=allocation, worker=area_worker)
    allocation.refresh_from_db()
    client.force_login(area_worker)
    response = client.post(
        reverse("visits:record-visit", args=[allocation.pk]),
        {
            "version": allocation.version,
            "child_seen": "yes",
            "seen_alone": "yes",
            "location": "School",
            "childs_views": "I want my dad to stop shouting",
            "daily_life": "School, then football on Tuesdays",
            **parts("visited_at", timezone.now()),
        },
    )
    assert response.status_code == 302
    allocation.refresh_from_db()
    assert allocation.first_seen_at is not None


def test_strategy_page_shows_the_warning_when_health_did_not_attend(
    client, hub_worker, manager, screener, area_team
):
    allocation = decided(manager, screener, area_team)
    discussion = StrategyDiscussion.objects.get(referral=allocation.referral)
    client.force_login(hub_worker)
    response = client.post(
        reverse("strategy:discussion", args=[discussion.pk]),
        {
            "version": discussion.version,
            "format": "conference_call",
            "outcome": "section_47",
            "rationale": "Unexplained injury",
            "invited_council": "on",
            "attended_council": "on",
            "invited_police": "on",
            "attended_police": "on",
            "invited_health": "on",
            **parts("held_at", timezone.now()),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    page = client.get(response.url).content.decode()
    assert "The minimum did not attend: Health did not take part" in page
    assert "Initial child protection conference" in page


def test_manager_sees_caseloads_and_performance(client, manager, screener, area_team, area_worker):
    allocation = decided(manager, screener, area_team, outcome=Outcome.ASSESSMENT)
    actions.allocate_worker(by=manager, allocation=allocation, worker=area_worker)
    client.force_login(manager)
    caseloads = client.get(reverse("assessments:caseloads")).content.decode()
    assert area_worker.display_name in caseloads
    assert client.get(reverse("insight:index")).status_code == 200
    for slug in (
        "seen-within-timescale",
        "referral-to-first-visit",
        "assessments-within-45-days",
        "strategy-attendance",
        "conferences-within-15-days",
    ):
        assert client.get(reverse("insight:measure", args=[slug])).status_code == 200
    assert client.get(reverse("insight:measure", args=["no-such-measure"])).status_code == 404


def test_assessment_page_lets_the_worker_submit(client, manager, screener, area_team, area_worker):
    allocation = decided(manager, screener, area_team, outcome=Outcome.ASSESSMENT)
    actions.allocate_worker(by=manager, allocation=allocation, worker=area_worker)
    assessment = Assessment.objects.get(referral=allocation.referral)
    client.force_login(area_worker)
    factor = f.code("assessment_factor", "21")
    response = client.post(
        reverse("assessments:assessment", args=[assessment.pk]),
        {
            "version": assessment.version,
            "factors": [factor.pk],
            "primary_need": f.code("primary_need", "N9").pk,
            "outcome": "nfa",
            "summary": "No concerns found",
        },
    )
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert assessment.status == "submitted"


def test_area_worker_is_told_a_visit_before_the_transfer_cannot_be_and_nothing_is_saved(
    client, manager, screener, area_team, area_worker
):
    allocation = decided(manager, screener, area_team)
    actions.allocate_worker(by=manager, allocation=allocation, worker=area_worker)
    allocation.refresh_from_db()
    client.force_login(area_worker)
    response = client.post(
        reverse("visits:record-visit", args=[allocation.pk]),
        {
            "version": allocation.version,
            "child_seen": "yes",
            "seen_alone": "yes",
            "location": "School",
            "childs_views": "I want my dad to stop shouting",
            "daily_life": "School, then football on Tuesdays",
            **parts("visited_at", allocation.transferred_at - timedelta(days=1)),
        },
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "govuk-error-summary" in body
    assert (
        f"The time of the visit must be after the child was transferred to {area_team.name}" in body
    )
    assert not Visit.objects.exists()
