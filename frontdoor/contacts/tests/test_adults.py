"""Adults named in a contact, linked to their own person records, with several relationships
to one child (issue 17): the action, the child's and the adult's records, the page, and a
restricted child who must not leak through an adult linked to them."""

from __future__ import annotations

import json
import re
import uuid
from dataclasses import replace
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from frontdoor.access.actions import restrict_person
from frontdoor.access.models import Role
from frontdoor.access.queries import RESTRICTED_PLACEHOLDER
from frontdoor.access.tests.service_accounts import token_for
from frontdoor.audit.models import Event
from frontdoor.audit.timeline import describe
from frontdoor.child_record.queries import family_members
from frontdoor.contacts import actions
from frontdoor.contacts.actions.adults import link_adult
from frontdoor.contacts.models import ContactAdult, FamilyContact
from frontdoor.contacts.queries import adult_candidates
from frontdoor.contacts.tests import factories as f
from frontdoor.people.actions import record_relationships
from frontdoor.people.models import Person, Relationship
from frontdoor.workflow.errors import NotReady, StaleRecord

pytestmark = pytest.mark.django_db

BOTH = ["partner_of_parent", "alleged_perpetrator"]


@pytest.fixture
def family_with(contact_officer, screener):
    def make(children, adults) -> FamilyContact:
        """A family contact with these children and adults, each child linked to a record."""
        details = replace(f.contact_details(children=children), adults=adults)
        return f.linked(screener, actions.receive_contact(by=contact_officer, details=details))

    return make


def jo(**relationships: str) -> actions.AdultDetails:
    return actions.AdultDetails(
        first_name="Jonty",
        last_name="Marchbanks",
        date_of_birth=date(1990, 5, 17),
        address="12 Mill Lane, Wessex",
        relationships={int(k[1:]): v for k, v in relationships.items()},
    )


def children_of(family: FamilyContact) -> list[Person]:
    return [c.person for c in family.contacts.order_by("position")]


@pytest.fixture
def ig_lead(make_user):
    return make_user("iris", Role.IG_LEAD, email="iris.ig@wessex.example")


# --- The action -----------------------------------------------------------------------------------


def test_screener_can_link_an_adult_to_a_new_record_as_two_things_to_one_child(
    screener, contact_officer, family_with
):
    family = family_with([f.child("Amy")], [jo(c0="partner_of_parent")])
    [amy] = children_of(family)
    adult = family.adults.get()
    person = link_adult(by=screener, adult=adult, child=amy, person=None, kinds=BOTH)
    adult.refresh_from_db()
    assert adult.person == person
    assert (person.first_name, person.last_name, person.date_of_birth) == (
        "Jonty",
        "Marchbanks",
        date(1990, 5, 17),
    )
    kinds = set(
        Relationship.objects.filter(person=amy, relative=person).values_list("kind", flat=True)
    )
    assert kinds == set(BOTH)
    [row] = [m for m in family_members(amy) if m.name == "Jonty Marchbanks"]
    assert row.relationship == "Parent's partner; alleged perpetrator"
    assert row.person == person
    assert row.named_in == (f.only_child(family).pk, adult.position)
    recorded = Event.objects.get(verb="relationships_recorded", person=amy)
    assert recorded.data["added"] == ["Alleged perpetrator", "Parent's partner"]
    assert "Added: Alleged perpetrator, Parent's partner." in describe(recorded).detail
    assert Event.objects.filter(verb="adult_linked", person=amy, actor=screener).exists()


def test_what_the_referrer_said_about_a_sibling_is_carried_to_the_siblings_record(
    screener, contact_officer, family_with
):
    family = family_with([f.child("Amy"), f.child("Ben")], [jo(c0="parent", c1="parent")])
    amy, ben = children_of(family)
    person = link_adult(
        by=screener, adult=family.adults.get(), child=amy, person=None, kinds=["parent", "carer"]
    )
    assert set(Relationship.objects.filter(relative=person).values_list("person", "kind")) == {
        (amy.pk, "parent"),
        (amy.pk, "carer"),
        (ben.pk, "parent"),
    }


def test_screener_can_link_an_adult_to_the_record_a_search_finds(
    screener, contact_officer, family_with
):
    known = f.person("Jonty", "Marchbanks", born=date(1990, 5, 17))
    family = family_with([f.child("Amy")], [jo(c0="parent")])
    adult = family.adults.get()
    assert known in adult_candidates(screener, adult)
    [amy] = children_of(family)
    assert amy not in adult_candidates(screener, adult)  # never the contact's own children
    link_adult(by=screener, adult=adult, child=amy, person=known, kinds=["parent"])
    assert Person.objects.filter(last_name="Marchbanks").count() == 1


def test_an_adult_is_linked_once_a_second_link_is_refused(
    screener, manager, contact_officer, family_with
):
    family = family_with([f.child("Amy")], [jo(c0="parent")])
    [amy] = children_of(family)
    stale = family.adults.get()
    link_adult(by=screener, adult=family.adults.get(), child=amy, person=None, kinds=["parent"])
    with pytest.raises(StaleRecord):
        link_adult(by=manager, adult=stale, child=amy, person=None, kinds=["carer"])
    # All or nothing: the second worker's new person record was not kept.
    assert Person.objects.filter(last_name="Marchbanks").count() == 1
    assert not Relationship.objects.filter(kind="carer").exists()


def test_the_childs_own_record_or_no_relationship_is_refused_and_nothing_is_written(
    screener, contact_officer, family_with
):
    family = family_with([f.child("Amy")], [jo(c0="parent")])
    [amy] = children_of(family)
    adult = family.adults.get()
    with pytest.raises(NotReady, match="not a child's in this contact"):
        link_adult(by=screener, adult=adult, child=amy, person=amy, kinds=["parent"])
    with pytest.raises(NotReady, match="Select how this adult is related to Amy"):
        link_adult(by=screener, adult=adult, child=amy, person=None, kinds=[])
    with pytest.raises(NotReady, match="from the list"):
        link_adult(by=screener, adult=adult, child=amy, person=None, kinds=["sibling"])
    adult.refresh_from_db()
    assert adult.person is None
    assert not Person.objects.filter(last_name="Marchbanks").exists()


def test_area_worker_cannot_link_an_adult(make_user, area_team, contact_officer, family_with):
    from django.core.exceptions import PermissionDenied

    area_worker = make_user("sam", Role.AREA_WORKER, team=area_team)
    family = family_with([f.child("Amy")], [jo(c0="parent")])
    [amy] = children_of(family)
    with pytest.raises(PermissionDenied):
        link_adult(
            by=area_worker, adult=family.adults.get(), child=amy, person=None, kinds=["parent"]
        )


def test_relationships_are_changed_to_exactly_those_ticked(screener, contact_officer, family_with):
    family = family_with([f.child("Amy")], [jo(c0="parent")])
    [amy] = children_of(family)
    person = link_adult(by=screener, adult=family.adults.get(), child=amy, person=None, kinds=BOTH)
    record_relationships(
        by=screener, person=amy, relative=person, kinds=["alleged_perpetrator", "carer"]
    )
    kinds = Relationship.objects.filter(person=amy, relative=person).values_list("kind", flat=True)
    assert sorted(kinds) == ["alleged_perpetrator", "carer"]
    last = Event.objects.filter(verb="relationships_recorded").latest("occurred_at")
    assert (last.data["added"], last.data["removed"]) == (["Carer"], ["Parent's partner"])


# --- The pages ------------------------------------------------------------------------------------


def test_screener_can_link_an_adult_from_the_childs_record_and_see_them_on_both_records(
    screener, contact_officer, family_with
):
    family = family_with([f.child("Amy")], [jo(c0="partner_of_parent")])
    [amy] = children_of(family)
    client = Client()
    client.force_login(screener)
    record = client.get(reverse("people:child", args=[amy.pk])).content.decode()
    url = reverse("people:adult", args=[f.only_child(family).pk, 0])
    assert f'href="{url}"' in record and "Link to a person record" in record
    page = client.get(url)
    assert page.status_code == 200
    assert "create a new person record" in page.content.decode()
    # What the referrer said is ticked already.
    assert re.search(r'<input[^>]*value="partner_of_parent"[^>]*checked', page.content.decode())
    response = client.post(url, {"person": "new", "kinds": BOTH, "version": 1})
    assert response.status_code == 302
    assert response["Location"].endswith("#family")
    person = ContactAdult.objects.get(family=family).person
    record = client.get(reverse("people:child", args=[amy.pk])).content.decode()
    assert "Parent&#x27;s partner; alleged perpetrator" in record
    assert reverse("people:child", args=[person.pk]) in record
    assert "Change relationships" in record
    theirs = client.get(reverse("people:child", args=[person.pk])).content.decode()
    assert "Amy Smith" in theirs
    assert "Jonty is their parent&#x27;s partner; alleged perpetrator" in theirs


def test_no_relationship_ticked_is_shown_the_govuk_way(screener, contact_officer, family_with):
    family = family_with([f.child("Amy")], [jo(c0="parent")])
    [amy] = children_of(family)
    client = Client()
    client.force_login(screener)
    response = client.post(
        reverse("people:adult", args=[f.only_child(family).pk, 0]), {"person": "new"}
    )
    assert response.status_code == 400
    assert "Select how Jonty Marchbanks is related to Amy" in response.content.decode()
    assert ContactAdult.objects.get(family=family).person is None


def test_no_such_adult_or_a_child_not_yet_linked_is_a_404(screener, contact_officer, family_with):
    family = family_with([f.child("Amy")], [jo(c0="parent")])
    unlinked = actions.receive_contact(
        by=contact_officer, details=replace(f.contact_details(), adults=[jo(c0="parent")])
    )
    client = Client()
    client.force_login(screener)
    for contact_id, position in (
        (f.only_child(family).pk, 5),
        (uuid.uuid4(), 0),
        (f.only_child(unlinked).pk, 0),
    ):
        url = reverse("people:adult", args=[contact_id, position])
        assert client.get(url).status_code == 404


# --- A restricted child does not leak through an adult linked to them ----------------------------


def test_an_adult_linked_to_a_restricted_child_does_not_name_the_child(
    screener, hub_worker, contact_officer, ig_lead, family_with
):
    hidden = family_with([f.child("Zephyrine", "Quillfeather")], [jo(c0="partner_of_parent")])
    seen = family_with([f.child("Ben", "Marchbanks")], [jo(c0="parent")])
    [zephyrine] = children_of(hidden)
    [ben] = children_of(seen)
    person = link_adult(
        by=screener, adult=hidden.adults.get(), child=zephyrine, person=None, kinds=BOTH
    )
    link_adult(by=screener, adult=seen.adults.get(), child=ben, person=person, kinds=["parent"])
    restrict_person(by=ig_lead, person=zephyrine, reason="Child of a staff member")

    client = Client()
    client.force_login(hub_worker)
    for page in (person.pk, ben.pk):
        content = client.get(reverse("people:child", args=[page])).content.decode()
        assert "Zephyrine" not in content and "Quillfeather" not in content
        assert str(zephyrine.pk) not in content
    theirs = client.get(reverse("people:child", args=[person.pk])).content.decode()
    assert RESTRICTED_PLACEHOLDER in theirs
    assert "Ben Marchbanks" in theirs
    api = client.get(
        f"/api/children/{person.pk}",
        headers={"Authorization": f"Bearer {token_for(hub_worker, name='adult test')}"},
    )
    assert api.status_code == 200
    body = json.dumps(api.json())
    assert "Zephyrine" not in body and str(zephyrine.pk) not in body
    # The restricted child's adult cannot be opened from her family either.
    adult_url = reverse("people:adult", args=[f.only_child(hidden).pk, 0])
    assert client.get(adult_url).status_code == 404


# --- The family on the child's record costs the same however big the family --------------------


def test_the_family_costs_the_same_number_of_queries_for_one_adult_or_four(screener, family_with):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def cost(adults: int) -> int:
        family = family_with(
            [f.child("Amy"), f.child("Ben")],
            [
                actions.AdultDetails(
                    first_name=f"Adult{n}", last_name="Marchbanks", relationships={0: "carer"}
                )
                for n in range(adults)
            ],
        )
        amy = children_of(family)[0]
        for adult in family.adults.all()[: adults - 1]:  # all but one linked, two kinds each
            link_adult(by=screener, adult=adult, child=amy, person=None, kinds=BOTH)
        with CaptureQueriesContext(connection) as queries:
            members = family_members(amy)
        assert len(members) == adults + 1  # the adults and Ben
        return len(queries)

    assert cost(1) == cost(4) == 5
