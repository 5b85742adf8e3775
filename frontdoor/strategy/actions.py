"""The only writers of strategy discussions and section 47 enquiries."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from frontdoor.access.policies import require
from frontdoor.assessments.actions import open_assessment
from frontdoor.audit.actions import record_event
from frontdoor.codelists.models import Code
from frontdoor.strategy.models import (
    Participant,
    Section47Enquiry,
    StrategyAction,
    StrategyDiscussion,
)
from frontdoor.strategy.workflow import (
    DISCUSSION,
    SECTION_47,
    DiscussionOutcome,
    conference_problems,
    minimum_attendance_missing,
)
from frontdoor.timescales.calendar import say_when, to_the_minute
from frontdoor.timescales.queries import due_at
from frontdoor.workflow.compare_and_set import bump, move
from frontdoor.workflow.errors import NotReady

if TYPE_CHECKING:
    from frontdoor.access.models import User
    from frontdoor.referrals.models import Referral


def open_strategy_discussion(
    *, by: User, referral: Referral, same_day: bool, requested_at: datetime
) -> StrategyDiscussion:
    """Called by the manager's decision, in its transaction: the clock starts at the decision."""
    key = "strategy_discussion_same_day" if same_day else "strategy_discussion"
    discussion = StrategyDiscussion.objects.create(
        referral=referral,
        person=referral.person,
        same_day=same_day,
        requested_at=requested_at,
        due_at=due_at(key, requested_at),
    )
    record_event(
        actor=by,
        verb="strategy_discussion_requested",
        person=referral.person,
        contact=referral.contact,
        data={"due_at": discussion.due_at.isoformat(), "same_day": same_day},
    )
    return discussion


@dataclass(frozen=True)
class ParticipantDetails:
    agency: str
    invited: bool
    attended: bool
    name: str = ""
    organisation: str = ""
    information_shared: str = ""


@dataclass(frozen=True)
class ActionDetails:
    description: str
    owner: str
    due_on: date


@dataclass(frozen=True)
class DiscussionRecord:
    held_at: datetime
    format: str
    participants: Sequence[ParticipantDetails]
    information_shared: str
    outcome: str
    rationale: str
    actions: Sequence[ActionDetails] = ()


def _record_problems(
    discussion: StrategyDiscussion, record: DiscussionRecord, now: datetime
) -> list[str]:
    problems = []
    if record.held_at > now:
        problems.append("The time the discussion was held must be in the past")
    elif record.held_at < to_the_minute(discussion.requested_at):
        # A discussion cannot have been held before the decision that asked for it (issue 17);
        # times are typed to the minute, so the same minute is allowed.
        problems.append(
            "The time the discussion was held must be after the decision that asked for it "
            f"({say_when(discussion.requested_at)})"
        )
    if not record.outcome:
        problems.append("Select the decision of the strategy discussion")
    if not record.rationale.strip():
        problems.append("Enter the reasons for the decision")
    if not any(p.attended for p in record.participants):
        problems.append("Record who attended")
    return problems


def record_strategy_discussion(
    *,
    by: User,
    discussion: StrategyDiscussion,
    record: DiscussionRecord,
    expected_version: int | None = None,
) -> StrategyDiscussion:
    """Record the discussion: who took part, what was shared, the decision and the actions.
    A section 47 decision starts the enquiry and its ICPC clock; "no section 47" starts a child
    and family assessment."""
    require(by, "record_strategy_discussion")
    DISCUSSION.next("record_strategy_discussion", discussion.status)
    if problems := _record_problems(discussion, record, timezone.now()):
        raise NotReady(problems)
    with transaction.atomic():
        move(
            discussion,
            DISCUSSION,
            "record_strategy_discussion",
            expected_version,
            held_at=record.held_at,
            format=record.format,
            information_shared=record.information_shared,
            outcome=record.outcome,
            rationale=record.rationale,
            recorded_by=by,
        )
        Participant.objects.bulk_create(
            Participant(discussion=discussion, **vars(p)) for p in record.participants
        )
        StrategyAction.objects.bulk_create(
            StrategyAction(discussion=discussion, **vars(a)) for a in record.actions
        )
        missing = minimum_attendance_missing({p.agency for p in record.participants if p.attended})
        record_event(
            actor=by,
            verb="strategy_discussion_recorded",
            person=discussion.person,
            contact=discussion.referral.contact,
            data={
                "outcome": record.outcome,
                "outcome_label": DiscussionOutcome(record.outcome).label,
                "held_at": record.held_at.isoformat(),
                "within_time": record.held_at <= discussion.due_at,
                "minimum_not_attended": missing,
            },
        )
        _start_what_was_decided(by, discussion, record)
    return discussion


def _start_what_was_decided(
    by: User, discussion: StrategyDiscussion, record: DiscussionRecord
) -> None:
    if record.outcome == DiscussionOutcome.SECTION_47:
        enquiry = Section47Enquiry.objects.create(
            discussion=discussion,
            person=discussion.person,
            started_at=record.held_at,
            # National: within 15 working days of the strategy discussion that started it.
            icpc_due_at=due_at("initial_child_protection_conference", record.held_at),
        )
        record_event(
            actor=by,
            verb="section_47_started",
            person=discussion.person,
            contact=discussion.referral.contact,
            data={"icpc_due_at": enquiry.icpc_due_at.isoformat()},
        )
    needs_assessment = record.outcome in (
        DiscussionOutcome.SECTION_47,
        DiscussionOutcome.ASSESSMENT,
    )
    if needs_assessment and not hasattr(discussion.referral, "assessment"):
        open_assessment(by=by, referral=discussion.referral, started_at=record.held_at)


def record_circulation(
    *, by: User, discussion: StrategyDiscussion, circulated_at: datetime
) -> StrategyDiscussion:
    """Record when the discussion's record was sent to those who took part."""
    require(by, "record_strategy_discussion")
    if discussion.held_at is None:
        raise NotReady(["Record the discussion before recording its circulation"])
    if circulated_at < discussion.held_at or circulated_at > timezone.now():
        raise NotReady(["The circulation time must be after the discussion and not in the future"])
    with transaction.atomic():
        bump(discussion, DISCUSSION.noun, circulated_at=circulated_at)
        record_event(
            actor=by,
            verb="strategy_record_circulated",
            person=discussion.person,
            contact=discussion.referral.contact,
            data={"circulated_at": circulated_at.isoformat()},
        )
    return discussion


@dataclass(frozen=True)
class ConferenceRecord:
    held_on: date | None
    not_required_reason: str = ""
    child_protection_plan: bool | None = None
    abuse_category: Code | None = None


def record_conference(
    *,
    by: User,
    enquiry: Section47Enquiry,
    record: ConferenceRecord,
    expected_version: int | None = None,
) -> Section47Enquiry:
    """Record the initial child protection conference (or that none is required, and why)."""
    require(by, "record_conference")
    action = "record_conference" if record.held_on else "record_conference_not_required"
    SECTION_47.next(action, enquiry.status)
    problems = conference_problems(
        held_on=record.held_on,
        not_required_reason=record.not_required_reason,
        plan=record.child_protection_plan,
        category=record.abuse_category,
    )
    started_on = timezone.localtime(enquiry.started_at).date()
    if record.held_on and record.held_on > timezone.localdate():
        problems.append("The date of the conference must be today or in the past")
    elif record.held_on and record.held_on < started_on:
        # The conference follows the strategy discussion that started the enquiry (issue 17).
        problems.append(
            "The date of the conference must be on or after the strategy discussion that started "
            f"the enquiry ({started_on.day} {started_on:%b %Y})"
        )
    if problems:
        raise NotReady(problems)
    now = timezone.now()
    with transaction.atomic():
        move(
            enquiry,
            SECTION_47,
            action,
            expected_version,
            icpc_held_on=record.held_on,
            icpc_not_required_reason=record.not_required_reason if not record.held_on else "",
            child_protection_plan=record.child_protection_plan if record.held_on else None,
            abuse_category=record.abuse_category if record.child_protection_plan else None,
            concluded_at=now,
            concluded_by=by,
        )
        on_time = (
            record.held_on <= timezone.localtime(enquiry.icpc_due_at).date()
            if record.held_on
            else None
        )
        record_event(
            actor=by,
            verb="conference_recorded" if record.held_on else "conference_not_required",
            person=enquiry.person,
            contact=enquiry.discussion.referral.contact,
            reason=record.not_required_reason,
            data={
                "held_on": record.held_on.isoformat() if record.held_on else "",
                "within_15_working_days": on_time,
                "child_protection_plan": record.child_protection_plan,
                "abuse_category": record.abuse_category.code if record.abuse_category else "",
            },
        )
    return enquiry
