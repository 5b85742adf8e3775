"""What the missing children API accepts and returns, beyond frontdoor/api/schemas.py."""

import uuid
from collections.abc import Callable
from datetime import date, datetime
from typing import Annotated, Any, Literal

from django.http import HttpRequest
from django.utils import timezone
from ninja import Schema
from pydantic import AfterValidator, Field

from frontdoor.access.queries import signed_in_user
from frontdoor.api.schemas import (
    LINE_PATTERN,
    NAME_PATTERN,
    input_problem,
)
from frontdoor.audit.models import ViewKind
from frontdoor.missing.models import Episode
from frontdoor.missing.queries import (
    episode_warnings,
    get_episode_for,
    sibling_rows,
)
from frontdoor.missing.workflow import (
    RiskGrade,
)


def not_blank(value: str) -> str:
    if not value.strip():
        raise input_problem("must not be blank")
    return value


def no_line_breaks(value: str) -> str:
    if any(ord(c) < 0x20 for c in value):
        raise input_problem("must be on one line, without control characters")
    return value


# A force's reference: printable ASCII, no spaces at either end (e.g. "WX/2026/004518").
PoliceReference = Annotated[
    str,
    Field(min_length=1, max_length=60, pattern=r"^[\x21-\x7e]([\x20-\x7e]*[\x21-\x7e])?$"),
]
# One line that must say something (where a child was found, who offered an interview).
RequiredLine = Annotated[
    str,
    Field(min_length=1, max_length=200, json_schema_extra={"pattern": NAME_PATTERN}),
    AfterValidator(no_line_breaks),
    AfterValidator(not_blank),
]
ShortLine = Annotated[
    str,
    Field(max_length=200, json_schema_extra={"pattern": LINE_PATTERN}),
    AfterValidator(no_line_breaks),
]
Grade = Literal[tuple(RiskGrade.values)]  # type: ignore[valid-type]
SiblingKey = Annotated[
    str,
    Field(
        min_length=1,
        max_length=60,
        pattern=(
            # A restricted brother or sister's key names nobody (queries.Sibling.placeholder).
            r"^((person|contact):[0-9a-f-]{36}|restricted:[0-9a-f]{32})$"
        ),
    ),
]
VERSION = Field(default=None, description="The episode's version you read")


# --- What comes back ----------------------------------------------------------------------------


class PoliceReportOut(Schema):
    police_force: str
    reference: str
    risk_grade: str
    reported_at: datetime


class AttemptOut(Schema):
    attempted_at: datetime
    method: str
    result: str
    note: str
    next_attempt_due_at: datetime


class SiblingOut(Schema):
    key: str
    name: str
    relationship: str
    person_id: uuid.UUID | None
    considered: bool
    note: str


class RiskReviewOut(Schema):
    push_factors: str
    pull_factors: str
    where_went: str
    with_whom: str
    sexual_exploitation: bool
    criminal_exploitation: bool
    exploitation_detail: str
    risk_level: str
    plan_update: str
    reviewed_at: datetime


class EpisodeSummaryOut(Schema):
    id: uuid.UUID
    reference: str
    status: str
    version: int
    person_id: uuid.UUID | None
    child_name: str
    started_at: datetime
    returned_at: datetime | None
    rhi_due_at: datetime | None
    next_attempt_due_at: datetime | None
    police_reference: str | None


class EpisodeOut(EpisodeSummaryOut):
    first_name: str
    last_name: str
    date_of_birth: date | None
    missing_from: str
    reported_to_police_at: datetime | None
    police_report: PoliceReportOut | None
    where_found: str
    rhi_offered_at: datetime | None
    rhi_offered_by: str
    rhi_answer: str
    rhi_completed_at: datetime | None
    rhi_completed_by: str
    rhi_completed_by_organisation: str
    attempts: list[AttemptOut]
    siblings: list[SiblingOut]
    risk_review: RiskReviewOut | None
    warnings: list[str]


def episode_out(episode: Episode) -> EpisodeOut:
    report = episode.police_report
    review = getattr(episode, "risk_review", None)
    return EpisodeOut(
        id=episode.pk,
        reference=episode.reference,
        status=episode.status,
        version=episode.version,
        person_id=episode.person_id,
        child_name=episode.child_name,
        first_name=episode.first_name,
        last_name=episode.last_name,
        date_of_birth=episode.date_of_birth,
        started_at=episode.started_at,
        missing_from=episode.missing_from,
        reported_to_police_at=episode.reported_to_police_at,
        police_reference=report.reference if report else None,
        police_report=PoliceReportOut(
            police_force=report.agency.name,
            reference=report.reference,
            risk_grade=report.risk_grade,
            reported_at=report.reported_at,
        )
        if report
        else None,
        returned_at=episode.returned_at,
        where_found=episode.where_found,
        rhi_due_at=episode.rhi_due_at,
        next_attempt_due_at=episode.next_attempt_due_at,
        rhi_offered_at=episode.rhi_offered_at,
        rhi_offered_by=episode.rhi_offered_by,
        rhi_answer=episode.rhi_answer,
        rhi_completed_at=episode.rhi_completed_at,
        rhi_completed_by=episode.rhi_completed_by,
        rhi_completed_by_organisation=episode.rhi_completed_by_organisation,
        attempts=[
            AttemptOut(
                attempted_at=a.attempted_at,
                method=a.method,
                result=a.result,
                note=a.note,
                next_attempt_due_at=a.next_attempt_due_at,
            )
            for a in episode.attempts.all()
        ],
        siblings=[
            SiblingOut(
                key=row.sibling.key,
                name=row.sibling.name,
                relationship=row.sibling.relationship,
                person_id=row.sibling.person.pk if row.sibling.person else None,
                considered=row.considered is not None,
                note=row.considered.note if row.considered else "",
            )
            for row in sibling_rows(episode)
        ],
        risk_review=RiskReviewOut.from_orm(review) if review else None,
        warnings=[w.text for w in episode_warnings(episode, timezone.now())],
    )


def read_episode(request: HttpRequest, episode_id: uuid.UUID) -> EpisodeOut:
    user = signed_in_user(request)
    return episode_out(get_episode_for(user, episode_id, path=request.path, kind=ViewKind.API))


def episode_for_action(request: HttpRequest, episode_id: uuid.UUID) -> Episode:
    return get_episode_for(
        signed_in_user(request), episode_id, path=request.path, kind=ViewKind.API
    )


def take_step(
    request: HttpRequest, episode_id: uuid.UUID, act: Callable[..., object], **answers: Any
) -> EpisodeOut:
    """Take one step (an action in frontdoor/missing/actions) on the episode as the caller, who
    gets a 404 outside their scope; answer with the episode as it now is."""
    act(by=signed_in_user(request), episode=episode_for_action(request, episode_id), **answers)
    return read_episode(request, episode_id)
