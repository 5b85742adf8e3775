"""Search keys: whatever one mistake a search makes, it still shares a key with the person."""

from __future__ import annotations

from datetime import date

import pytest

from frontdoor.matching.facts import PartialDate, facts
from frontdoor.matching.keys import index_keys, search_keys

STORED = facts(
    first_name="Jonathan",
    last_name="Smith-Jones",
    born=date(2015, 4, 9),
    sex="M",
    nhs_number="9434765919",
    postcode="WX1 2AB",
)


def shared(query):
    keys = search_keys(query)
    return index_keys(STORED) & set(keys.selective + keys.broad)


@pytest.mark.parametrize(
    "query",
    [
        facts(first_name="Jon", last_name="Smith", born=PartialDate(2015, 4, 9)),  # nickname
        facts(first_name="Jonathna", last_name="Smtih", born=PartialDate(2015, 4, 9)),  # typos
        facts(first_name="Jonathan", last_name="Jones", born=PartialDate(2015, 9, 4)),  # swapped
        facts(first_name="Jonathan", last_name="Smith", born=PartialDate(2015, 4, 19)),  # digit
        facts(first_name="Jonathan", last_name="Smith", born=PartialDate(2015, 4)),  # month only
        facts(first_name="Jonahtan", last_name="Smith", born=PartialDate(2015)),  # typo, year
        facts(first_name="Jonathan", last_name="Brown", born=PartialDate(2015, 4, 10)),  # new name
        facts(first_name="Jonathan", last_name="Smith-Jones"),  # no date of birth
        facts(first_name="Smith", last_name="Jonathan", born=PartialDate(2016)),  # names swapped
        facts(nhs_number="9434765919"),
        facts(postcode="wx1 2ab"),
    ],
)
def test_matching_finds_a_key_in_common_despite_one_mistake(query):
    assert shared(query)


def test_matching_caps_only_the_keys_a_common_name_can_flood():
    keys = search_keys(facts(first_name="Oliver", last_name="Smith", born=PartialDate(2015, 4)))
    assert all(key[0] in "ap" for key in keys.broad)
    assert all(key[0] in "nbyim" for key in keys.selective)


def test_matching_files_an_unborn_child_by_the_month_they_are_expected():
    unborn = facts(first_name="Baby", last_name="Smith", expected=date(2026, 2, 14))
    born = facts(first_name="Baby", last_name="Smith", born=PartialDate(2026, 2, 20))
    keys = search_keys(born)
    assert index_keys(unborn) & set(keys.selective)


def test_matching_has_no_keys_for_a_search_with_nothing_in_it():
    assert not search_keys(facts())
