"""Claims on the queues: a worker claims the family they work on, so two never open the same
one; the queue shows who; a manager may release anyone's claim; every claim is audited."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from frontdoor.access.models import Role
from frontdoor.audit.models import Event
from frontdoor.contacts import actions
from frontdoor.contacts.actions import claims
from frontdoor.contacts.models import FamilyContact
from frontdoor.contacts.queries import DECISIONS, SCREENING, hub_queue
from frontdoor.contacts.tests import factories as f
from frontdoor.workflow.errors import NotReady

pytestmark = pytest.mark.django_db


@pytest.fixture
def second_screener(make_user):
    return make_user("bea", Role.SCREENER)


def _received(by, hours_ago: float):
    return f.received(by, received_at=timezone.now() - timedelta(hours=hours_ago))


def test_screener_can_claim_a_family_and_the_claim_is_audited(screener, contact_officer):
    family = _received(contact_officer, 1)
    claimed = claims.claim(by=screener, family=family, queue=SCREENING)
    assert claimed.claimant_in(SCREENING.slug) == screener
    event = Event.objects.get(verb="contact_claimed", family_contact=family)
    assert event.actor == screener
    assert event.data == {"queue": "Screening"}


def test_screener_cannot_claim_a_family_another_screener_claimed(
    screener, second_screener, contact_officer
):
    family = _received(contact_officer, 1)
    claims.claim(by=screener, family=family, queue=SCREENING)
    with pytest.raises(claims.ClaimedByAnother, match="Alice Tester claimed this contact"):
        claims.claim(by=second_screener, family=family, queue=SCREENING)
    assert FamilyContact.objects.get(pk=family.pk).claimed_by == screener


def test_screener_claiming_twice_changes_nothing_and_audits_once(screener, contact_officer):
    family = _received(contact_officer, 1)
    claims.claim(by=screener, family=family, queue=SCREENING)
    claims.claim(by=screener, family=family, queue=SCREENING)
    assert Event.objects.filter(verb="contact_claimed").count() == 1


def test_hub_worker_cannot_claim_from_the_screening_queue(hub_worker, contact_officer):
    family = _received(contact_officer, 1)
    with pytest.raises(PermissionDenied):
        claims.claim(by=hub_worker, family=family, queue=SCREENING)


def test_screener_cannot_claim_a_family_no_longer_in_the_queue(
    screener, contact_officer, child_protection_hub
):
    family = f.in_hub(screener, child_protection_hub)
    with pytest.raises(NotReady, match="no longer waiting"):
        claims.claim(by=screener, family=family, queue=SCREENING)


def test_a_claim_lapses_when_the_family_moves_to_the_next_queue(
    screener, hub_worker, child_protection_hub
):
    family = f.screened(screener)
    claims.claim(by=screener, family=family, queue=SCREENING)
    actions.send_to_hub(by=screener, family=family, hub=child_protection_hub)
    hub = hub_queue(child_protection_hub)
    family = FamilyContact.objects.get(pk=family.pk)
    assert family.claimant_in(hub.slug) is None
    assert claims.claim(by=hub_worker, family=family, queue=hub).claimant_in(hub.slug) == (
        hub_worker
    )


def test_screener_can_release_their_own_claim(screener, contact_officer):
    family = _received(contact_officer, 1)
    claims.claim(by=screener, family=family, queue=SCREENING)
    claims.release(by=screener, family=family, queue=SCREENING)
    assert FamilyContact.objects.get(pk=family.pk).claimed_by is None
    assert Event.objects.filter(verb="claim_released", actor=screener).exists()


def test_screener_cannot_release_another_screeners_claim(
    screener, second_screener, contact_officer
):
    family = _received(contact_officer, 1)
    claims.claim(by=screener, family=family, queue=SCREENING)
    with pytest.raises(PermissionDenied):
        claims.release(by=second_screener, family=family, queue=SCREENING)
    assert FamilyContact.objects.get(pk=family.pk).claimed_by == screener


def test_manager_can_release_another_workers_claim_and_it_says_whose(
    screener, manager, contact_officer
):
    family = _received(contact_officer, 1)
    claims.claim(by=screener, family=family, queue=SCREENING)
    claims.release(by=manager, family=family, queue=SCREENING)
    assert FamilyContact.objects.get(pk=family.pk).claimed_by is None
    event = Event.objects.get(verb="claim_released")
    assert (event.actor, event.data["claimed_by"]) == (manager, "Alice Tester")


def test_releasing_an_unclaimed_family_is_refused(screener, contact_officer):
    family = _received(contact_officer, 1)
    with pytest.raises(NotReady, match="not claimed"):
        claims.release(by=screener, family=family, queue=SCREENING)


def test_screener_claiming_next_gets_the_most_urgent_unclaimed_family(
    screener, second_screener, contact_officer
):
    newest = _received(contact_officer, 0.1)
    oldest = _received(contact_officer, 5)
    middle = _received(contact_officer, 2)
    assert claims.claim_next(by=screener, queue=SCREENING) == oldest
    assert claims.claim_next(by=second_screener, queue=SCREENING) == middle
    assert claims.claim_next(by=screener, queue=SCREENING) == newest
    assert claims.claim_next(by=second_screener, queue=SCREENING) is None
    event = Event.objects.filter(verb="contact_claimed", actor=screener).first()
    assert event is not None and event.data == {"queue": "Screening", "next": True}


def test_manager_can_claim_next_from_the_decisions_queue(manager, child_protection_hub):
    family = f.awaiting_decision(manager, child_protection_hub)
    assert claims.claim_next(by=manager, queue=DECISIONS) == family
    assert FamilyContact.objects.get(pk=family.pk).claimant_in(DECISIONS.slug) == manager


# --- pages ------------------------------------------------------------------------------------


def test_screener_sees_who_claimed_each_family_on_the_queue(
    client, screener, second_screener, contact_officer
):
    mine = _received(contact_officer, 3)
    theirs = _received(contact_officer, 2)
    _received(contact_officer, 1)
    claims.claim(by=screener, family=mine, queue=SCREENING)
    claims.claim(by=second_screener, family=theirs, queue=SCREENING)
    client.force_login(screener)
    page = client.get(reverse("contacts:screening-queue")).content.decode()
    assert "Bea Tester" in page
    assert 'Release<span class="govuk-visually-hidden"> your claim' in page
    assert 'Release<span class="govuk-visually-hidden"> Bea Tester' not in page
    assert page.count(">Claim<span") == 1
    assert "Claim the next family" in page


def test_contact_officer_sees_no_claim_buttons(client, contact_officer):
    _received(contact_officer, 1)
    client.force_login(contact_officer)
    page = client.get(reverse("contacts:screening-queue")).content.decode()
    assert "Claim the next family" not in page
    assert "Unclaimed" in page


def test_screener_claiming_from_the_queue_opens_the_family(client, screener, contact_officer):
    family = _received(contact_officer, 1)
    client.force_login(screener)
    response = client.post(reverse("contacts:claim", args=[family.pk]), {"queue": "screening"})
    assert response.status_code == 302
    assert response.url == reverse("contacts:family", args=[family.pk])
    assert FamilyContact.objects.get(pk=family.pk).claimed_by == screener


def test_screener_is_told_who_has_the_family_when_claimed_by_another(
    client, screener, second_screener, contact_officer
):
    family = _received(contact_officer, 1)
    claims.claim(by=second_screener, family=family, queue=SCREENING)
    client.force_login(screener)
    response = client.post(reverse("contacts:claim", args=[family.pk]), {"queue": "screening"})
    assert response.status_code == 409
    assert "Bea Tester claimed this contact" in response.content.decode()
    assert "govuk-error-summary" in response.content.decode()


def test_screener_claim_next_opens_the_most_urgent_family(client, screener, contact_officer):
    _received(contact_officer, 1)
    urgent = _received(contact_officer, 6)
    client.force_login(screener)
    response = client.post(reverse("contacts:claim-next", args=["screening"]))
    assert response.url == reverse("contacts:family", args=[urgent.pk])


def test_screener_told_when_nothing_is_left_to_claim(client, screener, contact_officer):
    family = _received(contact_officer, 1)
    claims.claim(by=screener, family=family, queue=SCREENING)
    client.force_login(screener)
    response = client.post(reverse("contacts:claim-next", args=["screening"]), follow=True)
    assert "nothing left to claim" in response.content.decode()


def test_manager_releases_a_claim_from_the_queue(client, screener, manager, contact_officer):
    family = _received(contact_officer, 1)
    claims.claim(by=screener, family=family, queue=SCREENING)
    client.force_login(manager)
    response = client.post(reverse("contacts:release", args=[family.pk]), {"queue": "screening"})
    assert response.url == reverse("contacts:screening-queue")
    assert FamilyContact.objects.get(pk=family.pk).claimed_by is None


def test_claim_pages_answer_get_with_405(client, screener, contact_officer):
    family = _received(contact_officer, 1)
    client.force_login(screener)
    assert client.get(reverse("contacts:claim", args=[family.pk])).status_code == 405


def test_screener_sees_who_holds_the_family_on_its_page_and_can_claim_it(
    client, screener, second_screener, contact_officer
):
    family = _received(contact_officer, 1)
    client.force_login(screener)
    page = client.get(reverse("contacts:family", args=[family.pk])).content.decode()
    assert "Claimed in “Screening”" in page
    assert ">Claim<span" in page
    claims.claim(by=second_screener, family=family, queue=SCREENING)
    page = client.get(reverse("contacts:family", args=[family.pk])).content.decode()
    assert "Bea Tester" in page
    assert ">Claim<span" not in page
