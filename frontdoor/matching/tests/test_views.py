"""The search pages over HTTP: find a person, and who is this child at screening."""

from __future__ import annotations

from datetime import date

import pytest

from frontdoor.contacts.tests import factories as f
from frontdoor.matching.models import PersonSearch

pytestmark = pytest.mark.django_db

SEARCH = "/children/search/"


@pytest.fixture
def amy():
    return f.person("Amy", "Smith", date(2019, 3, 7))


def test_screener_can_open_the_search_page(client, screener):
    client.force_login(screener)
    response = client.get(SEARCH)
    assert response.status_code == 200
    assert "Find a person" in response.content.decode()


def test_screener_can_search_and_see_the_reasons(client, screener, amy):
    client.force_login(screener)
    response = client.post(
        SEARCH,
        {
            "first_name": "Aimy",
            "last_name": "Smith",
            "date_of_birth_day": "3",
            "date_of_birth_month": "7",
            "date_of_birth_year": "2019",
        },
    )
    search = PersonSearch.objects.get(searched_by=screener)
    assert response.status_code == 302
    assert response["Location"] == f"{SEARCH}{search.pk}/"
    assert "Aimy" not in response["Location"]  # no personal data in the address
    page = client.get(response["Location"]).content.decode()
    assert "Amy Smith" in page
    assert "Date of birth with day and month swapped" in page
    assert f"/children/{amy.pk}/" in page


def test_screener_can_search_by_month_and_year_only(client, screener, amy):
    client.force_login(screener)
    response = client.post(
        SEARCH,
        {
            "first_name": "Amy",
            "last_name": "Smith",
            "date_of_birth_month": "March",
            "date_of_birth_year": "2019",
        },
        follow=True,
    )
    assert "Same month and year of birth" in response.content.decode()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"last_name": "Smith"},
            "Enter a first name and last name, a date of birth, an NHS number or a postcode",
        ),
        ({"nhs_number": "123"}, "Enter an NHS number in the correct format, like 485 777 3456"),
        ({"nhs_number": "943 476 5918"}, "Enter a real NHS number: this one fails its check digit"),
        ({"postcode": "12345"}, "Enter a real postcode, like WX1 2AB"),
        (
            {"first_name": "Amy", "last_name": "Smith", "date_of_birth_day": "7"},
            "Date of birth must include a year",
        ),
        (
            {
                "first_name": "Amy",
                "last_name": "Smith",
                "date_of_birth_day": "7",
                "date_of_birth_year": "2019",
            },
            "Date of birth must include a month",
        ),
        (
            {
                "first_name": "Amy",
                "last_name": "Smith",
                "date_of_birth_month": "13",
                "date_of_birth_year": "2019",
            },
            "Date of birth must be a real date",
        ),
        (
            {"first_name": "Amy", "last_name": "Smith", "date_of_birth_year": "3019"},
            "Date of birth must be today or in the past",
        ),
    ],
)
def test_screener_cannot_search_with_bad_details_and_is_told_why(client, screener, data, message):
    client.force_login(screener)
    response = client.post(SEARCH, data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not PersonSearch.objects.exists()


def test_contact_officer_can_search_but_not_open_records(client, contact_officer, amy):
    client.force_login(contact_officer)
    response = client.post(SEARCH, {"first_name": "Amy", "last_name": "Smith"}, follow=True)
    page = response.content.decode()
    assert "Amy Smith" in page
    assert f"/children/{amy.pk}/" not in page


def test_partner_cannot_search(client, police_partner):
    client.force_login(police_partner)
    assert client.get(SEARCH).status_code == 403
    assert client.post(SEARCH, {"first_name": "Amy", "last_name": "Smith"}).status_code == 403


def test_screener_cannot_see_someone_elses_search(client, screener, manager, amy):
    client.force_login(manager)
    theirs = client.post(SEARCH, {"first_name": "Amy", "last_name": "Smith"})["Location"]
    client.force_login(screener)
    assert client.get(theirs).status_code == 404


# --- Who is this child? (at screening) ---------------------------------------------------------


@pytest.fixture
def contact(contact_officer):
    """The referrer misspelt Amy's name and wrote her date of birth the American way."""
    return f.only_child(
        f.received(contact_officer, children=[f.child("Aimy", "Smiht", date(2019, 7, 3))])
    )


def link_url(contact) -> str:
    return f"/contacts/child/{contact.pk}/link/"


def test_screener_sees_the_child_at_the_top_with_the_reasons(client, screener, contact, amy):
    client.force_login(screener)
    response = client.get(link_url(contact))
    page = response.content.decode()
    assert response.status_code == 200
    assert page.index("Amy Smith") < page.index("Create a new person record")
    assert "Date of birth with day and month swapped" in page
    assert "Surname sounds alike" in page
    assert PersonSearch.objects.get(contact=contact).offered[0]["person"] == str(amy.pk)


def test_screener_can_search_again_with_other_details(client, screener, contact, amy):
    client.force_login(screener)
    response = client.post(
        link_url(contact), {"action": "search", "first_name": "Amy", "last_name": "Smith"}
    )
    again = PersonSearch.objects.filter(contact=contact).latest("searched_at")
    assert response["Location"] == f"{link_url(contact)}?search={again.pk}"
    assert again.criteria["first_name"] == "Amy"
    assert "Same first name" in client.get(response["Location"]).content.decode()


def test_screener_can_link_the_child_found(client, screener, contact, amy):
    client.force_login(screener)
    client.get(link_url(contact))
    response = client.post(link_url(contact), {"action": "link", "person": amy.pk, "version": 1})
    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.person == amy


def test_screener_can_create_a_person_after_the_search_shown(client, screener, contact):
    client.force_login(screener)
    client.get(link_url(contact))
    search = PersonSearch.objects.get(contact=contact)
    response = client.post(
        link_url(contact), {"action": "create", "search": search.pk, "version": 1}
    )
    assert response["Location"] == f"/contacts/{contact.family_id}/"
    contact.refresh_from_db()
    assert contact.person is not None


def test_screener_cannot_create_a_person_without_a_search(client, screener, contact):
    client.force_login(screener)
    response = client.post(link_url(contact), {"action": "create", "version": 1}, follow=True)
    assert "Search for this child before creating a new person record" in response.content.decode()
    contact.refresh_from_db()
    assert contact.person is None


def test_screener_sees_errors_when_searching_again_with_too_little(client, screener, contact):
    client.force_login(screener)
    response = client.post(link_url(contact), {"action": "search", "last_name": "Smith"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Enter a first name and last name" in page
    assert "Create a new person record" not in page  # nothing shown, so nothing to create after
