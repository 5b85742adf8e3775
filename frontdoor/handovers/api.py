"""The acknowledgement API (issue 18): a receiving system (the council's main case system, an
early help system) reads a handover handed to its team and accepts the child or sends them back
with a reason, so the loop closes without a person. The same readers and actions as the pages:
a service account acts as a member of its team, in its role (ADR 0017)."""

from __future__ import annotations

import uuid
from datetime import datetime

from django.http import HttpRequest
from ninja import Router, Schema

from frontdoor.access.queries import signed_in_user
from frontdoor.api.schemas import ERRORS, READ_ERRORS, InputSchema, RequiredText, Version
from frontdoor.handovers import actions
from frontdoor.handovers.models import Handover
from frontdoor.handovers.queries import get_handover_for

router = Router(tags=["handovers"])


class HandoverOut(Schema):
    id: uuid.UUID
    child: uuid.UUID
    contact: uuid.UUID
    kind: str
    team: str | None
    council: str | None
    status: str
    version: int
    handed_over_at: datetime
    due_at: datetime
    answered_at: datetime | None
    return_reason: str

    @staticmethod
    def resolve_child(obj: Handover) -> uuid.UUID:
        return obj.person_id

    @staticmethod
    def resolve_contact(obj: Handover) -> uuid.UUID:
        return obj.decision.contact_id

    @staticmethod
    def resolve_team(obj: Handover) -> str | None:
        """The receiving team's name; none for a referral to another council."""
        return obj.team.name if obj.team is not None else None

    @staticmethod
    def resolve_council(obj: Handover) -> str | None:
        """For a referral to another council, its DfE LA number."""
        return obj.council.code if obj.council is not None else None


class AcceptIn(InputSchema):
    version: Version | None = None


class ReturnIn(InputSchema):
    reason: RequiredText
    version: Version | None = None


@router.get("/{handover_id}", response={200: HandoverOut, **READ_ERRORS}, summary="Get a handover")
def get(request: HttpRequest, handover_id: uuid.UUID) -> Handover:
    return get_handover_for(signed_in_user(request), handover_id, path=request.path)


@router.post(
    "/{handover_id}/accept",
    response={200: HandoverOut, **ERRORS},
    summary="Accept a child handed over to your team",
)
def accept(request: HttpRequest, handover_id: uuid.UUID, payload: AcceptIn) -> Handover:
    user = signed_in_user(request)
    handover = get_handover_for(user, handover_id, path=request.path)
    actions.accept_handover(by=user, handover=handover, version=payload.version)
    return get_handover_for(user, handover_id, path=request.path)


@router.post(
    "/{handover_id}/return",
    response={200: HandoverOut, **ERRORS},
    summary="Send a child back to the MASH, with the reason",
)
def send_back(request: HttpRequest, handover_id: uuid.UUID, payload: ReturnIn) -> Handover:
    user = signed_in_user(request)
    handover = get_handover_for(user, handover_id, path=request.path)
    actions.return_handover(
        by=user, handover=handover, reason=payload.reason, version=payload.version
    )
    return get_handover_for(user, handover_id, path=request.path)
