"""A referral to another council (issue 18): the decision names the council by its DfE LA
number and opens a handover with no team; nobody there signs in, so a MASH worker records the
council's answer (who, how, when; or why it was sent back). The receipt clock, the chase and the
escalation, the overview, the child's chronology and the published events work as for the other
kinds, and the referral is not a referral here (no CIN episode for the census)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone

from frontdoor.access.models import Role
from frontdoor.audit.models import Event
from frontdoor.audit.timeline import describe
from frontdoor.child_record.chronology import chronology
from frontdoor.codelists.models import Code, CodeList
from frontdoor.contacts.models import Decision
from frontdoor.contacts.tests import factories as f
from frontdoor.contacts.workflow import Outcome
from frontdoor.decisions import actions as decision_actions
from frontdoor.handovers import actions
from frontdoor.handovers.models import Handover
from frontdoor.handovers.queries import (
    awaiting_council_answers,
    get_handover_for,
    not_yet_received,
    sent_back,
    visible_handovers,
)
from frontdoor.handovers.tests.factories import referred_to_another_council, transferred
from frontdoor.handovers.workflow import HandoverKind, HandoverStatus
from frontdoor.outbox.models import IntegrationEvent
from frontdoor.referrals.models import Referral
from frontdoor.timescales.queries import due_at
from frontdoor.workflow.errors import (
    AlreadyRecorded,
    IllegalTransition,
    NotReady,
    StaleRecord,
)

pytestmark = pytest.mark.django_db


def _answer(accepted: bool = True, **changes) -> actions.CouncilAnswer:
    values = {
        "accepted": accepted,
        "who": "Jo Patel, MASH team manager",
        "how": "phone",
        "told_at": timezone.now(),
        "reason": "" if accepted else "The family has not moved: they are still at the old address",
    }
    values.update(changes)
    return actions.CouncilAnswer(**values)


def test_the_local_authority_list_has_every_english_council_once_by_its_la_number():
    councils = Code.objects.of(CodeList.LOCAL_AUTHORITY)
    codes = [c.code for c in councils]
    assert len(codes) == len(set(codes)) == 153
    assert all(len(code) == 3 and code.isdigit() for code in codes)
    named = {c.code: c.label for c in councils}
    # Spot checks across the reorganisations since 2019.
    assert named["942"] == "Cumberland" and named["943"] == "Westmorland and Furness"
    assert named["940"] == "North Northamptonshire" and named["941"] == "West Northamptonshire"
    assert named["838"] == "Dorset" and named["839"] == "Bournemouth, Christchurch and Poole"
    assert named["201"] == "City of London" and named["420"] == "Isles of Scilly"
    assert "909" not in named  # Cumbria, abolished in 2023
    assert {c.group for c in councils} == {
        "North East", "North West", "Yorkshire and the Humber", "East Midlands",
        "West Midlands", "East of England", "London", "South East", "South West",
    }  # fmt: skip


def test_the_councils_to_refer_to_leave_out_this_council(settings):
    settings.FRONTDOOR_DFE_LA_NUMBER = "383"
    assert not Code.objects.other_councils().filter(code="383").exists()
    assert Code.objects.other_councils().count() == 152


def test_a_referral_to_another_council_opens_a_handover_to_the_council_with_its_clock(
    manager, screener
):
    handover = referred_to_another_council(manager, screener)
    assert handover.kind == HandoverKind.OTHER_COUNCIL
    assert handover.team is None
    assert handover.council.code == "383"
    assert handover.receiver_name == "Leeds"
    assert handover.status == HandoverStatus.AWAITING
    assert handover.due_at == due_at("handover_receipt", handover.handed_over_at)
    assert handover.decision.other_council == handover.council
    assert list(not_yet_received(manager)) == [handover]
    event = Event.objects.get(verb="handover_opened", person=handover.person)
    assert (event.data["council"], event.data["council_name"]) == ("383", "Leeds")
    assert describe(event).title == "Handed over to Leeds"


def test_the_same_decision_naming_another_council_is_not_taken_for_a_retry(manager, screener):
    """A retry of a decision that succeeded is answered as already recorded; the same words
    naming a different council are a different decision, refused, and the first one stands."""
    handover = referred_to_another_council(manager, screener)
    decision = handover.decision

    def again(la_number: str) -> None:
        decision_actions.record_decision(
            by=manager,
            contacts=[decision.contact],
            details=decision_actions.DecisionDetails(
                outcome=Outcome.OTHER_COUNCIL,
                rationale=decision.rationale,
                other_council=Code.objects.get(code_list=CodeList.LOCAL_AUTHORITY, code=la_number),
            ),
        )

    with pytest.raises(AlreadyRecorded):
        again("383")
    with pytest.raises((IllegalTransition, NotReady, StaleRecord)):
        again("382")
    decision.refresh_from_db()
    assert decision.other_council.code == "383"


def test_the_published_events_carry_the_councils_la_number_and_no_name(manager, screener):
    handover = referred_to_another_council(manager, screener)
    actions.record_council_answer(by=manager, handover=handover, answer=_answer())
    for kind in ("contact.decided", "handover.opened", "handover.accepted"):
        published = IntegrationEvent.objects.get(type=f"uk.gov.frontdoor.{kind}")
        assert published.data["council"] == "383", kind
        text = str(published.data)
        assert "Leeds" not in text and "Jo Patel" not in text
        assert handover.person.last_name not in text
    accepted = IntegrationEvent.objects.get(type="uk.gov.frontdoor.handover.accepted").data
    assert accepted["told_by"] == "phone" and accepted["within_time"] is True


def test_a_referral_to_another_council_is_not_a_referral_here(manager, screener):
    handover = referred_to_another_council(manager, screener)
    assert not Referral.objects.filter(person=handover.person).exists()
    assert not IntegrationEvent.objects.filter(type="uk.gov.frontdoor.referral.opened").exists()


def test_manager_cannot_refer_to_another_council_without_naming_it(manager, screener):
    contact = f.only_child(f.screened(screener))
    with pytest.raises(NotReady) as refused:
        decision_actions.record_decision(
            by=manager,
            contacts=[contact],
            details=decision_actions.DecisionDetails(
                outcome=Outcome.OTHER_COUNCIL, rationale="Moved to Leeds"
            ),
        )
    assert "Select the council the child is referred to" in refused.value.reasons
    assert not Decision.objects.exists() and not Handover.objects.exists()


def test_manager_cannot_refer_a_child_to_this_council(manager, screener, settings):
    settings.FRONTDOOR_DFE_LA_NUMBER = "383"
    contact = f.only_child(f.screened(screener))
    with pytest.raises(NotReady) as refused:
        decision_actions.record_decision(
            by=manager,
            contacts=[contact],
            details=decision_actions.DecisionDetails(
                outcome=Outcome.OTHER_COUNCIL,
                rationale="Moved to Leeds",
                other_council=Code.objects.get(code_list=CodeList.LOCAL_AUTHORITY, code="383"),
            ),
        )
    assert refused.value.reasons == [
        "The child cannot be referred to this council: select another council"
    ]
    assert not Decision.objects.exists() and not Handover.objects.exists()


def test_the_database_refuses_a_handover_without_exactly_one_receiver(manager, screener, area_team):
    handover = transferred(manager, screener, area_team)
    leeds = Code.objects.get(code_list=CodeList.LOCAL_AUTHORITY, code="383")
    with pytest.raises(IntegrityError), transaction.atomic():
        Handover.objects.filter(pk=handover.pk).update(team=None)
    with pytest.raises(IntegrityError), transaction.atomic():
        Handover.objects.filter(pk=handover.pk).update(council=leeds)
    with pytest.raises(IntegrityError), transaction.atomic():
        Handover.objects.filter(pk=handover.pk).update(
            kind=HandoverKind.OTHER_COUNCIL, team=None, council=None
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Decision.objects.filter(pk=handover.decision_id).update(other_council=leeds)


def test_a_mash_worker_can_record_that_the_other_council_accepted(manager, screener):
    handover = referred_to_another_council(manager, screener)
    told = timezone.now()
    actions.record_council_answer(
        by=screener, handover=handover, answer=_answer(told_at=told, how="secure_email")
    )
    handover.refresh_from_db()
    assert handover.status == HandoverStatus.ACCEPTED
    assert handover.answered_by == screener
    assert (handover.council_contact, handover.council_told_by) == (
        "Jo Patel, MASH team manager",
        "secure_email",
    )
    assert handover.council_told_at == told
    assert list(not_yet_received(manager)) == []
    event = Event.objects.get(verb="handover_accepted", person=handover.person)
    assert event.actor == screener and event.data["council"] == "383"
    assert describe(event).title == "Received by Leeds"
    entries = [e.title for e in chronology(handover.person)]
    assert "Handed over to Leeds" in entries and "Received by Leeds" in entries
    received = next(e for e in chronology(handover.person) if e.title == "Received by Leeds")
    assert "Jo Patel" in received.detail and "secure email" in received.detail


def test_a_council_that_sends_the_referral_back_returns_the_child_to_the_mash_manager(
    manager, screener
):
    handover = referred_to_another_council(manager, screener)
    mail.outbox.clear()
    with pytest.raises(NotReady) as refused:
        actions.record_council_answer(
            by=screener, handover=handover, answer=_answer(accepted=False, reason=" ")
        )
    assert refused.value.reasons == ["Enter why the other council sent the referral back"]
    manager.email = "maya@example.org"
    manager.save()
    with pytest.raises(StaleRecord):
        actions.record_council_answer(
            by=screener, handover=handover, answer=_answer(accepted=False), version=99
        )
    with django_capture_commits():
        actions.record_council_answer(
            by=screener, handover=handover, answer=_answer(accepted=False)
        )
    handover.refresh_from_db()
    assert handover.status == HandoverStatus.RETURNED
    assert handover.return_reason.startswith("The family has not moved")
    assert list(sent_back(manager)) == [handover]
    assert [m.to for m in mail.outbox] == [["maya@example.org"]]
    assert "Leeds" in mail.outbox[0].body and handover.person.last_name not in mail.outbox[0].body


def django_capture_commits():
    """Run the after-commit notices of the block (the test's transaction never commits)."""
    from django.test import TestCase

    return TestCase.captureOnCommitCallbacks(execute=True)


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"who": "  "}, "Enter who at the other council answered"),
        ({"how": "fax"}, "Select how the other council answered"),
        ({"told_at": None}, "Enter when the other council answered"),
        (
            {"told_at": timezone.now() + timedelta(days=1)},
            "When the other council answered must be in the past",
        ),
        (
            {"told_at": timezone.now() - timedelta(days=30)},
            "When the other council answered must be after the referral was made",
        ),
        ({"accepted": None}, "Select whether the other council accepted the referral"),
    ],
)
def test_a_mash_worker_cannot_record_an_incomplete_answer(manager, screener, changes, problem):
    handover = referred_to_another_council(manager, screener)
    with pytest.raises(NotReady) as refused:
        actions.record_council_answer(by=manager, handover=handover, answer=_answer(**changes))
    assert problem in refused.value.reasons
    handover.refresh_from_db()
    assert handover.status == HandoverStatus.AWAITING
    assert not Event.objects.filter(verb="handover_accepted").exists()


def test_an_area_worker_cannot_record_another_councils_answer(
    manager, screener, make_user, area_team
):
    handover = referred_to_another_council(manager, screener)
    sam = make_user("sam", Role.AREA_WORKER, team=area_team)
    with pytest.raises(PermissionDenied):
        actions.record_council_answer(by=sam, handover=handover, answer=_answer())
    with pytest.raises(NotReady):
        actions.accept_handover(by=manager, handover=handover)


def test_a_council_answer_cannot_be_recorded_on_a_teams_handover(manager, screener, area_team):
    handover = transferred(manager, screener, area_team)
    with pytest.raises(NotReady):
        actions.record_council_answer(by=manager, handover=handover, answer=_answer())


def test_mash_screeners_and_hub_workers_see_referrals_to_other_councils_only(
    manager, screener, hub_worker, area_team
):
    council = referred_to_another_council(manager, screener)
    transferred(manager, screener, area_team)
    assert list(visible_handovers(screener)) == [council]
    assert list(visible_handovers(hub_worker)) == [council]
    assert list(awaiting_council_answers(hub_worker)) == [council]
    assert get_handover_for(hub_worker, council.pk) == council
    assert visible_handovers(manager).count() == 2


def test_an_unanswered_referral_is_chased_then_escalated_to_the_mash_managers(manager, screener):
    manager.email = "maya@example.org"
    manager.save()
    handover = referred_to_another_council(manager, screener)
    mail.outbox.clear()
    after_due = handover.due_at + timedelta(minutes=1)
    with django_capture_commits():
        assert actions.chase_unreceived_handovers(now=after_due) == 1
    assert [m.to for m in mail.outbox] == [["maya@example.org"]]
    handover.refresh_from_db()
    later = handover.escalate_at + timedelta(minutes=1)
    with django_capture_commits():
        assert actions.escalate_chased_handovers(now=later) == 1
    assert len(mail.outbox) == 2 and "Leeds" in mail.outbox[1].body
    escalated = Event.objects.get(verb="handover_escalated", person=handover.person)
    assert escalated.data["council"] == "383"
    assert describe(escalated).title == "Handover escalated: still not received by Leeds"


def test_a_child_sent_back_by_another_council_can_be_handed_to_a_local_team(
    manager, screener, area_team
):
    handover = referred_to_another_council(manager, screener)
    actions.record_council_answer(by=manager, handover=handover, answer=_answer(accepted=False))
    handover.refresh_from_db()
    new = actions.resend_handover(by=manager, handover=handover, team=area_team)
    assert (new.kind, new.team, new.council) == (HandoverKind.TRANSFER, area_team, None)
