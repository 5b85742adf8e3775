"""The child's census characteristics (issue 16): the DfE's UPN check, the rules shared by the
page, the API and screening, the action's audit, and the page and API over HTTP."""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from frontdoor.access.tests.service_accounts import token_for
from frontdoor.audit.models import Event
from frontdoor.audit.timeline import describe
from frontdoor.contacts.tests import factories as f
from frontdoor.people import characteristics
from frontdoor.people.actions import record_characteristics
from frontdoor.people.characteristics import Characteristics, upn_check_letter, upn_problem
from frontdoor.people.models import Person
from frontdoor.workflow.errors import NotReady

pytestmark = pytest.mark.django_db

VALID_UPN = "T938611200001"
TEMPORARY_UPN = "D93861120000A"  # character 13 a letter: a temporary UPN


def known(**changes) -> Characteristics:
    return Characteristics(
        **{
            "sex": "F",
            "ethnicity": "WBRI",
            "disabilities": ["NONE"],
            "upn": VALID_UPN,
            "first_language": "ENG",
            "interpreter_needed": False,
            **changes,
        }
    )


# --- The DfE's UPN check ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("upn", "letter"),
    [
        (VALID_UPN, "T"),
        ("G938611200002", "G"),
        (TEMPORARY_UPN, "D"),
        # Sum of 0..9 weighted 2..13 with a trailing 0: the letter is the sum modulo 23.
        ("A000000000000", "A"),
    ],
)
def test_the_check_letter_is_the_dfe_modulus_23_letter(upn, letter):
    assert upn_check_letter(upn) == letter
    assert upn_problem(upn) is None


@pytest.mark.parametrize(
    ("upn", "words"),
    [
        ("A93861120000", "correct format"),  # 12 characters
        ("193861120000A", "correct format"),  # starts with a number
        ("I938611200001", "correct format"),  # I is never a check letter
        ("T93861120000S", "correct format"),  # S is never character 13
        ("T9386112000X1", "correct format"),  # a letter inside
        ("A938611200001", "check letter"),  # the wrong letter
    ],
)
def test_a_upn_the_dfe_would_refuse_is_named_with_its_reason(upn, words):
    assert words in (upn_problem(upn) or "")


# --- The rules ------------------------------------------------------------------------------------


def test_a_complete_set_has_no_problems():
    assert characteristics.problems(known().normalised(), date_of_birth=date(2019, 3, 27)) == {}


def test_nothing_known_yet_is_allowed_and_left_for_the_quality_page():
    assert characteristics.problems(Characteristics(), date_of_birth=None) == {}


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"ethnicity": "XXXX"}, "ethnicity", "ethnicity from the list"),
        ({"disabilities": ["NONE", "HEAR"]}, "disabilities", "'No disability' on its own"),
        ({"disabilities": ["WINGS"]}, "disabilities", "from the list"),
        ({"upn_unknown_reason": "UN1"}, "upn_unknown_reason", "empty when the UPN is entered"),
        ({"upn": "", "upn_unknown_reason": "UN99"}, "upn_unknown_reason", "from the list"),
        ({"former_upn": VALID_UPN}, "former_upn", "different from the UPN"),
        ({"former_upn": "A938611200001"}, "former_upn", "former UPN exactly"),
        ({"first_language": "XYZ"}, "first_language", "from the list"),
        ({"first_language": "OTH"}, "first_language_name", "Enter the child's first language"),
        ({"interpreter_needed": True}, "first_language_name", "interpreter needs to speak"),
        ({"sex": "X"}, "sex", "Select the child's sex"),
        ({"expected_date_of_birth": date(2027, 1, 1)}, "expected_date_of_birth", "unborn"),
    ],
)
def test_each_rule_names_its_field(changes, field, words):
    found = characteristics.problems(known(**changes).normalised(), date_of_birth=date(2019, 3, 1))
    assert words in found[field]


def test_identifiers_are_stored_in_capitals_without_spaces():
    details = known(upn=" t93861 1200001 ", disabilities=["HEAR", "VIS", "HEAR"]).normalised()
    assert (details.upn, details.disabilities) == (VALID_UPN, ["HEAR", "VIS"])


# --- The action -----------------------------------------------------------------------------------


def test_screener_can_record_characteristics_and_the_change_is_audited(screener):
    person = f.person()
    record_characteristics(by=screener, person=person, details=known())
    person.refresh_from_db()
    assert (person.ethnicity, person.disabilities, person.upn) == ("WBRI", ["NONE"], VALID_UPN)
    assert person.interpreter_needed is False
    event = Event.objects.get(verb="characteristics_recorded", person=person)
    assert event.actor == screener
    assert event.data["changed"]["ethnicity"] == {"from": "", "to": "WBRI"}
    assert "sex" not in event.data["changed"]  # unchanged: the factory's child is a girl
    assert describe(event).title == "Census details recorded"
    assert "ethnicity" in describe(event).detail


def test_recording_the_same_again_writes_no_second_event(screener):
    person = f.person()
    record_characteristics(by=screener, person=person, details=known())
    record_characteristics(by=screener, person=person, details=known())
    assert Event.objects.filter(verb="characteristics_recorded", person=person).count() == 1


def test_area_worker_can_change_one_characteristic_later(screener, make_user, area_team):
    from frontdoor.access.models import Role

    area_worker = make_user("sam", Role.AREA_WORKER, team=area_team)
    person = f.person()
    record_characteristics(by=screener, person=person, details=known())
    record_characteristics(by=area_worker, person=person, details=known(disabilities=["HEAR"]))
    person.refresh_from_db()
    assert person.disabilities == ["HEAR"]
    last = Event.objects.filter(verb="characteristics_recorded").latest("occurred_at")
    assert last.data["changed"] == {"disabilities": {"from": ["NONE"], "to": ["HEAR"]}}


def test_contact_officer_cannot_record_characteristics(contact_officer):
    person = f.person()
    with pytest.raises(PermissionDenied):
        record_characteristics(by=contact_officer, person=person, details=known())
    assert not Event.objects.filter(verb="characteristics_recorded").exists()


def test_an_invalid_set_is_refused_and_nothing_is_saved(screener):
    person = f.person()
    with pytest.raises(NotReady):
        record_characteristics(by=screener, person=person, details=known(upn="A938611200001"))
    person.refresh_from_db()
    assert person.upn == ""
    assert not Event.objects.filter(verb="characteristics_recorded").exists()


# --- The page -------------------------------------------------------------------------------------


def test_screener_can_change_census_details_on_the_childs_record(screener):
    person = f.person()
    client = Client()
    client.force_login(screener)
    page = client.get(reverse("people:child", args=[person.pk]))
    assert b"Change census details" in page.content
    url = reverse("people:characteristics", args=[person.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "sex": "F",
            "ethnicity": "BAFR",
            "disabilities": ["HEAR", "VIS"],
            "upn": VALID_UPN,
            "first_language": "OTH",
            "first_language_name": "Somali",
            "interpreter_needed": "yes",
        },
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert (person.ethnicity, person.disabilities) == ("BAFR", ["HEAR", "VIS"])
    assert (person.first_language_name, person.interpreter_needed) == ("Somali", True)
    shown = client.get(reverse("people:child", args=[person.pk])).content.decode()
    assert "Black or Black British: African" in shown
    assert "Other than English (Somali)" in shown


def test_a_wrong_check_letter_is_shown_the_govuk_way(screener):
    person = f.person()
    client = Client()
    client.force_login(screener)
    response = client.post(
        reverse("people:characteristics", args=[person.pk]),
        {"sex": "F", "upn": "A938611200001"},
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert "There is a problem" in content
    assert "the check letter does not match" in content
    person.refresh_from_db()
    assert person.upn == ""


# --- The API --------------------------------------------------------------------------------------


def _put(user, person: Person, body: dict) -> object:
    return Client().put(
        f"/api/children/{person.pk}/characteristics",
        data=json.dumps(body),
        content_type="application/json",
        headers={"Authorization": f"Bearer {token_for(user, name='characteristics tests')}"},
    )


def test_hub_worker_can_put_characteristics_through_the_api(hub_worker):
    person = f.person()
    response = _put(
        hub_worker,
        person,
        {"sex": "F", "ethnicity": "WBRI", "upn": "", "upn_unknown_reason": "UN1"},
    )
    assert response.status_code == 200, response.content
    assert response.json()["upn_unknown_reason"] == "UN1"
    person.refresh_from_db()
    assert person.upn_unknown_reason == "UN1"


def test_the_api_names_each_failing_field_by_its_key(hub_worker):
    person = f.person()
    response = _put(
        hub_worker, person, {"upn": "A938611200001", "ethnicity": "XXXX", "disabilities": []}
    )
    assert response.status_code == 422
    failing = sorted(problem["loc"][-1] for problem in response.json()["detail"])
    assert failing == ["ethnicity", "upn"]
    person.refresh_from_db()
    assert person.ethnicity == ""


def test_the_api_refuses_an_unknown_key(hub_worker):
    response = _put(hub_worker, f.person(), {"ethnicty": "WBRI"})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == "ethnicty"


def test_screener_can_record_census_details_from_screening_and_come_back(screener, contact_officer):
    family = f.linked(screener, f.received(contact_officer))
    contact = f.only_child(family)
    client = Client()
    client.force_login(screener)
    screen_url = reverse("contacts:screen", args=[contact.pk])
    page = client.get(screen_url).content.decode()
    form_url = f"{reverse('people:characteristics', args=[contact.person_id])}?next={screen_url}"
    assert form_url in page
    response = client.post(form_url, {"sex": "F", "ethnicity": "WIRI", "upn_unknown_reason": "UN1"})
    assert response.status_code == 302
    assert response["Location"] == screen_url
    assert "White: Irish" in client.get(screen_url).content.decode()


def test_a_next_address_off_the_site_is_not_followed(screener):
    person = f.person()
    client = Client()
    client.force_login(screener)
    url = reverse("people:characteristics", args=[person.pk])
    response = client.post(f"{url}?next=//evil.example/", {"sex": "F"})
    assert response["Location"] == reverse("people:child", args=[person.pk])
