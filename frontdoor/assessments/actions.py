"""The only writers of child and family assessments."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from frontdoor.access.policies import require
from frontdoor.assessments.models import Assessment
from frontdoor.assessments.workflow import ASSESSMENT, AssessmentOutcome, submission_problems
from frontdoor.audit.actions import record_event
from frontdoor.codelists.models import Code, CodeList
from frontdoor.referrals.actions import (
    CLOSED_AFTER_ASSESSMENT_EARLY_HELP,
    CLOSED_AFTER_ASSESSMENT_NFA,
    close_episode,
    work_still_open,
)
from frontdoor.workflow.compare_and_set import bump, move
from frontdoor.workflow.errors import NotReady

if TYPE_CHECKING:
    from frontdoor.access.models import User
    from frontdoor.referrals.models import Referral


def open_assessment(
    *, by: User, referral: Referral, started_at: datetime, worker: User | None = None
) -> Assessment:
    """Start a child and family assessment. Its due time is the referral's (45 working days
    from the referral, stored when the referral opened)."""
    allocation = getattr(referral, "allocation", None)
    assessment = Assessment.objects.create(
        referral=referral,
        person=referral.person,
        worker=worker or (allocation.worker if allocation else None),
        started_at=started_at,
        due_at=referral.assessment_due_at,
    )
    record_event(
        actor=by,
        verb="assessment_started",
        person=referral.person,
        contact=referral.contact,
        data={"due_at": assessment.due_at.isoformat()},
    )
    return assessment


def assign_assessment(*, by: User, referral: Referral, worker: User) -> None:
    """The child's assessment, if there is one still open, follows the child to the worker
    they are allocated to (called by the allocation, in its transaction)."""
    for assessment in Assessment.objects.filter(referral=referral).exclude(worker=worker):
        bump(assessment, ASSESSMENT.noun, worker=worker)
        record_event(
            actor=by,
            verb="assessment_reassigned",
            person=assessment.person,
            contact=referral.contact,
            data={"worker": worker.display_name},
        )


@dataclass(frozen=True)
class AssessmentSubmission:
    factors: Sequence[Code]
    outcome: str
    summary: str
    late_reason: str = ""
    # The CIN census primary need (N0-N9): required to submit (see `submit_assessment`).
    primary_need: Code | None = None


def submit_assessment(
    *,
    by: User,
    assessment: Assessment,
    submission: AssessmentSubmission,
    expected_version: int | None = None,
) -> Assessment:
    """The worker submits the assessment, with its factors and outcome, for authorisation."""
    require(by, "submit_assessment")
    now = timezone.now()
    if any(f.code_list != CodeList.ASSESSMENT_FACTOR for f in submission.factors):
        raise NotReady(["Choose assessment factors from the CIN census list"])
    if submission.primary_need is None or submission.primary_need.code_list != (
        CodeList.PRIMARY_NEED
    ):
        raise NotReady(["Select the child's primary need"])
    problems = submission_problems(
        outcome=submission.outcome,
        factor_count=len(submission.factors),
        late=now > assessment.due_at,
        late_reason=submission.late_reason,
    )
    if not submission.summary.strip():
        problems.append("Enter the analysis and summary of the assessment")
    if problems:
        raise NotReady(problems)
    with transaction.atomic():
        move(
            assessment,
            ASSESSMENT,
            "submit_assessment",
            expected_version,
            outcome=submission.outcome,
            summary=submission.summary,
            late_reason=submission.late_reason,
            primary_need=submission.primary_need,
            submitted_at=now,
        )
        assessment.factors.set(submission.factors)
        record_event(
            actor=by,
            verb="assessment_submitted",
            person=assessment.person,
            contact=assessment.referral.contact,
            data={
                "outcome_label": AssessmentOutcome(submission.outcome).label,
                "factors": [f.code for f in submission.factors],
                "primary_need": submission.primary_need.code,
            },
        )
    return assessment


def return_assessment(
    *, by: User, assessment: Assessment, reason: str, expected_version: int | None = None
) -> Assessment:
    """A manager sends the assessment back to the worker, saying what is missing."""
    require(by, "authorise_assessment")
    if not reason.strip():
        raise NotReady(["Enter what the worker needs to do"])
    with transaction.atomic():
        move(assessment, ASSESSMENT, "return_assessment", expected_version)
        record_event(
            actor=by,
            verb="assessment_returned",
            person=assessment.person,
            contact=assessment.referral.contact,
            reason=reason,
        )
    return assessment


CLOSES_EPISODE: dict[str, str] = {
    AssessmentOutcome.NO_FURTHER_ACTION: CLOSED_AFTER_ASSESSMENT_NFA,
    AssessmentOutcome.EARLY_HELP: CLOSED_AFTER_ASSESSMENT_EARLY_HELP,
}


def authorise_assessment(
    *,
    by: User,
    assessment: Assessment,
    late_reason: str = "",
    expected_version: int | None = None,
) -> Assessment:
    """A manager authorises the assessment: its completion date for the CIN census."""
    require(by, "authorise_assessment")
    now = timezone.now()
    reason = late_reason.strip() or assessment.late_reason
    if now > assessment.due_at and not reason:
        raise NotReady(["Enter why the assessment is later than 45 working days"])
    closure = CLOSES_EPISODE.get(assessment.outcome)
    if closure:
        # An outcome that ends the work closes the episode with it, so it waits, as every
        # closure does, for a section 47 enquiry's conference and a child protection plan's end
        # (docs/adr/0034): refused here with the reason, before anything is written.
        open_work = work_still_open(assessment.referral)
        if open_work:
            outcome = AssessmentOutcome(assessment.outcome).label.lower()
            raise NotReady(
                [
                    *open_work,
                    f"An assessment whose outcome is {outcome} closes the episode: authorise "
                    "it once that is done, or return it to the worker to change the outcome",
                ]
            )
    with transaction.atomic():
        move(
            assessment,
            ASSESSMENT,
            "authorise_assessment",
            expected_version,
            authorised_at=now,
            authorised_by=by,
            late_reason=reason,
        )
        record_event(
            actor=by,
            verb="assessment_authorised",
            person=assessment.person,
            contact=assessment.referral.contact,
            data={"within_45_working_days": now <= assessment.due_at},
            reason=reason,
        )
        # An assessment that ends the work ends the child in need episode, on the day it is
        # authorised, with the reason its outcome gives (CIN census RC8, RC9).
        if closure:
            close_episode(
                by=by,
                referral=assessment.referral,
                on=timezone.localtime(now).date(),
                reason=closure,
            )
    return assessment
