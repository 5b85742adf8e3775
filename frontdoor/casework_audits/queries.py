"""The readers of case audits: rounds and their progress, an auditor's own cases, actions to
completion, and grades over time."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Exists, Max, Min, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Coalesce, NullIf
from django.http import Http404
from django.utils import timezone

from frontdoor.access.policies import can
from frontdoor.access.queries import hidden_restrictions
from frontdoor.access.records import open_record, parse_id
from frontdoor.audit.models import ViewKind
from frontdoor.casework_audits.models import AuditAction, AuditRound, CaseAudit
from frontdoor.casework_audits.workflow import AuditStatus, Grade
from frontdoor.figures.periods import Month, months_between, span_of

if TYPE_CHECKING:
    from frontdoor.access.models import User


def rounds_with_progress(user: User) -> QuerySet[AuditRound]:
    if not can(user, "view_case_audits"):
        return AuditRound.objects.none()
    today = timezone.localdate()
    waiting = Q(audits__status=AuditStatus.ASSIGNED)
    return AuditRound.objects.select_related("sampled_by", "template").annotate(
        total=Count("audits"),
        to_grade=Count("audits", filter=waiting),
        to_moderate=Count("audits", filter=Q(audits__status=AuditStatus.GRADED)),
        moderated=Count("audits", filter=Q(audits__status=AuditStatus.MODERATED)),
        overdue=Count("audits", filter=waiting & Q(audits__due_on__lt=today)),
    )


def get_round_for(user: User, pk: str | uuid.UUID) -> AuditRound:
    audit_round = rounds_with_progress(user).filter(pk=parse_id(pk)).first()
    if audit_round is None:
        raise Http404
    return audit_round


def _named(user: User, audits: QuerySet[CaseAudit]) -> QuerySet[CaseAudit]:
    # A restricted child this user may not open is listed without their name.
    hidden = hidden_restrictions(user).filter(person_id=OuterRef("contact__person_id"))
    return audits.select_related("contact", "contact__family", "auditor").annotate(
        hidden_from_viewer=Exists(hidden)
    )


def round_audits(user: User, audit_round: AuditRound) -> QuerySet[CaseAudit]:
    return _named(user, audit_round.audits.read_as(user)).order_by(
        "status", "due_on", "contact__family__received_at", "contact__position"
    )


def my_case_audits(user: User) -> QuerySet[CaseAudit]:
    """The cases assigned to this auditor that they have not graded yet, soonest due first."""
    if not can(user, "grade_case_audit"):
        return CaseAudit.objects.none()
    audits = CaseAudit.objects.read_as(user).filter(auditor=user, status=AuditStatus.ASSIGNED)
    return _named(user, audits).order_by("due_on", "contact__family__received_at")


def get_case_audit_for(user: User, pk: str | uuid.UUID, *, path: str) -> CaseAudit:
    """A manager opens any audit; an auditor only the ones assigned to them. Others 404. Its
    pages name the child and the contact audited, so the opening is logged as a view of both."""
    return open_record(user, _audits_for(user), pk, path=path, logged_as=_audited)


def _audited(audit: CaseAudit) -> dict[str, Any]:
    return {"person": audit.contact.person, "family_contact": audit.contact.family}


def _audits_for(user: User) -> QuerySet[CaseAudit]:
    audits = CaseAudit.objects.read_as(user).select_related(
        "round", "round__template", "contact", "contact__family", "contact__person", "auditor"
    )
    if can(user, "view_case_audits"):
        return audits
    if can(user, "grade_case_audit"):
        return audits.filter(auditor=user)
    return CaseAudit.objects.none()


def get_audited_case_for(user: User, pk: str | uuid.UUID, path: str) -> CaseAudit:
    """The case itself, read for the audit: an auditor reads this child's contact and decision
    only because, and only while, it is sampled and assigned to them. The view is logged."""
    return open_record(
        user,
        _audits_for(user),
        pk,
        path=path,
        kind=ViewKind.CONTACT,
        logged_as=_audited,
    )


def actions_for(user: User) -> QuerySet[AuditAction]:
    """A manager follows every action; an owner sees their own."""
    actions = AuditAction.objects.read_as(user).select_related(
        "owner", "audit", "audit__contact", "audit__contact__family"
    )
    if can(user, "view_case_audits"):
        return actions
    if can(user, "complete_audit_action"):
        return actions.filter(owner=user)
    return AuditAction.objects.none()


def get_action_for(user: User, pk: str | uuid.UUID, *, path: str) -> AuditAction:
    """An action from a case audit: its page names the child, so it is logged as a view."""
    return open_record(
        user, actions_for(user), pk, path=path, logged_as=lambda action: _audited(action.audit)
    )


@dataclass(frozen=True)
class MonthGrades:
    month: Month
    counts: dict[str, int]

    @property
    def ordered(self) -> list[int]:
        return [self.counts[value] for value in Grade.values]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def grades_by_month() -> list[MonthGrades]:
    """Graded audits by the London month they were graded (frontdoor/figures) and their final
    grade (the moderated grade once moderated); the months that have any, oldest first."""
    graded = CaseAudit.objects.exclude(status=AuditStatus.ASSIGNED).filter(graded_at__isnull=False)
    bounds = graded.aggregate(first=Min("graded_at"), last=Max("graded_at"))
    if bounds["first"] is None:
        return []
    months = months_between(Month.of(bounds["first"]), Month.of(bounds["last"]))
    rows = (
        graded.filter(graded_at__gte=months[0].start, graded_at__lt=months[-1].end)
        .annotate(
            month=span_of("graded_at", months),
            final=Coalesce(NullIf("moderated_grade", Value("")), "grade"),
        )
        .values("month", "final")
        .annotate(n=Count("id"))
        .order_by()
    )
    found: dict[str, dict[str, int]] = {}
    for row in rows:
        counts = found.setdefault(row["month"], dict.fromkeys(Grade.values, 0))
        counts[row["final"]] += row["n"]
    return [MonthGrades(month=m, counts=found[m.slug]) for m in months if m.slug in found]
