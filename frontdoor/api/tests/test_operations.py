"""Every operation's happy path, for the persona whose job it is, and the whole journey from
contact to decision through the API alone."""

from __future__ import annotations

import pytest

from frontdoor.audit.models import Event, RecordView, ViewKind
from frontdoor.contacts.models import AdultRelationship, Contact, FamilyContact
from frontdoor.contacts.tests import factories as f
from frontdoor.contacts.workflow import Status
from frontdoor.referrals.models import Referral

from .bodies import analysis_body, contact_body, decision_body, screening_body

pytestmark = pytest.mark.django_db


def _children(response) -> list[dict]:
    return response.json()["children"]


# --- one operation at a time ------------------------------------------------------------------


def test_contact_officer_can_record_a_contact_about_two_siblings(api_as, contact_officer):
    response = api_as(contact_officer).post("/api/contacts", contact_body())
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["referral_source"] == "2A"
    assert [c["first_name"] for c in body["children"]] == ["Leo", "Max"]
    assert {c["status"] for c in body["children"]} == {"awaiting_screening"}
    assert {c["version"] for c in body["children"]} == {1}
    family = FamilyContact.objects.get(pk=body["id"])
    assert family.recorded_by == contact_officer
    assert AdultRelationship.objects.filter(adult__family=family).count() == 2
    assert Event.objects.filter(verb="contact_received", family_contact=family).count() == 2


def test_screener_can_get_a_contact(api_as, screener, contact_officer):
    family = f.received(contact_officer)
    response = api_as(screener).get(f"/api/contacts/{family.pk}")
    assert response.status_code == 200
    assert response.json()["id"] == str(family.pk)
    assert RecordView.objects.filter(user=screener, family_contact=family).exists()


def test_screener_can_list_the_queues_with_their_sizes(api_as, screener, contact_officer):
    f.received(contact_officer, children=[f.child("Amy"), f.child("Ben")])
    queues = {q["slug"]: q for q in api_as(screener).get("/api/contacts/queues/").json()}
    assert queues["screening"]["children"] == 2
    assert queues["screening"]["families"] == 1
    assert queues["decisions"]["children"] == 0


def test_screener_can_page_through_the_screening_queue(api_as, screener, contact_officer):
    for _ in range(3):
        f.received(contact_officer)
    client = api_as(screener)
    first = client.get("/api/contacts/queues/screening", limit=2).json()
    rest = client.get("/api/contacts/queues/screening", limit=2, offset=2).json()
    assert first["count"] == rest["count"] == 3
    assert len(first["items"]) == 2
    assert len(rest["items"]) == 1
    assert first["items"][0]["due"] <= first["items"][1]["due"] <= rest["items"][0]["due"]


def test_screener_can_link_a_child_to_a_new_person(api_as, screener, contact_officer):
    contact = f.only_child(f.received(contact_officer))
    client = api_as(screener)
    # Search before create (frontdoor/matching): the link names the search that came first.
    searched = client.post(
        "/api/people/search",
        {"first_name": "Amy", "last_name": "Smith", "contact_id": str(contact.pk)},
    )
    response = client.post(
        f"/api/contacts/children/{contact.pk}/link",
        {"create": True, "version": 1, "search_id": searched.json()["search_id"]},
    )
    assert response.status_code == 200, response.content
    contact.refresh_from_db()
    assert response.json()["person_id"] == str(contact.person_id)
    assert contact.person.first_name == "Amy"
    assert response.json()["version"] == 2


def test_screener_can_link_a_child_to_an_existing_person(api_as, screener, contact_officer):
    contact = f.only_child(f.received(contact_officer))
    amy = f.person()
    response = api_as(screener).post(
        f"/api/contacts/children/{contact.pk}/link", {"person_id": str(amy.pk)}
    )
    assert response.status_code == 200, response.content
    assert response.json()["person_id"] == str(amy.pk)


def test_screener_can_screen_a_child(api_as, screener, contact_officer):
    contact = f.only_child(f.linked(screener, f.received(contact_officer)))
    response = api_as(screener).post(
        f"/api/contacts/children/{contact.pk}/screening", screening_body(version=contact.version)
    )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "screened"
    assert response.json()["rag"] == "red"
    contact.refresh_from_db()
    assert contact.level_of_need.code == "4"
    assert contact.screened_by == screener


def test_screener_can_send_a_contact_to_a_hub(api_as, screener):
    family = f.screened(screener)
    response = api_as(screener).post(
        f"/api/contacts/{family.pk}/send-to-hub", {"hub": "child-protection-hub"}
    )
    assert response.status_code == 200, response.content
    assert response.json()["hub"] == "Child protection hub"
    assert {c["status"] for c in _children(response)} == {"in_hub"}


def test_hub_worker_can_record_the_hubs_analysis(
    api_as, screener, hub_worker, child_protection_hub
):
    contact = f.only_child(f.in_hub(screener, child_protection_hub))
    response = api_as(hub_worker).post(
        f"/api/contacts/children/{contact.pk}/analysis", analysis_body(version=contact.version)
    )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "awaiting_decision"
    assert response.json()["proposed_outcome"] == "strategy_discussion"
    contact.refresh_from_db()
    assert contact.analysed_by == hub_worker
    assert contact.scale == 3


def test_manager_can_decide_on_a_strategy_discussion_and_a_referral_is_opened(
    api_as, manager, screener, child_protection_hub, area_team
):
    contact = f.only_child(f.awaiting_decision(manager, child_protection_hub))
    response = api_as(manager).post(
        f"/api/contacts/children/{contact.pk}/decision",
        decision_body(area_team.slug, version=contact.version),
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "decided"
    assert body["decision"]["outcome"] == "strategy_discussion"
    assert body["decision"]["see_by_team"] == "North area team"
    referral = Referral.objects.get(contact=contact)
    assert referral.person_id == contact.person_id


def test_hub_worker_can_read_a_childs_summary(api_as, screener, hub_worker, child_protection_hub):
    contact = f.only_child(f.in_hub(screener, child_protection_hub))
    response = api_as(hub_worker).get(f"/api/children/{contact.person_id}")
    assert response.status_code == 200
    body = response.json()
    assert body["first_name"] == "Amy"
    assert [c["status"] for c in body["contacts"]] == ["in_hub"]
    assert "sent_to_hub" in [e["verb"] for e in body["timeline"]]
    assert "Decision on the contact" in [d["label"] for d in body["deadlines"]]


def test_reading_a_childs_summary_writes_a_record_view(api_as, hub_worker, screener):
    contact = f.only_child(f.screened(screener))
    api_as(hub_worker).get(f"/api/children/{contact.person_id}")
    view = RecordView.objects.get(user=hub_worker, person=contact.person)
    assert view.kind == ViewKind.CHILD_RECORD
    assert view.role == "hub_worker"
    assert view.path == f"/api/children/{contact.person_id}"
    assert view.request_id


# --- the whole journey ------------------------------------------------------------------------


def test_mash_can_take_two_siblings_from_contact_to_decision_through_the_api_alone(
    api_as, contact_officer, screener, hub_worker, manager, area_team
):
    colin, alice, hamid, maya = (
        api_as(contact_officer),
        api_as(screener),
        api_as(hub_worker),
        api_as(manager),
    )

    created = colin.post("/api/contacts", contact_body(), headers={"Idempotency-Key": "journey-1"})
    assert created.status_code == 201, created.content
    family_id = created.json()["id"]

    queue = alice.get("/api/contacts/queues/screening").json()
    assert [item["id"] for item in queue["items"]] == [family_id]
    children = alice.get(f"/api/contacts/{family_id}").json()["children"]

    for child in children:
        searched = alice.post(
            "/api/people/search",
            {
                "first_name": child["first_name"],
                "last_name": child["last_name"],
                "contact_id": child["id"],
            },
        )
        linked = alice.post(
            f"/api/contacts/children/{child['id']}/link",
            {
                "create": True,
                "version": child["version"],
                "search_id": searched.json()["search_id"],
            },
        )
        assert linked.status_code == 200, linked.content
        screened = alice.post(
            f"/api/contacts/children/{child['id']}/screening",
            screening_body(version=linked.json()["version"]),
        )
        assert screened.status_code == 200, screened.content

    sent = alice.post(f"/api/contacts/{family_id}/send-to-hub", {"hub": "child-protection-hub"})
    assert sent.status_code == 200, sent.content

    hub_queue = hamid.get("/api/contacts/queues/child-protection-hub").json()
    assert [item["id"] for item in hub_queue["items"]] == [family_id]
    for child in hub_queue["items"][0]["children"]:
        analysed = hamid.post(
            f"/api/contacts/children/{child['id']}/analysis",
            analysis_body(version=child["version"]),
        )
        assert analysed.status_code == 200, analysed.content

    decisions = maya.get("/api/contacts/queues/decisions").json()
    assert [item["id"] for item in decisions["items"]] == [family_id]
    for child in decisions["items"][0]["children"]:
        decided = maya.post(
            f"/api/contacts/children/{child['id']}/decision",
            decision_body(area_team.slug, version=child["version"]),
        )
        assert decided.status_code == 200, decided.content

    assert set(Contact.objects.filter(family_id=family_id).values_list("status", flat=True)) == {
        Status.DECIDED
    }
    assert Referral.objects.filter(contact__family_id=family_id).count() == 2

    person_id = decided.json()["person_id"]
    summary = maya.get(f"/api/children/{person_id}").json()
    labels = [d["label"] for d in summary["deadlines"]]
    assert "Child to be seen by North area team" in labels
    assert "Child and family assessment" in labels
    assert summary["contacts"][0]["outcome"] == "strategy_discussion"
    verbs = [e["verb"] for e in summary["timeline"]]
    for verb in [
        "contact_received",
        "child_linked",
        "screening_recorded",
        "sent_to_hub",
        "analysis_recorded",
        "decision_recorded",
        "referral_opened",
    ]:
        assert verb in verbs
    assert [m["name"] for m in summary["family"] if m["relationship"] == "Parent"] == [
        "Dana Ashdown"
    ]
