"""The decision page puts what partners said above the choices and the analysis (issue 17)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from frontdoor.contacts.tests import factories as f
from frontdoor.enquiries.tests import factories as ef

pytestmark = pytest.mark.django_db


def test_manager_reads_each_partners_answer_before_the_choices(
    client, manager, child_protection_hub, police_agency, health_agency, police_partner
):
    family = ef.in_hub_with_consent(manager, child_protection_hub)
    police, health = ef.send(manager, family, [police_agency, health_agency])
    ef.answered(police_partner, police, summary="Two call-outs to the address in March.")
    client.force_login(manager)
    page = client.get(reverse("contacts:decide", args=[f.only_child(family).pk])).content.decode()
    said = page.index("What partners said")
    assert said < page.index('name="outcome"')
    assert said < page.index("Risk, need and strength analysis")
    section = page[said : page.index("</section>", said)]
    assert "Two call-outs to the address in March." in section
    assert "Known risks: Father has a caution for assault (2024)." in section
    assert health_agency.name in section and "Sent" in section  # asked, not yet answered


def test_manager_is_told_when_no_partner_was_asked(client, manager, child_protection_hub):
    family = f.in_hub(manager, child_protection_hub)
    client.force_login(manager)
    page = client.get(reverse("contacts:decide", args=[f.only_child(family).pk])).content.decode()
    assert "No partner agency has been asked about this family." in page
