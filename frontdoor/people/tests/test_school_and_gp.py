"""The child's school and GP practice (issue 17): the rules shared by the page and the API, the
action's audit, the child's record showing them with the workers, and the API."""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from frontdoor.access.tests.service_accounts import token_for
from frontdoor.audit.models import Event
from frontdoor.audit.timeline import describe
from frontdoor.contacts.tests import factories as f
from frontdoor.people import school_and_gp
from frontdoor.people.actions import record_school_and_gp
from frontdoor.people.models import Person
from frontdoor.people.school_and_gp import SchoolAndGp
from frontdoor.workflow.errors import NotReady

pytestmark = pytest.mark.django_db


def known(**changes: str) -> SchoolAndGp:
    return SchoolAndGp(
        **{
            "school": "Hillside Primary School",
            "school_urn": "100000",
            "gp_practice": "Riverside Medical Centre",
            "gp_practice_code": "A81001",
            **changes,
        }
    )


# --- The rules ------------------------------------------------------------------------------------


def test_a_complete_pair_and_nothing_known_both_have_no_problems():
    assert school_and_gp.problems(known()) == {}
    assert school_and_gp.problems(SchoolAndGp()) == {}


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"school_urn": "12345"}, "school_urn", "Enter the school's URN as 6 numbers"),
        ({"school_urn": "10000A"}, "school_urn", "Enter the school's URN as 6 numbers"),
        ({"school": "", "school_urn": "100000"}, "school", "Enter the name of the school"),
        ({"gp_practice_code": "81001"}, "gp_practice_code", "a letter and 5 numbers"),
        ({"gp_practice_code": "AB1001"}, "gp_practice_code", "a letter and 5 numbers"),
        ({"gp_practice": ""}, "gp_practice", "Enter the name of the GP practice"),
    ],
)
def test_each_rule_names_its_field(changes, field, words):
    found = school_and_gp.problems(known(**changes).normalised())
    assert list(found) == [field]
    assert words in found[field]


def test_names_are_tidied_and_codes_are_stored_in_capitals_without_spaces():
    tidy = SchoolAndGp(
        school="  Hillside   Primary ", school_urn="100 000", gp_practice_code="a 81001"
    ).normalised()
    assert (tidy.school, tidy.school_urn, tidy.gp_practice_code) == (
        "Hillside Primary",
        "100000",
        "A81001",
    )


# --- The action -----------------------------------------------------------------------------------


def test_screener_can_record_school_and_gp_and_the_change_is_audited(screener):
    person = f.person()
    record_school_and_gp(by=screener, person=person, details=known())
    person.refresh_from_db()
    assert (person.school, person.school_urn) == ("Hillside Primary School", "100000")
    assert (person.gp_practice, person.gp_practice_code) == ("Riverside Medical Centre", "A81001")
    event = Event.objects.get(verb="school_and_gp_recorded", person=person)
    assert event.actor == screener
    assert event.data["changed"]["school"] == {"from": "", "to": "Hillside Primary School"}
    assert describe(event).title == "School and GP recorded"
    assert "GP practice: Riverside Medical Centre" in describe(event).detail


def test_recording_the_same_again_writes_no_second_event(screener):
    person = f.person()
    record_school_and_gp(by=screener, person=person, details=known())
    record_school_and_gp(by=screener, person=person, details=known())
    assert Event.objects.filter(verb="school_and_gp_recorded", person=person).count() == 1


def test_area_worker_can_change_the_school_later_and_only_the_change_is_audited(
    screener, make_user, area_team
):
    from frontdoor.access.models import Role

    area_worker = make_user("sam", Role.AREA_WORKER, team=area_team)
    person = f.person()
    record_school_and_gp(by=screener, person=person, details=known())
    record_school_and_gp(
        by=area_worker, person=person, details=known(school="Oakfield Academy", school_urn="")
    )
    person.refresh_from_db()
    assert (person.school, person.school_urn, person.gp_practice_code) == (
        "Oakfield Academy",
        "",
        "A81001",
    )
    last = Event.objects.filter(verb="school_and_gp_recorded").latest("occurred_at")
    assert last.data["changed"] == {
        "school": {"from": "Hillside Primary School", "to": "Oakfield Academy"},
        "school_urn": {"from": "100000", "to": ""},
    }
    assert "School URN removed" in describe(last).detail


def test_contact_officer_cannot_record_school_and_gp(contact_officer):
    person = f.person()
    with pytest.raises(PermissionDenied):
        record_school_and_gp(by=contact_officer, person=person, details=known())
    assert not Event.objects.filter(verb="school_and_gp_recorded").exists()


def test_an_invalid_pair_is_refused_and_nothing_is_saved(screener):
    person = f.person()
    with pytest.raises(NotReady):
        record_school_and_gp(by=screener, person=person, details=known(school_urn="1"))
    person.refresh_from_db()
    assert person.school == ""
    assert not Event.objects.filter(verb="school_and_gp_recorded").exists()


# --- The page -------------------------------------------------------------------------------------


def test_screener_can_change_school_and_gp_from_who_is_working_with_the_child(screener):
    person = f.person()
    client = Client()
    client.force_login(screener)
    page = client.get(reverse("people:child", args=[person.pk])).content.decode()
    working_with = page[page.index("Who is working with them") :]
    assert "School" in working_with and "Not known" in working_with
    assert "Change school and GP" in page
    url = reverse("people:school-and-gp", args=[person.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "school": "Hillside Primary School",
            "school_urn": "100000",
            "gp_practice": "Riverside Medical Centre",
            "gp_practice_code": "a81001",
        },
    )
    assert response.status_code == 302
    assert response["Location"].endswith("#working-with")
    shown = client.get(reverse("people:child", args=[person.pk])).content.decode()
    working_with = shown[shown.index("Who is working with them") :]
    assert "Hillside Primary School" in working_with
    assert "(URN 100000)" in working_with
    assert "Riverside Medical Centre" in working_with and "(A81001)" in working_with


def test_a_wrong_urn_is_shown_the_govuk_way_and_nothing_is_saved(screener):
    person = f.person()
    client = Client()
    client.force_login(screener)
    response = client.post(
        reverse("people:school-and-gp", args=[person.pk]),
        {"school": "Hillside Primary School", "school_urn": "12345"},
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert "There is a problem" in content
    assert "Enter the school&#x27;s URN as 6 numbers" in content
    assert 'value="Hillside Primary School"' in content
    person.refresh_from_db()
    assert person.school == ""


# --- The API --------------------------------------------------------------------------------------


def _put(user, person: Person, body: dict) -> object:
    return Client().put(
        f"/api/children/{person.pk}/school-and-gp",
        data=json.dumps(body),
        content_type="application/json",
        headers={"Authorization": f"Bearer {token_for(user, name='school and GP tests')}"},
    )


def test_hub_worker_can_put_school_and_gp_and_read_them_on_the_child(hub_worker):
    person = f.person()
    response = _put(
        hub_worker, person, {"school": "Hillside Primary School", "school_urn": "100000"}
    )
    assert response.status_code == 200, response.content
    assert response.json() == {
        "school": "Hillside Primary School",
        "school_urn": "100000",
        "gp_practice": "",
        "gp_practice_code": "",
    }
    child = Client().get(
        f"/api/children/{person.pk}",
        headers={"Authorization": f"Bearer {token_for(hub_worker, name='school and GP read')}"},
    )
    assert child.status_code == 200
    assert child.json()["school"] == "Hillside Primary School"
    assert child.json()["gp_practice"] == ""


def test_the_api_names_each_failing_field_by_its_key(hub_worker):
    person = f.person()
    response = _put(hub_worker, person, {"school_urn": "12345", "gp_practice_code": "A8100"})
    assert response.status_code == 422
    failing = sorted(problem["loc"][-1] for problem in response.json()["detail"])
    assert failing == ["gp_practice_code", "school_urn"]
    person.refresh_from_db()
    assert person.school_urn == ""


def test_a_restricted_child_is_a_404_through_the_api_and_nothing_is_saved(hub_worker, make_user):
    from frontdoor.access.actions import restrict_person
    from frontdoor.access.models import Role

    ig_lead = make_user("iris", Role.IG_LEAD, email="iris.ig@wessex.example")
    person = f.person()
    restrict_person(by=ig_lead, person=person, reason="Child of a staff member")
    response = _put(hub_worker, person, {"school": "Hillside Primary School"})
    assert response.status_code == 404
    person.refresh_from_db()
    assert person.school == ""
