"""Ofsted's Annex A lists 1-7 (issue 16): the six months before a date, scoped to the person
producing them, written as a spreadsheet in which no cell is a formula."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from frontdoor.access.models import RestrictedRecord
from frontdoor.audit.models import Event
from frontdoor.history.models import EarlyHelpEpisode
from frontdoor.people.models import Person
from frontdoor.returns import annex_a
from frontdoor.returns.tests.conftest import at
from frontdoor.visits.models import Allocation

pytestmark = pytest.mark.django_db

HOSTILE = '=HYPERLINK("http://evil.example/steal","Click")'


def by_list(user, as_of=date(2025, 12, 31)):
    return {a.number: a for a in annex_a.build(user, as_of)}


def column(annex, heading):
    index = list(annex.headings).index(heading)
    return [row[index] for row in annex.rows]


def test_the_period_is_the_six_months_up_to_and_including_the_date():
    assert annex_a.Period(date(2025, 12, 31)).starts == date(2025, 7, 1)
    assert annex_a.Period(date(2026, 8, 31)).starts == date(2026, 3, 1)
    # 31 August less six months is the end of February, leap year or not.
    assert annex_a.months_before(date(2024, 8, 31), 6) == date(2024, 3, 1)


def test_a_manager_gets_every_list_with_ofsteds_columns_and_codes(year, manager):
    lists = by_list(manager)
    assert [lists[n].sheet_name for n in range(1, 8)] == [f"List {n}" for n in range(1, 8)]
    plan_child = str(year["plan"].person_id)
    assessed = str(year["assessed"].person_id)

    # List 1: the contact of 1 September about the child later on a plan.
    contacts = lists[1]
    assert contacts.headings[:5] == annex_a.CHILD
    assert plan_child in column(contacts, "Child Unique ID")
    assert date(2025, 9, 1) in column(contacts, "Date of Contact")
    assert set(column(contacts, "Contact Source")) <= {
        f"{letter}) {code}: {group}" for code, (letter, group) in annex_a.SOURCE_LETTERS.items()
    }

    # List 3: the referral of 1 September, none in the 12 months before it.
    referrals = lists[3]
    assert column(referrals, "Child Unique ID") == [plan_child]
    assert column(referrals, "Referral NFA?") == ["b) No"]
    assert column(referrals, "Number of Referrals in Last 12 Months") == [0]
    assert column(referrals, "Ethnicity") == ["o) BAFR"]
    assert column(referrals, "Gender") == ["b) Female"]
    assert "Does the Child have a Disability" not in referrals.headings  # not on List 3

    # List 4: the assessment authorised on 10 July, NFA: not needing social care support.
    assessments = lists[4]
    row = dict(zip(assessments.headings, assessments.rows[0], strict=True))
    assert row["Child Unique ID"] == assessed
    assert row["Continuous Assessment Date of Authorisation"] == date(2025, 7, 10)
    assert row["Was the child assessed as requiring LA children's social care support?"] == (
        "b) No"
    )
    assert row["Does the Child have a Disability"] == "a) Yes"
    assert row["Gender"] == "a) Male"

    # List 5: the enquiry, its conference on 19 September and the plan it decided.
    enquiry = dict(zip(lists[5].headings, lists[5].rows[0], strict=True))
    assert enquiry["Date of Initial Child Protection Conference"] == date(2025, 9, 19)
    assert enquiry["Was an Initial Child Protection Conference deemed unnecessary?"] == "b) No"
    assert (
        enquiry["Did the Initial Child Protection Conference Result in a Child Protection Plan"]
        == "a) Yes"
    )

    # List 6: both episodes open in the six months; the NFA one closed with RC8.
    cin = {r[0]: dict(zip(lists[6].headings, r, strict=True)) for r in lists[6].rows}
    assert set(cin) == {plan_child, assessed}
    assert cin[assessed]["Reason for Closure"] == (
        "RC8 - Case closed after assessment, no further action"
    )
    assert cin[assessed]["Case Status"] == "e) Closed episode"
    assert cin[plan_child]["Case Status"] == "b) Child Protection plan"
    assert cin[assessed]["Primary Need Code"] == "N1 - Abuse or neglect"

    # List 7: the plan, its categories and the review of 10 December.
    plan = dict(zip(lists[7].headings, lists[7].rows[0], strict=True))
    assert plan["Child Protection Plan Start Date"] == date(2025, 9, 19)
    assert (plan["Initial Category of Abuse"], plan["Latest Category of Abuse"]) == (
        "a) Neglect",
        "e) Multiple/not recommended",
    )
    assert plan["Date of latest review conference"] == date(2025, 12, 10)
    assert plan["Number of Previous Child Protection Plans"] == 0
    assert plan["Child Protection Plan End Date"] is None


def test_a_review_after_the_date_asked_for_is_not_in_the_lists(year, manager):
    lists = by_list(manager, as_of=date(2025, 11, 30))
    plan = dict(zip(lists[7].headings, lists[7].rows[0], strict=True))
    assert plan["Date of latest review conference"] is None


def test_a_restricted_child_is_left_out_of_every_list_for_whoever_may_not_open_them(year, manager):
    RestrictedRecord.objects.create(
        person=year["plan"].person,
        reason="Child of a member of staff",
        restricted_at=timezone.now(),
    )
    hidden = str(year["plan"].person_id)
    for annex in annex_a.build(manager, date(2025, 12, 31)):
        assert hidden not in [row[0] for row in annex.rows], annex.sheet_name
    assert by_list(manager)[7].rows == []


def test_a_senior_leader_can_produce_the_lists(year, make_user):
    leader = make_user("sian", "senior_leader")
    assert len(by_list(leader)[6].rows) == 2


@pytest.mark.parametrize("role", ["screener", "area_worker", "auditor", "ig_lead", "admin"])
def test_others_cannot_produce_the_lists(year, make_user, role):
    user = make_user("someone", role)
    assert all(annex.rows == [] for annex in annex_a.build(user, date(2025, 12, 31)))


def test_the_lists_are_a_few_queries_however_many_children(year, manager, screener, area_team):
    from frontdoor.assessments.tests.test_actions import decide_assessment

    with CaptureQueriesContext(connection) as few:
        annex_a.build(manager, date(2025, 12, 31))
    with at(2025, 11, 3, 9, 0):
        for _ in range(3):
            decide_assessment(manager, screener, area_team)
    with CaptureQueriesContext(connection) as more:
        lists = by_list(manager)
    assert len(lists[3].rows) == 4
    assert len(more) == len(few) <= 12


def test_no_cell_is_ever_a_formula(year, manager, make_user):
    EarlyHelpEpisode.objects.create(
        source_system="Early help hub",
        source_reference="EH-1",
        person=year["plan"].person,
        started_on=date(2025, 8, 1),
        organisation=HOSTILE,
        imported_at=timezone.now(),
        imported_by=manager,
    )
    # A child named like a formula: Annex A identifies children by record number, so the name
    # is in no cell at all.
    Person.objects.filter(pk=year["plan"].person_id).update(first_name=HOSTILE)
    named = make_user("hostile", "area_worker")
    type(named).objects.filter(pk=named.pk).update(first_name=HOSTILE, last_name="")
    Allocation.objects.filter(referral__strategy_discussion__section47__plan=year["plan"]).update(
        worker=named
    )
    period = annex_a.Period(date(2025, 12, 31))
    content = annex_a.workbook_bytes(annex_a.build(manager, period.as_of), period)

    book = load_workbook(io.BytesIO(content))
    assert book.sheetnames == [f"List {n}" for n in range(1, 8)]
    hostile_cells = [
        cell
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str) and cell.value.startswith("=")
    ]
    assert {c.parent.title for c in hostile_cells} >= {"List 2", "List 7"}
    for cell in hostile_cells:
        assert cell.data_type == "s" and cell.quotePrefix, cell.coordinate
        assert cell.value == HOSTILE  # the text itself, not altered
    child_name = f"{HOSTILE} {year['plan'].person.last_name}"
    every_value = {c.value for sheet in book.worksheets for row in sheet.iter_rows() for c in row}
    assert child_name not in every_value  # children are identified by record number only
    early_help = book["List 2"]
    assert early_help["A1"].value == "OFFICIAL-SENSITIVE"
    assert early_help.cell(row=4, column=4).number_format == annex_a.DATE_FORMAT


def test_the_command_writes_the_lists_as_the_named_user_and_audits_it(year, manager, tmp_path):
    out = tmp_path / "lists.xlsx"
    call_command("annex_a", "--out", str(out), "--user", manager.username, "--as-of", "2025-12-31")
    book = load_workbook(out)
    assert book.sheetnames == [f"List {n}" for n in range(1, 8)]
    assert book["List 6"].max_row == 3 + 2
    event = Event.objects.get(verb="annex_a_downloaded")
    assert event.actor == manager
    assert event.data["as_of"] == "2025-12-31"
    assert event.data["rows"]["List 6"] == 2


def test_the_command_refuses_someone_who_may_not_produce_returns(screener, tmp_path):
    with pytest.raises(CommandError, match="may not produce statutory returns"):
        call_command("annex_a", "--out", str(tmp_path / "x.xlsx"), "--user", screener.username)
    with pytest.raises(CommandError, match="no active user"):
        call_command("annex_a", "--out", str(tmp_path / "x.xlsx"), "--user", "nobody")
    assert not Event.objects.filter(verb="annex_a_downloaded").exists()
