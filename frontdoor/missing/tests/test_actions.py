"""Each action: who may take it, what state it needs, the audit row and the stored deadline."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from frontdoor.audit.models import Event
from frontdoor.child_record.queries import timeline
from frontdoor.missing import actions
from frontdoor.missing.models import (
    ContactAttempt,
    Episode,
    PoliceReport,
    RepeatMissingFlag,
    RiskReview,
    SiblingConsidered,
)
from frontdoor.missing.queries import coordinator_queue, missing_now
from frontdoor.missing.tests import factories as f
from frontdoor.missing.workflow import FlagStatus, Status
from frontdoor.workflow.errors import IllegalTransition, NotReady, StaleRecord

pytestmark = pytest.mark.django_db

COORDINATORS = ["hub_worker", "manager"]
NOT_COORDINATORS = ["screener", "contact_officer", "police_partner", "outsider", "auditor"]


def verbs(person) -> list[str]:
    return list(
        Event.objects.filter(person=person)
        .order_by("occurred_at", "id")
        .values_list("verb", flat=True)
    )


# --- Going missing ------------------------------------------------------------------------------


@pytest.mark.parametrize("who", COORDINATORS)
def test_coordinator_can_report_a_child_missing_with_the_police_report(request, who):
    user = request.getfixturevalue(who)
    episode = f.missing(user, reference="WX/2026/0042")
    assert episode.status == Status.MISSING
    assert episode.police_report.reference == "WX/2026/0042"
    assert episode.police_report.risk_grade == "high"
    assert episode.rhi_due_at is None  # no clock until the return
    event = Event.objects.get(verb="missing_reported")
    assert event.person == episode.person and event.actor == user
    assert event.data["police_reference"] == "WX/2026/0042"
    assert list(missing_now(user)) == [episode]


@pytest.mark.parametrize("who", NOT_COORDINATORS)
def test_others_cannot_report_a_child_missing(request, who, manager):
    with pytest.raises(PermissionDenied):
        f.missing(request.getfixturevalue(who), f.child())
    assert not Episode.objects.exists()


def test_hub_worker_cannot_report_a_child_missing_in_the_future(hub_worker):
    with pytest.raises(NotReady, match="must be in the past"):
        f.missing(hub_worker, started_at=timezone.now() + timedelta(hours=1))
    assert not Episode.objects.exists() and not PoliceReport.objects.exists()


def test_one_police_reference_cannot_belong_to_two_episodes(hub_worker):
    f.missing(hub_worker, reference="WX/1")
    with pytest.raises(NotReady, match="already recorded for another episode"):
        f.missing(hub_worker, f.child("Ben"), reference="WX/1")
    assert Episode.objects.count() == 1


def test_hub_worker_can_link_a_police_report_found_later(hub_worker):
    episode = f.missing(hub_worker, with_police_report=False)
    actions.record_police_report(
        by=hub_worker,
        episode=episode,
        details=actions.PoliceReportDetails(
            agency=f.police_force(),
            reference="WX/77",
            risk_grade="medium",
            reported_at=episode.started_at + timedelta(hours=2),
        ),
        expected_version=episode.version,
    )
    episode.refresh_from_db()
    assert episode.police_report.reference == "WX/77"
    assert episode.version == 2
    assert "police_report_linked" in verbs(episode.person)


def test_the_police_report_can_be_linked_even_after_the_review(hub_worker):
    episode = f.reviewed(hub_worker, with_police_report=False)
    actions.record_police_report(by=hub_worker, episode=episode, details=_police("WX/88"))
    episode.refresh_from_db()
    assert episode.status == Status.REVIEWED and episode.police_report.reference == "WX/88"


def _police(reference: str) -> actions.PoliceReportDetails:
    return actions.PoliceReportDetails(
        agency=f.police_force(),
        reference=reference,
        risk_grade="low",
        reported_at=timezone.now() - timedelta(days=3),
    )


# --- The police notify --------------------------------------------------------------------------


def test_police_partner_can_notify_a_start_and_a_retry_makes_nothing_new(police_partner):
    first, created = actions.notify_missing(by=police_partner, notification=f.notification())
    again, created_again = actions.notify_missing(by=police_partner, notification=f.notification())
    assert (created, created_again) == (True, False)
    assert first.pk == again.pk
    assert Episode.objects.count() == 1 and PoliceReport.objects.count() == 1
    assert first.person is None and first.child_name == "Cara Jones"
    assert Event.objects.filter(verb="missing_notified").count() == 1


def test_police_partner_can_notify_a_return_once(police_partner):
    episode, _ = actions.notify_missing(by=police_partner, notification=f.notification())
    back = timezone.now() - timedelta(hours=1)
    for _ in range(2):
        episode = actions.notify_return(
            by=police_partner, reference="WX/2026/0100", returned_at=back, where_found="Home"
        )
    assert episode.status == Status.RETURNED and episode.returned_at == back
    assert Event.objects.filter(verb="missing_return_recorded").count() == 1


def test_health_partner_cannot_notify_a_missing_child(health_partner):
    with pytest.raises(PermissionDenied):
        actions.notify_missing(by=health_partner, notification=f.notification())


def test_one_force_cannot_return_another_forces_episode(police_partner, make_user):
    from frontdoor.access.models import Role

    other = make_user("otto", Role.PARTNER, agency=f.police_force("Mercia Police"))
    actions.notify_missing(by=police_partner, notification=f.notification())
    with pytest.raises(NotReady, match="no missing episode with police reference"):
        actions.notify_return(
            by=other, reference="WX/2026/0100", returned_at=timezone.now(), where_found="Home"
        )


def test_linking_a_notified_episode_puts_it_on_the_childs_timeline(police_partner, hub_worker):
    episode, _ = actions.notify_missing(by=police_partner, notification=f.notification())
    cara = f.child("Cara", "Jones")
    actions.link_missing_child(by=hub_worker, episode=episode, person=cara)
    entry = timeline(cara).get(verb="missing_child_linked")
    assert entry.data["police_reference"] == "WX/2026/0100"


def test_screener_cannot_link_a_missing_child(police_partner, screener):
    episode, _ = actions.notify_missing(by=police_partner, notification=f.notification())
    with pytest.raises(PermissionDenied):
        actions.link_missing_child(by=screener, episode=episode, person=f.child())


# --- The return and its clocks ------------------------------------------------------------------


def test_hub_worker_can_record_the_return_and_the_interview_falls_due_72_hours_later(hub_worker):
    episode = f.missing(hub_worker)
    back = timezone.now() - timedelta(hours=2)
    actions.record_return(by=hub_worker, episode=episode, returned_at=back, where_found="Home")
    episode.refresh_from_db()
    assert episode.status == Status.RETURNED
    assert episode.rhi_due_at == back + timedelta(hours=72)
    assert episode.first_attempt_due_at == back + timedelta(hours=24)
    assert episode.next_attempt_due_at == episode.first_attempt_due_at
    event = Event.objects.get(verb="missing_return_recorded")
    assert event.data["rhi_due_at"] == episode.rhi_due_at.isoformat()
    assert list(coordinator_queue(hub_worker)) == [episode]
    assert list(missing_now(hub_worker)) == []


def test_a_return_needs_where_the_child_was_found(hub_worker):
    episode = f.missing(hub_worker)
    with pytest.raises(NotReady, match="Enter where the child was found"):
        actions.record_return(
            by=hub_worker, episode=episode, returned_at=timezone.now(), where_found=" "
        )
    episode.refresh_from_db()
    assert episode.status == Status.MISSING and episode.rhi_due_at is None


def test_a_return_cannot_be_recorded_twice(hub_worker):
    episode = f.returned(hub_worker)
    with pytest.raises(IllegalTransition):
        actions.record_return(
            by=hub_worker, episode=episode, returned_at=timezone.now(), where_found="Home"
        )


def test_a_stale_form_cannot_overwrite_a_newer_step(hub_worker, manager):
    episode = f.missing(hub_worker, with_police_report=False)
    seen = episode.version
    stale = Episode.objects.get(pk=episode.pk)
    actions.record_return(
        by=manager, episode=episode, returned_at=timezone.now(), where_found="Home"
    )
    with pytest.raises(StaleRecord):
        actions.record_police_report(
            by=hub_worker, episode=stale, details=_police("WX/5"), expected_version=seen
        )


# --- Reaching the child -------------------------------------------------------------------------


def test_hub_worker_can_log_attempts_and_each_restarts_the_attempts_clock(hub_worker):
    episode = f.returned(hub_worker, returned_at=timezone.now() - timedelta(days=2))
    first = episode.returned_at + timedelta(hours=3)
    late = first + timedelta(hours=30)
    actions.log_contact_attempt(
        by=hub_worker, episode=episode, attempted_at=first, method="phone", result="no_answer"
    )
    attempt = actions.log_contact_attempt(
        by=hub_worker, episode=episode, attempted_at=late, method="home_visit", result="not_at_home"
    )
    episode.refresh_from_db()
    assert attempt.next_attempt_due_at == late + timedelta(hours=24)
    assert episode.next_attempt_due_at == late + timedelta(hours=24)
    events = Event.objects.filter(verb="missing_contact_attempt_logged").order_by("id")
    assert [e.data["long_gap"] for e in events] == [False, True]
    assert events[1].data["hours_since_previous"] == 30.0


def test_an_attempt_typed_in_late_does_not_move_the_clock_back(hub_worker):
    episode = f.returned(hub_worker, returned_at=timezone.now() - timedelta(days=2))
    later = episode.returned_at + timedelta(hours=30)
    earlier = episode.returned_at + timedelta(hours=2)
    for moment in (later, earlier):
        actions.log_contact_attempt(
            by=hub_worker, episode=episode, attempted_at=moment, method="text", result="no_answer"
        )
    episode.refresh_from_db()
    assert episode.next_attempt_due_at == later + timedelta(hours=24)


def test_no_attempt_can_be_logged_while_the_child_is_still_missing(hub_worker):
    episode = f.missing(hub_worker)
    with pytest.raises(IllegalTransition):
        actions.log_contact_attempt(
            by=hub_worker, episode=episode, attempted_at=timezone.now(), method="phone",
            result="no_answer",
        )  # fmt: skip
    assert not ContactAttempt.objects.exists()


def test_an_attempt_cannot_be_before_the_return(hub_worker):
    episode = f.returned(hub_worker)
    with pytest.raises(NotReady, match="must be after the child returned"):
        actions.log_contact_attempt(
            by=hub_worker,
            episode=episode,
            attempted_at=episode.returned_at - timedelta(minutes=1),
            method="phone",
            result="no_answer",
        )


def test_auditor_cannot_log_an_attempt(hub_worker, auditor):
    episode = f.returned(hub_worker)
    with pytest.raises(PermissionDenied):
        actions.log_contact_attempt(
            by=auditor, episode=episode, attempted_at=timezone.now(), method="phone",
            result="no_answer",
        )  # fmt: skip


# --- The return home interview ------------------------------------------------------------------


def test_manager_can_record_an_offer_accepted_at_once(manager):
    episode = f.offered(manager, answer="accepted")
    assert episode.status == Status.RHI_ACCEPTED
    assert episode.rhi_offered_in_time is True
    event = Event.objects.get(verb="rhi_offered")
    assert event.data["within_72_hours"] is True and event.data["answer"] == "accepted"


def test_an_offer_after_72_hours_is_recorded_as_late(hub_worker):
    episode = f.returned(hub_worker, started_at=timezone.now() - timedelta(days=6))
    actions.offer_rhi(
        by=hub_worker,
        episode=episode,
        offered_at=episode.returned_at + timedelta(hours=73),
        offered_by="Sam Lee",
    )
    episode.refresh_from_db()
    assert episode.status == Status.RHI_OFFERED and episode.rhi_offered_in_time is False
    assert Event.objects.get(verb="rhi_offered").data["within_72_hours"] is False


def test_a_declined_interview_still_needs_the_risk_review(hub_worker):
    episode = f.offered(hub_worker, answer="")
    actions.record_rhi_answer(by=hub_worker, episode=episode, answer="declined")
    episode.refresh_from_db()
    assert episode.status == Status.AWAITING_REVIEW
    assert list(coordinator_queue(hub_worker)) == [episode]


def test_an_interview_needs_an_independent_person(hub_worker):
    episode = f.offered(hub_worker)
    details = actions.InterviewDetails(
        completed_at=timezone.now(), completed_by="Sam Lee", organisation="", independent=False
    )
    with pytest.raises(NotReady, match="independent of the child's care"):
        actions.complete_rhi(by=hub_worker, episode=episode, interview=details)
    episode.refresh_from_db()
    assert episode.status == Status.RHI_ACCEPTED and episode.rhi_completed_at is None


def test_hub_worker_can_record_the_interview(hub_worker):
    episode = f.interviewed(hub_worker)
    assert episode.status == Status.AWAITING_REVIEW
    assert episode.rhi_completed_by == "Sam Lee"
    assert Event.objects.get(verb="rhi_completed").data["within_72_hours"] is True


def test_an_interview_cannot_be_recorded_before_it_is_accepted(hub_worker):
    episode = f.returned(hub_worker)
    with pytest.raises(IllegalTransition):
        actions.complete_rhi(by=hub_worker, episode=episode, interview=f.interview(timezone.now()))


# --- Brothers and sisters, and the risk review --------------------------------------------------


def test_the_review_waits_until_every_brother_and_sister_is_considered(hub_worker):
    amy = f.child()
    beth = f.sibling_of(amy)
    episode = f.interviewed(hub_worker, amy)
    with pytest.raises(NotReady, match="Record that Beth Smith has been considered"):
        actions.record_risk_review(by=hub_worker, episode=episode, review=f.review())
    actions.record_siblings_considered(
        by=hub_worker,
        episode=episode,
        notes={f"person:{beth.pk}": "Beth spoken to at school; no concerns."},
    )
    considered = SiblingConsidered.objects.get()
    assert considered.sibling == beth and considered.considered_by == hub_worker
    actions.record_risk_review(by=hub_worker, episode=episode, review=f.review())
    episode.refresh_from_db()
    assert episode.status == Status.REVIEWED
    assert list(coordinator_queue(hub_worker)) == []


def test_a_child_named_in_the_same_contact_is_a_sibling_to_consider(hub_worker, contact_officer):
    from frontdoor.contacts.tests import factories as contacts

    family = contacts.linked(
        hub_worker,
        contacts.received(contact_officer, children=[contacts.child("Amy"), contacts.child("Cal")]),
    )
    amy, cal = (c.person for c in family.contacts.order_by("position"))
    episode = f.interviewed(hub_worker, amy)
    with pytest.raises(NotReady, match="Record that Cal Smith has been considered"):
        actions.record_risk_review(by=hub_worker, episode=episode, review=f.review())
    assert cal is not None


def test_siblings_considered_must_say_what_was_considered(hub_worker):
    amy = f.child()
    beth = f.sibling_of(amy)
    episode = f.returned(hub_worker, amy)
    with pytest.raises(NotReady, match="Enter what was considered for Beth Smith"):
        actions.record_siblings_considered(
            by=hub_worker, episode=episode, notes={f"person:{beth.pk}": "  "}
        )
    with pytest.raises(NotReady, match="Choose brothers and sisters from the list"):
        actions.record_siblings_considered(
            by=hub_worker,
            episode=episode,
            notes={"person:00000000-0000-0000-0000-000000000000": "x"},
        )
    assert not SiblingConsidered.objects.exists()


def test_hub_worker_can_record_the_risk_review_which_closes_the_episode(hub_worker):
    episode = f.reviewed(hub_worker)
    review = RiskReview.objects.get(episode=episode)
    assert review.sexual_exploitation and not review.criminal_exploitation
    assert episode.status == Status.REVIEWED
    assert verbs(episode.person) == [
        "missing_reported",
        "missing_return_recorded",
        "rhi_offered",
        "rhi_completed",
        "missing_risk_reviewed",
    ]


def test_a_review_needs_every_question_answered(hub_worker):
    episode = f.interviewed(hub_worker)
    empty = actions.RiskReviewDetails(
        push_factors="",
        pull_factors="x",
        where_went="x",
        with_whom="x",
        sexual_exploitation=True,
        criminal_exploitation=False,
        none_identified=True,
        risk_level="extreme",
        plan_update="x",
    )
    with pytest.raises(NotReady) as refused:
        actions.record_risk_review(by=hub_worker, episode=episode, review=empty)
    assert refused.value.reasons == [
        "Enter the push factors: what made the child leave",
        "Select 'None identified' only when there are no signs of exploitation",
        "Select the level of risk now",
    ]
    assert not RiskReview.objects.exists()


def test_the_review_cannot_be_recorded_before_the_interview(hub_worker):
    episode = f.returned(hub_worker)
    with pytest.raises(IllegalTransition):
        actions.record_risk_review(by=hub_worker, episode=episode, review=f.review())


def test_screener_cannot_record_the_risk_review(hub_worker, screener):
    episode = f.interviewed(hub_worker)
    with pytest.raises(PermissionDenied):
        actions.record_risk_review(by=screener, episode=episode, review=f.review())


# --- Repeat missing -----------------------------------------------------------------------------


def _three_episodes(by, person, days_apart: int = 10):
    start = timezone.now() - timedelta(days=2 * days_apart + 1)
    return [
        f.missing(by, person, started_at=start + timedelta(days=i * days_apart)) for i in range(3)
    ]


def test_a_third_episode_in_30_days_puts_the_child_on_the_managers_list(hub_worker, manager):
    amy = f.child()
    episodes = _three_episodes(hub_worker, amy)
    flag = RepeatMissingFlag.objects.get()
    assert flag.person == amy and flag.episode == episodes[2]
    assert (flag.episodes_in_window, flag.threshold, flag.window_days) == (3, 3, 30)
    assert "repeat_missing_flagged" in verbs(amy)


def test_two_episodes_in_30_days_raise_no_flag(hub_worker):
    amy = f.child()
    f.missing(hub_worker, amy, started_at=timezone.now() - timedelta(days=5))
    f.missing(hub_worker, amy, started_at=timezone.now() - timedelta(days=1))
    assert not RepeatMissingFlag.objects.exists()


def test_episodes_spread_over_more_than_30_days_raise_no_flag(hub_worker):
    _three_episodes(hub_worker, f.child(), days_apart=16)
    assert not RepeatMissingFlag.objects.exists()


def test_a_fourth_episode_updates_the_waiting_flag(hub_worker):
    amy = f.child()
    _three_episodes(hub_worker, amy, days_apart=5)
    fourth = f.missing(hub_worker, amy, started_at=timezone.now() - timedelta(hours=3))
    flag = RepeatMissingFlag.objects.get()
    assert flag.episodes_in_window == 4 and flag.episode == fourth and flag.version == 2


def test_the_trigger_is_a_setting(hub_worker):
    from frontdoor.missing.models import Setting

    Setting.objects.filter(key="repeat_missing_episodes").update(value=2)
    amy = f.child()
    f.missing(hub_worker, amy, started_at=timezone.now() - timedelta(days=5))
    f.missing(hub_worker, amy, started_at=timezone.now() - timedelta(days=1))
    assert RepeatMissingFlag.objects.get().threshold == 2


def test_manager_can_decide_on_a_strategy_discussion(hub_worker, manager):
    amy = f.child()
    _three_episodes(hub_worker, amy)
    flag = RepeatMissingFlag.objects.get()
    actions.respond_to_repeat_missing(
        by=manager,
        flag=flag,
        decision="strategy_discussion",
        rationale="Three episodes, found with older males each time.",
        expected_version=flag.version,
    )
    flag.refresh_from_db()
    assert flag.status == FlagStatus.DECIDED and flag.decided_by == manager
    event = Event.objects.get(verb="repeat_missing_decision_recorded")
    assert event.person == amy and event.reason.startswith("Three episodes")
    with pytest.raises(IllegalTransition, match="already recorded a decision"):
        actions.respond_to_repeat_missing(
            by=manager, flag=flag, decision="strategy_discussion", rationale="x"
        )


def test_after_a_decision_a_further_episode_raises_a_new_flag(hub_worker, manager):
    amy = f.child()
    _three_episodes(hub_worker, amy, days_apart=5)
    actions.respond_to_repeat_missing(
        by=manager, flag=RepeatMissingFlag.objects.get(), decision="no_strategy_discussion",
        rationale="Already subject to a child protection plan.",
    )  # fmt: skip
    f.missing(hub_worker, amy, started_at=timezone.now() - timedelta(hours=2))
    assert RepeatMissingFlag.objects.filter(status=FlagStatus.AWAITING_DECISION).count() == 1


def test_hub_worker_cannot_decide_on_a_strategy_discussion(hub_worker):
    amy = f.child()
    _three_episodes(hub_worker, amy)
    with pytest.raises(PermissionDenied):
        actions.respond_to_repeat_missing(
            by=hub_worker, flag=RepeatMissingFlag.objects.get(), decision="strategy_discussion",
            rationale="x",
        )  # fmt: skip


def test_a_decision_needs_a_reason(hub_worker, manager):
    amy = f.child()
    _three_episodes(hub_worker, amy)
    with pytest.raises(NotReady, match="Enter the reason for your decision"):
        actions.respond_to_repeat_missing(
            by=manager, flag=RepeatMissingFlag.objects.get(), decision="strategy_discussion",
            rationale=" ",
        )  # fmt: skip


def test_linking_a_notified_episode_can_raise_the_flag(hub_worker, police_partner):
    amy = f.child()
    f.missing(hub_worker, amy, started_at=timezone.now() - timedelta(days=10))
    f.missing(hub_worker, amy, started_at=timezone.now() - timedelta(days=5))
    episode, _ = actions.notify_missing(by=police_partner, notification=f.notification())
    assert not RepeatMissingFlag.objects.exists()
    actions.link_missing_child(by=hub_worker, episode=episode, person=amy)
    assert RepeatMissingFlag.objects.get().episodes_in_window == 3
