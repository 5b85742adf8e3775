"""The only writers of management oversight and supervision: one function per intention
(../shared/STYLE.md). Each checks the policy, validates, inserts (never updates: the records
are append-only) and writes its audit events in the same transaction."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from frontdoor.access.models import Role
from frontdoor.access.policies import RULES, can, require
from frontdoor.audit.actions import record_event, record_events
from frontdoor.audit.models import Event
from frontdoor.contacts.models import Contact, Decision
from frontdoor.oversight.models import (
    ActionCompletion,
    ChallengeResponse,
    OversightAction,
    OversightRecord,
)
from frontdoor.oversight.rules import Kind, Reply, Stage, Verdict, reason_problem
from frontdoor.workflow.errors import AlreadyRecorded, NotReady, StaleRecord

if TYPE_CHECKING:
    from frontdoor.access.models import User
    from frontdoor.people.models import Person


@dataclass(frozen=True)
class ActionToSet:
    description: str
    owner: User | None
    due_on: date | None


def whose_judgement(contact: Contact, stage: str) -> User | None:
    """The screener of the contact, or the manager who decided it."""
    if stage == Stage.DECISION:
        decision = Decision.objects.filter(contact=contact).select_related("decided_by").first()
        return decision.decided_by if decision else None
    return contact.screened_by if stage == Stage.SCREENING else None


# Each problem comes with the input it is about (the API names it in a 422's `loc`; an action's
# inputs are `actions.<position from 0>.<input>`).
Problems = list[tuple[str, str]]


def _oversight_problems(
    by: User, person: Person, contact: Contact | None, stage: str, verdict: str
) -> tuple[Problems, User | None]:
    problems: Problems = []
    if contact is None or contact.person_id != person.pk:
        problems.append(("contact", "Select the contact you are overseeing"))
    if stage not in Stage.values:
        problems.append(
            ("stage", "Select whether you are overseeing the screening or the decision")
        )
    if verdict not in Verdict.values:
        problems.append(("verdict", "Select whether you agree with or challenge this decision"))
    if problems or contact is None:
        return problems, None
    challenged = whose_judgement(contact, stage)
    if challenged is None:
        problems.append(
            (
                "stage",
                "This contact has no manager's decision yet: oversee its screening"
                if stage == Stage.DECISION
                else "This contact has not been screened yet",
            )
        )
    elif challenged.pk == by.pk:
        problems.append(("stage", "You cannot oversee your own screening or decision"))
    return problems, challenged


def _action_problems(actions: Sequence[ActionToSet]) -> Problems:
    problems = []
    today = timezone.localdate()
    for i, action in enumerate(actions):
        number, at = i + 1, f"actions.{i}."
        if not action.description.strip():
            problems.append((at + "description", f"Enter what needs to happen for action {number}"))
        if action.owner is None:
            problems.append((at + "owner", f"Select who owns action {number}"))
        elif not can(action.owner, "complete_oversight_action"):
            problems.append(
                (at + "owner", f"{action.owner.display_name} cannot own an oversight action")
            )
        if action.due_on is None:
            problems.append((at + "due_on", f"Enter the date action {number} is due"))
        elif action.due_on < today:
            problems.append(
                (at + "due_on", f"The date action {number} is due must be today or in the future")
            )
    return problems


def record_oversight(
    *,
    by: User,
    person: Person,
    kind: str,
    reason: str,
    contact: Contact | None = None,
    stage: str = "",
    verdict: str = "",
    actions: Sequence[ActionToSet] = (),
) -> OversightRecord:
    """A manager records oversight of a screening or decision (agree or challenge, with the
    reason), or a supervision discussion; either with the actions set."""
    require(by, "record_oversight")
    problems: Problems = []
    challenged: User | None = None
    if kind not in Kind.values:
        problems.append(("kind", "Select what you are recording"))
    elif kind == Kind.OVERSIGHT:
        problems, challenged = _oversight_problems(by, person, contact, stage, verdict)
    else:
        contact, stage, verdict = None, "", ""
    problem = reason_problem(kind, verdict, reason)
    problems += [("reason", problem)] if problem else []
    problems += _action_problems(actions)
    if problems:
        raise NotReady.about(problems)
    now = timezone.now()
    with transaction.atomic():
        record = OversightRecord.objects.create(
            person=person,
            kind=kind,
            contact=contact,
            stage=stage,
            verdict=verdict,
            reason=reason.strip(),
            challenged_user=challenged,
            challenged_team_id=challenged.team_id if challenged else None,
            recorded_by=by,
            recorded_at=now,
        )
        made = OversightAction.objects.bulk_create(
            OversightAction(
                record=record,
                description=a.description.strip(),
                owner=a.owner,
                due_on=a.due_on or now.date(),  # never None: checked above
                position=i,
            )
            for i, a in enumerate(actions)
        )
        data: dict[str, Any] = {"record": str(record.pk), "kind": kind, "actions": len(made)}
        if kind == Kind.OVERSIGHT and challenged is not None:
            data |= {"stage": stage, "verdict": verdict, "of": challenged.username}
        _event(by, record, "oversight_recorded", data, record.reason)
        record_events([_action_event(by, record, action) for action in made])
    return record


def _action_event(by: User, record: OversightRecord, action: OversightAction) -> Event:
    assert action.owner is not None and action.due_on is not None
    return Event(
        actor=by,
        verb="oversight_action_set",
        person=record.person,
        contact=record.contact,
        family_contact=record.contact.family if record.contact else None,
        data={
            "record": str(record.pk),
            "action": str(action.pk),
            "owner": action.owner.username,
            "due_on": action.due_on.isoformat(),
        },
        reason=action.description,
    )


def may_respond(user: User, record: OversightRecord) -> bool:
    """The person challenged, or a manager of the team they were in when challenged."""
    if record.challenged_user_id == user.pk:
        return True
    return (
        user.role == Role.MANAGER
        and record.challenged_team_id is not None
        and user.team_id == record.challenged_team_id
    )


def respond_to_challenge(
    *, by: User, record: OversightRecord, reply: str, explanation: str
) -> ChallengeResponse:
    """Answer a challenge: agree and revise, or explain and maintain. Closes the challenge.

    A challenge is answered once. An answer already there is a conflict with what the person
    read (the page, or the API's open challenge), not a fault in what they typed: it is a
    `StaleRecord` (the API's 409), or `AlreadyRecorded` when the answer was their own (a
    retried request)."""
    require(by, "respond_to_challenge")
    problems: Problems = []
    if not record.is_challenge:
        problems.append(("", "Only a challenge can be responded to"))
    elif not may_respond(by, record):
        problems.append(("", "Only the person challenged, or a manager of their team, can respond"))
    if reply not in Reply.values:
        problems.append(("reply", "Select how you respond to the challenge"))
    elif not explanation.strip():
        problems.append(
            (
                "explanation",
                "Enter what you will revise"
                if reply == Reply.REVISE
                else "Enter why you maintain the decision",
            )
        )
    if problems:
        raise NotReady.about(problems)
    _not_answered_yet(by, record)
    try:
        with transaction.atomic():
            response = ChallengeResponse.objects.create(
                record=record,
                reply=reply,
                explanation=explanation.strip(),
                responded_by=by,
                responded_at=timezone.now(),
            )
            data = {"record": str(record.pk), "reply": reply}
            _event(by, record, "challenge_responded", data, response.explanation)
    except IntegrityError as exc:  # another response was saved first
        raise StaleRecord("challenge") from exc
    return response


def _not_answered_yet(by: User, record: OversightRecord) -> None:
    answered = ChallengeResponse.objects.filter(record=record).first()
    if answered is None:
        return
    if answered.responded_by_id == by.pk:
        raise AlreadyRecorded("response to the challenge")
    raise StaleRecord("challenge")


def complete_oversight_action(*, by: User, action: OversightAction, note: str) -> ActionCompletion:
    """The action's owner, or a manager, records what was done. Once: an action already
    completed is a `StaleRecord` (409), or `AlreadyRecorded` when it was by the same person."""
    require(by, "complete_oversight_action")
    problems: Problems = []
    if action.owner_id != by.pk and by.role not in RULES["record_oversight"]:
        problems.append(("", "Only the owner of this action, or a manager, can complete it"))
    if not note.strip():
        problems.append(("note", "Enter what was done"))
    if problems:
        raise NotReady.about(problems)
    done = ActionCompletion.objects.filter(action=action).first()
    if done is not None:
        if done.completed_by_id == by.pk:
            raise AlreadyRecorded("completion of the action")
        raise StaleRecord("oversight action")
    try:
        with transaction.atomic():
            completion = ActionCompletion.objects.create(
                action=action, note=note.strip(), completed_by=by, completed_at=timezone.now()
            )
            data = {"record": str(action.record_id), "action": str(action.pk)}
            _event(by, action.record, "oversight_action_completed", data, completion.note)
    except IntegrityError as exc:
        raise StaleRecord("oversight action") from exc
    return completion


def _event(by: User, record: OversightRecord, verb: str, data: dict[str, Any], reason: str) -> None:
    contact = record.contact
    record_event(
        actor=by,
        verb=verb,
        person=record.person,
        contact=contact,
        family_contact=contact.family if contact else None,
        data=data,
        reason=reason,
    )
