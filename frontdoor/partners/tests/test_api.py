"""The partner API (docs/api.md): list the agency's open enquiries, answer one (idempotently),
submit a contact and follow it, under the same policy as the pages."""

from __future__ import annotations

import pytest

from frontdoor.access.tests.service_accounts import token_for
from frontdoor.api.tests.conftest import Api
from frontdoor.contacts.models import FamilyContact
from frontdoor.enquiries.models import Answer
from frontdoor.enquiries.tests import factories as ef
from frontdoor.partners.tests import factories as pf

pytestmark = pytest.mark.django_db

ENQUIRIES = "/api/partners/enquiries"
CONTACTS = "/api/partners/contacts"
ANSWER = {"known": "yes", "summary": "Two call-outs in March.", "known_risks": "None known"}


def api(user) -> Api:
    return Api(token_for(user, name=f"{user.username}'s case system"))


@pytest.fixture
def police_enquiries(manager, child_protection_hub, police_agency, health_agency):
    green = ef.sent(manager, child_protection_hub, police_agency, rag="green")
    red = ef.sent(manager, child_protection_hub, police_agency, rag="red")
    ef.sent(manager, child_protection_hub, health_agency, rag="red")
    return red, green


def test_police_system_lists_its_open_enquiries_soonest_due_first(police_partner, police_enquiries):
    red, green = police_enquiries
    response = api(police_partner).get(ENQUIRIES)
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    assert [item["id"] for item in body["items"]] == [str(red.pk), str(green.pk)]
    first = body["items"][0]
    assert first["rag"] == "red"
    assert first["consent_position"] == "given"
    assert first["lawful_basis"] == red.lawful_basis.text
    assert {s["name"] for s in first["subjects"]} == {"Amy Smith", "Jo Smith"}
    assert first["answer"] is None


def test_police_system_can_answer_and_a_retry_returns_the_same_answer(
    police_partner, police_enquiries
):
    red, _ = police_enquiries
    client = api(police_partner)
    headers = {"Idempotency-Key": "9b2f0d6e-answer-1"}
    first = client.post(f"{ENQUIRIES}/{red.pk}/answer", ANSWER, headers=headers)
    retry = client.post(f"{ENQUIRIES}/{red.pk}/answer", ANSWER, headers=headers)
    assert (first.status_code, retry.status_code) == (201, 200)
    assert first.json()["id"] == retry.json()["id"]
    assert Answer.objects.count() == 1
    # Answered: no longer in the open list.
    assert client.get(ENQUIRIES).json()["count"] == 1


def test_a_second_answer_with_another_key_is_a_409(police_partner, police_enquiries):
    red, _ = police_enquiries
    client = api(police_partner)
    client.post(f"{ENQUIRIES}/{red.pk}/answer", ANSWER, headers={"Idempotency-Key": "a"})
    again = client.post(f"{ENQUIRIES}/{red.pk}/answer", ANSWER, headers={"Idempotency-Key": "b"})
    assert again.status_code == 409
    assert "already answered" in again.json()["detail"]


def test_an_answer_that_is_known_needs_the_risks(police_partner, police_enquiries):
    red, _ = police_enquiries
    response = api(police_partner).post(
        f"{ENQUIRIES}/{red.pk}/answer", {"known": "yes", "summary": "Known"}
    )
    assert response.status_code == 422
    assert "Enter the risks your agency knows of" in response.content.decode()


def test_extra_keys_in_an_answer_are_refused(police_partner, police_enquiries):
    red, _ = police_enquiries
    body = {**ANSWER, "answered_by": "someone else", "agency": "Wessex Community Health"}
    response = api(police_partner).post(f"{ENQUIRIES}/{red.pk}/answer", body)
    assert response.status_code == 422
    assert Answer.objects.count() == 0


def test_health_system_gets_404_for_a_police_enquiry(health_partner, police_enquiries):
    red, _ = police_enquiries
    client = api(health_partner)
    assert client.get(f"{ENQUIRIES}/{red.pk}").status_code == 404
    assert client.post(f"{ENQUIRIES}/{red.pk}/answer", ANSWER).status_code == 404
    assert Answer.objects.count() == 0


@pytest.mark.parametrize("persona", ["hub_worker", "manager", "contact_officer"])
def test_mash_staff_cannot_use_the_partner_operations(request, persona, police_enquiries):
    client = api(request.getfixturevalue(persona))
    red, _ = police_enquiries
    assert client.get(ENQUIRIES).status_code == 403
    assert client.post(f"{ENQUIRIES}/{red.pk}/answer", ANSWER).status_code == 403


def test_anonymous_caller_is_refused():
    assert Api(None).get(ENQUIRIES).status_code == 401


# --- Submitting a contact ------------------------------------------------------------------


CONTACT = {
    "narrative": "Officers attended a domestic incident; Leo (8) was in the house.",
    "family_knows": "yes",
    "concern_categories": ["DA"],
    "children": [
        {"first_name": "Leo", "last_name": "Ashdown", "sex": "M", "date_of_birth": "2017-05-02"}
    ],
}


def test_police_system_can_submit_a_contact_once_and_follow_it(police_partner):
    client = api(police_partner)
    headers = {"Idempotency-Key": "incident-2026-000123"}
    first = client.post(CONTACTS, CONTACT, headers=headers)
    retry = client.post(CONTACTS, CONTACT, headers=headers)
    assert first.status_code == 201
    assert retry.json()["id"] == first.json()["id"]
    family = FamilyContact.objects.get()
    assert family.submitted_by_agency == police_partner.agency
    assert family.referrer_name == police_partner.get_full_name()
    body = client.get(f"{CONTACTS}/{family.pk}").json()
    assert body["reference"] == family.reference
    assert body["children"][0]["progress"] == "received"
    assert body["children"][0]["outcome"] == ""
    assert client.get(CONTACTS).json()["count"] == 1


def test_a_partner_cannot_choose_its_agency_or_source(police_partner):
    body = {**CONTACT, "referral_source": "2A", "agency": "Riverside Youth Club"}
    response = api(police_partner).post(CONTACTS, body)
    assert response.status_code == 422
    assert not FamilyContact.objects.exists()


def test_a_contact_with_no_children_says_which_field_is_wrong(police_partner):
    response = api(police_partner).post(CONTACTS, {**CONTACT, "children": []})
    assert response.status_code == 422
    assert "children" in response.content.decode()


@pytest.mark.parametrize(
    ("body", "where", "message"),
    [
        (
            {**CONTACT, "concern_categories": ["DA", "NOPE"]},
            ["body", "payload", "concern_categories", 1],
            "Unknown concern category 'NOPE'",
        ),
        (
            {
                **CONTACT,
                "adults": [
                    {
                        "first_name": "Dana",
                        "last_name": "Ashdown",
                        "relationships": [{"child": 1, "relationship": "parent"}],
                    }
                ],
            },
            ["body", "payload", "adults", 0, "relationships", 0, "child"],
            "There is no child 1: `children` has 1 (counting from 0)",
        ),
    ],
)
def test_a_partner_is_told_which_code_or_child_is_unknown(police_partner, body, where, message):
    response = api(police_partner).post(CONTACTS, body)
    assert response.status_code == 422
    assert [(p["loc"], p["msg"]) for p in response.json()["detail"]] == [(where, message)]
    assert not FamilyContact.objects.exists()


def test_health_system_gets_404_for_a_police_referral(police_partner, health_partner):
    family = pf.submitted(police_partner)
    client = api(health_partner)
    assert client.get(f"{CONTACTS}/{family.pk}").status_code == 404
    assert client.get(CONTACTS).json()["count"] == 0


def test_the_outcome_reaches_the_api_only_after_feedback(
    police_partner, screener, manager, child_protection_hub
):
    from frontdoor.partners.actions import record_referrer_feedback

    family = pf.submitted(police_partner)
    pf.decided(family, screener=screener, manager=manager, hub=child_protection_hub)
    client = api(police_partner)
    child = client.get(f"{CONTACTS}/{family.pk}").json()["children"][0]
    assert (child["progress"], child["outcome"]) == ("decided", "")
    record_referrer_feedback(by=manager, family=family, method="portal", message="Advice given.")
    child = client.get(f"{CONTACTS}/{family.pk}").json()["children"][0]
    assert (child["progress"], child["outcome"], child["message"]) == (
        "fed_back",
        "Information and advice",
        "Advice given.",
    )
