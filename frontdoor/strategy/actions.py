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
from frontdoor.codelists.models import Code, CodeList
from frontdoor.referrals.actions import CLOSED_AFTER_REFERRAL_NFA, close_episode
from frontdoor.strategy.models import (
    ChildProtectionPlan,
    ChildProtectionReview,
    Participant,
    PlanEndReason,
    Section47Enquiry,
    StrategyAction,
    StrategyDiscussion,
)
from frontdoor.strategy.workflow import (
    DISCUSSION,
    SECTION_47,
    DiscussionOutcome,
    conference_problems,
    ends_the_referral,
    minimum_attendance_missing,
)
from frontdoor.timescales.calendar import (
    last_working_day_within_months,
    local_date,
    say_when,
    to_the_minute,
)
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
    also_for: Sequence[StrategyDiscussion] = (),
) -> StrategyDiscussion:
    """Record the discussion: who took part, what was shared, the decision and the actions.
    A section 47 decision starts the enquiry and its ICPC clock; "no section 47" starts a child
    and family assessment.

    `also_for`: the same discussion, about one family, recorded for the child's brothers and
    sisters in the same family contact (issue 17), as a decision can be. Each child keeps their
    own record of it (participants, actions, clocks) and their own audit entry; all are
    recorded, or none."""
    require(by, "record_strategy_discussion")
    discussions = [discussion, *also_for]
    _same_family(discussions)
    for each in discussions:
        DISCUSSION.next("record_strategy_discussion", each.status)
    now = timezone.now()
    problems = _record_problems(discussion, record, now)
    for sibling in also_for:  # what is the sibling's own (a time before their decision), named
        problems += [
            f"{sibling.person.full_name}: {problem}"
            for problem in _record_problems(sibling, record, now)
            if problem not in problems
        ]
    if problems:
        raise NotReady(problems)
    with transaction.atomic():
        for each in discussions:
            version = expected_version if each is discussion else each.version
            _record_one(by, each, record, version)
    return discussion


def _same_family(discussions: Sequence[StrategyDiscussion]) -> None:
    families = {d.referral.contact.family_id for d in discussions}
    if len(families) != 1 or len({d.pk for d in discussions}) != len(discussions):
        raise NotReady(["Choose only brothers and sisters from the same contact"])


def _record_one(
    by: User, discussion: StrategyDiscussion, record: DiscussionRecord, version: int | None
) -> None:
    move(
        discussion,
        DISCUSSION,
        "record_strategy_discussion",
        version,
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


def _start_what_was_decided(
    by: User, discussion: StrategyDiscussion, record: DiscussionRecord
) -> None:
    if ends_the_referral(record.outcome):
        # The referral ends at the discussion with no further action (the CIN census's
        # ReferralNFA, read from this outcome, never typed again): no assessment, no enquiry,
        # and its child in need episode closes on the day of the discussion (docs/adr/0034).
        close_episode(
            by=by,
            referral=discussion.referral,
            on=local_date(record.held_at),
            reason=CLOSED_AFTER_REFERRAL_NFA,
        )
        return
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
        if record.held_on and record.child_protection_plan and record.abuse_category:
            _start_plan(by=by, enquiry=enquiry, category=record.abuse_category)
    return enquiry


# Working Together 2023: the first review conference within 3 months of the initial one.
FIRST_REVIEW_MONTHS = 3
LATER_REVIEW_MONTHS = 6


def _start_plan(*, by: User, enquiry: Section47Enquiry, category: Code) -> ChildProtectionPlan:
    """The conference decided on a plan: start it on the day it was held, in the same
    transaction, with its first review conference due within 3 months (stored now).

    The conference's date has one source, the enquiry's `icpc_held_on` (the census's
    DateOfInitialCPC, written once, in Section47): the plan's start is read from it, never
    passed in beside it, so the two cannot differ (DfE rule 2885, docs/adr/0034). The plan keeps
    the day as its own column because its clocks, indexes and lists are ordered by it."""
    started_on = enquiry.icpc_held_on
    assert started_on is not None, "a plan starts at a conference that was held"
    plan = ChildProtectionPlan.objects.create(
        person=enquiry.person,
        section47=enquiry,
        started_on=started_on,
        initial_category=category,
        latest_category=category,
        next_review_due_on=last_working_day_within_months(started_on, FIRST_REVIEW_MONTHS),
        created_at=timezone.now(),
    )
    record_event(
        actor=by,
        verb="child_protection_plan_started",
        person=enquiry.person,
        contact=enquiry.discussion.referral.contact,
        data={
            "started_on": started_on.isoformat(),
            "category": category.code,
            "review_due_on": plan.next_review_due_on.isoformat(),
        },
    )
    return plan


@dataclass(frozen=True)
class ReviewRecord:
    held_on: date
    category: Code
    plan_continues: bool
    end_reason: str = ""


def record_review_conference(
    *, by: User, plan: ChildProtectionPlan, review: ReviewRecord
) -> ChildProtectionReview:
    """A review conference of the plan: its category becomes the plan's latest, and either the
    next review is due by the last working day within 6 months (stored now) or the plan ends
    on the day of the conference, with its reason."""
    require(by, "record_conference")
    problems = review_problems(plan, review)
    if problems:
        raise NotReady(problems)
    with transaction.atomic():
        locked = ChildProtectionPlan.objects.select_for_update().get(pk=plan.pk)
        if locked.ended_on is not None:
            raise NotReady(["This child protection plan has ended"])
        row = ChildProtectionReview.objects.create(
            plan=locked,
            held_on=review.held_on,
            due_on=locked.next_review_due_on,
            category=review.category,
            plan_continues=review.plan_continues,
            recorded_by=by,
            recorded_at=timezone.now(),
        )
        locked.latest_category = review.category
        if review.plan_continues:
            locked.next_review_due_on = last_working_day_within_months(
                review.held_on, LATER_REVIEW_MONTHS
            )
        else:
            locked.ended_on = review.held_on
            locked.end_reason = review.end_reason
        locked.save(
            update_fields=["latest_category", "next_review_due_on", "ended_on", "end_reason"]
        )
        record_event(
            actor=by,
            verb="review_conference_recorded",
            person=locked.person,
            data={
                "held_on": review.held_on.isoformat(),
                "on_time": row.on_time,
                "category": review.category.code,
                "plan_continues": review.plan_continues,
                "next_review_due_on": locked.next_review_due_on.isoformat()
                if review.plan_continues
                else "",
                "end_reason": review.end_reason,
            },
        )
    return row


def review_problems(plan: ChildProtectionPlan, review: ReviewRecord) -> list[str]:
    problems = []
    if review.category.code_list != CodeList.ABUSE_CATEGORY:
        problems.append("Select the category of abuse")
    if review.held_on < plan.started_on:
        problems.append("The review conference must be on or after the day the plan started")
    if review.held_on > timezone.localdate():
        problems.append("Date of the review conference must be today or in the past")
    if not review.plan_continues and review.end_reason not in PlanEndReason.values:
        problems.append("Select why the plan is ending")
    return problems
