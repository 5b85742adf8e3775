"""Management oversight over JSON (mounted at /api/oversight): a child's oversight and
supervision, and a manager recording an entry. The same action and queries as the pages
(frontdoor/oversight/views.py): the child is read through the one reader of a child's record
(logged as viewed; a 404 outside the caller's scope or for a restricted child), then the role is
checked (a 403). Records are appended, never changed."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Router, Schema, Status
from ninja.pagination import paginate
from pydantic import Field

from frontdoor.access.models import User
from frontdoor.access.policies import require
from frontdoor.access.queries import signed_in_user
from frontdoor.api.pagination import BoundedLimitOffsetPagination
from frontdoor.api.schemas import ERRORS, READ_ERRORS, InputSchema, IsoDate, LongText, Name
from frontdoor.oversight import actions, queries
from frontdoor.oversight.models import OversightAction, OversightRecord
from frontdoor.oversight.rules import Verdict
from frontdoor.people.models import Person

router = Router(tags=["management oversight"])


class OversightActionOut(Schema):
    id: uuid.UUID
    description: str
    owner: str
    due_on: date
    completed_at: datetime | None
    completion_note: str

    @staticmethod
    def resolve_owner(obj: OversightAction) -> str:
        return obj.owner.display_name

    @staticmethod
    def resolve_completed_at(obj: OversightAction) -> datetime | None:
        done = getattr(obj, "completion", None)
        return done.completed_at if done else None

    @staticmethod
    def resolve_completion_note(obj: OversightAction) -> str:
        done = getattr(obj, "completion", None)
        return done.note if done else ""


class OversightRecordOut(Schema):
    id: uuid.UUID
    kind: str = Field(description="oversight or supervision")
    contact_id: uuid.UUID | None
    stage: str = Field(description="screening or decision (oversight only)")
    verdict: str = Field(description="agree or challenge (oversight only)")
    reason: str
    challenged: str | None = Field(description="Whose judgement was challenged")
    recorded_by: str
    recorded_at: datetime
    response: str | None = Field(description="revise or maintain, once the challenge is answered")
    actions: list[OversightActionOut]

    @staticmethod
    def resolve_challenged(obj: OversightRecord) -> str | None:
        challenged = obj.challenged_user if obj.verdict == Verdict.CHALLENGE else None
        return challenged.display_name if challenged else None

    @staticmethod
    def resolve_recorded_by(obj: OversightRecord) -> str:
        return obj.recorded_by.display_name

    @staticmethod
    def resolve_response(obj: OversightRecord) -> str | None:
        answered = getattr(obj, "response", None)
        return answered.reply if answered else None

    @staticmethod
    def resolve_actions(obj: OversightRecord) -> list[OversightAction]:
        return list(obj.actions.all())


class ChildOversightOut(Schema):
    person_id: uuid.UUID
    case_open: bool
    last_oversight_at: datetime | None
    days_without_oversight: int | None
    oversight_due_days: int
    overdue: bool
    records: list[OversightRecordOut]


def _child_out(person: Person) -> dict[str, Any]:
    clock = queries.oversight_clock(person)
    return {
        "person_id": person.pk,
        "case_open": clock.case_open,
        "last_oversight_at": clock.last_oversight_at,
        "days_without_oversight": clock.days_without,
        "oversight_due_days": clock.due_days,
        "overdue": clock.overdue,
        "records": list(queries.records_for(person)),
    }


@router.get(
    "/children/{person_id}",
    response={200: ChildOversightOut, **READ_ERRORS},
    summary="Get a child's oversight and supervision",
)
def child(request: HttpRequest, person_id: uuid.UUID) -> dict[str, Any]:
    """Newest first, with each challenge's response and each action's completion, and how
    long the child's open case has gone without oversight."""
    user = signed_in_user(request)
    return _child_out(queries.get_child_for_oversight(user, person_id, path=request.path))


class OversightActionIn(InputSchema):
    description: LongText = Field(description="What needs to happen")
    owner: Name = Field(description="The username of the person who owns the action")
    due_on: IsoDate = Field(description="When it is due (today or later)")


class OversightIn(InputSchema):
    kind: Literal["oversight", "supervision"] = Field(
        description="Management oversight of a screening or decision, or a supervision"
    )
    reason: LongText = Field(
        description="Why you agree or challenge, or what was discussed in supervision"
    )
    contact: uuid.UUID | None = Field(
        default=None, description="Oversight only: the id of the child's contact overseen"
    )
    stage: Literal["screening", "decision", ""] = Field(
        default="", description="Oversight only: whose judgement, the screener's or the manager's"
    )
    verdict: Literal["agree", "challenge", ""] = Field(
        default="", description="Oversight only: do you agree with it, or challenge it?"
    )
    actions: list[OversightActionIn] = Field(
        default_factory=list, max_length=10, description="Actions set, each with its owner"
    )


def _owners(payload: OversightIn) -> list[User | None]:
    names = {a.owner for a in payload.actions}
    found = {u.username: u for u in User.objects.filter(username__in=names, is_active=True)}
    return [found.get(a.owner) for a in payload.actions]


@router.post(
    "/children/{person_id}",
    response={201: ChildOversightOut, **ERRORS},
    summary="Record management oversight or supervision",
)
def record(
    request: HttpRequest, person_id: uuid.UUID, payload: OversightIn
) -> Status[dict[str, Any]]:
    """A manager agrees with or challenges a screening or decision, with the reason, or records
    a supervision discussion; either with the actions set. A challenge is open until the person
    challenged (or a manager of their team) responds."""
    user = signed_in_user(request)
    person = queries.get_child_for_oversight(user, person_id, path=request.path)
    require(user, "record_oversight")
    contact = (
        queries.contacts_to_oversee(person).filter(pk=payload.contact).first()
        if payload.contact is not None
        else None
    )
    actions.record_oversight(
        by=user,
        person=person,
        kind=payload.kind,
        reason=payload.reason,
        contact=contact,
        stage=payload.stage,
        verdict=payload.verdict,
        actions=[
            # An unknown owner is no owner: the action says "Select who owns action N" at
            # the action's `owner`.
            actions.ActionToSet(description=a.description, owner=owner, due_on=a.due_on)
            for a, owner in zip(payload.actions, _owners(payload), strict=True)
        ],
    )
    return Status(201, _child_out(person))


# --- Answering a challenge, completing an action (the pages supervision:respond and
# supervision:complete-action; issue 17, API parity) ----------------------------------------


class ChallengeOut(Schema):
    id: uuid.UUID
    person_id: uuid.UUID
    child: str = Field(description='The child\'s name, or "Restricted record" in a list')
    contact_id: uuid.UUID | None
    stage: str = Field(description="screening or decision: whose judgement was challenged")
    challenged: str | None = Field(description="Whose screening or decision it was")
    reason: str = Field(description="Why the manager challenged it")
    recorded_by: str
    recorded_at: datetime
    status: Literal["open", "answered"]
    reply: str | None = Field(description="revise or maintain, once answered")
    explanation: str = Field(description="What will be revised, or why the decision stands")
    responded_by: str | None
    responded_at: datetime | None
    actions: list[OversightActionOut]

    @staticmethod
    def resolve_child(obj: OversightRecord) -> str:
        return obj.person.full_name

    @staticmethod
    def resolve_challenged(obj: OversightRecord) -> str | None:
        return obj.challenged_user.display_name if obj.challenged_user else None

    @staticmethod
    def resolve_recorded_by(obj: OversightRecord) -> str:
        return obj.recorded_by.display_name

    @staticmethod
    def resolve_status(obj: OversightRecord) -> str:
        return "answered" if getattr(obj, "response", None) else "open"

    @staticmethod
    def resolve_reply(obj: OversightRecord) -> str | None:
        answered = getattr(obj, "response", None)
        return answered.reply if answered else None

    @staticmethod
    def resolve_explanation(obj: OversightRecord) -> str:
        answered = getattr(obj, "response", None)
        return answered.explanation if answered else ""

    @staticmethod
    def resolve_responded_by(obj: OversightRecord) -> str | None:
        answered = getattr(obj, "response", None)
        return answered.responded_by.display_name if answered else None

    @staticmethod
    def resolve_responded_at(obj: OversightRecord) -> datetime | None:
        answered = getattr(obj, "response", None)
        return answered.responded_at if answered else None

    @staticmethod
    def resolve_actions(obj: OversightRecord) -> list[OversightAction]:
        return list(obj.actions.all())


@router.get(
    "/challenges",
    response={200: list[ChallengeOut], **READ_ERRORS},
    summary="List the open challenges to my screenings and decisions",
)
@paginate(BoundedLimitOffsetPagination)
def challenges(request: HttpRequest) -> object:
    """Oldest first: the challenges to the caller's own screenings and decisions and, for a
    manager, to their team's. A restricted child the caller may not open is listed as
    "Restricted record", without the reason."""
    user = signed_in_user(request)
    require(user, "respond_to_challenge")
    return queries.challenges_to(user).prefetch_related("actions__owner")


@router.get(
    "/challenges/{challenge_id}",
    response={200: ChallengeOut, **READ_ERRORS},
    summary="Get a challenge to my screening or decision",
)
def challenge(request: HttpRequest, challenge_id: uuid.UUID) -> OversightRecord:
    """Open or answered. Only the person challenged and a manager of their team may read it (a
    `404` to anyone else); logged as a view of the child."""
    return queries.get_challenge_for(signed_in_user(request), challenge_id, path=request.path)


class ChallengeResponseIn(InputSchema):
    reply: Literal["revise", "maintain"] = Field(
        description="revise: agree and revise; maintain: explain and maintain"
    )
    explanation: LongText = Field(
        description="What you will revise, or why you maintain the screening or decision"
    )


@router.post(
    "/challenges/{challenge_id}/response",
    response={201: ChallengeOut, **ERRORS},
    summary="Answer a challenge",
)
def respond(
    request: HttpRequest, challenge_id: uuid.UUID, payload: ChallengeResponseIn
) -> Status[OversightRecord]:
    """The person challenged, or a manager of their team, agrees and revises or explains and
    maintains. That closes the challenge. A challenge is answered once: if someone answered it
    since the caller read it, a `409` (nothing is saved)."""
    user = signed_in_user(request)
    found = queries.get_challenge_for(user, challenge_id, path=request.path)
    actions.respond_to_challenge(
        by=user, record=found, reply=payload.reply, explanation=payload.explanation
    )
    return Status(201, queries.get_challenge_for(user, challenge_id, log=False))


class MyActionOut(OversightActionOut):
    challenge_id: uuid.UUID = Field(description="The oversight or supervision that set it")
    person_id: uuid.UUID
    child: str = Field(description='The child\'s name, or "Restricted record"')

    @staticmethod
    def resolve_challenge_id(obj: OversightAction) -> uuid.UUID:
        return obj.record_id

    @staticmethod
    def resolve_person_id(obj: OversightAction) -> uuid.UUID:
        return obj.record.person_id

    @staticmethod
    def resolve_child(obj: OversightAction) -> str:
        return obj.record.person.full_name


@router.get(
    "/actions",
    response={200: list[MyActionOut], **READ_ERRORS},
    summary="List my open oversight actions",
)
@paginate(BoundedLimitOffsetPagination)
def my_actions(request: HttpRequest) -> object:
    """The actions set at oversight or supervision that the caller owns and has not completed,
    the soonest due first."""
    user = signed_in_user(request)
    require(user, "complete_oversight_action")
    return queries.my_open_actions(user).select_related("owner")


class ActionCompletionIn(InputSchema):
    note: LongText = Field(description="What was done")


@router.post(
    "/actions/{action_id}/completion",
    response={201: MyActionOut, **ERRORS},
    summary="Complete an oversight action",
)
def complete(
    request: HttpRequest, action_id: uuid.UUID, payload: ActionCompletionIn
) -> Status[OversightAction]:
    """The action's owner, or a manager, records what was done. Once: if it was completed
    since the caller read it, a `409`."""
    user = signed_in_user(request)
    action = queries.get_action_for(user, action_id, path=request.path)
    actions.complete_oversight_action(by=user, action=action, note=payload.note)
    return Status(201, queries.get_action_for(user, action_id, log=False))
