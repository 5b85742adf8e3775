"""Every page that draws a chart with the one renderer (frontdoor/figures/charts.py, docs/adr/0021),
in Debian's Chromium with axe: the partner agencies' information (stacked columns and horizontal
bars), the police volume and quality pages, challenges to decisions, and the missing children's
figures (tables, no chart; case audit grades are in test_case_audits.py). Each chart is an image
named by its title, and sits beside a table of the same numbers.

Maya, a manager, has sent two enquiries: the police answered theirs, health has not yet.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from playwright.sync_api import Page, expect

from frontdoor.enquiries.tests import factories as ef

PAGES = [
    ("enquiries:information", "Partner agencies: enquiries and feedback", 4),
    ("police:volume", "Volume", 1),
    ("police:quality", "Quality", 1),
    ("supervision:counts", "Managers' challenges to screening and decisions", 1),
    ("missing:information", "Figures", 0),
]


def test_manager_reads_every_chart_as_a_named_image_beside_its_table(
    page: Page,
    sign_in: Any,
    assert_accessible: Any,
    manager: Any,
    police_partner: Any,
    child_protection_hub: Any,
    police_agency: Any,
    health_agency: Any,
) -> None:
    ef.answered(police_partner, ef.sent(manager, child_protection_hub, police_agency))
    ef.sent(manager, child_protection_hub, health_agency)

    sign_in(page, manager)
    for name, heading, charts in PAGES:
        page.goto(reverse(name))
        expect(page.get_by_role("heading", level=1)).to_contain_text(heading)
        images = page.locator("svg[role='img']")
        expect(images).to_have_count(charts)
        for index in range(charts):
            image = images.nth(index)
            title = image.locator("title").first.text_content()
            assert title, f"a chart on {name} has no title"
            expect(page.get_by_role("img", name=title).first).to_be_visible()
        assert page.locator("table").count() >= max(1, charts)
        assert_accessible(page)

    page.goto(reverse("enquiries:information"))
    expect(page.get_by_role("img", name="Enquiries sent each month, by agency")).to_be_visible()
    expect(page.get_by_role("img", name="Time to answer, by agency, in hours")).to_be_visible()
