"""One visit to a family, recorded for several of its children at once (issue 17): each child
keeps their own visit, their own words and their own audit entry; a restricted sibling the
worker may not open is neither offered nor written."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from frontdoor.access import actions as access_actions
from frontdoor.audit.models import Event
from frontdoor.contacts.models import Contact
from frontdoor.contacts.tests import factories as f
from frontdoor.contacts.workflow import Outcome
from frontdoor.decisions import actions as decision_actions
from frontdoor.visits import actions
from frontdoor.visits.models import Allocation, Visit
from frontdoor.visits.tests.test_actions import seen
from frontdoor.visits.workflow import AllocationStatus
from frontdoor.workflow.errors import NotReady
from tests.matrix_bodies import when
from tests.matrix_records import this_minute

pytestmark = pytest.mark.django_db


@pytest.fixture
def sam(make_user, area_team):
    return make_user("sam", "area_worker", team=area_team)


def siblings_allocated(manager, screener, team, worker, *, children=("Ava", "Ben")):
    family = f.screened(
        screener,
        children=[f.child(name, "Okafor", date(2015 + i, 4, 2)) for i, name in enumerate(children)],
    )
    contacts = list(Contact.objects.filter(family=family).order_by("first_name"))
    decision_actions.record_decision(
        by=manager,
        contacts=contacts,
        details=decision_actions.DecisionDetails(
            outcome=Outcome.ASSESSMENT,
            rationale="Both children need a child and family assessment",
            see_by=timezone.now() + timedelta(days=3),
            see_by_team=team,
        ),
    )
    allocations = [Allocation.objects.get(referral__contact=c) for c in contacts]
    for allocation in allocations:
        actions.allocate_worker(by=manager, allocation=allocation, worker=worker)
    return [Allocation.objects.get(pk=a.pk) for a in allocations]


def test_area_worker_can_record_one_visit_for_two_siblings_each_in_their_own_words(
    manager, screener, area_team, sam
):
    ava, ben = siblings_allocated(manager, screener, area_team, sam)
    actions.record_visit(
        by=sam,
        allocation=ava,
        details=seen(childs_views="Ava: 'I look after Ben.'"),
        also=[(ben, seen(childs_views="Ben: 'I like football.'", seen_alone=False))],
    )
    assert Visit.objects.get(allocation=ava).childs_views == "Ava: 'I look after Ben.'"
    assert Visit.objects.get(allocation=ben).childs_views == "Ben: 'I like football.'"
    for allocation in (ava, ben):
        allocation.refresh_from_db()
        assert allocation.status == AllocationStatus.SEEN
    events = Event.objects.filter(verb="visit_recorded")
    assert sorted(e.person_id for e in events) == sorted([ava.person_id, ben.person_id])


def test_a_siblings_missing_words_stop_the_whole_visit_and_name_the_child(
    manager, screener, area_team, sam
):
    ava, ben = siblings_allocated(manager, screener, area_team, sam)
    with pytest.raises(NotReady) as refused:
        actions.record_visit(
            by=sam, allocation=ava, details=seen(), also=[(ben, seen(childs_views=""))]
        )
    assert any(p.startswith("Ben Okafor:") for p in refused.value.reasons)
    assert not Visit.objects.exists()


def _form(allocation, **extra):
    return {
        "version": allocation.version,
        **when("visited_at", this_minute()),  # not before the transfer
        "location": "The family home",
        "child_seen": "yes",
        "seen_alone": "yes",
        "childs_views": "'Mum cries a lot.'",
        "daily_life": "Walks to school with Ben.",
        **extra,
    }


def test_area_worker_can_record_the_siblings_on_the_visit_page(manager, screener, area_team, sam):
    ava, ben = siblings_allocated(manager, screener, area_team, sam)
    client = Client()
    client.force_login(sam)
    page = client.get(f"/visits/{ava.pk}/visit/").content.decode()
    assert "Ben Okafor, from the same contact" in page
    key = ben.pk.hex
    response = client.post(
        f"/visits/{ava.pk}/visit/",
        _form(
            ava,
            **{
                f"{key}_visited": "seen",
                f"{key}_seen_alone": "no",
                f"{key}_childs_views": "'I want my dad.'",
                f"{key}_daily_life": "Plays football after school.",
            },
        ),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Visit.objects.get(allocation=ava).childs_views == "'Mum cries a lot.'"
    assert Visit.objects.get(allocation=ben).childs_views == "'I want my dad.'"


def test_a_sibling_seen_without_their_words_is_refused_the_govuk_way(
    manager, screener, area_team, sam
):
    ava, ben = siblings_allocated(manager, screener, area_team, sam)
    client = Client()
    client.force_login(sam)
    key = ben.pk.hex
    response = client.post(f"/visits/{ava.pk}/visit/", _form(ava, **{f"{key}_visited": "seen"}))
    assert response.status_code == 400
    text = response.content.decode()
    assert "Enter Ben Okafor&#x27;s views, in their own words" in text
    assert not Visit.objects.exists()


def test_a_restricted_sibling_is_neither_offered_nor_written(
    manager, screener, area_team, sam, make_user
):
    ava, ben = siblings_allocated(manager, screener, area_team, sam)
    iris = make_user("iris", "ig_lead")
    access_actions.restrict_person(by=iris, person=ben.person, reason="Staff member's child")
    client = Client()
    client.force_login(sam)
    page = client.get(f"/visits/{ava.pk}/visit/").content.decode()
    assert "Ben" not in page
    key = ben.pk.hex
    response = client.post(
        f"/visits/{ava.pk}/visit/",
        _form(ava, **{f"{key}_visited": "seen", f"{key}_childs_views": "x"}),
    )
    assert response.status_code == 302
    assert list(Visit.objects.values_list("allocation_id", flat=True)) == [ava.pk]
