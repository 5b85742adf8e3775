"""HTTP behaviour of the oversight pages: who reaches what, GOV.UK errors, plain forms."""

from __future__ import annotations

import pytest
from django.urls import reverse

from frontdoor.access import actions as access_actions
from frontdoor.access.models import Role
from frontdoor.audit.models import RecordView
from frontdoor.oversight.models import ChallengeResponse, OversightRecord
from frontdoor.oversight.tests import factories as s

pytestmark = pytest.mark.django_db

NAME = "Quillon"  # an unusual surname, so a leak is easy to spot


@pytest.fixture
def contact(screener):
    return s.screened_contact(screener)


@pytest.fixture
def area_worker(make_user, area_team):
    return make_user("sam", Role.AREA_WORKER, team=area_team)


def _due(prefix: str) -> dict[str, str]:
    d = s.NEXT_WEEK
    return {
        f"{prefix}_day": str(d.day),
        f"{prefix}_month": str(d.month),
        f"{prefix}_year": str(d.year),
    }


def test_manager_challenges_with_an_action_through_the_plain_form(
    client, manager, hub_worker, contact
):
    client.force_login(manager)
    url = reverse("supervision:record", args=[contact.person_id])
    page = client.get(url).content.decode()
    assert 'type="radio"' in page and "<script" not in page.split("<main")[1].split("</main>")[0]
    response = client.post(
        url,
        {
            "kind": "oversight",
            "contact": str(contact.pk),
            "stage": "screening",
            "verdict": "challenge",
            "reason": "No history check with the school",
            "action_1_what": "Ask the school",
            "action_1_owner": str(hub_worker.pk),
            **_due("action_1_due"),
        },
    )
    assert response.status_code == 302
    assert response.url == reverse("supervision:child", args=[contact.person_id])
    record = OversightRecord.objects.get()
    assert record.actions.get().owner == hub_worker
    child_page = client.get(reverse("people:child", args=[contact.person_id])).content.decode()
    assert "Management oversight" in child_page
    assert "No history check with the school" in child_page
    assert "Ask the school" in child_page and "Challenge open" in child_page


def test_manager_sees_gov_uk_errors(client, manager, contact):
    client.force_login(manager)
    url = reverse("supervision:record", args=[contact.person_id])
    empty = client.post(url, {})
    assert empty.status_code == 400
    assert "Select what you are recording" in empty.content.decode()
    no_reason = client.post(
        url,
        {"kind": "oversight", "contact": str(contact.pk), "stage": "screening"}
        | {"verdict": "challenge", "action_2_what": "Call the GP"},
    )
    page = no_reason.content.decode()
    assert no_reason.status_code == 400
    assert "Enter the reason you challenge this decision" in page
    assert "Select who owns action 1" in page  # blank rows are skipped: row 2 is the first
    assert not OversightRecord.objects.exists()


@pytest.mark.parametrize(
    ("role", "record_status", "read_status"),
    [
        (Role.SCREENER, 403, 200),
        (Role.AREA_WORKER, 403, 200),
        (Role.AUDITOR, 404, 404),
        (Role.SENIOR_LEADER, 404, 404),
        (Role.CONTACT_OFFICER, 404, 404),
        (Role.PARTNER, 404, 404),
    ],
)
def test_who_can_read_and_record(
    client, make_user, police_agency, contact, role, record_status, read_status
):
    agency = police_agency if role == Role.PARTNER else None
    client.force_login(make_user("someone", role, agency=agency))
    person = contact.person_id
    assert client.get(reverse("supervision:child", args=[person])).status_code == read_status
    assert client.get(reverse("supervision:record", args=[person])).status_code == record_status


def test_reading_oversight_is_logged_as_a_view_of_the_record(client, area_worker, contact):
    client.force_login(area_worker)
    client.get(reverse("supervision:child", args=[contact.person_id]))
    assert RecordView.objects.filter(user=area_worker, person=contact.person).count() == 1


def test_senior_leader_reads_the_counts_never_the_children(client, make_user, manager, contact):
    s.challenge(manager, contact)
    client.force_login(make_user("lena", Role.SENIOR_LEADER))
    overview = client.get(reverse("oversight:overview")).content.decode()
    assert "Children due oversight" in overview
    assert reverse("supervision:due") not in overview
    counts = client.get(reverse("supervision:counts")).content.decode()
    assert "1 challenge; 1 still open" in counts
    assert contact.person.full_name not in counts
    assert client.get(reverse("supervision:due")).status_code == 403


def test_restricted_child_is_refused_and_never_named_in_the_challenges(
    client, make_user, manager, screener, contact_officer
):
    from frontdoor.contacts.tests import factories as f

    ig = make_user("iris", Role.IG_LEAD)
    contact = f.only_child(f.screened(screener, children=[f.child("Zara", NAME)]))
    s.challenge(manager, contact)
    access_actions.restrict_person(by=ig, person=contact.person, reason="Staff member's child")
    client.force_login(manager)
    assert client.get(reverse("supervision:child", args=[contact.person_id])).status_code == 404
    client.force_login(screener)
    page = client.get(reverse("supervision:for-me")).content.decode()
    assert "Restricted record" in page and NAME not in page
    record = OversightRecord.objects.get()
    assert client.get(reverse("supervision:respond", args=[record.pk])).status_code == 404


def test_screener_responds_to_a_challenge_and_the_count_shows(
    client, manager, screener, hub_worker, contact
):
    record = s.challenge(manager, contact, owner=hub_worker)
    client.force_login(screener)
    listed = client.get(reverse("supervision:for-me")).content.decode()
    assert "Challenges to your decisions" in listed and contact.person.full_name in listed
    url = reverse("supervision:respond", args=[record.pk])
    refused = client.post(url, {"reply": "maintain"})
    assert refused.status_code == 400
    assert "Enter why you maintain the decision" in refused.content.decode()
    done = client.post(url, {"reply": "maintain", "explanation": "Checks were clear"})
    assert done.status_code == 302
    assert ChallengeResponse.objects.get().responded_by == screener
    client.force_login(manager)
    counts = client.get(reverse("supervision:counts")).content.decode()
    assert "1 challenge; 0 still open" in counts


def test_someone_else_gets_a_404_for_a_challenge_or_an_action(
    client, make_user, manager, hub_worker, contact
):
    record = s.challenge(manager, contact, owner=hub_worker)
    client.force_login(make_user("ella", Role.HUB_WORKER))
    assert client.get(reverse("supervision:respond", args=[record.pk])).status_code == 404
    action = record.actions.get()
    assert client.get(reverse("supervision:complete-action", args=[action.pk])).status_code == 404


def test_owner_completes_an_action(client, manager, hub_worker, contact):
    action = s.challenge(manager, contact, owner=hub_worker).actions.get()
    client.force_login(hub_worker)
    url = reverse("supervision:complete-action", args=[action.pk])
    assert "Enter what was done" in client.post(url, {}).content.decode()
    assert client.post(url, {"note": "Spoke to the school"}).status_code == 302
    assert action.__class__.objects.get().completion.note == "Spoke to the school"


def test_manager_finds_children_due_oversight_from_the_mash_overview(client, manager):
    client.force_login(manager)
    overview = client.get(reverse("oversight:overview")).content.decode()
    assert reverse("supervision:due") in overview
    assert client.get(reverse("supervision:due")).status_code == 200


def test_supervision_page_shows_the_practice_analysis(client, manager, contact):
    client.force_login(manager)
    page = client.get(reverse("supervision:child", args=[contact.person_id])).content.decode()
    assert "Risk, need and strength analysis" in page
    assert reverse("supervision:record", args=[contact.person_id]) in page
