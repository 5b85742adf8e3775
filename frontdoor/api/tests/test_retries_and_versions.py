"""Nothing lost, nothing doubled: a retried contact with the same `Idempotency-Key` creates
nothing new (../shared/SECURITY.md, 26), and a change made against a stale `version` is refused
with a 409 rather than silently overwriting someone else's work (27)."""

from __future__ import annotations

import pytest

from frontdoor.audit.models import Event
from frontdoor.contacts.models import Contact, FamilyContact
from frontdoor.contacts.tests import factories as f
from frontdoor.contacts.workflow import Status

from .bodies import analysis_body, contact_body, decision_body, screening_body

pytestmark = pytest.mark.django_db

STALE = (
    "Someone else changed this contact while you were working on it. "
    "Your changes have not been saved. Check the latest version and try again."
)


def test_contact_officer_can_retry_a_contact_and_get_the_same_one_back(api_as, contact_officer):
    client = api_as(contact_officer)
    key = {"Idempotency-Key": "3f1c9a52-5a7e-4d0e-9d8c-2b1f0e6a7c11"}
    first = client.post("/api/contacts", contact_body(), headers=key)
    events = Event.objects.count()
    retry = client.post("/api/contacts", contact_body(), headers=key)
    assert first.status_code == retry.status_code == 201
    assert retry.json()["id"] == first.json()["id"]
    assert [c["id"] for c in retry.json()["children"]] == [
        c["id"] for c in first.json()["children"]
    ]
    assert FamilyContact.objects.count() == 1
    assert Contact.objects.count() == 2
    assert Event.objects.count() == events


def test_contact_officer_gets_a_second_contact_without_a_key(api_as, contact_officer):
    client = api_as(contact_officer)
    client.post("/api/contacts", contact_body())
    client.post("/api/contacts", contact_body())
    assert FamilyContact.objects.count() == 2


def test_two_users_cannot_collide_on_the_same_key(api_as, contact_officer, screener):
    # Keys belong to the caller: another system choosing the same key gets its own contact,
    # never a look at someone else's.
    key = {"Idempotency-Key": "batch-2026-11-26-001"}
    first = api_as(contact_officer).post("/api/contacts", contact_body(), headers=key)
    second = api_as(screener).post("/api/contacts", contact_body(), headers=key)
    assert first.json()["id"] != second.json()["id"]
    assert FamilyContact.objects.count() == 2


def test_screener_cannot_screen_against_a_stale_version(api_as, screener, manager, contact_officer):
    contact = f.only_child(f.linked(screener, f.received(contact_officer)))
    url = f"/api/contacts/children/{contact.pk}/screening"
    family = api_as(screener).get(f"/api/contacts/{contact.family_id}").json()
    read_version = family["children"][0]["version"]
    # Meanwhile a manager screens the same child.
    meanwhile = api_as(manager).post(url, screening_body(rag="amber", version=read_version))
    assert meanwhile.status_code == 200
    response = api_as(screener).post(url, screening_body(rag="green", version=read_version))
    assert response.status_code == 409
    assert response.json() == {"detail": STALE}
    contact.refresh_from_db()
    assert contact.rag == "amber"
    assert contact.screened_by == manager


def test_screener_cannot_link_against_a_stale_version(api_as, screener, contact_officer):
    contact = f.only_child(f.received(contact_officer))
    client = api_as(screener)
    # Search before create (frontdoor/matching): the link names the search that came first.
    search_id = client.post(
        "/api/people/search",
        {"first_name": "Amy", "last_name": "Smith", "contact_id": str(contact.pk)},
    ).json()["search_id"]
    create = {"create": True, "version": 1, "search_id": search_id}
    assert client.post(f"/api/contacts/children/{contact.pk}/link", create).status_code == 200
    linked_to = Contact.objects.get(pk=contact.pk).person_id
    response = client.post(f"/api/contacts/children/{contact.pk}/link", create)
    assert response.status_code == 409
    assert response.json() == {"detail": STALE}
    assert Contact.objects.get(pk=contact.pk).person_id == linked_to


def test_hub_worker_cannot_analyse_a_contact_that_is_not_in_a_hub(api_as, hub_worker, screener):
    contact = f.only_child(f.screened(screener))
    response = api_as(hub_worker).post(
        f"/api/contacts/children/{contact.pk}/analysis", analysis_body()
    )
    assert response.status_code == 409
    assert response.json() == {
        "detail": "This contact is screened, not yet sent to a hub: "
        "it cannot be given a hub analysis now."
    }
    assert Contact.objects.get(pk=contact.pk).status == Status.SCREENED


def test_manager_who_retries_a_saved_decision_is_told_it_is_already_recorded(
    api_as, manager, child_protection_hub, area_team
):
    """Issue 15: the retry of a decision that was in fact saved (the answer lost on the way
    back) said "someone else changed this contact"."""
    contact = f.only_child(f.awaiting_decision(manager, child_protection_hub))
    body = decision_body(area_team.slug, version=contact.version)
    url = f"/api/contacts/children/{contact.pk}/decision"
    assert api_as(manager).post(url, body).status_code == 200
    again = api_as(manager).post(url, body)
    assert again.status_code == 409
    assert again.json()["detail"].startswith("This decision has already been recorded, by you.")
    assert Event.objects.filter(verb="decision_recorded", contact_id=contact.pk).count() == 1


def test_a_different_decision_on_a_decided_contact_is_still_stale(
    api_as, manager, child_protection_hub, area_team
):
    contact = f.only_child(f.awaiting_decision(manager, child_protection_hub))
    url = f"/api/contacts/children/{contact.pk}/decision"
    version = contact.version
    api_as(manager).post(url, decision_body(area_team.slug, version=version))
    other = decision_body(area_team.slug, version=version, rationale="Something else.")
    assert api_as(manager).post(url, other).json() == {"detail": STALE}
