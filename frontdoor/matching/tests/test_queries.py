"""Person search against the database: ranked candidates with reasons, as each user may see them."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.management import call_command
from django.utils import timezone

from frontdoor.access import actions as access_actions
from frontdoor.access.models import Role
from frontdoor.matching import index
from frontdoor.matching.actions import create_person
from frontdoor.matching.facts import PartialDate
from frontdoor.matching.models import PersonKey
from frontdoor.matching.queries import Criteria, find_people, rank
from frontdoor.people.models import Person, Sex

pytestmark = pytest.mark.django_db


def person(first, last, born, sex=Sex.FEMALE, **extra) -> Person:
    made = Person.objects.create(
        first_name=first,
        last_name=last,
        date_of_birth=born,
        sex=sex,
        created_at=timezone.now(),
        **extra,
    )
    index.index_people([made])
    return made


@pytest.fixture
def family():
    """Amy, her twin Ella, their mother Jo and an unrelated Amy Smith born the same year."""
    home = {"postcode": "WX1 2AB", "address": "12 Elm Road"}
    return {
        "amy": person("Amy", "Smith", date(2019, 3, 7), nhs_number="9434765919", **home),
        "ella": person("Ella", "Smith", date(2019, 3, 7), **home),
        "jo": person("Jo", "Smith", date(1990, 6, 21), **home),
        "other": person("Amy", "Smith", date(2019, 11, 30), postcode="WX9 8ZZ"),
    }


def names(found):
    return [c.person.full_name + " " + str(c.person.date_of_birth) for c in found.candidates]


def test_screener_can_find_a_child_by_a_misspelt_name_and_swapped_date(screener, family):
    found = find_people(
        screener,
        Criteria(first_name="Aimy", last_name="Smiht", date_of_birth=PartialDate(2019, 7, 3)),
    )
    top = found.candidates[0]
    assert top.person == family["amy"]
    assert [r.text for r in top.reasons] == [
        "Date of birth with day and month swapped",
        "Surname sounds alike",
        "First name sounds alike",
    ]
    assert found.considered >= 2


def test_screener_can_find_an_adult(screener, family):
    found = find_people(
        screener, Criteria(first_name="Joanne", last_name="Smith", date_of_birth=PartialDate(1990))
    )
    assert found.candidates[0].person == family["jo"]


def test_screener_can_find_a_child_by_nhs_number_alone(screener, family):
    found = find_people(screener, Criteria(nhs_number="9434765919"))
    assert [c.person for c in found.candidates] == [family["amy"]]
    assert found.candidates[0].reasons[0].text == "Same NHS number"


def test_screener_can_find_a_household_by_postcode(screener, family):
    found = find_people(screener, Criteria(postcode="wx1 2ab"))
    assert {c.person for c in found.candidates} == {family["amy"], family["ella"], family["jo"]}
    for candidate in found.candidates:
        # Each candidate's details as stored, field by field.
        assert (candidate.person.postcode, candidate.person.address) == ("WX1 2AB", "12 Elm Road")
        assert candidate.person.full_name.endswith("Smith")


def test_screener_can_search_with_a_partial_date_of_birth(screener, family):
    found = find_people(
        screener, Criteria(first_name="Amy", last_name="Smith", date_of_birth=PartialDate(2019, 3))
    )
    assert found.candidates[0].person == family["amy"]
    assert "Same month and year of birth" in [r.text for r in found.candidates[0].reasons]


def test_screener_sees_the_twin_below_the_child_searched_for(screener, family):
    found = find_people(
        screener,
        Criteria(
            first_name="Amy", last_name="Smith", date_of_birth=PartialDate(2019, 3, 7), sex="F"
        ),
    )
    people = [c.person for c in found.candidates]
    assert people.index(family["amy"]) < people.index(family["ella"])


def test_search_orders_candidates_the_same_way_every_time(screener, family):
    criteria = Criteria(first_name="Amy", last_name="Smith")
    assert names(find_people(screener, criteria)) == names(find_people(screener, criteria))


def test_contact_officer_can_search(contact_officer, family):
    assert find_people(contact_officer, Criteria(nhs_number="9434765919")).candidates


@pytest.mark.parametrize("who", ["police_partner", "outsider", "auditor", "admin_user"])
def test_people_outside_the_front_door_cannot_search(request, who, family):
    user = request.getfixturevalue(who)
    assert find_people(user, Criteria(nhs_number="9434765919")).candidates == []


def test_search_with_too_little_to_go_on_finds_no_one(screener, family):
    assert find_people(screener, Criteria(last_name="Smith")).candidates == []
    assert not Criteria(last_name="Smith", date_of_birth=PartialDate(2019)).searchable


def test_screener_sees_a_restricted_record_as_a_placeholder(make_user, screener, family):
    ig_lead = make_user("iris", Role.IG_LEAD)
    access_actions.restrict_person(
        by=ig_lead, person=family["amy"], reason="Child of a staff member"
    )
    found = find_people(screener, Criteria(nhs_number="9434765919"))
    [candidate] = found.candidates
    assert candidate.restricted
    assert candidate.reasons == ()
    assert candidate.score == 0
    assert candidate.person.date_of_birth is None and candidate.person.postcode == ""


def test_a_new_person_is_found_by_the_next_search(screener):
    made = create_person(
        by=screener,
        first_name="Mohammed",
        last_name="Khan",
        sex=Sex.MALE,
        date_of_birth=date(2017, 5, 2),
    )
    found = find_people(
        screener,
        Criteria(first_name="Muhammad", last_name="Kahn", date_of_birth=PartialDate(2017, 5, 2)),
    )
    assert found.candidates[0].person == made
    assert "First name is a known variant or nickname" in [
        r.text for r in found.candidates[0].reasons
    ]


def test_rebuilding_the_index_files_people_made_without_it(screener):
    made = Person.objects.create(
        first_name="Layla",
        last_name="Begum",
        date_of_birth=date(2020, 1, 9),
        created_at=timezone.now(),
    )
    assert rank(Criteria(first_name="Layla", last_name="Begum").facts())[0] == []
    assert index.rebuild(only_missing=True) == len(index.keys_for(made))
    assert index.keys_of(made) == index.keys_for(made)
    assert rank(Criteria(first_name="Layla", last_name="Begum").facts())[0][0].person_id == made.pk
    before = PersonKey.objects.count()
    index.rebuild()  # everything again: the same keys, none twice
    assert PersonKey.objects.count() == before


def test_index_people_command_files_people_without_keys(screener):
    made = Person.objects.create(
        first_name="Noor",
        last_name="Ali",
        date_of_birth=date(2021, 2, 2),
        created_at=timezone.now(),
    )
    call_command("index_people", "--missing", stdout=io.StringIO())
    assert index.keys_of(made) == index.keys_for(made)
