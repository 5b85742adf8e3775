"""Know the child, in Debian's Chromium through the real pages only: a brother prompted at
screening and added to the contact; a duplicate record merged and the merge undone; the
chronology filtered and printed (and the print audited); an early help file with one bad row.
Every page is checked with axe.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from playwright.sync_api import Page, expect

from frontdoor.audit.models import Event
from frontdoor.contacts import actions
from frontdoor.contacts.models import Contact, SiblingConsideration
from frontdoor.contacts.tests import factories
from frontdoor.history.models import EarlyHelpEpisode
from frontdoor.matching.models import DuplicatePair
from frontdoor.people.actions import record_relationship
from frontdoor.people.models import Person, RelationshipKind

from .helpers import assert_accessible, screenshot

PAIR = re.compile("Amy Smith and Amie Smith|Amie Smith and Amy Smith")
SAMPLE = Path(settings.BASE_DIR) / "docs" / "samples" / "early-help.csv"


def submit(page: Page, button: str | re.Pattern[str]) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=button).click()


def test_screener_is_prompted_about_a_brother_and_adds_him(
    new_page, sign_in, screener, contact_officer
):
    family = factories.linked(screener, factories.received(contact_officer))
    contact = factories.only_child(family)
    ben = factories.person("Ben", "Smith", date(2016, 5, 1))
    record_relationship(
        by=screener, person=contact.person, relative=ben, kind=RelationshipKind.SIBLING
    )
    page = new_page()
    sign_in(page, screener)
    page.goto(f"/contacts/child/{contact.pk}/screening/")
    expect(page.locator("aside")).to_contain_text("Ben Smith")
    assert_accessible(page)

    page.get_by_label("Amber").check()
    page.locator("input[name=level_of_need]").first.check()
    page.get_by_label("Screening summary").fill("Known to the school; no previous history.")
    page.get_by_label("Recommendation").fill("Early help hub")
    submit(page, "Save screening")
    assert page.title().startswith("Error: ")
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Select what should happen for Ben Smith"
    )
    assert_accessible(page)

    page.get_by_role("group", name=re.compile("Ben Smith")).get_by_label(
        "Add to this family contact"
    ).check()
    submit(page, "Save screening")
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(
        "Screening recorded"
    )
    assert_accessible(page)
    assert Contact.objects.filter(family=family, person=ben).exists()
    assert SiblingConsideration.objects.get().answer == "add"
    assert page.problems == []  # type: ignore[attr-defined]


def test_manager_merges_a_duplicate_and_undoes_it(new_page, sign_in, manager, screener):
    amy = factories.person("Amy", "Smith", date(2019, 3, 27))
    amie = factories.person("Amie", "Smith", date(2019, 3, 27))
    contact = factories.only_child(factories.received(screener))
    actions.link_child(by=screener, contact=contact, person=amie)
    call_command("find_duplicates")
    page = new_page()
    sign_in(page, manager)
    page.goto("/children/duplicates/")
    assert_accessible(page)
    with page.expect_navigation():
        page.get_by_role(
            "link", name=re.compile("Amy Smith and Amie Smith|Amie Smith and Amy")
        ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Are these the same person?")
    assert_accessible(page)
    page.get_by_label(re.compile("Yes: keep Amy Smith's record")).check()
    submit(page, "Save and continue")
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("merged")
    assert_accessible(page)
    assert Person.objects.get(pk=amie.pk).merged_into_id == amy.pk
    assert Contact.objects.get(pk=contact.pk).person_id == amy.pk

    submit(page, re.compile("Undo merge"))
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text("Merge undone")
    assert_accessible(page)
    assert Contact.objects.get(pk=contact.pk).person_id == amie.pk
    assert DuplicatePair.objects.get().status == "awaiting_review"
    verbs = set(Event.objects.values_list("verb", flat=True))
    assert {"person_merged", "person_unmerged"} <= verbs
    assert page.problems == []  # type: ignore[attr-defined]


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_screener_uploads_early_help_with_a_bad_row_then_reads_the_chronology(
    new_page, sign_in, screener, tmp_path, javascript
):
    lines = SAMPLE.read_text().splitlines()
    lines[4] = lines[4].replace("2022-05-16", "16th May")  # Noah's episode: row 5
    upload = tmp_path / "early-help.csv"
    upload.write_text("\n".join(lines) + "\n")
    page = new_page(javascript=javascript)
    sign_in(page, screener)
    page.goto("/history/import/")
    assert_accessible(page)
    page.get_by_label("Early help episodes").check()
    page.get_by_label("Upload a CSV file").set_input_files(str(upload))
    submit(page, "Import")
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Row 5: enter the episode start date as a date, like 2024-03-31"
    )
    expect(page.locator(".govuk-summary-list")).to_contain_text("Imported")
    assert_accessible(page)
    assert EarlyHelpEpisode.objects.count() == 4

    amelia = Person.objects.get(first_name="Amelia")
    page.goto(f"/children/{amelia.pk}/")
    expect(page.get_by_role("heading", name="Early help and previous social care")).to_be_visible()
    assert_accessible(page)
    with page.expect_navigation():
        page.get_by_role("link", name=re.compile("^Chronology")).click()
    assert_accessible(page)
    page.get_by_label("Early help episodes").check()
    submit(page, "Apply filters")
    assert "kind=early_help" in page.url
    expect(page.locator(".frontdoor-chronology")).to_contain_text("Riverside Family Hub")
    assert_accessible(page)
    screenshot(page, "chronology")
    with page.expect_navigation():
        page.get_by_role("link", name=re.compile("Print view")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Chronology: Amelia Hartley")
    assert_accessible(page)
    printed = Event.objects.get(verb="chronology_printed")
    assert (printed.person_id, printed.data) == (amelia.pk, {"kinds": ["early_help"]})
    assert page.problems == []  # type: ignore[attr-defined]
