"""Readers for handovers: the receiving team's queue, the MASH overview's "handed over, not yet
received" and "sent back" lists, and each child's handovers."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from django.db.models import QuerySet

from frontdoor.access.models import Role
from frontdoor.access.policies import can
from frontdoor.access.records import open_record
from frontdoor.handovers.models import Handover
from frontdoor.handovers.workflow import HandoverKind, HandoverStatus

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from frontdoor.access.models import User
    from frontdoor.people.models import Person


def visible_handovers(user: User | AnonymousUser) -> QuerySet[Handover]:
    """MASH managers see every handover (they answer for each child until received); the MASH's
    screeners and hub workers see the referrals to other councils (they record those councils'
    answers: nobody there signs in); anyone else who reads casework sees those to their own
    team."""
    if not can(user, "view_handovers"):
        return Handover.objects.none()
    handovers = Handover.objects.read_as(user)
    role = getattr(user, "role", None)
    if _in_the_mash(user):
        if role == Role.MANAGER:
            return handovers
        if can(user, "record_council_answer"):
            return handovers.filter(kind=HandoverKind.OTHER_COUNCIL)
    team_id = getattr(user, "team_id", None)
    if team_id is None:
        return handovers.none()
    return handovers.filter(team_id=team_id)


def _in_the_mash(user: User | AnonymousUser) -> bool:
    team = getattr(user, "team", None)
    return team is None or team.kind in ("hub", "front_door")


def get_handover_for(user: User, pk: str | uuid.UUID, *, path: str = "") -> Handover:
    handovers = visible_handovers(user).select_related(
        "person",
        "team",
        "council",
        "handed_over_by",
        "answered_by",
        "decision",
        "decision__contact",
    )
    return open_record(user, handovers, pk, path=path)


def team_handovers(user: User) -> QuerySet[Handover]:
    """The children handed to this user's team and not yet answered, soonest due first."""
    if user.team_id is None:
        return Handover.objects.none()
    return (
        visible_handovers(user)
        .filter(team_id=user.team_id, status=HandoverStatus.AWAITING)
        .select_related("person", "team", "decision")
        .order_by("due_at")
    )


def awaiting_council_answers(user: User) -> QuerySet[Handover]:
    """Referrals to other councils not yet answered, soonest due first: for the MASH workers
    who ring those councils and record their answers (nobody there signs in here)."""
    if not can(user, "record_council_answer"):
        return Handover.objects.none()
    return (
        visible_handovers(user)
        .filter(kind=HandoverKind.OTHER_COUNCIL, status=HandoverStatus.AWAITING)
        .select_related("person", "council")
        .order_by("due_at")
    )


def received_by_team(user: User) -> QuerySet[Handover]:
    """The children this user's team has received, most recent first: where early help steps a
    child up from."""
    if user.team_id is None:
        return Handover.objects.none()
    return (
        visible_handovers(user)
        .filter(team_id=user.team_id, status=HandoverStatus.ACCEPTED)
        .select_related("person", "team", "decision")
        .order_by("-answered_at")
    )


def not_yet_received(user: User) -> QuerySet[Handover]:
    """The MASH overview's list: every child handed over and not yet received, soonest due
    first, overdue ones at the top."""
    return (
        visible_handovers(user)
        .filter(status=HandoverStatus.AWAITING)
        .select_related("person", "team", "council")
        .order_by("due_at")
    )


def sent_back(user: User) -> QuerySet[Handover]:
    """Children sent back to the MASH, with the reason, waiting for the manager."""
    return (
        visible_handovers(user)
        .filter(status=HandoverStatus.RETURNED)
        .select_related("person", "team", "council", "answered_by")
        .order_by("answered_at")
    )


def handovers_of(user: User, person: Person) -> QuerySet[Handover]:
    """A child's handovers, for their record: who they were handed to, who received them, when."""
    return (
        visible_handovers(user)
        .filter(person=person)
        .select_related("team", "council", "handed_over_by", "answered_by")
        .order_by("-handed_over_at")
    )
