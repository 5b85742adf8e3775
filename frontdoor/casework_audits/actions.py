"""The only writers of case audits: one function per intention (../shared/STYLE.md)."""

from __future__ import annotations

import secrets
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from frontdoor.access.policies import RULES, require
from frontdoor.access.queries import hidden_person_ids
from frontdoor.audit.actions import record_event, record_events
from frontdoor.audit.models import Event
from frontdoor.casework_audits import sampling
from frontdoor.casework_audits.models import (
    AuditAction,
    AuditRound,
    AuditTemplate,
    CaseAudit,
    QuestionGrade,
)
from frontdoor.casework_audits.workflow import CASE_AUDIT, AuditStatus, Grade, SampleKind
from frontdoor.contacts.models import Contact
from frontdoor.workflow.compare_and_set import move
from frontdoor.workflow.errors import NotReady, StaleRecord

if TYPE_CHECKING:
    from frontdoor.access.models import User


def _due_problems(due_on: date | None, what: str) -> list[str]:
    if due_on is None:
        return [f"Enter the date the {what} due"]
    if due_on < timezone.localdate():
        return [f"The date the {what} due must be today or in the future"]
    return []


def _sample_problems(
    criteria: sampling.Criteria, auditors: Sequence[User], due_on: date | None
) -> list[str]:
    problems = []
    if criteria.start > criteria.end:
        problems.append("The start of the period must be before its end")
    if criteria.kind == SampleKind.RANDOM and not criteria.size:
        problems.append("Enter how many cases to sample")
    if not auditors:
        problems.append("Select at least one auditor")
    for auditor in auditors:
        if not auditor.is_active or auditor.role not in RULES["grade_case_audit"]:
            problems.append(f"{auditor.display_name} cannot grade case audits")
    return problems + _due_problems(due_on, "audits are")


def sample_case_audits(
    *,
    by: User,
    template: AuditTemplate,
    criteria: sampling.Criteria,
    auditors: Sequence[User],
    due_on: date | None,
) -> AuditRound:
    """Draw a sample of decisions and share it among the auditors, round robin, due on one
    date. The seed of a random sample is recorded so the same sample can be drawn again."""
    require(by, "sample_case_audits")
    problems = _sample_problems(criteria, auditors, due_on)
    if problems or due_on is None:  # a missing date is always among the problems
        raise NotReady(problems)
    if criteria.kind == SampleKind.RANDOM and criteria.seed is None:
        criteria = replace(criteria, seed=secrets.randbelow(10**9))
    # A decision about a restricted child this manager may not open is left out of the sample:
    # nobody may write about a child hidden from them (access/records.py), so one such decision
    # in the period would otherwise refuse the whole round.
    ids = sampling.draw(criteria, leave_out=hidden_person_ids(by))
    if not ids:
        raise NotReady(["No decisions match: choose a longer period or fewer filters"])
    contacts = Contact.objects.select_related("family", "person").in_bulk(ids)
    ordered = [contacts[pk] for pk in ids]
    with transaction.atomic():
        audit_round = AuditRound.objects.create(
            template=template,
            kind=criteria.kind,
            criteria=criteria.as_data(),
            due_on=due_on,
            sampled_by=by,
            sampled_at=timezone.now(),
        )
        audits = CaseAudit.objects.bulk_create(
            CaseAudit(
                round=audit_round,
                contact=contact,
                auditor=auditors[i % len(auditors)],
                due_on=due_on,
            )
            for i, contact in enumerate(ordered)
        )
        record_event(
            actor=by,
            verb="case_audits_sampled",
            data={"round": str(audit_round.pk), "count": len(audits), **criteria.as_data()},
        )
        record_events(
            [
                Event(
                    actor=by,
                    verb="case_audit_assigned",
                    family_contact=audit.contact.family,
                    contact=audit.contact,
                    person=audit.contact.person,
                    data={
                        "round": str(audit_round.pk),
                        "auditor": audit.auditor.username,
                        "due_on": due_on.isoformat(),
                    },
                )
                for audit in audits
            ]
        )
    return audit_round


def _grade_problems(
    audit: CaseAudit, by: User, answers: Mapping[int, str], grade: str, comment: str
) -> list[str]:
    problems = []
    if audit.auditor_id != by.pk:
        problems.append("Only the auditor this case is assigned to can grade it")
    if not CASE_AUDIT.may("grade_case_audit", audit.status):
        problems.append("This case has already been graded")
    questions = list(audit.round.template.questions.filter(active=True))
    for number, question in enumerate(questions, start=1):
        if answers.get(question.pk) not in Grade.values:
            problems.append(f"Select a grade for question {number}")
    if grade not in Grade.values:
        problems.append("Select an overall grade")
    if not comment.strip():
        problems.append("Enter a comment on the overall grade")
    return problems


def grade_case_audit(
    *,
    by: User,
    audit: CaseAudit,
    answers: Mapping[int, str],
    grade: str,
    comment: str,
    expected_version: int | None = None,
) -> CaseAudit:
    """The assigned auditor grades each question and the case overall, with a comment."""
    require(by, "grade_case_audit")
    problems = _grade_problems(audit, by, answers, grade, comment)
    if problems:
        raise NotReady(problems)
    with transaction.atomic():
        move(
            audit,
            CASE_AUDIT,
            "grade_case_audit",
            expected_version,
            grade=grade,
            comment=comment.strip(),
            graded_at=timezone.now(),
        )
        QuestionGrade.objects.bulk_create(
            QuestionGrade(audit=audit, question_id=pk, grade=value) for pk, value in answers.items()
        )
        _event(by, audit, "case_audit_graded", {"grade": grade}, comment.strip())
    audit.refresh_from_db()
    return audit


def moderate_case_audit(
    *,
    by: User,
    audit: CaseAudit,
    grade: str,
    reason: str,
    expected_version: int | None = None,
) -> CaseAudit:
    """A manager agrees the auditor's grade, or changes it and says why."""
    require(by, "moderate_case_audit")
    problems = []
    if not CASE_AUDIT.may("moderate_case_audit", audit.status):
        problems.append(
            "This case has already been moderated"
            if audit.status == AuditStatus.MODERATED
            else "This case has not been graded yet"
        )
    if grade not in Grade.values:
        problems.append("Select the moderated grade")
    elif grade != audit.grade and not reason.strip():
        problems.append("Enter why you changed the grade")
    if problems:
        raise NotReady(problems)
    with transaction.atomic():
        audited_grade = audit.grade
        move(
            audit,
            CASE_AUDIT,
            "moderate_case_audit",
            expected_version,
            moderated_grade=grade,
            moderation_reason=reason.strip(),
            moderated_by=by,
            moderated_at=timezone.now(),
        )
        data = {"grade": grade, "auditor_grade": audited_grade, "agreed": grade == audited_grade}
        _event(by, audit, "case_audit_moderated", data, reason.strip())
    audit.refresh_from_db()
    return audit


def set_audit_action(
    *, by: User, audit: CaseAudit, description: str, owner: User | None, due_on: date | None
) -> AuditAction:
    """A manager sets an action the audit found necessary, with an owner and a due date."""
    require(by, "set_audit_action")
    problems = []
    if audit.status == AuditStatus.ASSIGNED:
        problems.append("Set actions once the case has been graded")
    if not description.strip():
        problems.append("Enter what needs to happen")
    if owner is None:
        problems.append("Select who owns the action")
    elif not owner.is_active or owner.role not in RULES["complete_audit_action"]:
        problems.append(f"{owner.display_name} cannot own an audit action")
    problems += _due_problems(due_on, "action is")
    if problems or owner is None or due_on is None:
        raise NotReady(problems)
    with transaction.atomic():
        action = AuditAction.objects.create(
            audit=audit,
            description=description.strip(),
            owner=owner,
            due_on=due_on,
            set_by=by,
            set_at=timezone.now(),
        )
        data = {"action": str(action.pk), "owner": owner.username, "due_on": due_on.isoformat()}
        _event(by, audit, "audit_action_set", data, description.strip())
    return action


def complete_audit_action(*, by: User, action: AuditAction, note: str) -> AuditAction:
    """The action's owner records what was done."""
    require(by, "complete_audit_action")
    problems = []
    if action.owner_id != by.pk:
        problems.append("Only the owner of this action can complete it")
    if not note.strip():
        problems.append("Enter what was done")
    if problems:
        raise NotReady(problems)
    with transaction.atomic():
        updated = AuditAction.objects.filter(pk=action.pk, completed_at=None).update(
            completed_at=timezone.now(), completion_note=note.strip()
        )
        if updated != 1:
            raise StaleRecord("audit action")
        _event(by, action.audit, "audit_action_completed", {"action": str(action.pk)}, note)
    action.refresh_from_db()
    return action


def _event(by: User, audit: CaseAudit, verb: str, data: Mapping[str, object], reason: str) -> None:
    contact = audit.contact
    record_event(
        actor=by,
        verb=verb,
        family_contact=contact.family,
        contact=contact,
        person=contact.person,
        data={"audit": str(audit.pk), **data},
        reason=reason.strip(),
    )
