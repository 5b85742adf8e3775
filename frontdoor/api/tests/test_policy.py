"""Policy over the API is the pages' policy: a visible record the user may not act on is a 403;
a record outside their scope is a 404 that does not reveal it exists (../shared/STYLE.md)."""

from __future__ import annotations

import pytest

from frontdoor.audit.models import RecordView
from frontdoor.contacts.models import Contact, Decision, FamilyContact
from frontdoor.contacts.tests import factories as f
from frontdoor.contacts.workflow import Status

from .bodies import contact_body, decision_body, screening_body

pytestmark = pytest.mark.django_db

READERS_OUTSIDE_THE_MASH = ["police_partner", "health_partner", "outsider"]


def test_hub_worker_cannot_record_a_decision(
    api_as, manager, hub_worker, child_protection_hub, area_team
):
    contact = f.only_child(f.awaiting_decision(manager, child_protection_hub))
    response = api_as(hub_worker).post(
        f"/api/contacts/children/{contact.pk}/decision", decision_body(area_team.slug)
    )
    assert response.status_code == 403
    assert response.json() == {"detail": "Your role does not allow this"}
    contact.refresh_from_db()
    assert contact.status == Status.AWAITING_DECISION
    assert not Decision.objects.exists()


def test_contact_officer_cannot_screen_a_child(api_as, contact_officer, screener):
    contact = f.only_child(f.linked(screener, f.received(contact_officer)))
    response = api_as(contact_officer).post(
        f"/api/contacts/children/{contact.pk}/screening", screening_body()
    )
    assert response.status_code == 403
    assert Contact.objects.get(pk=contact.pk).status == Status.AWAITING_SCREENING


@pytest.mark.parametrize("who", READERS_OUTSIDE_THE_MASH)
def test_partner_or_outsider_cannot_read_a_contact(request, api_as, who, contact_officer):
    family = f.received(contact_officer)
    response = api_as(request.getfixturevalue(who)).get(f"/api/contacts/{family.pk}")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found"}
    assert not RecordView.objects.exists()


@pytest.mark.parametrize("who", READERS_OUTSIDE_THE_MASH)
def test_partner_or_outsider_cannot_read_a_child(request, api_as, who, screener):
    contact = f.only_child(f.screened(screener))
    response = api_as(request.getfixturevalue(who)).get(f"/api/children/{contact.person_id}")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found"}
    assert not RecordView.objects.exists()


@pytest.mark.parametrize("who", READERS_OUTSIDE_THE_MASH)
def test_partner_or_outsider_cannot_act_on_a_childs_contact(request, api_as, who, screener):
    contact = f.only_child(f.linked(screener, f.received(screener)))
    response = api_as(request.getfixturevalue(who)).post(
        f"/api/contacts/children/{contact.pk}/screening", screening_body()
    )
    # Out of scope: the same answer as for a contact that does not exist.
    assert response.status_code == 404
    assert Contact.objects.get(pk=contact.pk).status == Status.AWAITING_SCREENING


def test_partner_cannot_see_the_queues(api_as, police_partner):
    assert api_as(police_partner).get("/api/contacts/queues/").status_code == 403
    assert api_as(police_partner).get("/api/contacts/queues/screening").status_code == 403


def test_partner_cannot_record_a_contact_through_the_mashs_intake(api_as, police_partner):
    # Partners submit through POST /api/partners/contacts, which answers with only what they may
    # see of their own submission (frontdoor/partners/tests/test_api.py); this is the MASH's.
    response = api_as(police_partner).post("/api/contacts", contact_body())
    assert response.status_code == 403
    assert not FamilyContact.objects.exists()


def test_contact_officer_cannot_read_a_childs_record(api_as, contact_officer, screener):
    # Need to know: contact officers record contacts but do not read case history.
    contact = f.only_child(f.screened(screener))
    assert api_as(contact_officer).get(f"/api/children/{contact.person_id}").status_code == 404
