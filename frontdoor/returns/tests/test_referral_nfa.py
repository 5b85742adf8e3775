"""A referral that ends with no further action (the CIN census's ReferralNFA, issue 16,
docs/adr/0034): the strategy discussion decides it, nobody types it again. Its episode closes
that day; the child's record, the census and Annex A's List 3 all say so; and the rules about
such referrals are checked before census day."""

from __future__ import annotations

from datetime import date

import pytest
from defusedxml import ElementTree as SafeET
from django.test import Client
from django.urls import reverse

from frontdoor.assessments.models import Assessment
from frontdoor.audit.models import Event
from frontdoor.referrals.models import Referral
from frontdoor.returns import annex_a, quality
from frontdoor.returns.census import build, schema_problems
from frontdoor.returns.tests.conftest import at, characteristics
from frontdoor.strategy import actions as strategy_actions
from frontdoor.strategy.models import ChildProtectionPlan, Section47Enquiry, StrategyDiscussion
from frontdoor.strategy.tests.test_actions import decide_strategy, record
from frontdoor.strategy.workflow import DiscussionOutcome

pytestmark = pytest.mark.django_db


@pytest.fixture
def ended(year, manager, screener, hub_worker, area_team):
    """Beside the census year of conftest.py, a referral of 6 October 2025 whose strategy
    discussion, that afternoon, decided no further action."""
    with at(2025, 10, 6, 9, 0):
        discussion = decide_strategy(manager, screener, area_team)
        characteristics(manager, discussion.person, upn="", upn_unknown_reason="UN1")
    with at(2025, 10, 6, 15, 0):
        strategy_actions.record_strategy_discussion(
            by=hub_worker,
            discussion=discussion,
            record=record(outcome=DiscussionOutcome.NO_FURTHER_ACTION),
        )
    return Referral.objects.get(pk=discussion.referral_id)


def test_a_discussion_deciding_no_further_action_ends_the_referral_that_day(ended):
    assert (ended.closed_on, ended.closure_reason) == (date(2025, 10, 6), "RC7")
    assert not Assessment.objects.filter(referral=ended).exists()
    assert not Section47Enquiry.objects.filter(discussion__referral=ended).exists()
    closed = Event.objects.get(verb="cin_episode_closed", person=ended.person)
    assert closed.data == {"closed_on": "2025-10-06", "reason": "RC7"}


def details_of(content: bytes, person_id) -> list:
    root = SafeET.fromstring(content)
    child = next(
        c for c in root.iter("Child") if c.findtext("ChildIdentifiers/LAchildID") == str(person_id)
    )
    return child.findall("CINdetails")


def test_the_census_marks_it_referral_nfa_and_still_meets_the_schema(ended, year):
    content = build(2026).to_bytes()
    assert schema_problems(content, 2026) == []
    [details] = details_of(content, ended.person_id)
    assert details.findtext("ReferralNFA") == "1"
    assert details.findtext("CINclosureDate") == "2025-10-06"
    assert details.findtext("ReasonForClosure") == "RC7"
    assert details.find("Assessments") is None and details.find("Section47") is None
    # Every other episode went on to further action.
    [assessed] = details_of(content, year["assessed"].person_id)
    assert assessed.findtext("ReferralNFA") == "0"


def test_the_conference_date_is_written_once_in_section_47(ended, year):
    # DfE rule 2884: an ICPC at both the CINdetails and the Section47 level is an error.
    [details] = details_of(build(2026).to_bytes(), year["plan"].person_id)
    assert details.find("DateOfInitialCPC") is None
    assert details.findtext("Section47/DateOfInitialCPC") == "2025-09-19"
    assert details.findtext("ChildProtectionPlans/CPPstartDate") == "2025-09-19"


def test_it_needs_no_primary_need_and_fails_no_rule(ended, manager):
    flagged = {line.rule.number for line in quality.lines(manager, 2026)}
    mine = {
        line.rule.number
        for line in quality.lines(manager, 2026)
        if line.person_id == ended.person_id
    }
    assert mine == set()
    assert "8610" in flagged  # the child on a plan still lacks one (test_quality.py)


def test_the_childs_record_shows_the_referral_ended_with_no_further_action(ended, manager):
    client = Client()
    client.force_login(manager)
    page = client.get(reverse("people:child", args=[ended.person_id])).content.decode()
    assert "Referral: no further action" in page
    assert "6 Oct 2025: RC7" in page


def test_annex_a_list_3_says_referral_nfa(ended, year, manager):
    referrals = {a.number: a for a in annex_a.build(manager, date(2025, 12, 31))}[3]
    rows = {
        row[referrals.headings.index("Child Unique ID")]: row[
            referrals.headings.index("Referral NFA?")
        ]
        for row in referrals.rows
    }
    assert rows == {
        str(ended.person_id): annex_a.LETTERED_YES,
        str(year["plan"].person_id): annex_a.LETTERED_NO,
    }


def rules_for(manager, person_id):
    return {
        line.rule.number for line in quality.lines(manager, 2026) if line.person_id == person_id
    }


def test_rules_8831_and_8832_activity_or_a_plan_on_a_referral_nfa(year, manager):
    # Recorded by hand (a migrated record, say): the enquiry and plan of a referral marked NFA.
    StrategyDiscussion.objects.filter(referral=year["plan"].section47.discussion.referral).update(
        outcome=DiscussionOutcome.NO_FURTHER_ACTION
    )
    assert {"8831", "8832"} <= rules_for(manager, year["plan"].person_id)
    assert "8610" not in rules_for(manager, year["plan"].person_id)


def test_rule_8569_a_referral_nfa_from_before_the_year(ended, manager):
    Referral.objects.filter(pk=ended.pk).update(
        referral_date=ended.referral_date.replace(year=2025, month=3, day=20)
    )
    assert "8569" in rules_for(manager, ended.person_id)


def test_rule_2885_a_plan_starting_off_its_conference(year, manager):
    ChildProtectionPlan.objects.filter(pk=year["plan"].pk).update(started_on=date(2025, 9, 22))
    assert "2885" in rules_for(manager, year["plan"].person_id)
