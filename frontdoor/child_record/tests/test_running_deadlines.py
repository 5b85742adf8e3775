"""The clocks on a child's record: every running one is there, and each stops when its event
happens (issue 17)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from frontdoor.assessments import actions as assessment_actions
from frontdoor.assessments.models import Assessment
from frontdoor.assessments.workflow import AssessmentOutcome
from frontdoor.child_record.chronology import Kind, chronology
from frontdoor.child_record.queries import running_deadlines
from frontdoor.contacts.tests import factories as f
from frontdoor.contacts.workflow import Outcome
from frontdoor.decisions import actions as decision_actions
from frontdoor.missing.tests import factories as mf
from frontdoor.strategy import actions as strategy_actions
from frontdoor.strategy.models import Section47Enquiry, StrategyDiscussion
from frontdoor.strategy.workflow import DiscussionOutcome
from frontdoor.visits import actions as visit_actions
from frontdoor.visits.models import Allocation

pytestmark = pytest.mark.django_db


@pytest.fixture
def area_worker(make_user, area_team):
    return make_user("sam", "area_worker", team=area_team)


def decided(manager, screener, team, outcome):
    family = f.screened(screener)
    contact = f.only_child(family)
    decision_actions.record_decision(
        by=manager,
        contacts=[contact],
        details=decision_actions.DecisionDetails(
            outcome=outcome,
            rationale="Reasonable cause to suspect significant harm",
            see_by=timezone.now() + timedelta(hours=23),
            see_by_team=team,
        ),
    )
    return Allocation.objects.get(referral__contact=contact)


def visit(worker, allocation, *, seen):
    words = {
        "seen_alone": True,
        "childs_views": "'I like my teacher. I don't like it at home when they shout.'",
        "daily_life": "Walks to school with her brother.",
    }
    details = visit_actions.VisitDetails(
        visited_at=timezone.now(),
        child_seen=seen,
        location="At school",
        **(words if seen else {"not_seen_reason": "Nobody answered the door"}),
    )
    visit_actions.record_visit(by=worker, allocation=allocation, details=details)


def labels(person):
    return [d.label for d in running_deadlines(person)]


def test_the_visit_clock_stops_when_the_child_is_seen_and_not_before(
    manager, screener, area_team, area_worker
):
    allocation = decided(manager, screener, area_team, Outcome.ASSESSMENT)
    see = f"Child to be seen by {area_team.name}"
    assert see in labels(allocation.person)
    visit_actions.allocate_worker(by=manager, allocation=allocation, worker=area_worker)
    allocation.refresh_from_db()
    visit(area_worker, allocation, seen=False)
    assert see in labels(allocation.person)  # not seen: the clock runs on
    allocation.refresh_from_db()
    visit(area_worker, allocation, seen=True)
    allocation.refresh_from_db()
    visit(area_worker, allocation, seen=True)
    assert see not in labels(allocation.person)
    # The assessment's own clock is still running after the visits.
    assert "Child and family assessment" in labels(allocation.person)


def test_the_strategy_discussion_then_the_conference_clock_are_on_the_record(
    manager, screener, area_team
):
    allocation = decided(manager, screener, area_team, Outcome.STRATEGY_DISCUSSION)
    person = allocation.person
    discussion = StrategyDiscussion.objects.get(referral=allocation.referral)
    assert any(
        d.label.startswith("Strategy discussion to be held") for d in running_deadlines(person)
    )
    strategy_actions.record_strategy_discussion(
        by=manager,
        discussion=discussion,
        record=strategy_actions.DiscussionRecord(
            held_at=timezone.now(),
            format="Conference call",
            participants=[strategy_actions.ParticipantDetails("council", True, True)],
            information_shared="",
            outcome=DiscussionOutcome.SECTION_47,
            rationale="Injury unexplained",
        ),
    )
    enquiry = Section47Enquiry.objects.get(discussion=discussion)
    clocks = {d.label: d.due_at for d in running_deadlines(person)}
    assert not any(label.startswith("Strategy discussion") for label in clocks)
    conference = "Section 47 enquiry: initial child protection conference"
    assert clocks[conference] == enquiry.icpc_due_at
    strategy_actions.record_conference(
        by=manager,
        enquiry=enquiry,
        record=strategy_actions.ConferenceRecord(
            held_on=None, not_required_reason="Concerns not substantiated"
        ),
    )
    assert conference not in labels(person)


def test_the_assessment_clock_stops_when_a_manager_authorises_it(
    manager, screener, area_team, area_worker
):
    allocation = decided(manager, screener, area_team, Outcome.ASSESSMENT)
    assessment = Assessment.objects.get(referral=allocation.referral)
    assert ("Child and family assessment", assessment.due_at) in [
        (d.label, d.due_at) for d in running_deadlines(allocation.person)
    ]
    assessment_actions.submit_assessment(
        by=manager,
        assessment=assessment,
        submission=assessment_actions.AssessmentSubmission(
            factors=[f.code("assessment_factor", "3A")],
            outcome=AssessmentOutcome.CHILD_IN_NEED_PLAN,
            summary="Domestic abuse witnessed; strengths in the family.",
            primary_need=f.code("primary_need", "N1"),
        ),
    )
    assert "Child and family assessment" in labels(allocation.person)  # submitted, not done
    assessment_actions.authorise_assessment(by=manager, assessment=assessment)
    assert not any("assessment" in label for label in labels(allocation.person))


def test_the_return_home_interview_clock_is_on_the_record_until_the_offer(manager):
    episode = mf.returned(manager)
    clocks = {d.label: d.due_at for d in running_deadlines(episode.person)}
    assert clocks["Return home interview to be offered"] == episode.rhi_due_at
    assert "Next attempt to reach the child after their return" in clocks
    offered = mf.offered(manager, mf.child("Cara"))
    assert "Return home interview to be offered" not in labels(offered.person)


def test_manager_sees_every_running_clock_on_the_childs_page(client, manager, screener, area_team):
    allocation = decided(manager, screener, area_team, Outcome.STRATEGY_DISCUSSION)
    client.force_login(manager)
    page = client.get(reverse("people:child", args=[allocation.person.pk])).content.decode()
    assert f"Child to be seen by {area_team.name}" in page
    assert "Strategy discussion to be held" in page
    assert "Child and family assessment" in page


def test_manager_sees_who_is_working_with_the_child_and_their_own_words_on_the_record(
    client, manager, screener, area_team, area_worker
):
    allocation = decided(manager, screener, area_team, Outcome.ASSESSMENT)
    client.force_login(manager)
    url = reverse("people:child", args=[allocation.person.pk])
    page = client.get(url).content.decode()
    assert "not yet allocated to a worker" in page and "No visit has been recorded." in page
    visit_actions.allocate_worker(by=manager, allocation=allocation, worker=area_worker)
    allocation.refresh_from_db()
    visit(area_worker, allocation, seen=False)
    allocation.refresh_from_db()
    visit(area_worker, allocation, seen=True)
    page = client.get(url).content.decode()
    working = page[page.index("Who is working with them") : page.index("Visits and the child")]
    assert area_team.name in working and f"allocated to {area_worker.display_name}" in working
    visits = page[page.index("Visits and the child's own words") :]
    assert "I like my teacher. I don&#x27;t like it at home when they shout." in visits
    assert "Why not: Nobody answered the door" in visits


def test_a_police_partner_cannot_open_the_childs_record_with_its_visits(
    client, police_partner, manager, screener, area_team
):
    allocation = decided(manager, screener, area_team, Outcome.ASSESSMENT)
    client.force_login(police_partner)
    response = client.get(reverse("people:child", args=[allocation.person.pk]))
    assert response.status_code in (403, 404)


def test_the_childs_own_words_are_on_the_chronology_and_can_be_picked_out(
    client, manager, screener, area_team, area_worker
):
    allocation = decided(manager, screener, area_team, Outcome.ASSESSMENT)
    visit_actions.allocate_worker(by=manager, allocation=allocation, worker=area_worker)
    allocation.refresh_from_db()
    visit(area_worker, allocation, seen=False)
    allocation.refresh_from_db()
    visit(area_worker, allocation, seen=True)
    entries = chronology(allocation.person, [Kind.VISITS])
    # Both visits, each in the child's own words or why they were not seen (the two are in the
    # same minute, so their order is not asserted).
    assert sorted(e.title for e in entries) == [
        "Visit: child not seen (At school)",
        "Visit: child seen alone (At school)",
    ]
    assert "In their own words: 'I like my teacher." in " ".join(e.detail for e in entries)
    client.force_login(manager)
    page = client.get(
        reverse("people:chronology", args=[allocation.person.pk]), {"kind": "visits"}
    ).content.decode()
    assert "I like my teacher. I don&#x27;t like it at home when they shout." in page
