"""Each action: who may take it, what state it needs, the audit row and the stored deadline."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from frontdoor.audit.models import Event
from frontdoor.contacts import actions
from frontdoor.contacts.models import Contact, Decision
from frontdoor.contacts.tests import factories as f
from frontdoor.contacts.workflow import Outcome, Status
from frontdoor.decisions import actions as decision_actions
from frontdoor.referrals.models import Referral
from frontdoor.workflow.errors import NotReady, StaleRecord

pytestmark = pytest.mark.django_db


def decision(team, outcome=Outcome.STRATEGY_DISCUSSION, hours=24):
    return decision_actions.DecisionDetails(
        outcome=outcome,
        rationale="Reasonable cause to suspect significant harm.",
        see_by=timezone.now() + timedelta(hours=hours),
        see_by_team=team,
    )


# --- receive_contact --------------------------------------------------------------------------


def test_contact_officer_can_record_a_contact_about_two_siblings(contact_officer):
    family = f.received(contact_officer, children=[f.child("Amy"), f.child("Ben")])
    contacts = list(family.contacts.order_by("position"))
    assert [c.first_name for c in contacts] == ["Amy", "Ben"]
    assert {c.status for c in contacts} == {Status.AWAITING_SCREENING}
    assert Event.objects.filter(verb="contact_received", family_contact=family).count() == 2
    assert family.adults.get().relationships.get().kind == "parent"


@time_machine.travel(datetime(2026, 10, 25, 0, 30, tzinfo=UTC) - timedelta(hours=1), tick=False)
def test_screening_deadline_is_stored_four_real_hours_after_receipt_across_the_clock_change(
    contact_officer,
):
    # 00:30 BST on the morning the clocks go back is 23:30 UTC; 4 hours later is 03:30 GMT.
    received_at = datetime(2026, 10, 24, 23, 30, tzinfo=UTC)
    family = f.received(contact_officer, received_at=received_at)
    contact = f.only_child(family)
    assert contact.screening_due_at == datetime(2026, 10, 25, 3, 30, tzinfo=UTC)


@time_machine.travel(datetime(2026, 12, 24, 15, 0, tzinfo=UTC), tick=False)
def test_decision_deadline_is_one_working_day_over_christmas(contact_officer):
    family = f.received(contact_officer, received_at=timezone.now())
    contact = f.only_child(family)
    # Thu 24 Dec + 1 working day: Fri 25 and Mon 28 (Boxing Day substitute) are holidays.
    assert timezone.localtime(contact.decision_due_at).date().isoformat() == "2026-12-29"


def test_sending_the_same_contact_twice_records_it_once(contact_officer):
    first = f.received(contact_officer, key="retry-123")
    second = f.received(contact_officer, key="retry-123")
    assert first.pk == second.pk
    assert Contact.objects.count() == 1


def test_outsider_cannot_record_a_contact_as_anyone_but_their_own_agency(outsider, police_agency):
    # A partner agency officer may submit a contact (the professionals' referral form), but it is
    # always their own agency's, whatever the details say (frontdoor/partners).
    details = replace(f.contact_details(source="6"), agency=police_agency, referrer_is_public=True)
    family = actions.receive_contact(by=outsider, details=details)
    assert family.submitted_by_agency == outsider.agency
    assert family.agency == outsider.agency
    assert family.referral_source == outsider.agency.referral_source
    assert family.referrer_organisation == outsider.agency.name
    assert not family.referrer_is_public


def test_auditor_cannot_record_a_contact(auditor):
    with pytest.raises(PermissionDenied):
        f.received(auditor)


# --- linking and screening --------------------------------------------------------------------


def test_screener_can_link_a_child_to_an_existing_person(screener, contact_officer):
    family = f.received(contact_officer)
    amy = f.person()
    contact = actions.link_child(by=screener, contact=f.only_child(family), person=amy)
    assert contact.person == amy
    assert Event.objects.filter(verb="child_linked", person=amy).exists()


def test_contact_officer_cannot_link_a_child(contact_officer):
    family = f.received(contact_officer)
    with pytest.raises(PermissionDenied):
        actions.link_child(by=contact_officer, contact=f.only_child(family), person=f.person())


def test_screener_can_record_screening_for_siblings_at_once(screener, contact_officer):
    family = f.received(contact_officer, children=[f.child("Amy"), f.child("Ben")])
    f.screened(screener, family, rag="amber")
    assert set(family.contacts.values_list("status", "rag")) == {(Status.SCREENED, "amber")}
    assert Event.objects.filter(verb="screening_recorded").count() == 2


def test_hub_worker_cannot_record_screening(hub_worker, contact_officer):
    family = f.received(contact_officer)
    with pytest.raises(PermissionDenied):
        f.screened(hub_worker, family)


def test_screening_from_a_stale_form_is_refused(screener, contact_officer):
    family = f.received(contact_officer)
    contact = f.only_child(family)
    seen_version = contact.version
    f.screened(screener, family)  # someone else screens first
    with pytest.raises(StaleRecord):
        actions.record_screening(
            by=screener,
            contacts=[Contact.objects.get(pk=contact.pk)],
            screening=actions.Screening("green", f.code("level_of_need", "2"), "s", "r"),
            versions={str(contact.pk): seen_version},
        )
    assert Contact.objects.get(pk=contact.pk).rag == "red"


# --- send_to_hub ------------------------------------------------------------------------------


def test_screener_can_send_a_screened_family_to_a_hub(screener, child_protection_hub):
    family = f.in_hub(screener, child_protection_hub, children=[f.child("Amy"), f.child("Ben")])
    assert family.hub == child_protection_hub
    assert set(family.contacts.values_list("status", flat=True)) == {Status.IN_HUB}
    event = Event.objects.filter(verb="sent_to_hub").first()
    assert event.data["within_screening_time"] is True


def test_screener_cannot_send_a_family_while_a_sibling_is_unscreened(
    screener, contact_officer, child_protection_hub
):
    family = f.received(contact_officer, children=[f.child("Amy"), f.child("Ben")])
    f.linked(screener, family)
    amy = family.contacts.get(first_name="Amy")
    actions.record_screening(
        by=screener,
        contacts=[amy],
        screening=actions.Screening("red", f.code("level_of_need", "4"), "s", "r"),
    )
    with pytest.raises(NotReady, match="Record the screening for Ben Smith"):
        actions.send_to_hub(by=screener, family=family, hub=child_protection_hub)
    assert not Event.objects.filter(verb="sent_to_hub").exists()


# --- analysis and decision --------------------------------------------------------------------


def test_hub_worker_can_propose_an_outcome(hub_worker, screener, child_protection_hub):
    family = f.in_hub(screener, child_protection_hub)
    actions.record_analysis(
        by=hub_worker,
        contacts=[f.only_child(family)],
        analysis=actions.Analysis("w", "ww", "n", 4, Outcome.ASSESSMENT),
    )
    contact = f.only_child(family)
    assert contact.status == Status.AWAITING_DECISION
    assert contact.proposed_outcome == Outcome.ASSESSMENT


def test_manager_can_decide_strategy_discussion_which_opens_a_referral_with_its_clocks(
    manager, screener, child_protection_hub, area_team
):
    family = f.awaiting_decision(manager, child_protection_hub)
    contact = f.only_child(family)
    [made] = decision_actions.record_decision(
        by=manager, contacts=[contact], details=decision(area_team)
    )
    contact.refresh_from_db()
    assert contact.status == Status.DECIDED
    assert made.see_by is not None and made.see_by_team == area_team
    referral = Referral.objects.get(contact=contact)
    assert referral.referral_date == family.received_at
    assert referral.decided_in_time
    assert referral.assessment_due_at > referral.decision_due_at
    # The decision opens the referral, transfers the child to the team with the see-by clock,
    # requests the strategy discussion and hands the child over to the area team (issue 18),
    # all in the decision's transaction.
    assert list(Event.objects.filter(contact=contact).values_list("verb", flat=True))[-5:] == [
        "decision_recorded",
        "referral_opened",
        "transferred_to_team",
        "strategy_discussion_requested",
        "handover_opened",
    ]


def test_manager_can_decide_straight_from_screening(manager, screener):
    family = f.screened(screener)
    decision_actions.record_decision(
        by=manager,
        contacts=[f.only_child(family)],
        details=decision_actions.DecisionDetails(
            Outcome.INFORMATION_AND_ADVICE, "Advice given to school."
        ),
    )
    assert f.only_child(family).status == Status.DECIDED
    assert not Referral.objects.exists()


def test_manager_cannot_decide_a_social_work_response_without_a_see_by_time(
    manager, screener, area_team
):
    family = f.screened(screener)
    with pytest.raises(NotReady, match="Enter the date and time by which the child must be seen"):
        decision_actions.record_decision(
            by=manager,
            contacts=[f.only_child(family)],
            details=decision_actions.DecisionDetails(
                Outcome.ASSESSMENT, "Needs assessment", None, area_team
            ),
        )
    assert not Decision.objects.exists()


def test_hub_worker_cannot_record_a_decision(hub_worker, screener, child_protection_hub, area_team):
    family = f.in_hub(screener, child_protection_hub)
    with pytest.raises(PermissionDenied):
        decision_actions.record_decision(
            by=hub_worker, contacts=[f.only_child(family)], details=decision(area_team)
        )


def test_second_decision_on_the_same_contact_is_refused_as_stale(
    manager, second_manager, screener, area_team
):
    family = f.screened(screener)
    first_read = f.only_child(family)
    second_read = f.only_child(family)
    decision_actions.record_decision(by=manager, contacts=[first_read], details=decision(area_team))
    with pytest.raises(StaleRecord, match="Someone else changed this contact"):
        decision_actions.record_decision(
            by=second_manager, contacts=[second_read], details=decision(area_team)
        )
    assert Decision.objects.count() == 1


def test_manager_can_return_a_proposal_to_the_hub_with_a_reason(
    manager, hub_worker, child_protection_hub
):
    family = f.awaiting_decision(manager, child_protection_hub)
    contact = actions.return_to_hub(
        by=manager, contact=f.only_child(family), reason="Ask health first"
    )
    assert contact.status == Status.IN_HUB
    assert Event.objects.get(verb="returned_to_hub").reason == "Ask health first"
