"""The demo's people: British names, whole, on English streets (issue 17)."""

from __future__ import annotations

import random
import re

import pytest
from faker import Faker

from frontdoor.demo.police import _child
from frontdoor.demo.seed import _household
from frontdoor.synthetic import name_lists as lists

pytestmark = pytest.mark.django_db

STREET = re.compile(
    r"^\d{1,3} [A-Z][a-z]+ (Road|Street|Close|Avenue|Lane|Drive|Way|Gardens|Crescent)$"
)


def test_demo_households_have_british_names_and_english_streets():
    fake, rng = Faker("en_GB"), random.Random(17)
    fake.seed_instance(17)
    homes = [_household(fake, rng) for _ in range(40)]
    children = [c for home in homes for c in home.children]
    adults = [a for home in homes for a in home.adults]
    assert all(c.first_name.lower() in lists.BOYS + lists.GIRLS for c in children)
    assert all(a.first_name.lower() in lists.MEN + lists.WOMEN for a in adults)
    surnames = {p.last_name.lower().replace("'", "") for p in children + adults}
    assert surnames <= set(lists.SURNAMES)
    assert all(STREET.match(p.address) for p in children + adults), {p.address for p in adults}


def test_a_police_notification_names_the_child_by_a_whole_name_never_cut_short():
    fake, rng = Faker("en_GB"), random.Random(3)
    fake.seed_instance(3)
    children = [c for _ in range(40) for c in _household(fake, rng).children]
    for child in children:
        named = _child(rng, child, noisy=True)["first_name"]
        known_as = lists.NICKNAMES.get(child.first_name.lower(), [])
        # Either the whole name or a short form people use ("Josh"), never a cut ("Joshu").
        assert named == child.first_name or named.lower() in known_as, (child.first_name, named)
