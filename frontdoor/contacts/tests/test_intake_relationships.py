"""Several relationships for one adult and one child at intake (issue 17): the referrer says the
man is the mother's partner AND the alleged perpetrator, on the question pages (checkboxes, no
JavaScript) and through the API (a list, with the single value older clients send still taken).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from frontdoor.access.tests.service_accounts import token_for
from frontdoor.api.tests.bodies import child, contact_body
from frontdoor.child_record.queries import family_members
from frontdoor.contacts import drafts
from frontdoor.contacts.models import AdultRelationship, ContactDraft, FamilyContact
from frontdoor.contacts.queries import told_kinds
from frontdoor.contacts.tests import factories as f

pytestmark = pytest.mark.django_db

BOTH = ["alleged_perpetrator", "partner_of_parent"]


def told(family: FamilyContact) -> dict[str, list[str]]:
    """Each child's first name -> what the (one) adult was told to be to them."""
    rows = AdultRelationship.objects.filter(adult__family=family).select_related("contact")
    found: dict[str, list[str]] = {}
    for row in rows.order_by("kind"):
        found.setdefault(row.contact.first_name, []).append(row.kind)
    return found


# --- The question pages --------------------------------------------------------------------------


def _draft_with_children(client: Client, *names: str) -> ContactDraft:
    client.post(reverse("contacts:new"))
    draft = ContactDraft.objects.get()
    received = timezone.localtime() - timedelta(minutes=5)
    client.post(
        reverse("contacts:draft-step", args=[draft.pk, "referrer"]),
        {
            "received_at_day": str(received.day),
            "received_at_month": str(received.month),
            "received_at_year": str(received.year),
            "received_at_time": received.strftime("%H:%M"),
            "referral_source": "2A",
            "referrer_is_public": "no",
            "referrer_name": "Ms Teacher",
        },
    )
    client.post(
        reverse("contacts:draft-step", args=[draft.pk, "concern"]),
        {"concern_categories": ["DA"], "narrative": "Frightened to go home", "family_knows": "no"},
    )
    born = timezone.localdate() - timedelta(days=2000)
    for first in names:
        client.post(
            reverse("contacts:draft-step", args=[draft.pk, "children"]),
            {
                "action": "add",
                "first_name": first,
                "last_name": "Smith",
                "sex": "F",
                "date_of_birth_day": str(born.day),
                "date_of_birth_month": str(born.month),
                "date_of_birth_year": str(born.year),
            },
        )
    return draft


def test_contact_officer_can_tick_two_relationships_for_one_adult_and_child(contact_officer):
    client = Client()
    client.force_login(contact_officer)
    draft = _draft_with_children(client, "Amy", "Ben")
    adults = reverse("contacts:draft-step", args=[draft.pk, "adults"])
    page = client.get(adults).content.decode()
    assert 'type="checkbox"' in page and "What is this adult to Amy Smith?" in page
    response = client.post(
        adults,
        {
            "action": "add",
            "first_name": "Jonty",
            "last_name": "Marchbanks",
            "relationship_0": ["partner_of_parent", "alleged_perpetrator"],
            "relationship_1": "parent",
        },
    )
    assert response.status_code == 302
    family = drafts.submit_draft(by=contact_officer, draft=ContactDraft.objects.get())
    assert told(family) == {"Amy": BOTH, "Ben": ["parent"]}


def test_contact_officer_is_told_the_govuk_way_to_say_how_an_adult_is_related(contact_officer):
    client = Client()
    client.force_login(contact_officer)
    draft = _draft_with_children(client, "Amy")
    response = client.post(
        reverse("contacts:draft-step", args=[draft.pk, "adults"]),
        {"action": "add", "first_name": "Jonty", "last_name": "Marchbanks"},
    )
    assert response.status_code in (200, 400)
    assert "Select how Jonty Marchbanks is related to Amy Smith" in response.content.decode()
    assert ContactDraft.objects.get().data.get("adults", []) == []


def test_a_draft_saved_with_one_relationship_per_child_still_submits(contact_officer):
    """Drafts typed before issue 17 hold one kind per child, as text."""
    client = Client()
    client.force_login(contact_officer)
    draft = _draft_with_children(client, "Amy")
    draft = ContactDraft.objects.get(pk=draft.pk)
    draft.data["adults"] = [
        {"first_name": "Jonty", "last_name": "Marchbanks", "relationships": {"0": "carer"}}
    ]
    draft.save()
    assert told(drafts.submit_draft(by=contact_officer, draft=draft)) == {"Amy": ["carer"]}


# --- The API -------------------------------------------------------------------------------------


def _post(user, body: dict[str, Any]):
    return Client().post(
        "/api/contacts",
        body,
        content_type="application/json",
        headers={"Authorization": f"Bearer {token_for(user, name='intake relationships')}"},
    )


def _with_adult(*relationships: dict[str, Any]) -> dict[str, Any]:
    return contact_body(
        children=[child("Leo", "2017-05-02"), child("Max", "2020-01-19")],
        adults=[
            {"first_name": "Dana", "last_name": "Ashdown", "relationships": list(relationships)}
        ],
    )


def test_contact_officer_can_send_several_relationships_for_one_child_through_the_api(
    contact_officer, screener
):
    answer = _post(
        contact_officer,
        _with_adult({"child": 0, "kinds": BOTH}, {"child": 1, "relationship": "parent"}),
    )
    assert answer.status_code == 201, answer.content
    family = FamilyContact.objects.get(pk=answer.json()["id"])
    assert told(family) == {"Leo": BOTH, "Max": ["parent"]}
    # The child's record shows the referrer's words, both of them, and linking starts from them.
    f.linked(screener, family)
    leo = family.contacts.get(position=0)
    assert told_kinds(family.adults.get(), leo.person) == BOTH
    [dana] = [m for m in family_members(leo.person) if m.name == "Dana Ashdown"]
    assert dana.relationship == "Parent's partner; alleged perpetrator"
    assert dana.source == "Named in a contact"


def test_an_older_client_sending_one_relationship_per_entry_is_still_understood(contact_officer):
    """Several entries for one child add up (before issue 17 the last one silently won)."""
    answer = _post(
        contact_officer,
        _with_adult(
            {"child": 0, "relationship": "partner_of_parent"},
            {"child": 0, "relationship": "alleged_perpetrator"},
            {"child": 1, "relationship": "parent"},
        ),
    )
    assert answer.status_code == 201, answer.content
    assert told(FamilyContact.objects.get(pk=answer.json()["id"])) == {
        "Leo": BOTH,
        "Max": ["parent"],
    }


@pytest.mark.parametrize(
    "relationship",
    [
        {"child": 0},
        {"child": 0, "relationship": "parent", "kinds": ["carer"]},
        {"child": 0, "kinds": []},
        {"child": 0, "kinds": ["aunt"]},
    ],
)
def test_an_api_relationship_that_says_nothing_or_both_ways_is_a_422_at_its_key(
    contact_officer, relationship
):
    answer = _post(contact_officer, _with_adult(relationship))
    assert answer.status_code == 422
    assert answer.json()["detail"][0]["loc"][:6] == [
        "body",
        "payload",
        "adults",
        0,
        "relationships",
        0,
    ]
    assert not FamilyContact.objects.exists()
