"""A relative whose record is restricted is a placeholder on the child's record, on the page and
through the API alike, and the placeholder says nothing about them: not their name, nor what they
are to the child, nor where they were named (../shared/SECURITY.md, 4; docs/adr/0037). Issue 17
found the relationship words ("Parent's partner; alleged perpetrator") still shown beside the
placeholder."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from django.test import Client
from django.urls import reverse

from frontdoor.access.actions import restrict_person
from frontdoor.access.queries import RESTRICTED_PLACEHOLDER
from frontdoor.access.tests.service_accounts import token_for
from frontdoor.contacts import actions
from frontdoor.contacts.actions.adults import link_adult
from frontdoor.contacts.tests import factories as f

pytestmark = pytest.mark.django_db

BOTH = ["partner_of_parent", "alleged_perpetrator"]
# Everything that would describe the hidden relative: their name, what they are to the child
# (in the page's words and the API's codes) and where the row came from.
DESCRIBING = (
    "Jonty",
    "Marchbanks",
    "partner",
    "perpetrator",
    "Named in a contact",
    "Recorded",
    "Change relationships",
)


def family_section(page: str) -> str:
    """The "Family and household" section of the child's record, up to the next heading."""
    found = re.search(r'id="family">(.*?)<h2', page, re.S)
    assert found, "the child's record has a family section"
    return found.group(1)


def test_hub_worker_cannot_see_what_a_restricted_relative_is_to_the_child_on_the_page(
    hub_worker, amy_and_a_restricted_adult
):
    amy, jonty = amy_and_a_restricted_adult
    client = Client()
    client.force_login(hub_worker)
    section = family_section(client.get(reverse("people:child", args=[amy.pk])).content.decode())
    assert RESTRICTED_PLACEHOLDER in section
    for words in DESCRIBING:
        assert words.lower() not in section.lower(), words
    assert str(jonty.pk) not in section


def test_hub_worker_cannot_see_what_a_restricted_relative_is_to_the_child_through_the_api(
    hub_worker, amy_and_a_restricted_adult
):
    amy, jonty = amy_and_a_restricted_adult
    answer = Client().get(
        f"/api/children/{amy.pk}",
        headers={"Authorization": f"Bearer {token_for(hub_worker, name='family test')}"},
    )
    assert answer.status_code == 200
    assert answer.json()["family"] == [
        {
            "name": RESTRICTED_PLACEHOLDER,
            "relationship": "",
            "kinds": [],
            "person_id": None,
            "restricted": True,
        }
    ]


def test_hub_worker_cannot_see_what_an_adult_is_to_a_restricted_child_on_the_adults_record(
    hub_worker, screener, contact_officer, ig_lead
):
    """The other way round: on the adult's own record, the restricted child they are a relative
    of is a placeholder that does not say "Jonty is their alleged perpetrator"."""
    adult = actions.AdultDetails(
        first_name="Jonty", last_name="Marchbanks", relationships={0: "partner_of_parent"}
    )
    details = replace(f.contact_details(children=[f.child("Zephyrine")]), adults=[adult])
    family = f.linked(screener, actions.receive_contact(by=contact_officer, details=details))
    zephyrine = f.only_child(family).person
    jonty = link_adult(
        by=screener, adult=family.adults.get(), child=zephyrine, person=None, kinds=BOTH
    )
    restrict_person(by=ig_lead, person=zephyrine, reason="Child of a staff member")
    client = Client()
    client.force_login(hub_worker)
    section = family_section(client.get(reverse("people:child", args=[jonty.pk])).content.decode())
    assert RESTRICTED_PLACEHOLDER in section
    for words in ("Zephyrine", "partner", "perpetrator", "is their", "Recorded"):
        assert words.lower() not in section.lower(), words
    answer = client.get(
        f"/api/children/{jonty.pk}",
        headers={"Authorization": f"Bearer {token_for(hub_worker, name='family test')}"},
    )
    [member] = answer.json()["family"]
    assert member == {
        "name": RESTRICTED_PLACEHOLDER,
        "relationship": "",
        "kinds": [],
        "person_id": None,
        "restricted": True,
    }
