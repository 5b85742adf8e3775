"""The child's chronology: every kind of history in one timeline, filters, and audited print."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from django.conf import settings

from frontdoor.audit.models import Event
from frontdoor.child_record.chronology import Kind, chronology
from frontdoor.contacts import actions
from frontdoor.contacts.tests import factories as f
from frontdoor.contacts.workflow import Outcome
from frontdoor.history.actions import import_history
from frontdoor.history.rows import read_csv
from frontdoor.missing.tests import factories as missing
from frontdoor.people.actions import record_household_move, set_up_household
from frontdoor.people.models import Person
from frontdoor.visits.tests.factories import decided
from frontdoor.workflow.errors import NotReady

pytestmark = pytest.mark.django_db
SAMPLES = Path(settings.BASE_DIR) / "docs" / "samples"


@pytest.fixture
def amelia(screener, contact_officer):
    """Amelia Hartley: a contact today, early help and old social care history imported, and a
    household that moved."""
    for name, kind in (("early-help.csv", "early_help"), ("legacy-history.csv", "legacy_history")):
        rows = read_csv((SAMPLES / name).read_bytes(), kind)
        import_history(by=screener, kind=kind, rows=rows, source=name)
    person = Person.objects.get(first_name="Amelia")
    family = f.received(
        contact_officer, children=[f.child("Amelia", "Hartley", born=date(2015, 4, 12))]
    )
    contact = f.only_child(family)
    actions.link_child(by=screener, contact=contact, person=person)
    household = set_up_household(
        by=screener,
        members=[person],
        address="4 Mill Lane",
        postcode="WX1 4AB",
        moved_in=date(2020, 1, 6),
    )
    record_household_move(
        by=screener,
        household=household,
        address="9 Quay Street",
        postcode="wx1 5cd",
        moved_in=date(2022, 11, 1),
    )
    return person


def test_the_chronology_holds_every_kind_newest_first(amelia):
    entries = chronology(amelia)
    titles = [e.title for e in entries]
    assert titles[0] == "Contact received"
    assert {e.kind for e in entries} == {
        Kind.CONTACTS,
        Kind.REFERRALS,
        Kind.ASSESSMENTS,
        Kind.EARLY_HELP,
        Kind.FAMILY,
    }
    assert "Early help episode" in titles
    assert "Referral (previous system)" in titles
    assert titles.count("Moved to a new address") == 2
    assert [e.when for e in entries] == sorted((e.when for e in entries), reverse=True)


def test_the_chronology_filters_by_kind(amelia):
    only = chronology(amelia, [Kind.EARLY_HELP])
    assert [(e.title, e.source) for e in only] == [("Early help episode", "EHM")]
    assert "Riverside Family Hub" in only[0].detail


def test_a_household_keeps_its_address_history(amelia):
    household = amelia.households.get().household
    addresses = list(household.addresses.values_list("postcode", "moved_in", "moved_out"))
    assert addresses == [
        ("WX1 5CD", date(2022, 11, 1), None),
        ("WX1 4AB", date(2020, 1, 6), date(2022, 10, 31)),
    ]


def test_screener_can_filter_the_chronology_without_javascript(client, screener, amelia):
    client.force_login(screener)
    response = client.get(f"/children/{amelia.pk}/chronology/?kind=early_help")
    assert response.status_code == 200
    assert b"Early help episode" in response.content
    assert b"Referral (previous system)" not in response.content
    assert b"Showing: Early help episodes" in response.content


def test_screener_cannot_filter_by_a_kind_not_on_the_list(client, screener, amelia):
    client.force_login(screener)
    response = client.get(f"/children/{amelia.pk}/chronology/?kind=__all__")
    assert response.status_code == 400
    assert b"govuk-error-summary" in response.content


def test_opening_the_print_view_is_audited(client, screener, amelia):
    client.force_login(screener)
    response = client.get(f"/children/{amelia.pk}/chronology/print/?kind=referrals&kind=family")
    assert response.status_code == 200
    assert b"OFFICIAL-SENSITIVE" in response.content
    printed = Event.objects.get(verb="chronology_printed")
    assert (printed.person, printed.actor, printed.data) == (
        amelia,
        screener,
        {"kinds": ["family", "referrals"]},
    )


def test_the_childs_page_shows_history_household_and_chronology_link(client, screener, amelia):
    client.force_login(screener)
    response = client.get(f"/children/{amelia.pk}/")
    assert response.status_code == 200
    for text in (
        b"Riverside Family Hub",
        b"Child and family assessment",
        b"9 Quay Street",
        b"Address history",
        b"Chronology",
    ):
        assert text in response.content


def test_contact_officer_cannot_open_a_chronology(client, contact_officer, amelia):
    client.force_login(contact_officer)
    assert client.get(f"/children/{amelia.pk}/chronology/").status_code == 404
    assert client.get(f"/children/{amelia.pk}/chronology/print/").status_code == 404
    assert not Event.objects.filter(verb="chronology_printed").exists()


def test_casework_and_missing_episodes_appear_in_their_kinds(manager, hub_worker, area_team):
    allocation = decided(manager, Outcome.STRATEGY_DISCUSSION, area_team)
    person = allocation.person
    missing.returned(hub_worker, person)
    entries = chronology(person)
    by_kind = {kind: [e.title for e in entries if e.kind == kind] for kind in Kind.values}
    assert "Referral to children's social care" in by_kind[Kind.REFERRALS]
    assert "Strategy discussion requested" in by_kind[Kind.ASSESSMENTS]
    assert by_kind[Kind.MISSING] == ["Returned after going missing", "Went missing"]
    assert any(t.startswith("Decision: ") for t in by_kind[Kind.CONTACTS])


def test_a_move_must_come_after_the_current_address(screener):
    person = f.person("Amy", "Smith", date(2019, 3, 27))
    household = set_up_household(
        by=screener,
        members=[person],
        address="1 Elm Road",
        postcode="WX1 2AB",
        moved_in=date(2021, 5, 1),
    )
    with pytest.raises(NotReady):
        record_household_move(
            by=screener,
            household=household,
            address="2 Elm Road",
            postcode="WX1 2AB",
            moved_in=date(2021, 5, 1),
        )
