"""Sampling, grading, moderating and actions: policy, state, and the audit row."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from frontdoor.audit.models import Event
from frontdoor.casework_audits import actions
from frontdoor.casework_audits.models import CaseAudit
from frontdoor.casework_audits.queries import grades_by_month
from frontdoor.casework_audits.tests import factories as a
from frontdoor.casework_audits.workflow import AuditStatus, Grade
from frontdoor.figures.periods import Month
from frontdoor.workflow.errors import NotReady, StaleRecord

pytestmark = pytest.mark.django_db

NEXT_WEEK = timezone.localdate() + timedelta(days=7)


@pytest.fixture
def second_auditor(make_user):
    return make_user("abel", "auditor")


@pytest.fixture
def audit(screener, manager, auditor):
    a.decided(screener, manager)
    return a.sampled(manager, [auditor]).audits.get()


def test_manager_can_sample_and_share_cases_between_auditors(
    screener, manager, auditor, second_auditor
):
    for _ in range(4):
        a.decided(screener, manager)
    audit_round = a.sampled(manager, [auditor, second_auditor], size=3)
    assert audit_round.criteria["seed"] is not None  # recorded, so it can be drawn again
    owners = list(audit_round.audits.values_list("auditor__username", flat=True))
    assert sorted(owners) == ["abel", "aisha", "aisha"]
    assert Event.objects.filter(verb="case_audits_sampled").count() == 1
    assert Event.objects.filter(verb="case_audit_assigned").count() == 3


@pytest.mark.parametrize("who", ["auditor", "screener", "senior_leader_user"])
def test_others_cannot_sample(request, who, make_user):
    user = make_user("sol", "senior_leader") if who == "senior_leader_user" else None
    user = user or request.getfixturevalue(who)
    with pytest.raises(PermissionDenied):
        a.sampled(user, [])


def test_manager_cannot_sample_with_no_auditor_or_no_cases(screener, manager, hub_worker):
    with pytest.raises(NotReady) as refused:
        a.sampled(manager, [hub_worker], size=None)
    assert refused.value.reasons == [
        "Enter how many cases to sample",
        "Hamid Tester cannot grade case audits",
    ]
    with pytest.raises(NotReady) as empty:
        a.sampled(manager, [], size=3)
    assert empty.value.reasons == ["Select at least one auditor"]


def test_manager_cannot_sample_when_no_decisions_match(screener, manager, auditor):
    with pytest.raises(NotReady, match="No decisions match"):
        a.sampled(manager, [auditor])


def test_auditor_can_grade_their_case(audit, auditor):
    graded = a.graded(auditor, audit, Grade.REQUIRES_IMPROVEMENT)
    assert graded.status == AuditStatus.GRADED
    assert graded.answers.count() == audit.round.template.questions.count()
    event = Event.objects.get(verb="case_audit_graded")
    assert event.contact_id == audit.contact_id
    assert event.data["grade"] == Grade.REQUIRES_IMPROVEMENT


def test_auditor_cannot_grade_another_auditors_case(audit, second_auditor):
    with pytest.raises(NotReady, match="Only the auditor"):
        a.graded(second_auditor, audit)


def test_auditor_must_grade_every_question_and_comment(audit, auditor):
    answers = a.every_question(audit)
    answers.pop(next(iter(answers)))
    with pytest.raises(NotReady) as refused:
        actions.grade_case_audit(by=auditor, audit=audit, answers=answers, grade="", comment=" ")
    assert refused.value.reasons == [
        "Select a grade for question 1",
        "Select an overall grade",
        "Enter a comment on the overall grade",
    ]


def test_auditor_cannot_grade_twice(audit, auditor):
    stale = CaseAudit.objects.get(pk=audit.pk)
    a.graded(auditor, audit)
    with pytest.raises(NotReady, match="already been graded"):
        a.graded(auditor, CaseAudit.objects.get(pk=audit.pk))
    with pytest.raises(StaleRecord):
        actions.grade_case_audit(
            by=auditor,
            audit=stale,  # read before it was graded: still "assigned"
            answers=a.every_question(audit),
            grade=Grade.GOOD,
            comment="Again",
        )


def test_manager_can_agree_a_grade_without_a_reason(audit, auditor, manager):
    a.graded(auditor, audit)
    moderated = actions.moderate_case_audit(
        by=manager, audit=CaseAudit.objects.get(pk=audit.pk), grade=Grade.GOOD, reason=""
    )
    assert moderated.status == AuditStatus.MODERATED
    assert Event.objects.get(verb="case_audit_moderated").data["agreed"] is True


def test_manager_must_say_why_they_change_a_grade(audit, auditor, manager):
    graded = a.graded(auditor, audit)
    with pytest.raises(NotReady, match="Enter why you changed the grade"):
        actions.moderate_case_audit(by=manager, audit=graded, grade=Grade.INADEQUATE, reason="")
    moderated = actions.moderate_case_audit(
        by=manager, audit=graded, grade=Grade.INADEQUATE, reason="History was not checked."
    )
    assert moderated.final_grade == Grade.INADEQUATE
    event = Event.objects.get(verb="case_audit_moderated")
    assert event.reason == "History was not checked."
    assert event.data["auditor_grade"] == Grade.GOOD


def test_manager_cannot_moderate_an_ungraded_case(audit, manager):
    with pytest.raises(NotReady, match="not been graded yet"):
        actions.moderate_case_audit(by=manager, audit=audit, grade=Grade.GOOD, reason="")


def test_auditor_cannot_moderate(audit, auditor):
    graded = a.graded(auditor, audit)
    with pytest.raises(PermissionDenied):
        actions.moderate_case_audit(by=auditor, audit=graded, grade=Grade.GOOD, reason="")


def test_owner_completes_an_action_a_manager_set(audit, auditor, manager, hub_worker):
    graded = a.graded(auditor, audit)
    action = actions.set_audit_action(
        by=manager, audit=graded, description="Add the father", owner=hub_worker, due_on=NEXT_WEEK
    )
    with pytest.raises(NotReady, match="Only the owner"):
        actions.complete_audit_action(by=manager, action=action, note="Done")
    done = actions.complete_audit_action(by=hub_worker, action=action, note="Father added.")
    assert done.done
    verbs = list(Event.objects.filter(contact=audit.contact).values_list("verb", flat=True))
    assert "audit_action_set" in verbs
    assert "audit_action_completed" in verbs
    with pytest.raises(StaleRecord):
        actions.complete_audit_action(by=hub_worker, action=action, note="Again")


def test_manager_cannot_set_an_action_without_owner_or_before_grading(audit, manager, auditor):
    with pytest.raises(NotReady) as refused:
        actions.set_audit_action(by=manager, audit=audit, description="", owner=None, due_on=None)
    assert refused.value.reasons == [
        "Set actions once the case has been graded",
        "Enter what needs to happen",
        "Select who owns the action",
        "Enter the date the action is due",
    ]
    graded = a.graded(auditor, audit)
    with pytest.raises(NotReady, match="cannot own an audit action"):
        actions.set_audit_action(
            by=manager, audit=graded, description="Do it", owner=auditor, due_on=NEXT_WEEK
        )


def test_grades_by_month_count_the_moderated_grade(screener, manager, auditor):
    for _ in range(2):
        a.decided(screener, manager)
    first, second = a.sampled(manager, [auditor]).audits.all()
    a.graded(auditor, first, Grade.GOOD)
    graded = a.graded(auditor, second, Grade.GOOD)
    actions.moderate_case_audit(by=manager, audit=graded, grade=Grade.INADEQUATE, reason="No")
    [month] = grades_by_month()
    assert month.month == Month.of(timezone.now())
    assert month.counts[Grade.GOOD] == 1
    assert month.counts[Grade.INADEQUATE] == 1
    assert month.total == 2
