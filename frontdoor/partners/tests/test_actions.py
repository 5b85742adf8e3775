"""Feedback to the referrer: the clock starts with the manager's decision (1 working day, stored),
MASH staff record that the referrer was told, once, and the timeliness is a measure."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied

from frontdoor.audit.models import Event
from frontdoor.contacts.tests import factories as f
from frontdoor.partners import measures
from frontdoor.partners.actions import record_referrer_feedback
from frontdoor.partners.models import ReferrerFeedback
from frontdoor.partners.tests import factories as pf
from frontdoor.workflow.errors import NotReady

pytestmark = pytest.mark.django_db

# Thursday 5 March 2026, 15:00 (GMT): feedback is due by the end of Friday 6 March.
THURSDAY_3PM = datetime(2026, 3, 5, 15, 0, tzinfo=UTC)
FRIDAY_END = datetime(2026, 3, 6, 23, 59, 59, 999999, tzinfo=UTC)


@pytest.fixture
def decided_referral(police_partner, screener, manager, child_protection_hub):
    with time_machine.travel(THURSDAY_3PM, tick=False):
        family = pf.submitted(police_partner)
        return pf.decided(family, screener=screener, manager=manager, hub=child_protection_hub)


def test_the_decision_starts_the_feedback_clock_one_working_day(decided_referral):
    row = ReferrerFeedback.objects.get(family=decided_referral)
    assert row.due_at == FRIDAY_END
    assert row.given_at is None


def test_an_anonymous_referrer_is_owed_no_feedback(
    contact_officer, screener, manager, child_protection_hub
):
    family = f.received(contact_officer, source="9")
    pf.decided(family, screener=screener, manager=manager, hub=child_protection_hub)
    assert not ReferrerFeedback.objects.exists()


def test_contact_officer_can_record_feedback_once_and_the_agency_hears_by_link(
    decided_referral,
    contact_officer,
    police_agency,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    police_agency.mailbox = "mash@police.example"
    police_agency.save()
    with django_capture_on_commit_callbacks(execute=True):
        given = record_referrer_feedback(
            by=contact_officer, family=decided_referral, method="portal", message="Advice given"
        )
    assert [row.given_by for row in given] == [contact_officer]
    event = Event.objects.get(verb="referrer_feedback_given")
    assert event.data["method"] == "portal"
    (mail,) = mailoutbox
    assert mail.to == ["mash@police.example"]
    assert f"/partners/referrals/{decided_referral.pk}/" in mail.body
    assert "Amy" not in mail.body
    assert "Advice given" not in mail.body
    with pytest.raises(NotReady) as caught:
        record_referrer_feedback(by=contact_officer, family=decided_referral, method="phone")
    assert caught.value.reasons == ["There is no feedback waiting for this contact"]


def test_feedback_on_the_partner_pages_is_only_for_online_referrals(
    contact_officer, screener, manager, child_protection_hub
):
    family = f.received(contact_officer)  # a phone call from a school
    pf.decided(family, screener=screener, manager=manager, hub=child_protection_hub)
    with pytest.raises(NotReady) as caught:
        record_referrer_feedback(by=contact_officer, family=family, method="portal")
    assert caught.value.reasons == [
        "This contact was not sent online: choose how the referrer was told"
    ]
    record_referrer_feedback(by=contact_officer, family=family, method="phone")
    assert ReferrerFeedback.objects.get().method == "phone"


def test_partner_cannot_record_feedback(decided_referral, police_partner):
    with pytest.raises(PermissionDenied):
        record_referrer_feedback(by=police_partner, family=decided_referral, method="portal")


@pytest.mark.parametrize(
    ("told_at", "headline", "on_time", "late"),
    [
        (datetime(2026, 3, 6, 16, 0, tzinfo=UTC), "100%", "1", "0"),
        (datetime(2026, 3, 9, 10, 0, tzinfo=UTC), "0%", "0", "1"),
    ],
)
def test_feedback_timeliness_is_measured(
    decided_referral, contact_officer, told_at, headline, on_time, late
):
    with time_machine.travel(told_at, tick=False):
        record_referrer_feedback(by=contact_officer, family=decided_referral, method="phone")
    with time_machine.travel(datetime(2026, 3, 20, 12, 0, tzinfo=UTC), tick=False):
        figure = measures.feedback_within_a_working_day(3)
    counts = {row[0].text: row[1].text for row in figure.rows}
    assert figure.headline == headline
    assert (counts["Told within 1 working day"], counts["Told late"]) == (on_time, late)


def test_feedback_not_given_after_its_day_counts_as_overdue(decided_referral):
    with time_machine.travel(datetime(2026, 3, 20, 12, 0, tzinfo=UTC), tick=False):
        figure = measures.feedback_within_a_working_day(3)
        behind = measures.feedback_behind("feedback-overdue", 3)
    assert figure.headline == "0%"
    assert [row.family_id for row in behind] == [decided_referral.pk]
