"""The hub's consent and enquiries over the API (/api/enquiries): the same actions as the pages,
the same refusals, the same audit events; a 422 names the failing field by its API key."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from frontdoor.api.tests.bodies import failing_fields, problems
from frontdoor.audit.models import Event, RecordView
from frontdoor.contacts.tests import factories as f
from frontdoor.enquiries.models import Consent, Enquiry
from frontdoor.enquiries.tests import factories as ef

pytestmark = pytest.mark.django_db


def _at(minutes_ago: int = 10) -> str:
    return (timezone.now() - timedelta(minutes=minutes_ago)).isoformat()


def given(**changes):
    return {
        "position": "given",
        "person_asked": "Jo Smith (mother)",
        "decided_at": _at(),
        **changes,
    }


def not_sought(**changes):
    return {
        "position": "not_sought",
        "decided_at": _at(),
        "without_consent_reason": ef.without_consent_reason().pk,
        "without_consent_detail": "Father is the alleged abuser and lives at the address",
        **changes,
    }


def send_body(agency, **changes):
    return {
        "agencies": [str(agency.pk)],
        "question": "Any incidents at the address in the last year?",
        "lawful_basis": ef.basis().pk,
        **changes,
    }


# --- Consent ---------------------------------------------------------------------------------


def test_hub_worker_can_record_consent_given(api_as, hub_worker, manager, child_protection_hub):
    family = f.in_hub(manager, child_protection_hub)
    response = api_as(hub_worker).post(f"/api/enquiries/contacts/{family.pk}/consent", given())
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["consent"]["status"], body["consent"]["version"]) == ("given", 1)
    assert body["blockers"] == []
    assert Event.objects.filter(verb="consent_recorded", actor=hub_worker).count() == 1


def test_screener_cannot_record_consent(api_as, screener, manager, child_protection_hub):
    family = f.in_hub(manager, child_protection_hub)
    response = api_as(screener).post(f"/api/enquiries/contacts/{family.pk}/consent", given())
    assert response.status_code == 403
    assert not Consent.objects.filter(family=family).exists()


def test_a_consent_without_its_reasons_is_a_422_naming_each_field(
    api_as, hub_worker, manager, child_protection_hub
):
    family = f.in_hub(manager, child_protection_hub)
    body = not_sought(without_consent_reason=None, without_consent_detail="")
    response = api_as(hub_worker).post(f"/api/enquiries/contacts/{family.pk}/consent", body)
    assert failing_fields(response) == [
        "body.payload.without_consent_reason",
        "body.payload.without_consent_detail",
    ]
    assert problems(response)[0] == {
        "type": "value_error",
        "loc": ["body", "payload", "without_consent_reason"],
        "msg": "Choose the lawful reason for proceeding without consent",
    }
    assert not Consent.objects.filter(family=family).exists()


def test_an_unknown_reason_is_a_422_naming_it(api_as, hub_worker, manager, child_protection_hub):
    family = f.in_hub(manager, child_protection_hub)
    body = not_sought(without_consent_reason=ef.basis().pk)  # a lawful basis, not this list's
    response = api_as(hub_worker).post(f"/api/enquiries/contacts/{family.pk}/consent", body)
    assert failing_fields(response) == ["body.payload.without_consent_reason"]


def test_manager_can_authorise_proceeding_without_consent(
    api_as, hub_worker, manager, child_protection_hub
):
    family = f.in_hub(manager, child_protection_hub)
    recorded = api_as(hub_worker).post(f"/api/enquiries/contacts/{family.pk}/consent", not_sought())
    assert recorded.json()["consent"]["status"] == "awaiting_authorisation"
    version = recorded.json()["consent"]["version"]
    response = api_as(manager).post(
        f"/api/enquiries/contacts/{family.pk}/consent/decision",
        {"decision": "authorise", "version": version},
    )
    assert response.status_code == 200, response.content
    assert response.json()["consent"]["status"] == "authorised"
    assert response.json()["consent"]["authorised_by"] == "Maya Tester"
    assert Event.objects.filter(verb="proceeding_without_consent_authorised").count() == 1


def test_hub_worker_cannot_authorise_proceeding_without_consent(
    api_as, hub_worker, manager, child_protection_hub
):
    family = f.in_hub(manager, child_protection_hub)
    api_as(hub_worker).post(f"/api/enquiries/contacts/{family.pk}/consent", not_sought())
    response = api_as(hub_worker).post(
        f"/api/enquiries/contacts/{family.pk}/consent/decision",
        {"decision": "authorise", "version": 1},
    )
    assert response.status_code == 403
    assert Consent.objects.get(family=family).status == "awaiting_authorisation"


def test_manager_cannot_authorise_the_position_they_recorded(api_as, manager, child_protection_hub):
    family = f.in_hub(manager, child_protection_hub)
    api_as(manager).post(f"/api/enquiries/contacts/{family.pk}/consent", not_sought())
    response = api_as(manager).post(
        f"/api/enquiries/contacts/{family.pk}/consent/decision",
        {"decision": "authorise", "version": 1},
    )
    assert problems(response) == [
        {
            "type": "not_ready",
            "loc": [],
            "msg": "Another manager must decide: you recorded this consent position",
        }
    ]


def test_manager_cannot_decline_without_saying_why(
    api_as, hub_worker, manager, child_protection_hub
):
    family = f.in_hub(manager, child_protection_hub)
    api_as(hub_worker).post(f"/api/enquiries/contacts/{family.pk}/consent", not_sought())
    response = api_as(manager).post(
        f"/api/enquiries/contacts/{family.pk}/consent/decision",
        {"decision": "decline", "note": "  ", "version": 1},
    )
    assert failing_fields(response) == ["body.payload.note"]
    assert Consent.objects.get(family=family).status == "awaiting_authorisation"


# --- Sending, reading the answers, withdrawing -------------------------------------------------


def test_hub_worker_can_send_enquiries_and_a_retry_sends_nothing_twice(
    api_as, hub_worker, manager, child_protection_hub, police_agency
):
    family = ef.in_hub_with_consent(manager, child_protection_hub)
    api = api_as(hub_worker)
    key = {"Idempotency-Key": "3f1c9a7e-0b5d-4c2e-9f8a-1d2e3f4a5b6c"}
    url = f"/api/enquiries/contacts/{family.pk}/send"
    first = api.post(url, send_body(police_agency), headers=key)
    assert first.status_code == 201, first.content
    [sent] = first.json()
    assert (sent["agency"], sent["status"], sent["reference"]) == (
        "Wessex Police",
        "sent",
        family.reference,
    )
    again = api.post(url, send_body(police_agency), headers=key)
    assert again.status_code == 201
    assert [e["id"] for e in again.json()] == [sent["id"]]
    assert Enquiry.objects.filter(family=family).count() == 1
    assert Event.objects.filter(verb="enquiry_sent").count() == 1


def test_the_same_key_for_another_family_sends_that_familys_enquiry(
    api_as, hub_worker, manager, child_protection_hub, police_agency
):
    key = {"Idempotency-Key": "same-key"}
    api = api_as(hub_worker)
    for _ in range(2):
        family = ef.in_hub_with_consent(manager, child_protection_hub)
        url = f"/api/enquiries/contacts/{family.pk}/send"
        response = api.post(url, send_body(police_agency), headers=key)
        assert response.json()[0]["family_id"] == str(family.pk)
    assert Enquiry.objects.count() == 2


def test_screener_cannot_send_enquiries(
    api_as, screener, manager, child_protection_hub, police_agency
):
    family = ef.in_hub_with_consent(manager, child_protection_hub)
    response = api_as(screener).post(
        f"/api/enquiries/contacts/{family.pk}/send", send_body(police_agency)
    )
    assert response.status_code == 403
    assert not Enquiry.objects.exists()


def test_enquiries_cannot_go_before_consent_is_recorded(
    api_as, hub_worker, manager, child_protection_hub, police_agency
):
    family = f.in_hub(manager, child_protection_hub)
    response = api_as(hub_worker).post(
        f"/api/enquiries/contacts/{family.pk}/send", send_body(police_agency)
    )
    assert problems(response) == [
        {
            "type": "not_ready",
            "loc": [],
            "msg": "Record the family's consent position before sending enquiries",
        }
    ]


def test_an_unknown_agency_or_lawful_basis_is_a_422_naming_the_field(
    api_as, hub_worker, manager, child_protection_hub, police_agency
):
    family = ef.in_hub_with_consent(manager, child_protection_hub)
    url = f"/api/enquiries/contacts/{family.pk}/send"
    api = api_as(hub_worker)
    body = send_body(police_agency, agencies=[str(police_agency.pk), str(family.pk)])
    assert failing_fields(api.post(url, body)) == ["body.payload.agencies.1"]
    wrong_list = ef.without_consent_reason().pk
    body = send_body(police_agency, lawful_basis=wrong_list)
    assert failing_fields(api.post(url, body)) == ["body.payload.lawful_basis"]
    assert failing_fields(api.post(url, send_body(police_agency, agencies=[]))) == [
        "body.payload.agencies"
    ]
    assert not Enquiry.objects.exists()


def test_hub_worker_can_read_a_partners_answer(
    api_as, hub_worker, manager, child_protection_hub, police_agency, police_partner
):
    enquiry = ef.sent(manager, child_protection_hub, police_agency)
    ef.answered(police_partner, enquiry)
    api = api_as(hub_worker)
    response = api.get(f"/api/enquiries/contacts/{enquiry.family_id}")
    assert response.status_code == 200
    [row] = response.json()["enquiries"]
    assert row["glance"] == "answered"
    assert row["answer"]["known_risks"] == "Father has a caution for assault (2024)."
    assert RecordView.objects.filter(user=hub_worker).exists()
    one = api.get(f"/api/enquiries/{enquiry.pk}")
    assert one.json()["answer"]["known"] == "yes"
    # Answered: nothing outstanding.
    assert api.get("/api/enquiries/").json() == {"items": [], "count": 0}


def test_partner_cannot_read_the_hubs_view_of_an_enquiry(
    api_as, manager, child_protection_hub, police_agency, health_agency, police_partner
):
    own = ef.sent(manager, child_protection_hub, police_agency)
    other = ef.sent(manager, child_protection_hub, health_agency)
    api = api_as(police_partner)
    assert api.get(f"/api/enquiries/{own.pk}").status_code == 403
    assert api.get(f"/api/enquiries/{other.pk}").status_code == 404
    assert api.get("/api/enquiries/").status_code == 403


def test_hub_worker_can_withdraw_an_enquiry(
    api_as, hub_worker, screener, manager, child_protection_hub, police_agency
):
    enquiry = ef.sent(manager, child_protection_hub, police_agency)
    body = {"reason": "Sent in error", "version": enquiry.version}
    assert api_as(screener).post(f"/api/enquiries/{enquiry.pk}/withdraw", body).status_code == 403
    response = api_as(hub_worker).post(f"/api/enquiries/{enquiry.pk}/withdraw", body)
    assert response.status_code == 200, response.content
    assert (response.json()["status"], response.json()["glance"]) == ("withdrawn", "withdrawn")
    assert Event.objects.filter(verb="enquiry_withdrawn", reason="Sent in error").exists()
    stale = api_as(hub_worker).post(f"/api/enquiries/{enquiry.pk}/withdraw", body)
    assert stale.status_code == 409


def test_a_partners_missing_risks_are_a_422_naming_known_risks(
    api_as, manager, child_protection_hub, police_agency, police_partner
):
    enquiry = ef.sent(manager, child_protection_hub, police_agency)
    response = api_as(police_partner).post(
        f"/api/partners/enquiries/{enquiry.pk}/answer",
        {"known": "yes", "summary": "Two call-outs in March."},
    )
    assert failing_fields(response) == ["body.payload.known_risks"]
