"""A police force's system notifies starts and returns, idempotent by its own reference."""

import uuid
from datetime import datetime
from typing import Literal

from django.http import HttpRequest
from ninja import Schema, Status
from pydantic import Field

from frontdoor.access.queries import signed_in_user
from frontdoor.api.schemas import (
    ERRORS,
    AwareDateTime,
    InputSchema,
    Line,
    LongText,
    Name,
    PastDate,
)
from frontdoor.missing import actions
from frontdoor.missing.api.router import router
from frontdoor.missing.api.schemas import (
    Grade,
    PoliceReference,
    RequiredLine,
)
from frontdoor.missing.models import Episode

# --- The police -------------------------------------------------------------------------------


class ChildAsToldIn(InputSchema):
    first_name: Name
    last_name: Name
    sex: Literal["M", "F", "U"] = "U"
    date_of_birth: PastDate | None = None


class PoliceStartIn(InputSchema):
    police_reference: PoliceReference = Field(description="The force's own reference")
    risk_grade: Grade  # type: ignore[valid-type]
    started_at: AwareDateTime = Field(description="When the child was last seen")
    reported_at: AwareDateTime = Field(description="When the child was reported missing")
    child: ChildAsToldIn
    missing_from: Line = ""
    circumstances: LongText = ""


class PoliceReturnIn(InputSchema):
    police_reference: PoliceReference
    returned_at: AwareDateTime
    where_found: RequiredLine


class PoliceNotificationOut(Schema):
    """What a force gets back: its own reference and where the episode has got to."""

    episode_id: uuid.UUID
    police_reference: str
    status: str
    started_at: datetime
    returned_at: datetime | None


def _notification_out(episode: Episode) -> PoliceNotificationOut:
    assert episode.police_report is not None
    return PoliceNotificationOut(
        episode_id=episode.pk,
        police_reference=episode.police_report.reference,
        status=episode.status,
        started_at=episode.started_at,
        returned_at=episode.returned_at,
    )


@router.post(
    "/police/starts",
    response={201: PoliceNotificationOut, 200: PoliceNotificationOut, **ERRORS},
    summary="Police: a child is missing",
)
def police_start(request: HttpRequest, payload: PoliceStartIn) -> Status[PoliceNotificationOut]:
    """A police force notifies the front door that a child is missing. 201 the first time;
    the same reference again returns the same episode with 200 and changes nothing."""
    user = signed_in_user(request)
    episode, created = actions.notify_missing(
        by=user,
        notification=actions.PoliceNotification(
            reference=payload.police_reference,
            risk_grade=payload.risk_grade,
            started_at=payload.started_at,
            reported_at=payload.reported_at,
            child=actions.ChildAsTold(
                first_name=payload.child.first_name,
                last_name=payload.child.last_name,
                sex=payload.child.sex,
                date_of_birth=payload.child.date_of_birth,
            ),
            missing_from=payload.missing_from,
            circumstances=payload.circumstances,
        ),
    )
    return Status(201 if created else 200, _notification_out(episode))


@router.post(
    "/police/returns",
    response={200: PoliceNotificationOut, **ERRORS},
    summary="Police: a missing child has returned",
)
def police_return(request: HttpRequest, payload: PoliceReturnIn) -> PoliceNotificationOut:
    """A police force notifies the front door that the child is back. Sending it again
    changes nothing."""
    episode = actions.notify_return(
        by=signed_in_user(request),
        reference=payload.police_reference,
        returned_at=payload.returned_at,
        where_found=payload.where_found,
    )
    return _notification_out(episode)
