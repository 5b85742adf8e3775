"""People-friendly references: "WX-26-004187", one per family contact, the same for the MASH
and the partners, found by the queue's search."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from frontdoor.access import actions as access_actions
from frontdoor.access.models import Role
from frontdoor.contacts.actions.references import format_reference, give_references
from frontdoor.contacts.models import FamilyContact
from frontdoor.contacts.queries import SCREENING, QueueFilters, filtered_queue
from frontdoor.contacts.tests import factories as f

pytestmark = pytest.mark.django_db


def test_references_have_the_prefix_the_year_and_a_zero_padded_number(settings):
    settings.FRONTDOOR_REFERENCE_PREFIX = "WX"
    assert format_reference(26, 4187) == "WX-26-004187"
    assert format_reference(2031, 12) == "WX-31-000012"


def test_each_contact_received_gets_the_next_number_in_its_year(contact_officer):
    first = f.received(contact_officer)
    second = f.received(contact_officer)
    year = timezone.localdate().year % 100
    prefix, yy, number = first.reference.split("-")
    assert (prefix, yy, len(number)) == ("WX", f"{year:02d}", 6)
    assert second.reference == format_reference(year, int(number) + 1)


def test_a_contact_received_last_year_takes_last_years_numbers(contact_officer):
    # 23:30 on 31 December 2025 in London is still 2025 (GMT), however late in UTC.
    late = datetime(2025, 12, 31, 23, 30, tzinfo=UTC)
    family = f.received(contact_officer, received_at=late)
    assert family.reference.startswith("WX-25-")


def test_the_prefix_is_the_councils_setting(settings, contact_officer):
    settings.FRONTDOOR_REFERENCE_PREFIX = "NK"
    assert f.received(contact_officer).reference.startswith("NK-")


def test_bulk_writers_give_each_row_its_own_reference_in_order(contact_officer):
    existing = f.received(contact_officer)
    year = timezone.localdate().year % 100
    rows = [
        FamilyContact(received_at=timezone.now() - timedelta(minutes=n), narrative="x")
        for n in range(3)
    ]
    give_references(rows)
    after = int(existing.reference.rsplit("-", 1)[1])
    assert [r.reference for r in rows] == [format_reference(year, after + n) for n in (1, 2, 3)]


def test_screener_finds_a_contact_in_the_queue_by_its_reference_or_number(
    screener, contact_officer
):
    wanted = f.received(contact_officer)
    f.received(contact_officer)
    whole = filtered_queue(screener, SCREENING, QueueFilters(search=wanted.reference.lower()))
    assert [family.pk for family in whole] == [wanted.pk]
    number = str(int(wanted.reference.rsplit("-", 1)[1]))
    by_number = filtered_queue(screener, SCREENING, QueueFilters(search=number))
    assert [family.pk for family in by_number] == [wanted.pk]


def test_partner_and_mash_quote_the_same_reference_for_an_enquiry(
    manager, child_protection_hub, police_agency
):
    from frontdoor.enquiries.tests import factories as ef

    enquiry = ef.sent(manager, child_protection_hub, police_agency)
    assert enquiry.reference == enquiry.family.reference
    assert enquiry.reference.startswith("WX-")


# --- finding a contact by its reference -------------------------------------------------------


def test_screener_finds_a_contact_by_its_reference_as_typed(client, screener, contact_officer):
    family = f.received(contact_officer)
    prefix, year, number = family.reference.split("-")
    client.force_login(screener)
    typed = f"{prefix.lower()}-{year}-{int(number)}"  # lower case, without the leading zeros
    response = client.get(reverse("contacts:find"), {"reference": typed})
    assert response.status_code == 302
    assert response.url == reverse("contacts:family", args=[family.pk])


def test_a_restricted_contacts_reference_finds_nothing_as_an_unknown_one_does(
    client, screener, contact_officer, make_user
):
    ig_lead = make_user("iris", Role.IG_LEAD)
    family = f.linked(screener, f.received(contact_officer))
    access_actions.restrict_person(
        by=ig_lead, person=f.only_child(family).person, reason="Child of a staff member"
    )
    client.force_login(screener)
    hidden = client.get(reverse("contacts:find"), {"reference": family.reference})
    unknown = client.get(reverse("contacts:find"), {"reference": "WX-19-999999"})
    assert hidden.status_code == unknown.status_code == 400
    assert "No contact you can open has that reference" in hidden.content.decode()
    assert hidden.content.decode().count(family.reference) == unknown.content.decode().count(
        "WX-19-999999"
    )


def test_a_reference_in_the_wrong_shape_is_explained(client, screener):
    client.force_login(screener)
    response = client.get(reverse("contacts:find"), {"reference": "EDDAC903"})
    assert response.status_code == 400
    assert "Enter the reference as it is written" in response.content.decode()


def test_area_worker_cannot_find_contacts_by_reference(client, make_user):
    client.force_login(make_user("sam", Role.AREA_WORKER))
    assert client.get(reverse("contacts:find")).status_code == 403
