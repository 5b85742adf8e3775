"""The front door from end to end, in Debian's Chromium, through the real pages only.

A contact officer records a contact about two sisters and their mother; a screener links one
girl to the person already on record, creates a record for the other, rates both red and sends
the family to the child protection hub; a manager decides on a strategy discussion for both,
seen by the time proposed, by the North area team. The older girl's timeline then shows it all.

Every page visited, error pages included, is checked with axe. The same journey runs a second
time with JavaScript switched off. With FRONTDOOR_SCREENSHOTS=1 the first run also refreshes the
pictures in docs/screenshots/.

Only the personas and the person already on record are made through the ORM; everything else
happens by clicking and typing, as a practitioner would.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from frontdoor.contacts.models import Contact, FamilyContact
from frontdoor.contacts.tests import factories
from frontdoor.contacts.workflow import Outcome, Status
from frontdoor.people.models import Person
from frontdoor.referrals.models import Referral

from .helpers import assert_accessible, screenshot, sign_in, sign_out

# A live server needs real commits, so each test runs in transactions of its own, and starts
# from the reference data (code lists, hubs) as the migrations left it: see conftest.py.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@dataclass(frozen=True)
class Child:
    first: str
    last: str
    born: date
    sex: str

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"


AMY = Child("Amy", "Smith", date(2019, 3, 27), "Female")  # already on record
BETH = Child("Beth", "Smith", date(2021, 8, 9), "Female")  # new to the front door
MOTHER = ("Jo", "Smith")


@dataclass
class Cast:
    officer: Any
    screener: Any
    manager: Any
    hub: Any
    area_team: Any
    amy_on_record: Person


@pytest.fixture
def cast(contact_officer, screener, manager, child_protection_hub, area_team) -> Cast:
    return Cast(
        officer=contact_officer,
        screener=screener,
        manager=manager,
        hub=child_protection_hub,
        area_team=area_team,
        amy_on_record=factories.person(AMY.first, AMY.last, AMY.born),
    )


Shot = Callable[..., None]


def no_shot(page: Page, name: str, **kwargs: Any) -> None:
    pass


def submit(page: Page, button: str | re.Pattern[str]) -> None:
    """Press a button that submits a form and wait for the page it leads to."""
    with page.expect_navigation():
        page.get_by_role("button", name=button, exact=True).click()


def follow(page: Page, link: str | re.Pattern[str]) -> None:
    with page.expect_navigation():
        page.get_by_role("link", name=link, exact=True).click()


def contact_about(*names: str) -> re.Pattern[str]:
    """A queue's link to a family contact: its reference, then who it is about."""
    return re.compile(rf"^WX-\d\d-\d+\s*: contact about {', '.join(names)}$")


def follow_in_nav(page: Page, link: str) -> None:
    with page.expect_navigation():
        page.get_by_role("navigation", name="Menu").get_by_role("link", name=link).click()


def assert_banner(page: Page, text: str) -> None:
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(text)


def assert_error_summary(page: Page, *, javascript: bool, errors: list[str]) -> None:
    """The GOV.UK error pattern: "Error: " in the title, a summary linking to each field, and
    (with JavaScript) the focus moved to the summary so a screen reader announces it."""
    assert page.title().startswith("Error: ")
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    for error in errors:
        link = summary.get_by_role("link", name=error)
        expect(link).to_have_count(1)
        target = link.get_attribute("href")
        assert target and target.startswith("#id_"), f"{error!r} links to {target!r}"
        expect(page.locator(target)).to_have_count(1)
    if javascript:
        focused = page.evaluate("document.activeElement.classList.contains('govuk-error-summary')")
        assert focused, "the error summary did not take the focus"
    assert_accessible(page)


def fill_date(page: Page, field: str, value: date) -> None:
    page.fill(f"#id_{field}_day", str(value.day))
    page.fill(f"#id_{field}_month", str(value.month))
    page.fill(f"#id_{field}_year", str(value.year))


# --- 1. The contact officer records the contact ----------------------------------------------


def record_contact(page: Page, cast: Cast, *, javascript: bool) -> None:
    sign_in(page, cast.officer)
    expect(page.get_by_role("heading", level=1)).to_have_text("Screening")
    assert_accessible(page)

    follow_in_nav(page, "New contact")
    assert_accessible(page)
    submit(page, "Start a new contact")

    # Who raised the concern. The time received is proposed as now; everything else is empty,
    # so saving at once shows the errors.
    expect(page.get_by_role("heading", level=1)).to_have_text("Who raised the concern?")
    assert page.input_value("#id_received_at_time")
    assert_accessible(page)
    submit(page, "Save and continue")
    assert_error_summary(
        page,
        javascript=javascript,
        errors=[
            "Choose the referral source",
            "Select yes if the referrer is a member of the public",
            "Enter the referrer's name, or 'Anonymous'",
        ],
    )
    page.get_by_label("Referral source").select_option("2A")
    page.get_by_role("group", name="Is the referrer a member of the public?").get_by_label(
        "No"
    ).check()
    page.get_by_label("Referrer's name").fill("Ms Teacher")
    page.get_by_label("Referrer's role (optional)").fill("Class teacher")
    page.get_by_label("Referrer's organisation (optional)").fill("Riverside Primary School")
    submit(page, "Save and continue")

    # The concern.
    expect(page.get_by_role("heading", level=1)).to_have_text("What is the concern?")
    assert_accessible(page)
    page.get_by_label("Domestic abuse").check()
    page.get_by_label("Describe the concern").fill(
        "Amy told her teacher she is frightened to go home. Her younger sister Beth was there "
        "when the police were called last night."
    )
    page.get_by_role("group", name="Does the family know about this contact?").get_by_label(
        "No", exact=True
    ).check()
    submit(page, "Save and continue")

    # The children: both girls, one at a time.
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Which children is the concern about?"
    )
    assert_accessible(page)
    for child in (AMY, BETH):
        page.get_by_label("First name").fill(child.first)
        page.get_by_label("Last name").fill(child.last)
        fill_date(page, "date_of_birth", child.born)
        page.get_by_role("group", name="Sex").get_by_label(child.sex, exact=True).check()
        page.get_by_label("Postcode (optional)").fill("WX1 2AB")
        submit(page, "Add this child")
        expect(page.locator(".govuk-summary-list")).to_contain_text(child.name)
        assert_accessible(page)
    submit(page, "Continue to the adults")

    # The adults: their mother, related to both.
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Which adults live with the children?"
    )
    assert_accessible(page)
    page.get_by_label("First name").fill(MOTHER[0])
    page.get_by_label("Last name").fill(MOTHER[1])
    for child in (AMY, BETH):  # a set of checkboxes a child: all that apply
        page.get_by_role("group", name=f"What is this adult to {child.name}?").get_by_label(
            "Parent", exact=True
        ).check()
    submit(page, "Add this adult")
    expect(page.locator(".govuk-summary-list")).to_contain_text("2 relationships recorded")
    assert_accessible(page)
    submit(page, "Continue to check your answers")

    expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers")
    answers = page.locator("main")
    for text in (AMY.name, BETH.name, "Jo Smith", "Domestic abuse", "2A – Schools"):
        expect(answers).to_contain_text(text)
    assert_accessible(page)
    submit(page, "Record contact")

    assert_banner(page, "It is now in the screening queue")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Contact about {AMY.name} and {BETH.name}"
    )
    assert_accessible(page)
    sign_out(page)


# --- 2. The screener links, screens and sends to the hub -------------------------------------


def screen_and_send(page: Page, cast: Cast, shot: Shot, *, javascript: bool) -> None:
    sign_in(page, cast.screener)
    expect(page.get_by_role("heading", level=1)).to_have_text("Screening")
    assert_accessible(page)
    shot(page, "screening-queue")
    shot(page, "screening-queue-320px", width=320)  # the same queue, reflowed (WCAG 1.4.10)
    follow(page, contact_about(AMY.name, BETH.name))
    assert_accessible(page)

    # Amy is already known: link her to her record.
    follow(page, f"Link to a person for {AMY.name}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Who is this child?")
    assert_accessible(page)
    results = page.get_by_role("table", name="People who may be this child")
    expect(results).to_contain_text("27 Mar 2019")
    # (Chromium puts a space before the visually hidden ": Amy Smith" of the button's name.)
    submit(page, re.compile(rf"^This is the child\W+{AMY.name}, born 27 Mar 2019$"))
    assert_banner(page, f"{AMY.name} linked to {AMY.name}")
    assert_accessible(page)

    # Beth is not: create a record for her.
    follow(page, f"Link to a person for {BETH.name}")
    assert_accessible(page)
    submit(page, f"Create a new person record for {BETH.name}")
    assert_banner(page, f"New person record created for {BETH.name}")
    assert_accessible(page)

    # Screen Amy, and Beth with the same answers. Saving the empty form first shows the errors.
    follow(page, f"Screen {AMY.name}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Screening")
    assert_accessible(page)
    submit(page, "Save screening")
    assert_error_summary(
        page,
        javascript=javascript,
        errors=[
            "Select a RAG rating",
            "Select the level of need",
            "Enter a screening summary",
            "Enter your recommendation",
        ],
    )
    shot(page, "form-with-errors")
    page.get_by_role("group", name="RAG rating").get_by_label("Red").check()
    page.get_by_label("Level 4: child protection (significant harm)").check()
    page.get_by_label("Screening summary").fill(
        "Police attended a domestic abuse incident at the home last night; both girls were "
        "present. Amy is known from a contact last year. No current plan."
    )
    page.get_by_label("Recommendation").fill("Child protection hub; consider a strategy discussion")
    page.get_by_role("group", name="Also screen these children in the same contact").get_by_label(
        BETH.name
    ).check()
    shot(page, "screening-form")
    submit(page, "Save screening")
    assert_banner(page, "Screening recorded")
    cards = page.locator(".govuk-summary-card")
    expect(cards.filter(has_text="Red")).to_have_count(2)
    assert_accessible(page)
    # Down to the adults: the history that follows is the timeline, shown in child-record.png.
    adults = page.get_by_role("table", name=re.compile("^Adults in the household"))
    shot(page, "family-contact", down_to=adults)

    # Both are linked and screened: send the family to the child protection hub.
    submit(page, "Send to a hub")  # a link styled, and announced, as a button
    expect(page.get_by_role("heading", level=1)).to_have_text("Send to a hub")
    assert_accessible(page)
    page.get_by_label(cast.hub.name).check()
    submit(page, "Send to hub")
    assert_banner(page, f"Sent to the {cast.hub.name}")
    assert_accessible(page)
    sign_out(page)


# --- 3. The manager decides for both ---------------------------------------------------------


def decide(page: Page, cast: Cast, shot: Shot) -> str:
    sign_in(page, cast.manager)
    expect(page.get_by_role("heading", level=1)).to_have_text("MASH overview")
    assert_accessible(page)
    shot(page, "mash-overview")

    follow(page, cast.hub.name)
    expect(page.get_by_role("heading", level=1)).to_have_text(cast.hub.name)
    assert_accessible(page)
    shot(page, "hub-queue")
    follow(page, contact_about(AMY.name, BETH.name))
    assert_accessible(page)

    follow(page, f"Record decision for {AMY.name}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Manager's decision")
    assert_accessible(page)
    # The see-by time is proposed from the red rating: the manager confirms it as it is.
    for part in ("day", "month", "year", "time"):
        assert page.input_value(f"#id_see_by_{part}"), f"no see-by {part} proposed"
    page.get_by_role("group", name="What is your decision?").get_by_label(
        "Strategy discussion"
    ).check()
    page.get_by_label("Rationale").fill(
        "Repeated domestic abuse with both girls present, and a red screening: a strategy "
        "discussion with police and health today."
    )
    page.get_by_role("combobox", name=re.compile("^Team that will see the child")).select_option(
        label=cast.area_team.name
    )
    page.get_by_role(
        "group", name="Also record this decision for these children in the same contact"
    ).get_by_label(BETH.name).check()
    shot(page, "decision-form")
    submit(page, "Record decision")
    assert_banner(page, "Decision recorded: strategy discussion")
    decided = page.locator(".govuk-summary-card").filter(has_text="Strategy discussion")
    expect(decided).to_have_count(2)
    assert_accessible(page)

    # Amy's record, from the link on the contact.
    with page.expect_navigation():
        page.locator(".govuk-summary-card", has_text=AMY.name).get_by_role(
            "link", name=AMY.name, exact=True
        ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(AMY.name)
    assert_accessible(page)
    shot(page, "child-record")
    child_url = page.url

    # The queue of decisions is now empty.
    follow_in_nav(page, "Overview")
    follow(page, "Awaiting a manager's decision")
    expect(page.get_by_role("heading", level=1)).to_have_text("Awaiting a manager's decision")
    assert_accessible(page)
    sign_out(page)
    return child_url


# --- 4. The timeline -------------------------------------------------------------------------

# The journey's steps as Amy's timeline shows them, oldest first. Later work (the strategy
# discussion itself, a transfer) may add entries in between; these must each be there once.
JOURNEY = [
    "Contact received",
    "Linked to this person record",
    "Screening recorded",
    "Sent to the Child protection hub",
    "Manager's decision recorded",
    "Referral opened",
]


def assert_timeline(page: Page, cast: Cast) -> None:
    timeline = page.get_by_role("list").filter(has=page.locator(".frontdoor-timeline__item"))
    titles = timeline.locator(".frontdoor-timeline__item strong").all_inner_texts()
    ours = [title for title in reversed(titles) if title in JOURNEY]  # newest first on the page
    assert ours == JOURNEY, titles
    expect(timeline).to_contain_text("RAG red; Level 4: child protection (significant harm)")
    expect(timeline).to_contain_text("Strategy discussion. Child to be seen by")
    expect(timeline).to_contain_text(f"by {cast.area_team.name}")
    expect(timeline).to_contain_text("Source: 2A Schools")


def assert_stored(cast: Cast) -> None:
    """What the pages did, as the database holds it."""
    family = FamilyContact.objects.get()
    contacts = {c.child_name: c for c in Contact.objects.filter(family=family)}
    assert set(contacts) == {AMY.name, BETH.name}
    assert contacts[AMY.name].person == cast.amy_on_record
    assert contacts[BETH.name].person is not None
    assert contacts[BETH.name].person != cast.amy_on_record
    for contact in contacts.values():
        assert contact.status == Status.DECIDED
        assert contact.rag == "red"
        assert contact.decision.outcome == Outcome.STRATEGY_DISCUSSION
        assert contact.decision.see_by_team == cast.area_team
    assert family.hub == cast.hub
    assert family.adults.get().relationships.count() == 2
    assert Referral.objects.filter(contact__family=family).count() == 2


# --- The tests -------------------------------------------------------------------------------


def test_front_door_journey(page, cast):
    page.goto("/sign-in/")
    # GOV.UK Frontend's JavaScript started: the CSP lets the service's own scripts run.
    assert page.evaluate("document.body.classList.contains('govuk-frontend-supported')")
    assert_accessible(page)
    screenshot(page, "sign-in")

    record_contact(page, cast, javascript=True)
    screen_and_send(page, cast, screenshot, javascript=True)
    child_url = decide(page, cast, screenshot)

    # Everything shows on Amy's timeline (the manager signed out: sign in again to look).
    sign_in(page, cast.manager)
    page.goto(child_url)
    assert_accessible(page)
    assert_timeline(page, cast)
    assert_stored(cast)
    assert page.problems == []


def test_front_door_journey_without_javascript(new_page, cast):
    page = new_page(javascript=False)
    page.goto("/sign-in/")
    assert not page.evaluate("document.body.classList.contains('govuk-frontend-supported')")

    record_contact(page, cast, javascript=False)
    screen_and_send(page, cast, no_shot, javascript=False)
    child_url = decide(page, cast, no_shot)

    sign_in(page, cast.manager)
    page.goto(child_url)
    assert_accessible(page)
    assert_timeline(page, cast)
    assert_stored(cast)
    assert page.problems == []
