"""Who is this child? Person search in Debian's Chromium, through the real pages only.

Amy Smith, born 7 March 2019, is on record, with her twin sister Ella and another Amy Smith
born later that year. A referrer has described her as "Aimy Smiht", born 3 July 2019: her name
misspelt and her date of birth written day and month swapped (the American way).

A screener finds her twice: from "Find a person", typing what the referrer said, and from the
contact itself, where the search runs with the referrer's description and she is linked. Both
times Amy is the top result and the page says why. Every page is checked with axe; the journey
runs with JavaScript on and off.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from frontdoor.contacts.models import Contact
from frontdoor.contacts.tests import factories
from frontdoor.matching.index import index_people
from frontdoor.matching.models import PersonSearch
from frontdoor.people.models import Person, Sex

from .helpers import assert_accessible

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

REASONS = [
    "Date of birth with day and month swapped",
    "Surname sounds alike",
    "First name sounds alike",
]


def on_record(first: str, last: str, born: date) -> Person:
    person = Person.objects.create(
        first_name=first,
        last_name=last,
        date_of_birth=born,
        sex=Sex.FEMALE,
        postcode="WX1 2AB",
        address="12 Elm Road",
        created_at=timezone.now(),
    )
    index_people([person])
    return person


@pytest.fixture
def amy(screener) -> Person:
    on_record("Ella", "Smith", date(2019, 3, 7))  # her twin
    on_record("Amy", "Smith", date(2019, 11, 30))  # someone else
    return on_record("Amy", "Smith", date(2019, 3, 7))


def submit(page: Page, button: str | re.Pattern[str]) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=button).click()


def assert_amy_first_with_reasons(page: Page) -> None:
    first_row = page.locator(".frontdoor-candidates tbody tr").first
    expect(first_row).to_contain_text("Amy Smith")
    expect(first_row).to_contain_text("7 Mar 2019")
    # Strongest first; the contact also gave a postcode and sex, which add their own reasons.
    assert first_row.locator("li").all_inner_texts()[:3] == REASONS


def find_from_the_search_page(page: Page) -> None:
    with page.expect_navigation():
        page.get_by_role("navigation", name="Menu").get_by_role("link", name="Find a").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Find a person")
    assert_accessible(page)

    # Nothing to go on: the GOV.UK error summary says what is needed.
    page.get_by_label("Last name").fill("Smith")
    submit(page, "Search")
    assert page.title().startswith("Error: ")
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Enter a first name and last name, a date of birth, an NHS number or a postcode"
    )
    assert_accessible(page)

    page.get_by_label("First name").fill("Aimy")
    page.get_by_label("Last name").fill("Smiht")
    page.fill("#id_date_of_birth_day", "3")
    page.fill("#id_date_of_birth_month", "7")
    page.fill("#id_date_of_birth_year", "2019")
    submit(page, "Search")
    assert "Aimy" not in page.url and "2019" not in page.url
    expect(page.get_by_role("heading", level=2, name=re.compile("who may match"))).to_be_visible()
    assert_amy_first_with_reasons(page)
    # The search form keeps what was typed, to refine it.
    expect(page.get_by_label("First name")).to_have_value("Aimy")
    assert_accessible(page)


def link_from_the_contact(page: Page, contact: Contact, amy: Person) -> None:
    page.goto(f"/contacts/{contact.family_id}/")
    assert_accessible(page)
    with page.expect_navigation():
        page.get_by_role("link", name="Link to a person for Aimy Smiht").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Who is this child?")
    assert_amy_first_with_reasons(page)
    assert_accessible(page)
    submit(page, re.compile(r"^This is the child\W+Amy Smith, born 7 Mar 2019$"))
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "Aimy Smiht linked to Amy Smith"
    )
    assert_accessible(page)


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_screener_finds_a_misspelt_child_with_a_swapped_date_at_the_top(
    new_page, sign_in, screener, contact_officer, amy, javascript
):
    contact = factories.only_child(
        factories.received(
            contact_officer, children=[factories.child("Aimy", "Smiht", date(2019, 7, 3))]
        )
    )
    page = new_page(javascript=javascript)
    sign_in(page, screener)
    find_from_the_search_page(page)
    link_from_the_contact(page, contact, amy)

    contact.refresh_from_db()
    assert contact.person == amy
    # Both searches were recorded with what they offered, Amy first.
    offered_first = {s.offered[0]["person"] for s in PersonSearch.objects.all()}
    assert offered_first == {str(amy.pk)}
    assert page.problems == []  # type: ignore[attr-defined]
