"""The reasons a candidate is offered, in the screener's words, and how they rank."""

from __future__ import annotations

from datetime import date

import pytest

from frontdoor.matching.facts import PartialDate, facts
from frontdoor.matching.scoring import compare

AMY = facts(
    first_name="Amy",
    last_name="Smith",
    born=date(2019, 3, 7),
    sex="F",
    nhs_number="9434765919",
    postcode="WX1 2AB",
    address="12 Elm Road",
)


def codes(query, candidate=AMY):
    return {r.code for r in compare(query, candidate).reasons}


@pytest.mark.parametrize(
    ("query", "reason"),
    [
        (facts(nhs_number="9434765919"), "nhs_same"),
        (facts(nhs_number="4010232137"), "nhs_different"),
        (facts(first_name="Amy"), "first_name_same"),
        (facts(first_name="Amelia"), "first_name_variant"),
        (facts(first_name="Aimee"), "first_name_sounds_alike"),
        (facts(first_name="Oscar"), "first_name_different"),
        (facts(first_name="A"), "first_initial_same"),
        (facts(last_name="Smyth"), "surname_sounds_alike"),
        (facts(last_name="Smiht"), "surname_sounds_alike"),
        (facts(last_name="Smith-Jones"), "surname_part"),
        (facts(last_name="Khan"), "surname_different"),
        (facts(born=PartialDate(2019, 3, 7)), "dob_same"),
        (facts(born=PartialDate(2019, 7, 3)), "dob_day_month_swapped"),
        (facts(born=PartialDate(2019, 3, 8)), "dob_one_digit"),
        (facts(born=PartialDate(2019, 3)), "dob_same_month"),
        (facts(born=PartialDate(2019)), "dob_same_year"),
        (facts(born=PartialDate(2015, 11, 21)), "dob_different"),
        (facts(postcode="wx12ab"), "postcode_same"),
        (facts(postcode="WX1 9ZZ"), "postcode_district"),
        (facts(address="12, Elm Road"), "address_same"),
        (facts(sex="M"), "sex_different"),
    ],
)
def test_matching_gives_the_reason_for_each_kind_of_agreement(query, reason):
    assert reason in codes(query)


def test_matching_scores_an_exact_name_and_date_as_100():
    query = facts(first_name="Amy", last_name="Smith", born=PartialDate(2019, 3, 7))
    assert compare(query, AMY).score == 100


def test_matching_ranks_a_misspelt_name_and_swapped_date_above_a_sister():
    sister = facts(first_name="Beth", last_name="Smith", born=date(2019, 3, 7), sex="F")
    query = facts(first_name="Aimy", last_name="Smiht", born=PartialDate(2019, 7, 3))
    amy = compare(query, AMY)
    assert amy.points > compare(query, sister).points
    assert [r.text for r in amy.strongest_first] == [
        "Date of birth with day and month swapped",
        "Surname sounds alike",
        "First name sounds alike",
    ]


def test_matching_tells_twins_apart_by_first_name():
    twin = facts(first_name="Ella", last_name="Smith", born=date(2019, 3, 7), sex="F")
    query = facts(first_name="Amy", last_name="Smith", born=PartialDate(2019, 3, 7), sex="F")
    assert compare(query, AMY).points > compare(query, twin).points


def test_matching_notices_first_name_and_surname_swapped():
    assert codes(facts(first_name="Smith", last_name="Amy")) == {"names_swapped"}


def test_matching_says_a_different_nhs_number_outweighs_the_same_name():
    query = facts(first_name="Amy", last_name="Smith", nhs_number="4010232137")
    assert compare(query, AMY).points < 0


def test_matching_compares_two_stored_records_the_same_way():
    # A duplicate-finding job compares records, not searches: full facts on both sides.
    copy = facts(first_name="Amy", last_name="Smith", born=date(2019, 7, 3), postcode="WX1 2AB")
    result = compare(copy, AMY)
    assert {"dob_day_month_swapped", "first_name_same", "surname_same"} <= {
        r.code for r in result.reasons
    }
    assert result.score >= 70


def test_matching_reads_a_known_as_name():
    libby = facts(first_name="Elizabeth", known_as="Libby", last_name="Jones")
    assert {r.code for r in compare(facts(first_name="Libby"), libby).reasons} == {
        "first_name_known_as"
    }


def test_matching_offers_an_unborn_record_when_a_baby_is_born_near_the_due_date():
    unborn = facts(first_name="Baby", last_name="Smith", expected=date(2026, 1, 20))
    query = facts(last_name="Smith", born=PartialDate(2026, 1, 28))
    assert "dob_near_expected" in {r.code for r in compare(query, unborn).reasons}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2019-03-27", PartialDate(2019, 3, 27)),
        ("2019-03", PartialDate(2019, 3)),
        ("2019", PartialDate(2019)),
    ],
)
def test_matching_reads_partial_dates(text, expected):
    assert PartialDate.parse(text) == expected


@pytest.mark.parametrize("text", ["2019-02-30", "2019-13", "19", "2019-3-1", "soon", ""])
def test_matching_refuses_dates_that_do_not_exist(text):
    with pytest.raises(ValueError):
        PartialDate.parse(text)
