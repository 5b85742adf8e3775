"""The synthetic county: the same on every run, realistic in its mistakes, honest about who is
who."""

from __future__ import annotations

from collections import Counter

import pytest

from frontdoor.matching.models import PersonKey
from frontdoor.people.models import Person, nhs_number_is_valid
from frontdoor.synthetic.generator import PROFILES, Profile, build_county
from frontdoor.synthetic.load import load
from frontdoor.synthetic.models import TrueIdentity
from frontdoor.synthetic.searches import noisy_searches

SMALL = Profile("test", persons=3_000, contacts=400, seed=11)


@pytest.fixture(scope="module")
def county():
    return build_county(SMALL)


def test_generator_makes_the_same_county_every_time(county):
    again = build_county(SMALL)
    assert again.records == county.records
    assert noisy_searches(again, 50) == noisy_searches(county, 50)


def test_generator_profiles_match_the_performance_brief():
    assert {p.name: (p.persons, p.contacts) for p in PROFILES.values()} == {
        "tiny": (10_000, 5_000),
        "county-ci": (200_000, 100_000),
        "county": (1_000_000, 500_000),
    }


def test_generator_makes_exactly_the_profiles_number_of_records(county):
    assert len(county.records) == SMALL.persons
    assert len({r.id for r in county.records}) == SMALL.persons


def test_generator_gives_each_identity_its_own_valid_nhs_number(county):
    numbers = [i.nhs_number for i in county.identities if i.nhs_number]
    assert len(numbers) == len(set(numbers))
    assert all(n.startswith("999") and nhs_number_is_valid(n) for n in numbers)
    recorded = [r for r in county.records if r.nhs_number]
    assert 0.3 < len(recorded) / len(county.records) < 0.9  # many records lack one


def test_generator_records_some_people_twice_mostly_with_differences(county):
    per_identity = Counter(r.identity for r in county.records)
    twice = [identity for identity, n in per_identity.items() if n > 1]
    assert 0.01 < len(twice) / len(per_identity) < 0.06
    by_identity = county.records_by_identity()

    def details(record):
        return {k: v for k, v in vars(record).items() if k != "id"}

    differ = [details(by_identity[i][0]) != details(by_identity[i][1]) for i in twice]
    # Some copies are exact (made without any search at all); most differ somewhere.
    assert sum(differ) / len(differ) > 0.7


def test_generator_makes_twins_siblings_and_double_barrelled_surnames(county):
    people = county.identities
    children = [i for i in people if i.is_child]
    births = Counter((i.household, i.date_of_birth) for i in children)
    assert any(n >= 2 for n in births.values()), "no twins"
    households = Counter(i.household for i in children)
    assert any(n >= 3 for n in households.values()), "no large sibling groups"
    assert any("-" in i.last_name for i in children), "no double-barrelled surnames"
    assert any(not i.is_child for i in people), "no adults"


def test_generator_has_common_name_hotspots(county):
    names = Counter((i.first_name, i.last_name) for i in county.identities)
    surnames = Counter(i.last_name for i in county.identities)
    assert surnames.most_common(1)[0][1] > 20 * len(county.identities) / len(surnames) / 10
    assert names.most_common(1)[0][1] >= 3


def test_noisy_searches_carry_every_kind_of_mistake(county):
    noise = {label for s in noisy_searches(county, 500) for label in s.noise}
    for kind in (
        "first name: nickname or variant",
        "first name: typo",
        "surname: typo",
        "date of birth: day and month swapped",
        "date of birth: one digit wrong",
        "date of birth: month and year only",
        "date of birth: year only",
        "date of birth: not known",
    ):
        assert kind in noise


@pytest.mark.django_db
def test_loading_keeps_the_truth_apart_and_files_everyone_for_search(county):
    figures = load(county)
    assert figures["persons"] == Person.objects.count() == SMALL.persons
    assert TrueIdentity.objects.count() == SMALL.persons
    assert PersonKey.objects.values("person").distinct().count() == SMALL.persons
    record = county.records[0]
    assert TrueIdentity.objects.get(person_id=record.id).identity == record.identity
    assert figures["contacts"] >= SMALL.contacts
    with pytest.raises(RuntimeError, match="already has people"):
        load(county)
