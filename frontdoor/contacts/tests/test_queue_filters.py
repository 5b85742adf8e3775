"""Filtering and searching a queue: a GET form that works without JavaScript, kept in the
pagination links; a restricted child's name is never found by a search."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from frontdoor.access import actions as access_actions
from frontdoor.access.models import Role
from frontdoor.contacts.actions import claims
from frontdoor.contacts.models import FamilyContact
from frontdoor.contacts.queries import DECISIONS, SCREENING, QueueFilters, filtered_queue
from frontdoor.contacts.tests import factories as f

pytestmark = pytest.mark.django_db


def _received(by, hours_ago: float, first: str = "Amy", last: str = "Smith", source: str = "2A"):
    return f.received(
        by,
        received_at=timezone.now() - timedelta(hours=hours_ago),
        children=[f.child(first, last)],
        source=source,
    )


def _pks(families) -> set:
    return {family.pk for family in families}


def test_screener_can_search_the_queue_by_a_childs_name(screener, contact_officer):
    amy = _received(contact_officer, 1, "Amy", "Smith")
    _received(contact_officer, 2, "Ben", "Jones")
    found = filtered_queue(screener, SCREENING, QueueFilters(search="amy SMI"))
    assert _pks(found) == {amy.pk}


def test_screener_can_search_the_queue_by_reference(screener, contact_officer):
    amy = _received(contact_officer, 1)
    _received(contact_officer, 2)
    found = filtered_queue(screener, SCREENING, QueueFilters(search=amy.reference.lower()))
    assert _pks(found) == {amy.pk}


def test_screener_can_filter_by_source_and_overdue(screener, contact_officer):
    school = _received(contact_officer, 60, source="2A")
    police = _received(contact_officer, 0.1, source="2B")
    families = FamilyContact.objects.get(pk=school.pk)
    source = families.referral_source
    assert _pks(filtered_queue(screener, SCREENING, QueueFilters(source=source))) == {school.pk}
    overdue = filtered_queue(screener, SCREENING, QueueFilters(overdue=True))
    assert police.pk not in _pks(overdue)
    assert school.pk in _pks(overdue)


def test_manager_can_filter_decisions_by_rag_and_hub(manager, child_protection_hub):
    red = f.awaiting_decision(manager, child_protection_hub, rag="red")
    amber = f.awaiting_decision(manager, child_protection_hub, rag="amber")
    assert _pks(filtered_queue(manager, DECISIONS, QueueFilters(rags=("amber",)))) == {amber.pk}
    by_hub = filtered_queue(manager, DECISIONS, QueueFilters(hub=child_protection_hub))
    assert _pks(by_hub) == {red.pk, amber.pk}


def test_screener_can_filter_by_who_claimed(screener, make_user, contact_officer):
    bea = make_user("bea", Role.SCREENER)
    mine = _received(contact_officer, 3)
    hers = _received(contact_officer, 2)
    nobodys = _received(contact_officer, 1)
    claims.claim(by=screener, family=mine, queue=SCREENING)
    claims.claim(by=bea, family=hers, queue=SCREENING)

    def by(assignee):
        return _pks(
            filtered_queue(screener, SCREENING, QueueFilters(assignee=assignee, me=screener))
        )

    assert by("me") == {mine.pk}
    assert by("nobody") == {nobodys.pk}
    assert by(str(bea.pk)) == {hers.pk}


def test_a_search_never_finds_a_restricted_childs_name(screener, contact_officer, make_user):
    ig_lead = make_user("iris", Role.IG_LEAD)
    family = f.linked(screener, _received(contact_officer, 1, "Secret", "Child"))
    person = f.only_child(family).person
    access_actions.restrict_person(by=ig_lead, person=person, reason="Child of a staff member")
    assert _pks(filtered_queue(screener, SCREENING, QueueFilters(search="Secret"))) == set()
    assert family.pk in _pks(filtered_queue(screener, SCREENING, QueueFilters()))


def test_the_queue_page_filters_by_get_and_keeps_the_filters_in_its_pages(
    client, screener, contact_officer
):
    for n in range(55):
        _received(contact_officer, n + 1, "Amy", f"Smith{n}")
    _received(contact_officer, 0.5, "Ben", "Jones")
    client.force_login(screener)
    response = client.get(reverse("contacts:screening-queue"), {"q": "Amy"})
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 55
    page = response.content.decode()
    assert "that match the filters" in page
    assert 'href="?q=Amy&amp;page=2"' in page
    second = client.get(reverse("contacts:screening-queue"), {"q": "Amy", "page": "2"})
    assert len(second.context["page"].object_list) == 5


def test_the_queue_shows_the_source_in_words(client, screener, contact_officer):
    _received(contact_officer, 1, source="2A")
    client.force_login(screener)
    page = client.get(reverse("contacts:screening-queue")).content.decode()
    label = FamilyContact.objects.get().referral_source.label
    assert label in page


def test_an_unknown_filter_value_still_shows_the_queue(client, screener, contact_officer):
    _received(contact_officer, 1)
    client.force_login(screener)
    response = client.get(reverse("contacts:screening-queue"), {"source": "nonsense"})
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 1
