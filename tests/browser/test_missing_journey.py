"""A child who goes missing, from report to risk review, in Debian's Chromium, through the real
pages only (frontdoor/missing; the "Done when" of the missing children issue).

Amy Smith, 14, is on record with her younger sister Beth. She went missing once three weeks
ago. A hub worker (acting as the missing children coordinator):

1. reports Amy missing with the police reference and risk grade, and records her return;
2. logs two attempts to reach her, 38 hours apart, and the long-gap warning shows;
3. records the return home interview, offered and accepted, done by an independent worker;
   the risk review is refused until Beth has been considered (4. the sibling prompt), then
   recorded, and the episode leaves the queue;
5. reports Amy missing a third time in 30 days: the repeat-missing flag is raised, and a
   manager records the strategy discussion decision from her list.

Every page visited, error pages included, is checked with axe. The journey runs with and
without JavaScript. Only the personas, Amy, Beth and Amy's earlier episode are made before the
browser starts (the earlier episode through the real actions); the rest is clicking and typing.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from frontdoor.missing.models import Episode, RepeatMissingFlag
from frontdoor.missing.tests import factories
from frontdoor.missing.workflow import FlagStatus, Status

from .helpers import assert_accessible, sign_in, sign_out

pytestmark = [
    pytest.mark.browser,
    # A live server needs real commits; serialized_rollback restores the reference data
    # (code lists, hubs, timescales, the missing children settings) after a flush.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

AMY, BETH = "Amy Smith", "Beth Smith"


def submit(page: Page, button: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=button, exact=True).click()


def follow(page: Page, link: str | re.Pattern[str]) -> None:
    with page.expect_navigation():
        page.get_by_role("link", name=link, exact=isinstance(link, str)).first.click()


def press(page: Page, button_link: str) -> None:
    """A link styled, and announced, as a button (the episode's next steps)."""
    with page.expect_navigation():
        page.get_by_role("button", name=button_link, exact=True).click()


def fill_when(page: Page, prefix: str, moment: datetime) -> None:
    local = timezone.localtime(moment)
    page.locator(f"#id_{prefix}_day").fill(str(local.day))
    page.locator(f"#id_{prefix}_month").fill(str(local.month))
    page.locator(f"#id_{prefix}_year").fill(str(local.year))
    page.locator(f"#id_{prefix}_time").fill(local.strftime("%H:%M"))


def banner(page: Page, text: str) -> None:
    expect(page.locator(".govuk-notification-banner--success")).to_contain_text(text)


def heading(page: Page, text: str) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text(text)


def open_missing(page: Page) -> None:
    with page.expect_navigation():
        page.get_by_role("navigation", name="Menu").get_by_role(
            "link", name="Missing", exact=True
        ).click()
    heading(page, "Missing now")
    assert_accessible(page)


def report_missing(page: Page, *, started: datetime, reference: str, errors_first: bool) -> None:
    """From the missing pages: find Amy, report her missing with the police report."""
    follow(page, "Report a child missing")
    heading(page, "Report a child missing")
    assert_accessible(page)
    page.get_by_label("Child's name").fill(AMY)
    submit(page, "Search")
    assert_accessible(page)
    # (Chromium may put a space before the visually hidden ": Amy Smith" of the link's name.)
    follow(page, re.compile(rf"^Report missing\W+{AMY}$"))
    heading(page, "Report a child missing")
    assert_accessible(page)
    if errors_first:
        submit(page, "Record as missing")
        assert page.title().startswith("Error: ")
        summary = page.locator(".govuk-error-summary")
        expect(summary).to_contain_text("Enter the date and time the child was last seen")
        assert_accessible(page)
    fill_when(page, "started_at", started)
    page.get_by_label("Where did they go missing from? (optional)").fill("Home")
    fill_when(page, "reported_to_police_at", started + timedelta(minutes=30))
    page.get_by_label("Police force (optional)").select_option(label="Wessex Police")
    page.get_by_label("Police reference (optional)").fill(reference)
    page.get_by_label("Police risk grade (optional)").select_option(label="High")
    submit(page, "Record as missing")
    banner(page, f"{AMY} recorded as missing")
    heading(page, AMY)
    assert_accessible(page)


def journey(page: Page, cast: dict[str, Any]) -> None:
    now = timezone.now()
    started = now - timedelta(hours=80)
    back = now - timedelta(hours=60)
    sign_in(page, cast["coordinator"])

    # 1. Reported missing, with the police report; the sibling prompt shows at once.
    open_missing(page)
    report_missing(page, started=started, reference="WX/2026/0451", errors_first=True)
    prompt = page.get_by_role("region", name="Brothers and sisters")
    expect(prompt).to_contain_text(f"Consider {AMY}'s brothers and sisters")
    expect(prompt).to_contain_text(BETH)
    expect(page.locator("main")).to_contain_text("WX/2026/0451, Wessex Police")
    episode_url = page.url

    open_missing(page)
    expect(page.get_by_role("table")).to_contain_text(AMY)
    follow(page, AMY)

    # ... and returns.
    press(page, "Record the return")
    heading(page, "The child has returned")
    assert_accessible(page)
    fill_when(page, "returned_at", back)
    page.get_by_label("Where was the child found?").fill("At a friend's flat in Westbury")
    submit(page, "Record return")
    banner(page, "Return recorded")
    expect(page.locator("main")).to_contain_text("Interview due by")
    assert_accessible(page)

    # 2. Two attempts to reach her, 38 hours apart: the long-gap warning shows.
    for hours, method, result in [
        (2, "Phone call", "No answer"),
        (40, "Visit to the home", "Spoke to the child"),
    ]:
        press(page, "Log an attempt to reach the child")
        heading(page, "Log an attempt to reach the child")
        assert_accessible(page)
        fill_when(page, "attempted_at", back + timedelta(hours=hours))
        page.get_by_role("group", name="How did you try to reach them?").get_by_label(
            method
        ).check()
        page.get_by_role("group", name="What happened?").get_by_label(result).check()
        submit(page, "Save attempt")
        banner(page, "Attempt logged")
    warning = page.locator(".govuk-warning-text", has_text="passed between the attempt")
    expect(warning).to_contain_text("1 day 14 hours passed between the attempt")
    expect(warning).to_contain_text("longer than 24 clock hours")
    assert_accessible(page)

    # 3. The interview: offered and accepted, then done by an independent worker.
    press(page, "Record the offer of an interview")
    assert_accessible(page)
    fill_when(page, "offered_at", back + timedelta(hours=40))
    page.get_by_label("Who offered it?").fill("Sam Lee, return home interview worker")
    page.get_by_role("group", name="What did the child say?").get_by_label("Accepted").check()
    submit(page, "Save offer")
    banner(page, "Offer of a return home interview recorded")
    expect(page.locator("main")).to_contain_text("Within 72 hours")

    press(page, "Record the interview")
    assert_accessible(page)
    fill_when(page, "completed_at", back + timedelta(hours=50))
    page.get_by_label("Who did the interview?").fill("Sam Lee")
    page.get_by_label("Their organisation (optional)").fill("Wessex Return Interviews")
    page.get_by_label("They are independent of the child").check()
    page.get_by_label("What did the child say? (optional)").fill(
        "Amy stayed with older friends after an argument at home."
    )
    submit(page, "Save interview")
    banner(page, "Return home interview recorded")
    assert_accessible(page)

    # Still in the queue: the risk review is not done.
    follow(page, "Back to the list")
    heading(page, "Return home interviews")
    expect(page.get_by_role("table")).to_contain_text(AMY)
    assert_accessible(page)
    follow(page, AMY)

    # The review is refused until Beth has been considered (4: the sibling prompt).
    press(page, "Record the risk review")
    heading(page, "Risk review")
    assert_accessible(page)
    page.get_by_label("Push factors: what made the child leave?").fill("Arguments at home.")
    page.get_by_label("Pull factors: what drew the child away?").fill("Older friends.")
    page.get_by_label("Where did the child go?").fill("A flat in Westbury.")
    page.get_by_label("Who were they with?").fill("Two older teenagers.")
    page.get_by_label("Child sexual exploitation (CSE)").check()
    page.get_by_role("group", name="What is the level of risk now?").get_by_label("High").check()
    page.get_by_label("How has the child's plan been updated?").fill(
        "Safety plan agreed; referral to the exploitation panel."
    )
    submit(page, "Save risk review")
    assert page.title().startswith("Error: ")
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        f"Record that {BETH} has been considered"
    )
    assert_accessible(page)

    page.goto(episode_url)
    follow(page, "Record that each was considered")
    heading(page, "Brothers and sisters")
    assert_accessible(page)
    page.get_by_label(f"{BETH} (brother or sister)").fill("Beth spoken to at school: she is safe.")
    submit(page, "Save")
    banner(page, "Brothers and sisters recorded as considered")
    expect(page.get_by_role("region", name="Brothers and sisters")).to_have_count(0)
    assert_accessible(page)

    press(page, "Record the risk review")
    for label, text in [
        ("Push factors: what made the child leave?", "Arguments at home."),
        ("Pull factors: what drew the child away?", "Older friends."),
        ("Where did the child go?", "A flat in Westbury."),
        ("Who were they with?", "Two older teenagers."),
        ("How has the child's plan been updated?", "Safety plan agreed."),
    ]:
        page.get_by_label(label).fill(text)
    page.get_by_label("Child sexual exploitation (CSE)").check()
    page.get_by_role("group", name="What is the level of risk now?").get_by_label("High").check()
    submit(page, "Save risk review")
    banner(page, "Risk review recorded. The episode is closed")
    expect(page.locator("main")).to_contain_text("Risk reviewed")
    assert_accessible(page)

    # ... after which the episode leaves the queue.
    follow(page, "Back to the list")
    heading(page, "Return home interviews")
    expect(page.locator("main")).to_contain_text("No returned child is waiting.")
    assert_accessible(page)

    # 5. A third episode in 30 days raises the repeat-missing flag.
    report_missing(
        page, started=now - timedelta(hours=1), reference="WX/2026/0522", errors_first=False
    )
    expect(page.locator("main")).to_contain_text("3 episodes in 30 days")
    expect(page.locator("main")).to_contain_text("Awaiting a manager's decision")
    sign_out(page)

    sign_in(page, cast["manager"])
    open_missing(page)
    follow(page, "Repeat missing")
    heading(page, "Repeat missing")
    expect(page.get_by_role("table")).to_contain_text(AMY)
    assert_accessible(page)
    follow(page, re.compile(rf"^Decide\W+for {AMY}$"))
    heading(page, "Strategy discussion decision")
    assert_accessible(page)
    page.get_by_label("Hold a strategy discussion").check()
    page.get_by_label("Reason for your decision").fill(
        "Three episodes in a month, found with older teenagers: signs of sexual exploitation."
    )
    submit(page, "Record decision")
    banner(page, f"Decision recorded for {AMY}")
    expect(page.locator("main")).to_contain_text("No child is waiting for a decision.")
    assert_accessible(page)

    # The figures lead to the children behind them.
    follow(page, "Figures")
    heading(page, "Figures")
    assert_accessible(page)
    follow(page, re.compile(r"^\d+\W+episodes that started in "))
    expect(page.get_by_role("table")).to_contain_text(AMY)
    assert_accessible(page)

    # Every step is on Amy's timeline.
    page.goto(f"/children/{cast['amy'].pk}/")
    assert_accessible(page)
    timeline = page.locator(".frontdoor-timeline")
    for title in [
        "Reported missing",
        "Returned after going missing",
        "Attempt to reach the child after going missing",
        "Return home interview offered",
        "Return home interview completed",
        "Brothers and sisters considered",
        "Risk reviewed after going missing",
        "Repeat missing: on the manager's list for a strategy discussion decision",
        "Manager's decision on repeat missing",
    ]:
        expect(timeline).to_contain_text(title)
    sign_out(page)


def assert_stored(cast: dict[str, Any]) -> None:
    journey_episode = Episode.objects.get(police_report__reference="WX/2026/0451")
    assert journey_episode.status == Status.REVIEWED
    assert journey_episode.attempts.count() == 2
    assert journey_episode.siblings_considered.get().sibling == cast["beth"]
    assert journey_episode.risk_review.sexual_exploitation
    assert journey_episode.rhi_offered_in_time
    flag = RepeatMissingFlag.objects.get(person=cast["amy"])
    assert flag.episodes_in_window == 3 and flag.status == FlagStatus.DECIDED
    assert flag.decision == "strategy_discussion" and flag.decided_by == cast["manager"]


@pytest.fixture
def cast(hub_worker, manager) -> dict[str, Any]:
    factories.police_force()
    amy = factories.child("Amy", "Smith")
    beth = factories.sibling_of(amy, "Beth")
    # Amy's first episode, three weeks ago, followed up to its review. (Beth was considered.)
    earlier = factories.interviewed(
        hub_worker, amy, started_at=timezone.now() - timedelta(days=21), reference="WX/2026/0300"
    )
    from frontdoor.missing import actions

    actions.record_siblings_considered(
        by=hub_worker, episode=earlier, notes={f"person:{beth.pk}": "Beth is safe at home."}
    )
    actions.record_risk_review(by=hub_worker, episode=earlier, review=factories.review())
    return {"coordinator": hub_worker, "manager": manager, "amy": amy, "beth": beth}


@pytest.mark.parametrize("javascript", [True, False], ids=["with-javascript", "without"])
def test_missing_child_journey(new_page, cast, javascript):
    page = new_page(javascript=javascript)
    journey(page, cast)
    assert_stored(cast)
    assert page.problems == []
