"""Person search over the API, and search before create for a partner system."""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.test import Client

from frontdoor.access.tests.service_accounts import token_for
from frontdoor.contacts.tests import factories as f
from frontdoor.matching.models import PersonSearch

pytestmark = pytest.mark.django_db

URL = "/api/people/search"


def post(user, path, body):
    token = token_for(user, name="tests")
    return Client().post(
        path,
        data=json.dumps(body),
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )


@pytest.fixture
def amy():
    return f.person("Amy", "Smith", date(2019, 3, 7))


def test_screener_can_search_over_the_api_and_read_the_reasons(screener, amy):
    response = post(
        screener, URL, {"first_name": "Aimy", "last_name": "Smyth", "date_of_birth": "2019-07-03"}
    )
    assert response.status_code == 200, response.content
    body = response.json()
    top = body["candidates"][0]
    assert top["person_id"] == str(amy.pk)
    assert top["restricted"] is False
    assert [r["code"] for r in top["reasons"]] == [
        "dob_day_month_swapped",
        "surname_sounds_alike",
        "first_name_sounds_alike",
    ]
    assert PersonSearch.objects.get(pk=body["search_id"]).searched_by == screener


def test_screener_can_search_with_a_year_of_birth_only(screener, amy):
    response = post(
        screener, URL, {"first_name": "Amy", "last_name": "Smith", "date_of_birth": "2019"}
    )
    assert response.json()["candidates"][0]["reasons"][-1]["text"] == "Same year of birth"


@pytest.mark.parametrize(
    ("body", "where"),
    [
        ({"last_name": "Smith"}, []),
        ({"nhs_number": "9434765918"}, ["nhs_number"]),
        ({"nhs_number": "94347659"}, ["nhs_number"]),
        (
            {"first_name": "Amy", "last_name": "Smith", "date_of_birth": "2019-02-30"},
            ["date_of_birth"],
        ),
        ({"first_name": "Amy", "last_name": "Smith", "date_of_birth": "3019"}, ["date_of_birth"]),
        ({"first_name": "Amy", "last_name": "Smith", "role": "admin"}, ["role"]),
    ],
)
def test_partner_system_cannot_search_with_bad_details(screener, body, where):
    response = post(screener, URL, body)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][2:] == where


def test_police_partner_cannot_search(police_partner, amy):
    assert post(police_partner, URL, {"first_name": "Amy", "last_name": "Smith"}).status_code == 403


def test_screener_cannot_create_a_person_over_the_api_without_a_search(screener, contact_officer):
    contact = f.only_child(f.received(contact_officer))
    link = f"/api/contacts/children/{contact.pk}/link"
    refused = post(screener, link, {"create": True, "version": 1})
    assert refused.status_code == 422
    assert "Search for this child" in refused.json()["detail"][0]["msg"]
    search_id = post(
        screener, URL, {"first_name": "Amy", "last_name": "Smith", "contact_id": str(contact.pk)}
    ).json()["search_id"]
    made = post(screener, link, {"create": True, "version": 1, "search_id": search_id})
    assert made.status_code == 200, made.content


def test_screener_cannot_search_for_a_contact_that_does_not_exist(screener):
    response = post(
        screener,
        URL,
        {"nhs_number": "9434765919", "contact_id": "00000000-0000-4000-8000-000000000000"},
    )
    assert response.status_code == 404
    assert not PersonSearch.objects.exists()
