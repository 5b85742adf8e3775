"""Issue 17's "done when", in Debian's Chromium: one family from a school's call to the first
visit, by links and buttons only.

A school refers two sisters, Amy (already on record) and Beth. Two screeners open the screening
queue at the same moment and both press "Claim": Alice gets the family, Bea is told it is
taken and by whom. Alice links and screens both girls and sends them to the child protection
hub. Hamid asks the police; Priya answers for them. Maya decides on a strategy discussion for
both; Hamid records one discussion for both; Tina allocates both to Sam, who records one visit
that saw both, each girl's own words in her own fields.

After signing in, no address is typed: every page is reached by a link or a button. Beth's
details are typed once, at the contact; nothing about her is typed again. Every page visited
is checked with axe (and its reflow at 320 px).
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from frontdoor.access.models import Role
from frontdoor.contacts.models import Contact, FamilyContact
from frontdoor.contacts.tests import factories
from frontdoor.enquiries.models import Enquiry
from frontdoor.enquiries.workflow import EnquiryStatus
from frontdoor.strategy.models import StrategyDiscussion
from frontdoor.strategy.workflow import DiscussionStatus
from frontdoor.visits.models import Visit

from .helpers import assert_accessible, sign_in, sign_out
from .test_front_door_journey import (
    AMY,
    BETH,
    Cast,
    contact_about,
    decide,
    follow,
    follow_in_nav,
    no_shot,
    record_contact,
    screen_and_send,
    submit,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def family_cast(contact_officer, screener, manager, child_protection_hub, area_team) -> Cast:
    return Cast(
        officer=contact_officer,
        screener=screener,
        manager=manager,
        hub=child_protection_hub,
        area_team=area_team,
        amy_on_record=factories.person(AMY.first, AMY.last, AMY.born),
    )


def fill_date_time(page: Page, prefix: str, moment: Any) -> None:
    local = timezone.localtime(moment)
    page.locator(f"#id_{prefix}_day").fill(str(local.day))
    page.locator(f"#id_{prefix}_month").fill(str(local.month))
    page.locator(f"#id_{prefix}_year").fill(str(local.year))
    page.locator(f"#id_{prefix}_time").fill(local.strftime("%H:%M"))


# --- Two screeners press "Claim" at once --------------------------------------------------------


def claim_at_once(alice: Page, bea: Page, cast: Cast, other_screener: Any) -> None:
    """Both queues are open before either claims, so Bea's page still offers the claim."""
    sign_in(alice, cast.screener)
    sign_in(bea, other_screener)
    for page in (alice, bea):
        expect(page.get_by_role("heading", level=1)).to_have_text("Screening")
        expect(page.get_by_role("button", name=re.compile(r"^Claim\W+contact WX-"))).to_have_count(
            1
        )
    submit(alice, re.compile(r"^Claim\W+contact WX-"))
    expect(alice.get_by_role("heading", level=1)).to_have_text(
        f"Contact about {AMY.name} and {BETH.name}"
    )
    assert_accessible(alice)
    submit(bea, re.compile(r"^Claim\W+contact WX-"))
    refusal = bea.locator(".govuk-error-summary")
    expect(refusal).to_contain_text(f"{cast.screener.display_name} claimed this contact")
    assert_accessible(bea)
    # The queue now says who has it, to Bea as to everyone.
    expect(bea.get_by_role("row").filter(has_text=AMY.name)).to_contain_text(
        cast.screener.display_name
    )
    sign_out(bea)
    sign_out(alice)


# --- The hub asks the police, who answer --------------------------------------------------------


def ask_the_police(page: Page, hub_worker: Any, police: Any) -> None:
    sign_in(page, hub_worker)
    assert_accessible(page)
    follow(page, contact_about(AMY.name, BETH.name))
    follow(page, "Consent and enquiries for this contact")
    assert_accessible(page)
    submit(page, "Record consent")
    page.get_by_label("Yes, consent was given").check()
    page.get_by_label("Who was asked?").fill("Jo Smith (mother)")
    fill_date_time(page, "decided_at", timezone.now() - timedelta(minutes=20))
    submit(page, "Save consent position")
    expect(page.get_by_text("Consent recorded")).to_be_visible()
    submit(page, "Ask partner agencies")
    assert_accessible(page)
    page.get_by_label(police.name).check()
    page.get_by_label("What do you want to know?").fill(
        "Are Amy, Beth or their mother known to you? Any incidents at the address this year?"
    )
    page.get_by_role("group", name="Lawful basis for asking").get_by_role("radio").first.check()
    submit(page, "Send requests")
    expect(page.get_by_text("Requests sent to")).to_be_visible()
    assert_accessible(page)
    sign_out(page)


def answer_for_the_police(page: Page, police_partner: Any) -> None:
    sign_in(page, police_partner)
    follow(page, "See your agency's requests")
    assert_accessible(page)
    follow(page, re.compile(r"^Request WX-"))
    assert_accessible(page)
    page.get_by_label("Yes").check()
    page.get_by_label("What does your agency know about them?").fill(
        "Called to the address last night: a domestic incident, both girls present."
    )
    page.get_by_label("What risks does your agency know of?").fill(
        "Mother's partner has a caution for common assault."
    )
    submit(page, "Send answer")
    expect(page.get_by_text("Answer sent to the MASH")).to_be_visible()
    assert_accessible(page)
    sign_out(page)


# --- One strategy discussion, one allocation each, one visit -----------------------------------


def discuss_both(page: Page, hub_worker: Any) -> None:
    sign_in(page, hub_worker)
    follow_in_nav(page, "Strategy")
    assert_accessible(page)
    follow(page, f"Record the strategy discussion for {AMY.name}")
    assert_accessible(page)
    fill_date_time(page, "held_at", timezone.now())
    page.get_by_label("Conference call").check()
    for agency in ("council", "police", "health"):
        page.locator(f"#id_attended_{agency}").check()
    page.locator("#id_shared_police").fill("Called to the address last night; both girls present.")
    page.get_by_label("Section 47 enquiry").check()
    page.get_by_label("Reasons for the decision").fill(
        "Domestic abuse with both girls present: threshold for section 47 met for each."
    )
    page.get_by_role(
        "group", name="Also record this discussion for these children in the same family"
    ).get_by_label(BETH.name).check()
    submit(page, "Record the strategy discussion")
    assert_accessible(page)
    sign_out(page)


def allocate_both(page: Page, team_manager: Any, area_team: Any) -> None:
    sign_in(page, team_manager)
    follow_in_nav(page, "My work")
    follow(page, f"Children {area_team.name} must see")
    assert_accessible(page)
    for child in (AMY, BETH):
        follow(page, f"Open {child.name}")
        assert_accessible(page)
        page.get_by_label("Which social worker will see the child?").select_option(
            label=f"Sam Tester ({area_team.name})"
        )
        submit(page, "Allocate")
        expect(page.get_by_text("Allocated to Sam Tester")).to_be_visible()
        assert_accessible(page)
        follow(page, area_team.name)  # the back link to the team's children
    sign_out(page)


def visit_both(page: Page, area_worker: Any) -> None:
    sign_in(page, area_worker)
    follow(page, "Children allocated to you")
    assert_accessible(page)
    follow(page, f"Open {AMY.name}")
    submit(page, "Record a visit")  # a link that looks, and is announced, as a button
    assert_accessible(page)
    fill_date_time(page, "visited_at", timezone.now())
    page.get_by_label("Where did the visit take place?").fill("At home, with their mother")
    page.get_by_role("group", name="Was the child seen?").get_by_label("Yes").check()
    page.get_by_role("group", name="Was the child seen alone?").get_by_label("Yes").check()
    page.get_by_label("The child's views, in their own words").fill(
        "'I go to my room when they shout. Beth comes in with me.'"
    )
    page.get_by_label("What is the child's daily life like?").fill(
        "Walks Beth to school; likes netball."
    )
    # Beth's own questions, in her own fieldset: nothing about her is typed but her answers.
    page.get_by_role("group", name=f"Was {BETH.name} part of this visit?").get_by_label(
        "Yes, and the child was seen"
    ).check()
    page.get_by_role("group", name=f"Was {BETH.name} seen alone?").get_by_label("No").check()
    page.get_by_label(f"{BETH.name}'s views, in their own words").fill(
        "'Mummy's friend is loud. I like my teddy.'"
    )
    page.get_by_label(f"What is {BETH.name}'s daily life like?").fill(
        "Nursery in the mornings; naps after lunch."
    )
    submit(page, "Record the visit")
    expect(page.get_by_text("I go to my room when they shout")).to_be_visible()
    assert_accessible(page)
    sign_out(page)


def assert_stored(cast: Cast) -> None:
    family = FamilyContact.objects.get()
    assert family.claimed_by == cast.screener or family.claimed_by is None  # lapsed onwards
    people = {c.child_name: c.person for c in Contact.objects.filter(family=family)}
    assert people[AMY.name] == cast.amy_on_record
    assert Enquiry.objects.get(family=family).status == EnquiryStatus.ANSWERED
    discussions = StrategyDiscussion.objects.filter(person__in=people.values())
    assert {d.status for d in discussions} == {DiscussionStatus.HELD}
    assert discussions.count() == 2
    words = {v.allocation.person: v.childs_views for v in Visit.objects.all()}
    assert words == {
        people[AMY.name]: "'I go to my room when they shout. Beth comes in with me.'",
        people[BETH.name]: "'Mummy's friend is loud. I like my teddy.'",
    }


def test_two_siblings_from_a_school_to_their_first_visit_by_links_and_buttons_only(
    new_page, family_cast, make_user, hub_worker, police_partner, police_agency, area_team
):
    cast = family_cast
    other_screener = make_user("bea", Role.SCREENER)
    team_manager = make_user("tina", Role.MANAGER, team=area_team)
    area_worker = make_user("sam", Role.AREA_WORKER, team=area_team)
    page = new_page()

    record_contact(page, cast, javascript=True)
    claim_at_once(page, new_page(), cast, other_screener)
    screen_and_send(page, cast, no_shot, javascript=True)
    ask_the_police(page, hub_worker, police_agency)
    answer_for_the_police(page, police_partner)
    decide(page, cast, no_shot)
    discuss_both(page, hub_worker)
    allocate_both(page, team_manager, area_team)
    visit_both(page, area_worker)

    assert_stored(cast)
