"""The consent actions: recording the family's position, and a manager's authorisation to
proceed without it (two people). Policy, state, the audit row and the messages."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied

from frontdoor.audit.models import Event
from frontdoor.enquiries import actions
from frontdoor.enquiries.models import ListedReason, ReasonList
from frontdoor.enquiries.tests import factories as ef
from frontdoor.enquiries.workflow import ConsentPosition, ConsentStatus
from frontdoor.workflow.errors import IllegalTransition, NotReady, StaleRecord

pytestmark = pytest.mark.django_db

# Monday 2 March 2026, 10:00 in London (GMT, so 10:00 UTC): a plain working morning.
MONDAY_10AM = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


def refused(by, family, **changes):
    return actions.record_consent(
        by=by,
        family=family,
        details=actions.ConsentDetails(
            position=changes.pop("position", ConsentPosition.REFUSED),
            person_asked=changes.pop("person_asked", "Jo Smith (mother)"),
            decided_at=changes.pop("decided_at", MONDAY_10AM - timedelta(hours=1)),
            without_consent_reason=changes.pop(
                "without_consent_reason", ef.without_consent_reason()
            ),
            without_consent_detail=changes.pop(
                "without_consent_detail", "Mother's partner is the alleged abuser."
            ),
        ),
    )


# --- Consent ------------------------------------------------------------------------------------


def test_hub_worker_can_record_consent_given(hub_worker, child_protection_hub, family_in_hub):
    family = family_in_hub
    consent = ef.consent_given(hub_worker, family)
    assert consent.status == ConsentStatus.GIVEN
    assert consent.recorded_by == hub_worker
    event = Event.objects.get(verb="consent_recorded", family_contact=family)
    assert event.data["position"] == ConsentPosition.GIVEN
    assert event.actor == hub_worker


@time_machine.travel(MONDAY_10AM, tick=False)
def test_proceeding_without_consent_waits_for_a_manager(
    hub_worker, manager, child_protection_hub, family_in_hub
):
    family = family_in_hub
    consent = refused(hub_worker, family)
    assert consent.status == ConsentStatus.AWAITING_AUTHORISATION
    with pytest.raises(NotReady) as caught:
        ef.send(hub_worker, family, [])
    assert "A manager must authorise proceeding without consent before enquiries go" in (
        caught.value.reasons
    )


@time_machine.travel(MONDAY_10AM, tick=False)
def test_manager_can_authorise_proceeding_without_consent(
    hub_worker, manager, child_protection_hub, police_agency, family_in_hub
):
    family = family_in_hub
    refused(hub_worker, family)
    consent = actions.authorise_without_consent(by=manager, family=family, note="Agreed")
    assert consent.status == ConsentStatus.AUTHORISED
    assert consent.authorised_by == manager
    assert Event.objects.filter(verb="proceeding_without_consent_authorised").count() == 1
    (enquiry,) = ef.send(hub_worker, family, [police_agency])
    # The partner sees the listed reason and that a manager authorised it; never the worker's
    # explanation, which may hold what another agency said.
    assert enquiry.consent_position == ConsentPosition.REFUSED
    assert ef.without_consent_reason().text in enquiry.consent_summary
    assert "Authorised by a MASH manager" in enquiry.consent_summary
    assert "alleged abuser" not in enquiry.consent_summary


def test_hub_worker_cannot_authorise_proceeding_without_consent(
    hub_worker, child_protection_hub, family_in_hub
):
    family = family_in_hub
    refused(hub_worker, family, decided_at=datetime(2026, 1, 5, 9, 0, tzinfo=UTC))
    with pytest.raises(PermissionDenied):
        actions.authorise_without_consent(by=hub_worker, family=family)


def test_manager_cannot_authorise_a_position_they_recorded(
    manager, child_protection_hub, family_in_hub
):
    family = family_in_hub
    refused(manager, family, decided_at=datetime(2026, 1, 5, 9, 0, tzinfo=UTC))
    with pytest.raises(NotReady) as caught:
        actions.authorise_without_consent(by=manager, family=family)
    assert caught.value.reasons == [
        "Another manager must decide: you recorded this consent position"
    ]


def test_manager_who_declines_must_say_why_and_no_enquiry_can_go(
    hub_worker, manager, child_protection_hub, police_agency, family_in_hub
):
    family = family_in_hub
    refused(hub_worker, family, decided_at=datetime(2026, 1, 5, 9, 0, tzinfo=UTC))
    with pytest.raises(NotReady) as caught:
        actions.decline_without_consent(by=manager, family=family, note=" ")
    assert caught.value.reasons == ["Enter why proceeding without consent is not authorised"]
    consent = actions.decline_without_consent(by=manager, family=family, note="Ask mother first")
    assert consent.status == ConsentStatus.DECLINED
    with pytest.raises(NotReady) as blocked:
        ef.send(hub_worker, family, [police_agency])
    assert blocked.value.reasons == [
        "A manager did not authorise proceeding without consent: record consent again"
    ]


def test_manager_cannot_authorise_twice(hub_worker, manager, child_protection_hub, family_in_hub):
    family = family_in_hub
    refused(hub_worker, family, decided_at=datetime(2026, 1, 5, 9, 0, tzinfo=UTC))
    actions.authorise_without_consent(by=manager, family=family)
    with pytest.raises(IllegalTransition):
        actions.authorise_without_consent(by=manager, family=family)


def test_hub_worker_cannot_proceed_without_consent_without_a_listed_reason(
    hub_worker, child_protection_hub, family_in_hub
):
    family = family_in_hub
    with pytest.raises(NotReady) as caught:
        refused(
            hub_worker,
            family,
            position=ConsentPosition.NOT_SOUGHT,
            person_asked="",
            without_consent_reason=None,
            without_consent_detail="",
            decided_at=datetime(2026, 1, 5, 9, 0, tzinfo=UTC),
        )
    assert caught.value.reasons == [
        "Choose the lawful reason for proceeding without consent",
        "Explain why proceeding without consent is justified for this family",
    ]


def test_hub_worker_cannot_use_a_lawful_basis_as_a_reason_to_skip_consent(
    hub_worker, child_protection_hub, family_in_hub
):
    family = family_in_hub
    with pytest.raises(NotReady) as caught:
        refused(
            hub_worker,
            family,
            without_consent_reason=ef.basis(),
            decided_at=datetime(2026, 1, 5, 9, 0, tzinfo=UTC),
        )
    assert caught.value.reasons == ["Choose the lawful reason for proceeding without consent"]


def test_reasons_for_proceeding_without_consent_are_data():
    texts = set(
        ListedReason.objects.filter(reason_list=ReasonList.WITHOUT_CONSENT).values_list(
            "text", flat=True
        )
    )
    assert "Seeking consent would place the child at risk of significant harm" in texts


def test_hub_worker_cannot_record_consent_decided_in_the_future(
    hub_worker, child_protection_hub, family_in_hub
):
    family = family_in_hub
    with pytest.raises(NotReady) as caught:
        refused(hub_worker, family, decided_at=datetime(2099, 1, 1, tzinfo=UTC))
    assert "The date consent was decided must be in the past" in caught.value.reasons


def test_hub_worker_with_a_stale_consent_form_gets_a_stale_record(
    hub_worker, child_protection_hub, family_in_hub
):
    family = family_in_hub
    ef.consent_given(hub_worker, family)
    with pytest.raises(StaleRecord):
        actions.record_consent(
            by=hub_worker,
            family=family,
            details=actions.ConsentDetails(
                position=ConsentPosition.GIVEN,
                person_asked="Jo",
                decided_at=datetime(2026, 1, 5, 9, 0, tzinfo=UTC),
            ),
            expected_version=0,
        )


@pytest.mark.parametrize("persona", ["police_partner", "contact_officer", "screener"])
def test_others_cannot_record_consent(
    request, persona, hub_worker, child_protection_hub, family_in_hub
):
    family = family_in_hub
    with pytest.raises(PermissionDenied):
        ef.consent_given(request.getfixturevalue(persona), family)
