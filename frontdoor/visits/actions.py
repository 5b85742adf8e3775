"""The only writers of transfers, allocations and visits."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone

from frontdoor.access.models import Role, User
from frontdoor.access.policies import require
from frontdoor.assessments.actions import assign_assessment
from frontdoor.audit.actions import record_event
from frontdoor.audit.models import Severity
from frontdoor.notices.notice import Notice, after_commit, link_to
from frontdoor.timescales.calendar import say_when, to_the_minute
from frontdoor.visits.models import Allocation, Visit
from frontdoor.visits.workflow import ALLOCATION, AllocationStatus, visit_problems
from frontdoor.workflow.compare_and_set import move
from frontdoor.workflow.errors import NotReady

if TYPE_CHECKING:
    from frontdoor.contacts.models import Decision
    from frontdoor.referrals.models import Referral


def open_allocation(*, by: User, referral: Referral, decision: Decision) -> Allocation:
    """Called by the manager's decision, in its transaction: the child is transferred to the
    team named on the decision, and the see-by time becomes the team's clock."""
    assert decision.see_by is not None and decision.see_by_team is not None
    allocation = Allocation.objects.create(
        referral=referral,
        person=referral.person,
        team=decision.see_by_team,
        transferred_at=decision.decided_at,
        see_by=decision.see_by,
    )
    record_event(
        actor=by,
        verb="transferred_to_team",
        person=referral.person,
        contact=referral.contact,
        data={"team": allocation.team.name, "see_by": allocation.see_by.isoformat()},
    )
    return allocation


def allocate_worker(
    *, by: User, allocation: Allocation, worker: User, expected_version: int | None = None
) -> Allocation:
    require(by, "allocate_worker")
    if worker.role not in (Role.AREA_WORKER, Role.HUB_WORKER, Role.MANAGER) or not worker.is_active:
        raise NotReady(["Choose a social worker"])
    ALLOCATION.next("allocate_worker", allocation.status)
    with transaction.atomic():
        move(
            allocation,
            ALLOCATION,
            "allocate_worker",
            expected_version,
            worker=worker,
            allocated_at=timezone.now(),
        )
        # The assessment, if there is one, follows the child to the allocated worker.
        assign_assessment(by=by, referral=allocation.referral, worker=worker)
        record_event(
            actor=by,
            verb="worker_allocated",
            person=allocation.person,
            contact=allocation.referral.contact,
            data={"worker": worker.display_name, "team": allocation.team.name},
        )
    return allocation


@dataclass(frozen=True)
class VisitDetails:
    visited_at: datetime
    child_seen: bool
    location: str
    seen_alone: bool | None = None
    others_present: str = ""
    childs_views: str = ""
    daily_life: str = ""
    not_seen_reason: str = ""


def record_visit(
    *,
    by: User,
    allocation: Allocation,
    details: VisitDetails,
    expected_version: int | None = None,
    also: Sequence[tuple[Allocation, VisitDetails]] = (),
) -> Visit:
    """Record a visit. The first visit where the child is seen stops the see-by clock.

    `also`: the same visit to the child's brothers and sisters transferred from the same family
    contact (issue 17), each with their own answers: whether they were seen, alone, and their
    own words. Each child keeps their own visit and audit entry; all are recorded, or none."""
    require(by, "record_visit")
    visits = [(allocation, details), *also]
    families = {a.referral.contact.family_id for a, _ in visits}
    if len(families) != 1 or len({a.pk for a, _ in visits}) != len(visits):
        raise NotReady(["Choose only brothers and sisters from the same contact"])
    problems = []
    for each, answers in visits:
        ALLOCATION.next(_action(answers), each.status)
        found = _visit_problems(each, answers)
        problems += (
            found if each is allocation else [f"{each.person.full_name}: {p}" for p in found]
        )
    if problems:
        raise NotReady(problems)
    with transaction.atomic():
        recorded = [
            _record_one(by, each, answers, expected_version if each is allocation else each.version)
            for each, answers in visits
        ]
    return recorded[0]


def _action(details: VisitDetails) -> str:
    return "record_visit_child_seen" if details.child_seen else "record_visit_child_not_seen"


def _visit_problems(allocation: Allocation, details: VisitDetails) -> list[str]:
    problems = visit_problems(
        child_seen=details.child_seen,
        seen_alone=details.seen_alone,
        childs_views=details.childs_views,
        daily_life=details.daily_life,
        not_seen_reason=details.not_seen_reason,
    )
    if details.visited_at > timezone.now():
        problems.append("The time of the visit must be in the past")
    elif details.visited_at < to_the_minute(allocation.transferred_at):
        # The record's own history: the child could not be visited for this transfer before
        # the decision that transferred them (issue 17). Times are typed to the minute, so a
        # visit in the same minute as the transfer is allowed.
        problems.append(
            f"The time of the visit must be after the child was transferred to "
            f"{allocation.team.name} ({say_when(allocation.transferred_at)})"
        )
    if not details.location.strip():
        problems.append("Enter where the visit took place")
    return problems


def _record_one(
    by: User, allocation: Allocation, details: VisitDetails, version: int | None
) -> Visit:
    first_seen = details.child_seen and allocation.first_seen_at is None
    changes: dict[str, Any] = {"first_seen_at": details.visited_at} if first_seen else {}
    move(allocation, ALLOCATION, _action(details), version, **changes)
    visit = Visit.objects.create(
        allocation=allocation, recorded_by=by, recorded_at=timezone.now(), **vars(details)
    )
    record_event(
        actor=by,
        verb="visit_recorded",
        person=allocation.person,
        contact=allocation.referral.contact,
        data={
            "visited_at": details.visited_at.isoformat(),
            "child_seen": details.child_seen,
            "seen_alone": details.seen_alone,
            "first_seen": first_seen,
            "within_see_by": details.visited_at <= allocation.see_by if first_seen else None,
        },
    )
    return visit


def escalate_overdue_visits(*, now: datetime | None = None) -> int:
    """Escalate each child not seen by their see-by time to the team's managers, once.

    Run by the idempotent `sweep` command (cron or a systemd timer). The deadline is already
    stored; this only notices that it has passed. Setting `escalated_at` with a conditional
    UPDATE means two sweeps running at once escalate each child once.
    """
    moment = now or timezone.now()
    overdue = Allocation.objects.filter(
        status__in=[AllocationStatus.AWAITING_ALLOCATION, AllocationStatus.ALLOCATED],
        see_by__lt=moment,
        escalated_at__isnull=True,
    ).select_related("team", "referral")
    escalated = 0
    for allocation in overdue:
        with transaction.atomic():
            claimed = Allocation.objects.filter(pk=allocation.pk, escalated_at__isnull=True).update(
                escalated_at=moment
            )
            if claimed != 1:
                continue
            record_event(
                actor=None,
                verb="visit_escalated",
                person=allocation.person,
                contact=allocation.referral.contact,
                severity=Severity.HIGH,
                data={"team": allocation.team.name, "see_by": allocation.see_by.isoformat()},
            )
            _notify_team_managers(allocation)
        escalated += 1
    return escalated


def _notify_team_managers(allocation: Allocation) -> None:
    """No personal data in the message: only that a child is overdue, and a link."""
    recipients = list(
        User.objects.filter(role=Role.MANAGER, team=allocation.team, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    after_commit(
        Notice(
            "A child has not been seen by the time set",
            [f"A child transferred to {allocation.team.name} is overdue a visit."],
            link=link_to("visits:overdue"),
            link_words="See the children overdue a visit",
            recipients=recipients,
        )
    )
