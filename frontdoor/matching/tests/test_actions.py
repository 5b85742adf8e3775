"""Recording a search, and search before create at screening."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from frontdoor.audit.models import Event
from frontdoor.audit.timeline import describe
from frontdoor.contacts import actions
from frontdoor.contacts.tests import factories as f
from frontdoor.matching.actions import record_search, search_for_child
from frontdoor.matching.models import PersonSearch
from frontdoor.matching.queries import Criteria, find_people
from frontdoor.workflow.errors import NotReady

pytestmark = pytest.mark.django_db


@pytest.fixture
def amy_on_record():
    return f.person()  # Amy Smith, 27 March 2019


@pytest.fixture
def contact(contact_officer):
    """A new contact about "Aimy Smith", date of birth not known."""
    return f.only_child(f.received(contact_officer, children=[f.child("Aimy", "Smith", born=None)]))


def test_screener_can_record_what_a_search_offered(screener, amy_on_record):
    criteria = Criteria(first_name="Amy", last_name="Smith")
    found = find_people(screener, criteria)
    search = record_search(by=screener, criteria=criteria, found=found)
    assert search.searched_by == screener
    assert search.criteria["first_name"] == "Amy"
    assert search.offered[0]["person"] == str(amy_on_record.pk)
    assert search.offered[0]["score"] == 100
    assert search.offered[0]["reasons"] == ["surname_same", "first_name_same"]


def test_partner_cannot_record_a_search(police_partner):
    with pytest.raises(PermissionDenied):
        record_search(
            by=police_partner,
            criteria=Criteria(first_name="A", last_name="B"),
            found=find_people(police_partner, Criteria()),
        )


def test_screener_can_search_for_a_contacts_child(screener, contact, amy_on_record):
    search, found = search_for_child(by=screener, contact=contact)
    assert search.contact == contact
    assert found.candidates[0].person == amy_on_record


def test_screener_cannot_create_a_person_without_searching_first(screener, contact):
    with pytest.raises(NotReady, match="Search for this child before creating"):
        actions.create_person_for_child(by=screener, contact=contact, search=None)
    contact.refresh_from_db()
    assert contact.person is None


def test_screener_cannot_create_a_person_on_someone_elses_search(screener, manager, contact):
    theirs, _ = search_for_child(by=manager, contact=contact)
    with pytest.raises(NotReady):
        actions.create_person_for_child(by=screener, contact=contact, search=theirs)


def test_screener_cannot_create_a_person_on_a_search_for_another_child(
    screener, contact_officer, contact
):
    other = f.only_child(f.received(contact_officer, children=[f.child("Beth", "Jones")]))
    elsewhere, _ = search_for_child(by=screener, contact=other)
    with pytest.raises(NotReady):
        actions.create_person_for_child(by=screener, contact=contact, search=elsewhere)


def test_screener_cannot_create_a_person_on_a_search_more_than_an_hour_old(screener, contact):
    search, _ = search_for_child(by=screener, contact=contact)
    later = timezone.now() + timedelta(minutes=61)
    with time_machine.travel(later), pytest.raises(NotReady, match="Search again"):
        actions.create_person_for_child(by=screener, contact=contact, search=search)


def test_screener_can_create_a_person_after_a_search_and_the_audit_names_it(
    screener, contact, amy_on_record
):
    search, _ = search_for_child(by=screener, contact=contact)
    person = actions.create_person_for_child(by=screener, contact=contact, search=search)
    contact.refresh_from_db()
    assert contact.person == person
    event = Event.objects.get(verb="person_created", person=person)
    assert event.data == {
        "search": str(search.pk),
        "offered": 1,
        "best_score": search.offered[0]["score"],
    }
    assert PersonSearch.objects.filter(contact=contact).count() == 1


def test_the_timeline_says_what_the_search_before_create_offered(screener, contact, amy_on_record):
    search, _ = search_for_child(by=screener, contact=contact)
    person = actions.create_person_for_child(by=screener, contact=contact, search=search)
    entry = describe(Event.objects.get(verb="person_created", person=person))
    assert entry.title == "Person record created"
    assert entry.detail.startswith("After a search that offered 1 person (best match ")
