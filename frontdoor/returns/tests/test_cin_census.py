"""The children in need census (issue 16): a realistic year recorded through the workflow's own
actions, written by `manage.py cin_census` and checked against the year's schema."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from defusedxml import ElementTree as SafeET
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from frontdoor.assessments.tests.test_actions import decide_assessment
from frontdoor.returns.census import build, schema_problems
from frontdoor.returns.tests.conftest import at

pytestmark = pytest.mark.django_db


def children(content: bytes) -> dict[str, ET.Element]:
    root = SafeET.fromstring(content)
    return {c.findtext("ChildIdentifiers/LAchildID"): c for c in root.iter("Child")}


def test_the_census_year_holds_the_children_with_an_episode_open_in_it(year):
    content = build(2026).to_bytes()
    assert schema_problems(content, 2026) == []
    found = children(content)
    assert set(found) == {str(year["assessed"].person_id), str(year["plan"].person_id)}

    assessed = found[str(year["assessed"].person_id)]
    assert assessed.findtext("ChildIdentifiers/Sex") == "M"
    assert [d.text for d in assessed.iter("Disability")] == ["COMM", "LD"]
    details = assessed.find("CINdetails")
    assert details.findtext("CINreferralDate") == "2025-06-02"
    assert details.findtext("PrimaryNeedCode") == "N1"
    assert details.findtext("CINclosureDate") == "2025-07-10"
    assert details.findtext("ReasonForClosure") == "RC8"
    assert details.findtext("ReferralNFA") == "0"
    assert details.findtext("Assessments/AssessmentActualStartDate") == "2025-06-02"
    assert details.findtext("Assessments/AssessmentAuthorisationDate") == "2025-07-10"
    assert [a.text for a in details.iter("AssessmentFactors")] == ["3A", "4B"]

    protected = found[str(year["plan"].person_id)]
    assert protected.findtext("ChildIdentifiers/UPNunknown") == "UN1"
    assert protected.find("ChildIdentifiers/UPN") is None
    assert protected.findtext("ChildCharacteristics/Ethnicity") == "BAFR"
    details = protected.find("CINdetails")
    assert details.find("CINclosureDate") is None
    assert details.find("DateOfInitialCPC") is None  # once, in Section47 (DfE rule 2884)
    section47 = details.find("Section47")
    assert section47.findtext("S47ActualStartDate") == "2025-09-01"
    assert section47.findtext("DateOfInitialCPC") == "2025-09-19"
    assert section47.findtext("ICPCnotRequired") == "false"
    assert section47.findtext("InitialCPCtarget") is not None
    plan = details.find("ChildProtectionPlans")
    assert plan.findtext("CPPstartDate") == "2025-09-19"
    assert plan.find("CPPendDate") is None
    assert (plan.findtext("InitialCategoryOfAbuse"), plan.findtext("LatestCategoryOfAbuse")) == (
        "NEG",
        "MUL",
    )
    assert plan.findtext("NumberOfPreviousCPP") == "0"
    assert [r.text for r in plan.iter("CPPreviewDate")] == ["2025-12-10"]


def test_the_next_year_holds_the_open_plan_and_the_new_referral(year):
    content = build(2027).to_bytes()
    assert schema_problems(content, 2027) == []
    root = SafeET.fromstring(content)
    assert root.findtext("Header/CollectionDetails/Year") == "2027"
    assert root.findtext("Header/CollectionDetails/ReferenceDate") == "2027-03-31"
    found = children(content)
    assert set(found) == {str(year["plan"].person_id), str(year["after"].person_id)}
    # The review held in the year before is not this year's.
    assert found[str(year["plan"].person_id)].find(".//Reviews") is None


def test_the_census_is_a_few_queries_however_many_children(year, manager, screener, area_team):
    with CaptureQueriesContext(connection) as few:
        build(2026)
    with at(2025, 11, 3, 9, 0):
        for _ in range(3):
            decide_assessment(manager, screener, area_team)
    with CaptureQueriesContext(connection) as more:
        census = build(2026)
    assert census.children == 5
    assert len(more) == len(few) <= 6


def test_the_command_writes_the_file_and_refuses_an_incomplete_record(
    year, tmp_path, manager, screener, area_team
):
    out = tmp_path / "census.xml"
    call_command("cin_census", "--year", "2026", "--out", str(out))
    root = SafeET.parse(out).getroot()
    assert root.findtext("Header/Source/LEA") == "999"
    assert len(root.findall("Children/Child")) == 2

    with at(2025, 11, 3, 9, 0):
        # A child referred with nothing of the census's characteristics recorded yet.
        decide_assessment(manager, screener, area_team)
    with pytest.raises(CommandError, match="does not meet the 2026 schema"):
        call_command("cin_census", "--year", "2026", "--out", str(out))
