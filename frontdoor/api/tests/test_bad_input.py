"""Bad input gets a 422 that names the failing field, and nothing is saved or changed
(../shared/SECURITY.md, 6 and 23). Extra keys such as `role` or `status` are refused outright:
they never reach an action, so they can never change anything."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone

from frontdoor.access.models import Role
from frontdoor.audit.models import Event
from frontdoor.contacts.models import Contact, FamilyContact
from frontdoor.contacts.tests import factories as f
from frontdoor.contacts.workflow import Status
from frontdoor.people.models import Person

from .bodies import child, contact_body, decision_body, failing_fields, problems, screening_body

pytestmark = pytest.mark.django_db

TOMORROW = (timezone.localdate() + timedelta(days=1)).isoformat()


def _without(key: str) -> dict[str, Any]:
    body = contact_body()
    del body[key]
    return body


def _with_child(**changes: Any) -> dict[str, Any]:
    return contact_body(children=[{**child("Leo", "2017-05-02"), **changes}])


BAD_CONTACTS = {
    "no children key": (_without("children"), "body.payload.children"),
    "an empty list of children": (contact_body(children=[]), "body.payload.children"),
    "date_of_birth 0": (_with_child(date_of_birth=0), "body.payload.children.0.date_of_birth"),
    "date_of_birth '0'": (_with_child(date_of_birth="0"), "body.payload.children.0.date_of_birth"),
    "date_of_birth in the future": (
        _with_child(date_of_birth=TOMORROW),
        "body.payload.children.0.date_of_birth",
    ),
    "date_of_birth in 1066": (
        _with_child(date_of_birth="1066-10-14"),
        "body.payload.children.0.date_of_birth",
    ),
    "a child with neither date": (
        _with_child(date_of_birth=None),
        "body.payload.children.0",
    ),
    "received_at without an offset": (
        contact_body(received_at="2026-03-29T01:30:00"),
        "body.payload.received_at",
    ),
    "received_at as a Unix time": (
        contact_body(received_at=1700000000),
        "body.payload.received_at",
    ),
    "received_at as Unix time text": (
        contact_body(received_at="1700000000"),
        "body.payload.received_at",
    ),
    "received_at in the future": (
        contact_body(received_at=(timezone.now() + timedelta(hours=2)).isoformat()),
        "body.payload.received_at",
    ),
    "received_at in year 1": (
        contact_body(received_at="0001-01-01T00:00:00+01:00"),
        "body.payload.received_at",
    ),
    "an unknown referral source": (
        contact_body(referral_source="99Z"),
        "body.payload.referral_source",
    ),
    "an unknown concern category": (
        contact_body(concern_categories=["DA", "NOPE"]),
        "body.payload.concern_categories.1",
    ),
    "an unknown agency": (
        contact_body(agency_id="00000000-0000-4000-8000-000000000000"),
        "body.payload.agency_id",
    ),
    "a relationship to a child who is not there": (
        contact_body(
            adults=[
                {
                    "first_name": "Dana",
                    "last_name": "Ashdown",
                    "relationships": [{"child": 5, "relationship": "parent"}],
                }
            ]
        ),
        "body.payload.adults.0.relationships.0.child",
    ),
    "a NUL character in the narrative": (
        contact_body(narrative="Leo said\x00 nothing"),
        "body.payload.narrative",
    ),
    "a blank first name": (_with_child(first_name="   "), "body.payload.children.0.first_name"),
    "'role': 'admin'": (contact_body(role="admin"), "body.payload.role"),
    "'status': 'decided'": (contact_body(status="decided"), "body.payload.status"),
    "'status' on a child": (_with_child(status="decided"), "body.payload.children.0.status"),
    "'recorded_by' set to someone else": (contact_body(recorded_by=1), "body.payload.recorded_by"),
    # Issue 15: neither was checked.
    "an email address that is not one": (
        contact_body(referrer_email="teacher at school"),
        "body.payload.referrer_email",
    ),
    "a postcode that is not one": (
        _with_child(postcode="NOT A PC"),
        "body.payload.children.0.postcode",
    ),
}


def _counts() -> tuple[int, ...]:
    return (
        FamilyContact.objects.count(),
        Contact.objects.count(),
        Person.objects.count(),
        Event.objects.count(),
    )


@pytest.mark.parametrize(("body", "field"), list(BAD_CONTACTS.values()), ids=list(BAD_CONTACTS))
def test_contact_officer_cannot_record_a_bad_contact(api_as, contact_officer, body, field):
    client = api_as(contact_officer)  # issuing the token is audited: before counting
    before = _counts()
    response = client.post("/api/contacts", body)
    assert field in failing_fields(response)
    assert all(p["msg"] for p in problems(response))
    assert _counts() == before


def test_contact_officer_can_read_what_is_wrong_in_plain_words(api_as, contact_officer):
    response = api_as(contact_officer).post("/api/contacts", _with_child(date_of_birth=None))
    assert problems(response) == [
        {
            "type": "value_error",
            "loc": ["body", "payload", "children", 0],
            "msg": "give either date_of_birth or, for an unborn child, expected_date_of_birth",
        }
    ]


def test_contact_officer_cannot_see_what_they_sent_echoed_in_an_error(api_as, contact_officer):
    # Error answers carry no personal data (../shared/SECURITY.md, 24): they say where and what,
    # never repeat the value.
    body = contact_body(narrative="Leo said\x00 nothing", referral_source="99Z")
    response = api_as(contact_officer).post("/api/contacts", body)
    assert response.status_code == 422
    text = response.content.decode()
    assert "Leo said" not in text
    assert "Ashdown" not in text


def test_contact_officer_cannot_make_themselves_an_admin_through_a_body(api_as, contact_officer):
    api_as(contact_officer).post(
        "/api/contacts", contact_body(role="admin", is_staff=True, team="child-protection-hub")
    )
    contact_officer.refresh_from_db()
    assert contact_officer.role == Role.CONTACT_OFFICER
    assert not contact_officer.is_staff
    assert contact_officer.team is None


def test_caller_cannot_send_a_body_that_is_not_json(api_as, contact_officer):
    client = api_as(contact_officer)  # issuing the token is audited: before counting
    before = _counts()
    response = client.post("/api/contacts", "{not json")
    assert response.status_code == 400
    assert response.json() == {"detail": "Cannot parse request body"}
    assert _counts() == before


def test_screener_cannot_mark_a_child_decided_with_an_extra_key(api_as, screener, contact_officer):
    contact = f.only_child(f.linked(screener, f.received(contact_officer)))
    response = api_as(screener).post(
        f"/api/contacts/children/{contact.pk}/screening",
        screening_body(status="decided", version=contact.version),
    )
    assert "body.payload.status" in failing_fields(response)
    contact.refresh_from_db()
    assert contact.status == Status.AWAITING_SCREENING
    assert contact.rag == ""


def test_screener_cannot_screen_with_an_unknown_level_of_need(api_as, screener, contact_officer):
    contact = f.only_child(f.linked(screener, f.received(contact_officer)))
    response = api_as(screener).post(
        f"/api/contacts/children/{contact.pk}/screening", screening_body(level_of_need="9")
    )
    assert failing_fields(response) == ["body.payload.level_of_need"]
    assert Contact.objects.get(pk=contact.pk).status == Status.AWAITING_SCREENING


def test_contact_officer_is_told_which_concern_category_is_unknown(api_as, contact_officer):
    body = contact_body(concern_categories=["DA", "NOPE"])
    response = api_as(contact_officer).post("/api/contacts", body)
    assert failing_fields(response) == ["body.payload.concern_categories.1"]
    assert problems(response)[0]["msg"] == "Unknown concern category (local) code 'NOPE'"


def test_screener_cannot_send_to_an_unknown_hub(api_as, screener):
    family = f.screened(screener)
    response = api_as(screener).post(f"/api/contacts/{family.pk}/send-to-hub", {"hub": "the-moon"})
    assert failing_fields(response) == ["body.payload.hub"]
    assert problems(response)[0]["msg"] == "Unknown hub 'the-moon'"
    assert {c.status for c in family.contacts.all()} == {Status.SCREENED}


def test_screener_cannot_send_to_a_hub_before_every_child_is_screened(api_as, screener):
    family = f.linked(screener, f.received(screener))
    response = api_as(screener).post(
        f"/api/contacts/{family.pk}/send-to-hub", {"hub": "child-protection-hub"}
    )
    assert problems(response) == [
        {
            "type": "not_ready",
            "loc": [],
            "msg": "Record the screening for Amy Smith before sending to a hub",
        }
    ]


def test_manager_cannot_decide_with_an_unknown_team(api_as, manager, child_protection_hub):
    contact = f.only_child(f.awaiting_decision(manager, child_protection_hub))
    response = api_as(manager).post(
        f"/api/contacts/children/{contact.pk}/decision", decision_body("nowhere")
    )
    assert failing_fields(response) == ["body.payload.see_by_team"]
    assert Contact.objects.get(pk=contact.pk).status == Status.AWAITING_DECISION


def test_manager_cannot_decide_with_a_naive_see_by(
    api_as, manager, child_protection_hub, area_team
):
    contact = f.only_child(f.awaiting_decision(manager, child_protection_hub))
    response = api_as(manager).post(
        f"/api/contacts/children/{contact.pk}/decision",
        decision_body(area_team.slug, see_by="2030-01-01T10:00:00"),
    )
    assert failing_fields(response) == ["body.payload.see_by"]


def test_manager_cannot_decide_on_a_strategy_discussion_without_a_see_by(
    api_as, manager, child_protection_hub, area_team
):
    contact = f.only_child(f.awaiting_decision(manager, child_protection_hub))
    response = api_as(manager).post(
        f"/api/contacts/children/{contact.pk}/decision",
        decision_body(area_team.slug, see_by=None),
    )
    assert [p["msg"] for p in problems(response)] == [
        "Enter the date and time by which the child must be seen"
    ]
    assert Contact.objects.get(pk=contact.pk).status == Status.AWAITING_DECISION


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "body.payload"),
        ({"create": True, "person_id": "00000000-0000-4000-8000-000000000000"}, "body.payload"),
        ({"person_id": "00000000-0000-4000-8000-000000000000"}, "body.payload.person_id"),
        ({"create": True, "version": 0}, "body.payload.version"),
        ({"create": True, "version": 2**70}, "body.payload.version"),
    ],
    ids=["neither", "both", "unknown person", "version 0", "version too big"],
)
def test_screener_cannot_link_a_child_with_a_bad_body(api_as, screener, body, field):
    contact = f.only_child(f.received(screener))
    response = api_as(screener).post(f"/api/contacts/children/{contact.pk}/link", body)
    assert field in failing_fields(response)
    contact.refresh_from_db()
    assert contact.person_id is None
    assert contact.version == 1


@pytest.mark.parametrize(
    ("query", "field"),
    [({"limit": 0}, "query.limit"), ({"offset": 10**30}, "query.offset")],
    ids=["limit 0", "an absurd offset"],
)
def test_screener_cannot_ask_for_an_absurd_page(api_as, screener, query, field):
    response = api_as(screener).get("/api/contacts/queues/screening", **query)
    assert field in failing_fields(response)


def test_screener_cannot_use_an_id_that_is_not_a_uuid(api_as, screener):
    response = api_as(screener).get("/api/contacts/not-a-uuid")
    assert failing_fields(response) == ["path.family_id"]


def test_contact_officer_cannot_send_an_overlong_idempotency_key(api_as, contact_officer):
    response = api_as(contact_officer).post(
        "/api/contacts", contact_body(), headers={"Idempotency-Key": "k" * 65}
    )
    assert failing_fields(response) == ["header.Idempotency-Key"]
    assert not FamilyContact.objects.exists()


def test_screener_is_told_which_sibling_is_unanswered_by_its_id(api_as, screener, contact_officer):
    """A brother on record, not in the contact, must be considered: the 422 names the answer
    for him, `siblings.<his person id>`, as the body's own key (docs/adr/0036)."""
    from frontdoor.people.actions import record_relationship
    from frontdoor.people.models import RelationshipKind

    contact = f.only_child(f.linked(screener, f.received(contact_officer)))
    ben = f.person("Ben", "Smith", date(2016, 5, 1))
    record_relationship(
        by=screener, person=contact.person, relative=ben, kind=RelationshipKind.SIBLING
    )
    response = api_as(screener).post(
        f"/api/contacts/children/{contact.pk}/screening", screening_body()
    )
    assert problems(response) == [
        {
            "type": "value_error",
            "loc": ["body", "payload", "siblings", str(ben.pk)],
            "msg": "Select what should happen for Ben Smith",
        }
    ]
    assert Contact.objects.get(pk=contact.pk).status == Status.AWAITING_SCREENING


def test_screener_cannot_create_a_person_without_a_search_and_is_told_search_id(api_as, screener):
    contact = f.only_child(f.received(screener))
    response = api_as(screener).post(f"/api/contacts/children/{contact.pk}/link", {"create": True})
    assert problems(response) == [
        {
            "type": "value_error",
            "loc": ["body", "payload", "search_id"],
            "msg": "Search for this child before creating a new person record",
        }
    ]
    contact.refresh_from_db()
    assert contact.person_id is None
