"""Before census day (issue 16): each DfE rule on the page, on a census year recorded through
the workflow's own actions, then broken one way at a time."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from frontdoor.access.models import RestrictedRecord
from frontdoor.assessments.models import Assessment
from frontdoor.assessments.tests.test_actions import decide_assessment
from frontdoor.contacts.tests import factories as f
from frontdoor.people.models import Person
from frontdoor.referrals.models import Referral
from frontdoor.returns import quality
from frontdoor.returns.tests.conftest import at

pytestmark = pytest.mark.django_db


def found(user, year=2026):
    return {
        (line.person_id, line.rule.number, line.rule.field) for line in quality.lines(user, year)
    }


def rules_for(user, person_id, year=2026):
    return {number for pid, number, _ in found(user, year) if pid == person_id}


def test_the_rules_are_data_and_counted():
    assert quality.NUMBERED == [
        "8520", "8525", "8530Q", "8565", "8606", "8608", "8610", "8670Q", "8869",
        "2885", "8569", "8831", "8832",
    ]  # fmt: skip
    assert len(quality.RULES) == 16
    assert len(quality.MET_BY_CONSTRUCTION) == 12
    assert set(quality.NUMBERED).isdisjoint(quality.MET_BY_CONSTRUCTION)


def test_a_complete_record_fails_no_rule(year, manager):
    assert rules_for(manager, year["assessed"].person_id) == set()


def test_an_assessment_left_open_has_no_primary_need_and_is_queried(year, manager):
    # The child on a plan went through a strategy discussion; the assessment opened with the
    # referral was never submitted, so no primary need is recorded (8610) and it has been open
    # for more than 45 working days at the end of the year (8670Q).
    assert rules_for(manager, year["plan"].person_id) == {"8610", "8670Q"}


PERSON_BREAKS = {
    "Schema/Ethnicity": {"ethnicity": ""},
    "Schema/Disability": {"disabilities": []},
    "Guide/UPN": {"upn": "", "upn_unknown_reason": ""},
    "8520/Date of birth": {"date_of_birth": date(2026, 5, 1)},
    "8525/Date of birth": {"date_of_birth": None, "expected_date_of_birth": None},
    "8530Q/Expected date of birth": {
        "date_of_birth": None,
        "expected_date_of_birth": date(2025, 8, 1),
    },
}


@pytest.mark.parametrize("rule", sorted(PERSON_BREAKS))
def test_a_manager_can_see_each_child_rule_broken(year, manager, rule):
    person = year["assessed"].person
    Person.objects.filter(pk=person.pk).update(**PERSON_BREAKS[rule])
    number, field = rule.split("/")
    assert (person.pk, number, field) in found(manager)


def _referral(year):
    return Referral.objects.filter(pk=year["assessed"].referral_id)


def _assessment(year):
    return Assessment.objects.filter(pk=year["assessed"].pk)


def test_rule_8565_activity_after_the_episode_closed(year, manager):
    _referral(year).update(closed_on=date(2025, 6, 20))
    assert "8565" in rules_for(manager, year["assessed"].person_id)


def test_rule_8606_referred_more_than_40_weeks_before_birth(year, manager):
    Person.objects.filter(pk=year["assessed"].person_id).update(
        date_of_birth=date(2025, 6, 2) + timedelta(days=281)
    )
    assert "8606" in rules_for(manager, year["assessed"].person_id)


def test_rule_8608_assessment_authorised_before_it_started(year, manager):
    _assessment(year).update(authorised_at=year["assessed"].started_at - timedelta(days=3))
    assert "8608" in rules_for(manager, year["assessed"].person_id)


def test_rule_8670q_an_assessment_open_more_than_45_working_days(
    year, manager, screener, area_team
):
    with at(2025, 11, 3, 9, 0):
        open_one = decide_assessment(manager, screener, area_team)
    assert {"8670Q", "8610"} <= rules_for(manager, open_one.person_id)
    with at(2026, 2, 16, 9, 0):
        recent = decide_assessment(manager, screener, area_team)
    assert "8670Q" not in rules_for(manager, recent.person_id)


def test_rule_8869_no_factors_beside_other_factors(year, manager):
    year["assessed"].factors.add(f.code("assessment_factor", "21"))
    assert "8869" in rules_for(manager, year["assessed"].person_id)


def test_each_line_links_to_where_it_is_fixed(year, manager):
    Person.objects.filter(pk=year["assessed"].person_id).update(ethnicity="")
    lines = {(line.rule.number, line.rule.field): line for line in quality.lines(manager, 2026)}
    ethnicity = lines[("Schema", "Ethnicity")]
    assert (ethnicity.fix_url_name, ethnicity.fix_pk) == (
        "people:characteristics",
        year["assessed"].person_id,
    )
    assert ethnicity.name == year["assessed"].person.full_name
    no_need = lines[("8610", "Primary need")]
    assert no_need.fix_url_name == "assessments:assessment"  # recorded with the assessment


def test_a_restricted_child_is_left_out_for_whoever_may_not_open_them(year, manager):
    RestrictedRecord.objects.create(
        person=year["plan"].person,
        reason="Child of a member of staff",
        restricted_at=timezone.now(),
    )
    assert rules_for(manager, year["plan"].person_id) == set()


@pytest.mark.parametrize("role", ["screener", "senior_leader", "area_worker", "auditor"])
def test_only_managers_can_check_the_census(year, make_user, role):
    assert quality.lines(make_user("someone", role), 2026) == []


def test_the_page_is_a_few_queries_however_many_children(year, manager, screener, area_team):
    with CaptureQueriesContext(connection) as few:
        quality.lines(manager, 2026)
    with at(2025, 11, 3, 9, 0):
        for _ in range(3):
            decide_assessment(manager, screener, area_team)
    with CaptureQueriesContext(connection) as more:
        assert len(quality.lines(manager, 2026)) > 3
    assert len(more) == len(few) <= 10


def test_the_census_year_runs_april_to_march():
    assert quality.current_census_year(date(2026, 3, 31)) == 2026
    assert quality.current_census_year(date(2026, 4, 1)) == 2027


def test_while_the_year_runs_an_assessment_not_yet_due_is_work_in_progress(
    year, manager, screener, area_team
):
    with at(2026, 11, 2, 9, 0):
        recent = decide_assessment(manager, screener, area_team)

    def rules_on(today):
        return {
            line.rule.number
            for line in quality.lines(manager, 2027, today=today)
            if line.person_id == recent.person_id
        }

    assert not {"8610", "8670Q"} & rules_on(date(2026, 11, 20))
    assert {"8610", "8670Q"} <= rules_on(date(2027, 3, 31))
