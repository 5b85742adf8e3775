"""Indicators the system finds from other parts of the record: a high DASH level from police
notifications (frontdoor/police), and a previous child protection plan from the history imported
from the previous system (frontdoor/history)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from frontdoor.contacts.tests import factories as f
from frontdoor.guardrails.indicators import indicators_for
from frontdoor.guardrails.models import Derivation, RiskIndicator
from frontdoor.guardrails.queries import child_history
from frontdoor.guardrails.tests import factories as g

pytestmark = pytest.mark.django_db

AMY_BORN = date(2019, 3, 27)
police_row, notify, contact_from = g.police_row, g.notify, g.contact_from


def found(contact, code: str):
    return next((item for item in indicators_for(contact) if item.code == code), None)


def test_the_seeded_high_dash_indicator_is_found_from_police_notifications():
    rule = RiskIndicator.objects.get(code="high-dash")
    assert (rule.derivation, rule.window_days) == (Derivation.POLICE_HIGH_RISK, 365)


def test_a_high_dash_level_on_the_notification_is_found_for_its_contact(screener, police_agency):
    incident = timezone.localdate() - timedelta(days=3)
    notify(screener, police_agency, police_row("WX/T/1", incident))
    item = found(contact_from("WX/T/1"), "high-dash")
    assert item is not None
    assert item.why == (
        f"Police DASH risk assessment high for the incident of {incident:%-d %B %Y} (WX/T/1)"
    )


def test_a_medium_or_standard_level_is_not_a_high_dash_level(screener, police_agency):
    incident = timezone.localdate() - timedelta(days=3)
    notify(
        screener,
        police_agency,
        police_row("WX/T/2", incident, level="medium", risk_tool="dara"),
        {**police_row("WX/T/3", incident, level="standard"), "child1_first_name": "Ava"},
    )
    assert found(contact_from("WX/T/2"), "high-dash") is None
    assert found(contact_from("WX/T/3"), "high-dash") is None


def test_an_earlier_high_risk_incident_about_the_child_counts_within_the_window(
    screener, police_agency
):
    amy = f.person("Amy", "Smith", AMY_BORN)
    today = timezone.localdate()
    notify(
        screener,
        police_agency,
        police_row("WX/T/OLD", today - timedelta(days=400)),
        police_row("WX/T/RECENT", today - timedelta(days=100)),
    )
    assert contact_from("WX/T/RECENT").person == amy  # matched, so the child's history counts
    # A later contact about Amy from a school, not from the police.
    item = found(g.new_contact_about(screener, amy), "high-dash")
    assert item is not None
    assert item.why.startswith("Police DASH risk assessment high for the incident of")
    assert "(WX/T/RECENT)" in item.why  # the one from 400 days ago is outside the 365-day window


def test_two_high_risk_incidents_in_the_window_are_counted(screener, police_agency):
    amy = f.person("Amy", "Smith", AMY_BORN)
    today = timezone.localdate()
    notify(
        screener,
        police_agency,
        police_row("WX/T/A", today - timedelta(days=200)),
        police_row("WX/T/B", today - timedelta(days=20)),
    )
    item = found(g.new_contact_about(screener, amy), "high-dash")
    assert item is not None
    assert item.why.startswith(
        "2 police domestic abuse notifications assessed high risk in the last 365 days; latest:"
    )
    assert item.why.endswith("(WX/T/B)")


def test_an_unmatched_child_still_gets_the_indicator_from_their_own_notification(
    screener, police_agency
):
    notify(
        screener, police_agency, police_row("WX/T/NEW", timezone.localdate() - timedelta(days=1))
    )
    contact = contact_from("WX/T/NEW")
    assert contact.person_id is None  # nobody to match: Amy is not known here
    assert found(contact, "high-dash") is not None


def test_a_child_protection_plan_in_imported_history_is_a_previous_plan(screener, manager):
    isla = f.person("Isla", "Okafor", date(2012, 2, 28))
    g.plan_in_imported_history(manager, isla)
    contact = g.new_contact_about(screener, isla)
    item = found(contact, "previous-plan")
    assert item is not None
    assert item.why == (
        "Child protection plan from 4 March 2019 to 2 January 2020 (history from CareFirst)"
    )
    # The decision page's summary of what is known counts it with the plans held here.
    history = child_history(contact)
    assert history.plan_count == 1
    assert [plan.source_reference for plan in history.legacy_plans] == ["CF-CPP-1"]
