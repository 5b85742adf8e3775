"""Amy and a restricted adult recorded as her mother's partner and the alleged perpetrator: the
family the concealment tests of the child's record share."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from frontdoor.access.actions import restrict_person
from frontdoor.access.models import Role
from frontdoor.contacts import actions
from frontdoor.contacts.actions.adults import link_adult
from frontdoor.contacts.tests import factories as f

BOTH = ["partner_of_parent", "alleged_perpetrator"]


@pytest.fixture
def ig_lead(make_user):
    return make_user("iris", Role.IG_LEAD, email="iris.ig@wessex.example")


@pytest.fixture
def amy_and_a_restricted_adult(contact_officer, screener, ig_lead):
    """Amy, and Jonty (a member of staff, so his record is restricted), recorded as her
    mother's partner and the alleged perpetrator."""
    adult = actions.AdultDetails(
        first_name="Jonty",
        last_name="Marchbanks",
        date_of_birth=date(1990, 5, 17),
        relationships={0: "partner_of_parent"},
    )
    details = replace(f.contact_details(children=[f.child("Amy")]), adults=[adult])
    family = f.linked(screener, actions.receive_contact(by=contact_officer, details=details))
    amy = f.only_child(family).person
    jonty = link_adult(by=screener, adult=family.adults.get(), child=amy, person=None, kinds=BOTH)
    restrict_person(by=ig_lead, person=jonty, reason="A member of staff")
    return amy, jonty
