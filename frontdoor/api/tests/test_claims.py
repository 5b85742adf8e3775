"""Claims over the API: the same actions as the queue's page, the same refusals, the same
audit; a 422 names the failing field by its API key."""

from __future__ import annotations

import pytest

from frontdoor.access.models import Role
from frontdoor.audit.models import Event
from frontdoor.contacts.tests import factories as f

pytestmark = pytest.mark.django_db


def test_screener_can_claim_a_contact_and_sees_it_claimed(api_as, screener, contact_officer):
    family = f.received(contact_officer)
    response = api_as(screener).post(f"/api/contacts/{family.pk}/claim", {"queue": "screening"})
    assert response.status_code == 200
    body = response.json()
    assert (body["claimed_by"], body["claimed_in"]) == ("Alice Tester", "screening")
    assert body["reference"] == family.reference
    assert Event.objects.filter(verb="contact_claimed", actor=screener).exists()


def test_screener_cannot_claim_a_contact_another_screener_holds(
    api_as, screener, make_user, contact_officer
):
    family = f.received(contact_officer)
    bea = make_user("bea", Role.SCREENER)
    api_as(bea).post(f"/api/contacts/{family.pk}/claim", {"queue": "screening"})
    response = api_as(screener).post(f"/api/contacts/{family.pk}/claim", {"queue": "screening"})
    assert response.status_code == 409
    assert "Bea Tester claimed this contact" in response.content.decode()


def test_an_unknown_queue_is_a_422_naming_the_queue_field(api_as, screener, contact_officer):
    family = f.received(contact_officer)
    response = api_as(screener).post(f"/api/contacts/{family.pk}/claim", {"queue": "nowhere"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == "queue"


def test_screener_can_claim_next_until_nothing_is_left(api_as, screener, contact_officer):
    family = f.received(contact_officer)
    api = api_as(screener)
    first = api.post("/api/contacts/queues/screening/claim-next", {})
    assert first.status_code == 200
    assert first.json()["id"] == str(family.pk)
    assert api.post("/api/contacts/queues/screening/claim-next", {}).status_code == 204


def test_manager_can_release_a_screeners_claim(api_as, screener, manager, contact_officer):
    family = f.received(contact_officer)
    api_as(screener).post(f"/api/contacts/{family.pk}/claim", {"queue": "screening"})
    response = api_as(manager).post(f"/api/contacts/{family.pk}/release", {"queue": "screening"})
    assert response.status_code == 200
    assert response.json()["claimed_by"] is None
    assert Event.objects.get(verb="claim_released").data["claimed_by"] == "Alice Tester"


def test_hub_worker_cannot_claim_from_the_screening_queue(api_as, hub_worker, contact_officer):
    family = f.received(contact_officer)
    response = api_as(hub_worker).post(f"/api/contacts/{family.pk}/claim", {"queue": "screening"})
    assert response.status_code == 403
