"""Coordinators' lists and each step of an episode.

No `from __future__ import annotations` here: django-ninja builds the query parameters of a
paginated operation from the view's annotations in its own module, so they must be objects.
"""

import uuid
from typing import Literal

from django.http import HttpRequest
from ninja import Query, Schema, Status
from ninja.pagination import paginate
from pydantic import Field

from frontdoor.access.policies import require
from frontdoor.access.queries import signed_in_user
from frontdoor.agencies.models import Agency, AgencyKind
from frontdoor.api.pagination import BoundedLimitOffsetPagination, Concealed
from frontdoor.api.schemas import (
    ERRORS,
    READ_ERRORS,
    AwareDateTime,
    InputSchema,
    Line,
    LongText,
    RequiredText,
    Version,
    field_error,
)
from frontdoor.missing import actions
from frontdoor.missing.api.router import router
from frontdoor.missing.api.schemas import (
    VERSION,
    EpisodeOut,
    EpisodeSummaryOut,
    Grade,
    PoliceReference,
    RequiredLine,
    ShortLine,
    SiblingKey,
    episode_for_action,
    read_episode,
    take_step,
)
from frontdoor.missing.queries import (
    coordinator_queue,
    missing_now,
    placeholder_episodes,
)
from frontdoor.missing.workflow import (
    Answer,
    AttemptMethod,
    AttemptResult,
    RiskLevel,
)
from frontdoor.people.queries import openable_person

# --- Coordinators: lists and one episode ------------------------------------------------------


class WhichList(Schema):
    which: Literal["missing", "queue"] = Field(
        "missing", description="missing: missing now; queue: returned, awaiting the review"
    )


@router.get(
    "/episodes",
    response={200: list[EpisodeSummaryOut], **READ_ERRORS},
    summary="List missing episodes",
)
@paginate(BoundedLimitOffsetPagination)
def list_episodes(request: HttpRequest, filters: Query[WhichList]) -> object:
    """`missing`: children missing now, the longest missing first. `queue`: returned and not
    yet risk-reviewed, the return home interview due soonest first."""
    user = signed_in_user(request)
    require(user, "view_missing")
    episodes = missing_now(user) if filters.which == "missing" else coordinator_queue(user)
    return Concealed(episodes, lambda page: placeholder_episodes(user, page))


@router.get(
    "/episodes/{episode_id}", response={200: EpisodeOut, **READ_ERRORS}, summary="Get an episode"
)
def get_episode(request: HttpRequest, episode_id: uuid.UUID) -> EpisodeOut:
    """The episode, its attempts, brothers and sisters, review and warnings. Logged as a view
    of the child's record."""
    return read_episode(request, episode_id)


class PoliceReportIn(InputSchema):
    police_force_id: uuid.UUID
    police_reference: PoliceReference
    risk_grade: Grade  # type: ignore[valid-type]
    reported_at: AwareDateTime


class ReportIn(InputSchema):
    person_id: uuid.UUID
    started_at: AwareDateTime = Field(description="When the child was last seen")
    missing_from: Line = ""
    reported_to_police_at: AwareDateTime | None = None
    police: PoliceReportIn | None = None


def _force(force_id: uuid.UUID, *loc: str) -> Agency:
    force = Agency.objects.filter(pk=force_id, kind=AgencyKind.POLICE, active=True).first()
    if force is None:
        raise field_error(*loc, msg=f"Unknown police force {force_id}")
    return force


def _police_details(report: PoliceReportIn, *loc: str) -> actions.PoliceReportDetails:
    return actions.PoliceReportDetails(
        agency=_force(report.police_force_id, *loc, "police_force_id"),
        reference=report.police_reference,
        risk_grade=report.risk_grade,
        reported_at=report.reported_at,
    )


@router.post("/episodes", response={201: EpisodeOut, **ERRORS}, summary="Report a child missing")
def report(request: HttpRequest, payload: ReportIn) -> Status[EpisodeOut]:
    """Record that a child on record has gone missing, with the police report if there is one."""
    user = signed_in_user(request)
    require(user, "report_missing")
    person = openable_person(user, payload.person_id)
    if person is None:
        raise field_error("person_id", msg=f"Unknown person {payload.person_id}")
    episode = actions.report_missing(
        by=user,
        person=person,
        details=actions.MissingDetails(
            started_at=payload.started_at,
            missing_from=payload.missing_from,
            reported_to_police_at=payload.reported_to_police_at,
            police=_police_details(payload.police, "police") if payload.police else None,
        ),
    )
    return Status(201, read_episode(request, episode.pk))


# --- Coordinators: each step --------------------------------------------------------------------


class PoliceReportStepIn(PoliceReportIn):
    version: Version | None = VERSION


@router.post(
    "/episodes/{episode_id}/police-report",
    response={200: EpisodeOut, **ERRORS},
    summary="Link the police report",
)
def police_report(
    request: HttpRequest, episode_id: uuid.UUID, payload: PoliceReportStepIn
) -> EpisodeOut:
    episode = episode_for_action(request, episode_id)
    actions.record_police_report(
        by=signed_in_user(request),
        episode=episode,
        details=_police_details(payload),
        expected_version=payload.version,
    )
    return read_episode(request, episode_id)


class LinkIn(InputSchema):
    person_id: uuid.UUID
    version: Version | None = VERSION


@router.post(
    "/episodes/{episode_id}/link", response={200: EpisodeOut, **ERRORS}, summary="Link the child"
)
def link(request: HttpRequest, episode_id: uuid.UUID, payload: LinkIn) -> EpisodeOut:
    """Say which person record the child the police named is."""
    user = signed_in_user(request)
    episode = episode_for_action(request, episode_id)
    # The role first, as on the page: a role that may not link is refused before the body's
    # person is looked up (else its answer would say whether the id is a record it may open).
    require(user, "link_missing_child")
    person = openable_person(user, payload.person_id)
    if person is None:
        raise field_error("person_id", msg=f"Unknown person {payload.person_id}")
    actions.link_missing_child(
        by=user, episode=episode, person=person, expected_version=payload.version
    )
    return read_episode(request, episode_id)


class ReturnIn(InputSchema):
    returned_at: AwareDateTime
    where_found: RequiredLine
    version: Version | None = VERSION


@router.post(
    "/episodes/{episode_id}/return",
    response={200: EpisodeOut, **ERRORS},
    summary="Record the return",
)
def record_return(request: HttpRequest, episode_id: uuid.UUID, payload: ReturnIn) -> EpisodeOut:
    """The child is back: starts the 72-hour return home interview clock."""
    return take_step(
        request,
        episode_id,
        actions.record_return,
        returned_at=payload.returned_at,
        where_found=payload.where_found,
        expected_version=payload.version,
    )


class AttemptIn(InputSchema):
    attempted_at: AwareDateTime
    method: Literal[tuple(AttemptMethod.values)]  # type: ignore[valid-type]
    result: Literal[tuple(AttemptResult.values)]  # type: ignore[valid-type]
    note: LongText = ""


@router.post(
    "/episodes/{episode_id}/attempts",
    response={201: EpisodeOut, **ERRORS},
    summary="Log an attempt to reach the child",
)
def attempt(request: HttpRequest, episode_id: uuid.UUID, payload: AttemptIn) -> Status[EpisodeOut]:
    episode = take_step(
        request,
        episode_id,
        actions.log_contact_attempt,
        attempted_at=payload.attempted_at,
        method=payload.method,
        result=payload.result,
        note=payload.note,
    )
    return Status(201, episode)


class OfferIn(InputSchema):
    offered_at: AwareDateTime
    offered_by: RequiredLine
    answer: Literal[tuple(Answer.values)] | None = None  # type: ignore[valid-type]
    version: Version | None = VERSION


@router.post(
    "/episodes/{episode_id}/rhi-offer",
    response={200: EpisodeOut, **ERRORS},
    summary="Record the offer of a return home interview",
)
def offer(request: HttpRequest, episode_id: uuid.UUID, payload: OfferIn) -> EpisodeOut:
    return take_step(
        request,
        episode_id,
        actions.offer_rhi,
        offered_at=payload.offered_at,
        offered_by=payload.offered_by,
        answer=payload.answer or "",
        expected_version=payload.version,
    )


class AnswerIn(InputSchema):
    answer: Literal[tuple(Answer.values)]  # type: ignore[valid-type]
    version: Version | None = VERSION


@router.post(
    "/episodes/{episode_id}/rhi-answer",
    response={200: EpisodeOut, **ERRORS},
    summary="Record the child's answer",
)
def answer(request: HttpRequest, episode_id: uuid.UUID, payload: AnswerIn) -> EpisodeOut:
    return take_step(
        request,
        episode_id,
        actions.record_rhi_answer,
        answer=payload.answer,
        expected_version=payload.version,
    )


class InterviewIn(InputSchema):
    completed_at: AwareDateTime
    completed_by: RequiredLine
    organisation: ShortLine = ""
    independent: bool = Field(
        description="The interviewer is independent of the child's care (must be true)"
    )
    summary: LongText = ""
    version: Version | None = VERSION


@router.post(
    "/episodes/{episode_id}/rhi-completed",
    response={200: EpisodeOut, **ERRORS},
    summary="Record the return home interview",
)
def interview(request: HttpRequest, episode_id: uuid.UUID, payload: InterviewIn) -> EpisodeOut:
    return take_step(
        request,
        episode_id,
        actions.complete_rhi,
        interview=actions.InterviewDetails(
            completed_at=payload.completed_at,
            completed_by=payload.completed_by,
            organisation=payload.organisation,
            independent=payload.independent,
            summary=payload.summary,
        ),
        expected_version=payload.version,
    )


class SiblingNoteIn(InputSchema):
    key: SiblingKey = Field(description="The `key` of a brother or sister in the episode")
    note: RequiredText


class SiblingsIn(InputSchema):
    siblings: list[SiblingNoteIn] = Field(min_length=1, max_length=50)
    version: Version | None = VERSION


@router.post(
    "/episodes/{episode_id}/siblings",
    response={200: EpisodeOut, **ERRORS},
    summary="Record brothers and sisters considered",
)
def siblings(request: HttpRequest, episode_id: uuid.UUID, payload: SiblingsIn) -> EpisodeOut:
    return take_step(
        request,
        episode_id,
        actions.record_siblings_considered,
        notes={s.key: s.note for s in payload.siblings},
        expected_version=payload.version,
    )


class RiskReviewIn(InputSchema):
    push_factors: RequiredText
    pull_factors: RequiredText
    where_went: RequiredText
    with_whom: RequiredText
    sexual_exploitation: bool
    criminal_exploitation: bool
    none_identified: bool = Field(description="True when there are no signs of exploitation")
    exploitation_detail: LongText = ""
    risk_level: Literal[tuple(RiskLevel.values)]  # type: ignore[valid-type]
    plan_update: RequiredText
    version: Version | None = VERSION


@router.post(
    "/episodes/{episode_id}/risk-review",
    response={200: EpisodeOut, **ERRORS},
    summary="Record the risk review",
)
def review(request: HttpRequest, episode_id: uuid.UUID, payload: RiskReviewIn) -> EpisodeOut:
    """Closes the episode. Refused (422) until the interview is completed or declined and
    every brother and sister has been considered."""
    return take_step(
        request,
        episode_id,
        actions.record_risk_review,
        review=actions.RiskReviewDetails(
            push_factors=payload.push_factors,
            pull_factors=payload.pull_factors,
            where_went=payload.where_went,
            with_whom=payload.with_whom,
            sexual_exploitation=payload.sexual_exploitation,
            criminal_exploitation=payload.criminal_exploitation,
            none_identified=payload.none_identified,
            exploitation_detail=payload.exploitation_detail,
            risk_level=payload.risk_level,
            plan_update=payload.plan_update,
        ),
        expected_version=payload.version,
    )
