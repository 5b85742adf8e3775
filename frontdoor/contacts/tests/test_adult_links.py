"""Linking an adult named in a contact through the API, and undoing a link to the wrong person
record on the page and through the API (issue 17): linking's policy, the adult's version
compared, the history kept (audited with the reason, on the timeline, listed as not published)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from frontdoor.access.tests.service_accounts import token_for
from frontdoor.audit.models import Event
from frontdoor.audit.timeline import describe
from frontdoor.contacts import actions
from frontdoor.contacts.actions.adults import link_adult, unlink_adult
from frontdoor.contacts.models import ContactAdult, FamilyContact
from frontdoor.contacts.tests import factories as f
from frontdoor.outbox.types import NOT_PUBLISHED
from frontdoor.people.models import Person, Relationship
from frontdoor.workflow.errors import NotReady, StaleRecord

pytestmark = pytest.mark.django_db

BOTH = ["partner_of_parent", "alleged_perpetrator"]


@pytest.fixture
def family(contact_officer, screener) -> FamilyContact:
    """Amy and Ben, and Jonty, told as Amy's parent's partner and Ben's parent."""
    jonty = actions.AdultDetails(
        first_name="Jonty",
        last_name="Marchbanks",
        date_of_birth=date(1990, 5, 17),
        relationships={0: "partner_of_parent", 1: "parent"},
    )
    details = replace(f.contact_details(children=[f.child("Amy"), f.child("Ben")]), adults=[jonty])
    return f.linked(screener, actions.receive_contact(by=contact_officer, details=details))


def amy_of(family: FamilyContact):
    return family.contacts.get(position=0)


def api(user):
    client = Client()
    headers = {"Authorization": f"Bearer {token_for(user, name='adult links')}"}
    return client, headers


def adult_path(family: FamilyContact, tail: str = "") -> str:
    return f"/api/contacts/children/{amy_of(family).pk}/adults/0{tail}"


# --- Linking through the API ---------------------------------------------------------------------


def test_screener_can_link_an_adult_as_two_things_to_a_child_through_the_api(screener, family):
    client, headers = api(screener)
    read = client.get(adult_path(family), headers=headers)
    assert read.status_code == 200, read.content
    assert read.json()["person_id"] is None
    assert read.json()["told"] == ["partner_of_parent"]
    answer = client.post(
        adult_path(family, "/link"),
        {"create": True, "kinds": BOTH, "version": read.json()["version"]},
        content_type="application/json",
        headers=headers,
    )
    assert answer.status_code == 200, answer.content
    body = answer.json()
    assert sorted(body["kinds"]) == sorted(BOTH)
    assert body["version"] == read.json()["version"] + 1
    jonty = Person.objects.get(pk=body["person_id"])
    amy = amy_of(family).person
    assert set(
        Relationship.objects.filter(person=amy, relative=jonty).values_list("kind", flat=True)
    ) == set(BOTH)
    # Sent again for the same record, it changes the relationships.
    again = client.post(
        adult_path(family, "/link"),
        {"person_id": str(jonty.pk), "kinds": ["carer"], "version": body["version"]},
        content_type="application/json",
        headers=headers,
    )
    assert again.status_code == 200, again.content
    assert again.json()["kinds"] == ["carer"]


def test_screener_cannot_link_an_adult_from_a_stale_version_through_the_api(
    screener, manager, family
):
    client, headers = api(screener)
    version = client.get(adult_path(family), headers=headers).json()["version"]
    amy = amy_of(family).person
    link_adult(by=manager, adult=family.adults.get(), child=amy, person=None, kinds=["parent"])
    answer = client.post(
        adult_path(family, "/link"),
        {"create": True, "kinds": BOTH, "version": version},
        content_type="application/json",
        headers=headers,
    )
    assert answer.status_code == 409
    assert "Someone else changed" in answer.json()["detail"]
    assert Person.objects.filter(last_name="Marchbanks").count() == 1  # the manager's only


def test_contact_officer_cannot_link_an_adult_through_the_api(contact_officer, family):
    client, headers = api(contact_officer)
    answer = client.post(
        adult_path(family, "/link"),
        {"create": True, "kinds": BOTH},
        content_type="application/json",
        headers=headers,
    )
    assert answer.status_code == 403
    assert family.adults.get().person_id is None


def test_an_api_link_names_a_wrong_kind_by_its_key(screener, family):
    client, headers = api(screener)
    answer = client.post(
        adult_path(family, "/link"),
        {"create": True, "kinds": ["sibling"]},
        content_type="application/json",
        headers=headers,
    )
    assert answer.status_code == 422
    assert answer.json()["detail"][0]["loc"][:3] == ["body", "payload", "kinds"]


# --- Undoing a link to the wrong record ----------------------------------------------------------


def test_manager_can_undo_a_link_to_the_wrong_record_and_the_history_stays(
    screener, manager, family
):
    amy, ben = (c.person for c in family.contacts.order_by("position"))
    adult = family.adults.get()
    wrong = link_adult(by=screener, adult=adult, child=amy, person=None, kinds=BOTH)
    assert Relationship.objects.filter(relative=wrong).count() == 3  # Amy's two, Ben's one

    unlinked = unlink_adult(
        by=manager,
        adult=ContactAdult.objects.get(pk=adult.pk),
        child=amy,
        reason="A different date of birth on the police record",
    )

    assert unlinked == wrong
    adult.refresh_from_db()
    assert adult.person is None and adult.version == 3
    assert not Relationship.objects.filter(relative=wrong).exists()
    assert Person.objects.filter(pk=wrong.pk).exists()  # the record stays: it may be someone's
    event = Event.objects.get(verb="adult_unlinked", person=amy, actor=manager)
    assert event.reason == "A different date of birth on the police record"
    assert event.data == {"adult": str(wrong.pk), "position": 0}
    assert "Reason: A different date of birth" in describe(event).detail
    removed = Event.objects.filter(verb="relationships_recorded", person=ben).latest("id")
    assert removed.data["removed"] == ["Parent"]
    assert "adult_unlinked" in NOT_PUBLISHED
    # The adult is as the referrer described them, and can be linked again.
    right = link_adult(by=manager, adult=adult, child=amy, person=None, kinds=["parent"])
    assert right != wrong


def test_undoing_a_link_keeps_what_another_contact_recorded_about_the_same_person(
    screener, manager, contact_officer, family
):
    amy = amy_of(family).person
    wrong = link_adult(by=screener, adult=family.adults.get(), child=amy, person=None, kinds=BOTH)
    # A later contact about Amy names the same man, linked to the same record.
    jonty = actions.AdultDetails(
        first_name="Jonty", last_name="Marchbanks", relationships={0: "carer"}
    )
    later = actions.receive_contact(
        by=contact_officer,
        details=replace(f.contact_details(children=[f.child("Amy")]), adults=[jonty]),
    )
    later_contact = f.only_child(later)
    actions.link_child(by=screener, contact=later_contact, person=amy)
    link_adult(by=screener, adult=later.adults.get(), child=amy, person=wrong, kinds=BOTH)

    unlink_adult(by=manager, adult=family.adults.get(), child=amy, reason="Wrong man")

    assert set(
        Relationship.objects.filter(person=amy, relative=wrong).values_list("kind", flat=True)
    ) == set(BOTH)


def test_nobody_can_undo_a_link_without_a_reason_or_from_a_stale_version(screener, manager, family):
    amy = amy_of(family).person
    link_adult(by=screener, adult=family.adults.get(), child=amy, person=None, kinds=BOTH)
    with pytest.raises(NotReady):
        unlink_adult(by=manager, adult=family.adults.get(), child=amy, reason="  ")
    with pytest.raises(StaleRecord):
        unlink_adult(
            by=manager, adult=family.adults.get(), child=amy, reason="Wrong", expected_version=1
        )
    assert family.adults.get().person_id is not None


def test_manager_can_undo_a_link_on_the_page(screener, manager, family):
    amy = amy_of(family)
    adult = family.adults.get()
    link_adult(by=screener, adult=adult, child=amy.person, person=None, kinds=BOTH)
    client = Client()
    client.force_login(manager)
    adult_page = reverse("people:adult", args=[amy.pk, 0])
    unlink_page = reverse("people:adult-unlink", args=[amy.pk, 0])
    assert unlink_page in client.get(adult_page).content.decode()  # reached by a link
    page = client.get(unlink_page)
    assert page.status_code == 200

    empty = client.post(unlink_page, {"reason": "", "version": 2})
    assert empty.status_code == 400
    assert "Enter why the adult was linked to the wrong record" in empty.content.decode()
    stale = client.post(unlink_page, {"reason": "Wrong man", "version": 1})
    assert stale.status_code == 400
    assert "Someone else changed" in stale.content.decode()
    assert family.adults.get().person_id is not None

    done = client.post(unlink_page, {"reason": "Wrong man", "version": 2})
    assert done.status_code == 302 and done.url == adult_page
    assert family.adults.get().person_id is None
    assert "None of these: create a new person record" in client.get(adult_page).content.decode()


def test_contact_officer_cannot_undo_a_link(screener, contact_officer, family):
    amy = amy_of(family)
    link_adult(by=screener, adult=family.adults.get(), child=amy.person, person=None, kinds=BOTH)
    client = Client()
    client.force_login(contact_officer)
    unlink_page = reverse("people:adult-unlink", args=[amy.pk, 0])
    assert client.post(unlink_page, {"reason": "Wrong", "version": 2}).status_code == 403
    assert family.adults.get().person_id is not None


def test_manager_can_undo_a_link_through_the_api_and_a_stale_version_is_a_409(
    screener, manager, family
):
    amy = amy_of(family).person
    link_adult(by=screener, adult=family.adults.get(), child=amy, person=None, kinds=BOTH)
    client, headers = api(manager)
    stale = client.post(
        adult_path(family, "/unlink"),
        {"reason": "Wrong man", "version": 1},
        content_type="application/json",
        headers=headers,
    )
    assert stale.status_code == 409
    missing = client.post(
        adult_path(family, "/unlink"),
        {"reason": "", "version": 2},
        content_type="application/json",
        headers=headers,
    )
    assert missing.status_code == 422
    assert missing.json()["detail"][0]["loc"] == ["body", "payload", "reason"]
    done = client.post(
        adult_path(family, "/unlink"),
        {"reason": "Wrong man", "version": 2},
        content_type="application/json",
        headers=headers,
    )
    assert done.status_code == 200, done.content
    assert done.json()["person_id"] is None and done.json()["kinds"] == []
    assert done.json()["version"] == 3


def test_an_adults_place_beyond_any_contact_is_a_422_not_a_database_error(screener, family):
    client, headers = api(screener)
    answer = client.get(
        f"/api/contacts/children/{amy_of(family).pk}/adults/99999999999999999999", headers=headers
    )
    assert answer.status_code == 422
