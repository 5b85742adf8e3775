"""Partner agencies in the loop (issue 4), in Debian's Chromium with JavaScript off, through the
real pages.

Amy's contact is with the child protection hub. Hamid, a hub worker, records the family's consent
and asks the police and health for information. Priya answers for the police. Health does not
answer: its request goes overdue, the sweep chases it (the health mailbox is told, by a link with
no personal data) and, after the second interval, escalates it to health's safeguarding lead.
Hamid sees each agency's status at a glance: answered, and overdue and escalated.

The clock is driven by calling the sweep's functions with a moment, never by sleeping. Every
page visited is checked with axe.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import Page, expect

from frontdoor.contacts.tests import factories
from frontdoor.enquiries.actions import chase_overdue_enquiries, escalate_chased_enquiries
from frontdoor.enquiries.models import Enquiry
from frontdoor.enquiries.workflow import EnquiryStatus

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fill_date_time(page: Page, prefix: str, moment: Any) -> None:
    local = timezone.localtime(moment)
    page.locator(f"#id_{prefix}_day").fill(str(local.day))
    page.locator(f"#id_{prefix}_month").fill(str(local.month))
    page.locator(f"#id_{prefix}_year").fill(str(local.year))
    page.locator(f"#id_{prefix}_time").fill(local.strftime("%H:%M"))


def test_hub_asks_police_and_health_police_answer_health_is_chased_and_escalated(
    new_page: Callable[..., Page],
    sign_in: Any,
    sign_out: Any,
    assert_accessible: Any,
    screenshot: Any,
    screener: Any,
    hub_worker: Any,
    police_partner: Any,
    police_agency: Any,
    health_agency: Any,
    child_protection_hub: Any,
) -> None:
    health_agency.mailbox = "mash-requests@health.example"
    health_agency.lead_email = "safeguarding-lead@health.example"
    health_agency.save()
    family = factories.in_hub(screener, child_protection_hub, rag="red")
    page = new_page(javascript=False)

    # 1. The hub worker records consent and sends requests to the police and health.
    sign_in(page, hub_worker)
    page.goto(f"/contacts/{family.pk}/")
    assert_accessible(page)
    page.get_by_role("link", name="Consent and enquiries for this contact").click()
    assert_accessible(page)
    page.get_by_role("button", name="Record consent").click()
    assert_accessible(page)
    page.get_by_role("button", name="Save consent position").click()
    expect(page.get_by_role("link", name="Select whether consent was given")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Yes, consent was given").check()
    page.get_by_label("Who was asked?").fill("Jo Smith (mother)")
    fill_date_time(page, "decided_at", timezone.now() - timedelta(minutes=20))
    page.get_by_role("button", name="Save consent position").click()
    expect(page.get_by_text("Consent recorded")).to_be_visible()
    page.get_by_role("button", name="Ask partner agencies").click()
    assert_accessible(page)
    page.get_by_label(police_agency.name).check()
    page.get_by_label(health_agency.name).check()
    page.get_by_label("What do you want to know?").fill(
        "Is Amy or her family known to you? Any incidents or health concerns this year?"
    )
    page.get_by_role("group", name="Lawful basis for asking").get_by_role("radio").first.check()
    page.get_by_role("button", name="Send requests").click()
    expect(page.get_by_text("Requests sent to")).to_be_visible()
    assert_accessible(page)
    statuses = page.get_by_role("table").first
    expect(statuses.get_by_role("row").filter(has_text=police_agency.name)).to_contain_text("Sent")
    expect(statuses.get_by_role("row").filter(has_text=health_agency.name)).to_contain_text("Sent")
    screenshot(page, "enquiries-sent")
    sign_out(page)
    police = Enquiry.objects.get(agency=police_agency)
    health = Enquiry.objects.get(agency=health_agency)
    assert police.rag == "red"

    # 2. The police partner answers from the agency's queue.
    sign_in(page, police_partner)
    expect(page.get_by_role("heading", name="Working with the MASH")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="See your agency's requests").click()
    assert_accessible(page)
    page.get_by_role("link", name=f"Request {police.reference}").click()
    expect(page.get_by_text("Consent was given by Jo Smith (mother)")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Yes").check()
    page.get_by_label("What does your agency know about them?").fill(
        "Two call-outs to the address in March: verbal argument, no arrests."
    )
    page.get_by_label("What risks does your agency know of?").fill(
        "Father cautioned for common assault in 2024."
    )
    page.get_by_role("button", name="Send answer").click()
    expect(page.get_by_text("Answer sent to the MASH")).to_be_visible()
    expect(page.get_by_role("heading", name="Your agency's answer")).to_be_visible()
    assert_accessible(page)
    screenshot(page, "enquiry-answered-by-police")
    # The health agency's request is not in the police queue (the two requests share the
    # family contact's reference, so look for the request itself).
    page.goto("/partners/requests/")
    expect(page.locator(f'a[href*="{health.pk}"]')).to_have_count(0)
    expect(page.locator(f'a[href*="{police.pk}"]')).to_have_count(1)
    page.goto(f"/partners/requests/{health.pk}/")
    expect(page.get_by_role("heading", name="Page not found")).to_be_visible()
    sign_out(page)

    # 3. Health does not answer. Move its clock back a week (as if sent then), and run the sweep
    # as it would have run: chased a quarter of an hour after it fell due, escalated once the
    # second interval had passed, and not before.
    sent_at = timezone.now() - timedelta(days=8)
    Enquiry.objects.filter(pk=health.pk).update(sent_at=sent_at, due_at=sent_at + timedelta(days=1))
    health.refresh_from_db()
    mail.outbox.clear()
    assert chase_overdue_enquiries(now=health.due_at + timedelta(minutes=15)) == 1
    health.refresh_from_db()
    assert health.chased_at is not None and health.escalate_at is not None
    assert escalate_chased_enquiries(now=health.escalate_at - timedelta(minutes=1)) == 0
    assert escalate_chased_enquiries(now=health.escalate_at + timedelta(minutes=15)) == 1
    sent = {message.to[0]: message for message in mail.outbox}
    assert set(sent) == {"mash-requests@health.example", "safeguarding-lead@health.example"}
    for message in sent.values():
        assert f"/partners/requests/{health.pk}/" in message.body
        assert "Amy" not in message.body and "Smith" not in message.body

    # 4. The hub sees each agency's status at a glance.
    sign_in(page, hub_worker)
    page.goto(f"/enquiries/contact/{family.pk}/")
    assert_accessible(page)
    statuses = page.get_by_role("table").first
    expect(statuses.get_by_role("row").filter(has_text=police_agency.name)).to_contain_text(
        "Answered"
    )
    expect(statuses.get_by_role("row").filter(has_text=health_agency.name)).to_contain_text(
        "Overdue: escalated"
    )
    expect(page.get_by_text("Two call-outs to the address in March")).to_be_visible()
    screenshot(page, "enquiries-at-a-glance")
    page.goto(f"/contacts/{family.pk}/")
    expect(page.get_by_text("Overdue: escalated").first).to_be_visible()
    assert_accessible(page)
    page.goto("/enquiries/")
    assert_accessible(page)
    expect(page.get_by_role("row").filter(has_text=health_agency.name)).to_contain_text(
        "Overdue: escalated"
    )
    assert Enquiry.objects.get(pk=police.pk).status == EnquiryStatus.ANSWERED
