"""The only writers of handovers (issue 18): opened by a decision, received or sent back by the
receiving team, handed over again by the MASH manager, and chased then escalated by the sweep
when nobody answers. Each writes its audit event in the same transaction; notices go after the
commit and hold no personal data, only a link."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from frontdoor.access.models import Role, User
from frontdoor.access.policies import require
from frontdoor.audit.actions import record_event
from frontdoor.audit.models import Severity
from frontdoor.codelists.models import Code, CodeList
from frontdoor.contacts.actions.intake import ChildDetails, ContactDetails, receive_step_up
from frontdoor.contacts.models import FamilyContact, FamilyKnows
from frontdoor.handovers.models import Handover
from frontdoor.handovers.workflow import (
    HANDOVER,
    HandoverKind,
    HandoverStatus,
    council_answer_problems,
    return_problems,
    step_up_problems,
)
from frontdoor.notices.notice import Notice, after_commit, link_to
from frontdoor.teams.models import Team, TeamKind
from frontdoor.timescales.queries import due_at
from frontdoor.workflow.compare_and_set import claim_each, move
from frontdoor.workflow.errors import NotReady

if TYPE_CHECKING:
    from frontdoor.contacts.models import Decision

RECEIVING_ROLES = (Role.MANAGER, Role.AREA_WORKER, Role.EARLY_HELP_WORKER)
# The kinds of team a child sent back may be handed over to again.
RESEND_TO = (TeamKind.AREA, TeamKind.EARLY_HELP, TeamKind.MAIN_SYSTEM)


def early_help_team() -> Team | None:
    """The team that receives children stepped down to early help: the first active early help
    team (a council with several orders them; the seeded one is "Early help")."""
    return (
        Team.objects.filter(kind=TeamKind.EARLY_HELP, active=True).order_by("order", "name").first()
    )


def main_system_team() -> Team | None:
    """The team standing for the council's main case system, when the council has connected
    one (an administrator adds a team of kind main_system and its service account): every
    referral is then handed to it as well, and it acknowledges through the API."""
    return (
        Team.objects.filter(kind=TeamKind.MAIN_SYSTEM, active=True)
        .order_by("order", "name")
        .first()
    )


def kind_for(team: Team) -> str:
    if team.kind == TeamKind.EARLY_HELP:
        return HandoverKind.STEP_DOWN
    if team.kind == TeamKind.MAIN_SYSTEM:
        return HandoverKind.MAIN_SYSTEM
    return HandoverKind.TRANSFER


def _answered_by_a_system(team: Team) -> bool:
    """Nobody in the team reads email (its members are service accounts): the MASH managers
    are told instead, as they answer for the child until it is received."""
    return team.kind == TeamKind.MAIN_SYSTEM


def open_handover(
    *, by: User, decision: Decision, team: Team | None = None, council: Code | None = None
) -> Handover:
    """Hand the decided child to `team`, or refer them to another `council`, inside the
    caller's transaction (the decision's own): the receipt clock (timescale handover_receipt)
    starts now and is stored."""
    if (team is None) == (council is None):
        raise ValueError("A handover goes to a team or to another council, exactly one")
    now = timezone.now()
    contact = decision.contact
    assert contact.person is not None  # a decision needs a linked child (decision_blockers)
    handover = Handover.objects.create(
        decision=decision,
        person=contact.person,
        kind=kind_for(team) if team is not None else HandoverKind.OTHER_COUNCIL,
        team=team,
        council=council,
        handed_over_by=by,
        handed_over_at=now,
        due_at=due_at("handover_receipt", now),
    )
    record_event(
        actor=by,
        verb="handover_opened",
        person=contact.person,
        contact=contact,
        data={
            "handover": str(handover.pk),
            "kind": handover.kind,
            "kind_label": handover.get_kind_display(),
            **_receiver(handover),
            "due_at": handover.due_at.isoformat(),
        },
    )
    if team is not None:
        _tell_team(
            team,
            RECEIVING_ROLES,
            f"A child has been handed over to {team.name}",
            [
                "The MASH has handed a child over to your team. Accept them, or send them back "
                "with a reason, by the time shown."
            ],
        )
    return handover


def _receiver(handover: Handover) -> dict[str, str]:
    """The receiver, for an audit event: the team's name, or the other council's LA number
    (published: it is no personal data) and its name (for the timeline only)."""
    if handover.council is not None:
        return {"council": handover.council.code, "council_name": handover.council.label}
    return {"team": handover.receiver_name}


def _receiver_problems(by: User, handover: Handover) -> list[str]:
    if handover.team_id is None:
        # Nobody at another council signs in here: its answer is recorded by the MASH.
        return ["Record the other council's answer on the handover's page"]
    if by.team_id != handover.team_id:
        return [f"Only {handover.receiver_name} can receive this child or send them back"]
    return []


def accept_handover(*, by: User, handover: Handover, version: int | None = None) -> Handover:
    """The receiving team has the child: the MASH overview stops listing them."""
    require(by, "receive_handover")
    problems = _receiver_problems(by, handover)
    if problems:
        raise NotReady(problems)
    now = timezone.now()
    with transaction.atomic():
        move(handover, HANDOVER, "accept_handover", version, answered_by=by, answered_at=now)
        record_event(
            actor=by,
            verb="handover_accepted",
            person=handover.person,
            contact=handover.decision.contact,
            data={
                "handover": str(handover.pk),
                **_receiver(handover),
                "within_time": now <= handover.due_at,
            },
        )
    return handover


def return_handover(
    *, by: User, handover: Handover, reason: str, version: int | None = None
) -> Handover:
    """The receiving team sends the child back to the MASH manager, with the reason."""
    require(by, "receive_handover")
    problems = _receiver_problems(by, handover) + return_problems(reason)
    if problems:
        raise NotReady(problems)
    now = timezone.now()
    with transaction.atomic():
        move(
            handover,
            HANDOVER,
            "return_handover",
            version,
            answered_by=by,
            answered_at=now,
            return_reason=reason.strip(),
        )
        record_event(
            actor=by,
            verb="handover_returned",
            person=handover.person,
            contact=handover.decision.contact,
            reason=reason.strip(),
            data={"handover": str(handover.pk), **_receiver(handover)},
        )
        _tell_mash_managers(
            "A child has been sent back to the MASH",
            [f"{handover.receiver_name} has sent a child back to the MASH, with a reason."],
        )
    return handover


@dataclass(frozen=True)
class CouncilAnswer:
    """Another council's answer to a referral, as a MASH worker heard it."""

    accepted: bool | None
    who: str
    how: str
    told_at: datetime | None
    reason: str = ""


def record_council_answer(
    *, by: User, handover: Handover, answer: CouncilAnswer, version: int | None = None
) -> Handover:
    """A MASH worker records another council's answer to a referral: accepted (who there
    confirmed it, how, and when), or sent back with the reason, which returns the child to the
    MASH manager like any handover sent back. The same transitions, events and clock as a
    team's own answer; the events carry the council's LA number, not the names."""
    require(by, "record_council_answer")
    if handover.kind != HandoverKind.OTHER_COUNCIL:
        raise NotReady([f"Only {handover.receiver_name} can receive this child or send them back"])
    now = timezone.now()
    problems = council_answer_problems(
        accepted=answer.accepted,
        who=answer.who,
        how=answer.how,
        told_at=answer.told_at,
        reason=answer.reason,
        handed_over_at=handover.handed_over_at,
        now=now,
    )
    if problems:
        raise NotReady(problems)
    assert answer.told_at is not None  # council_answer_problems
    accepted = bool(answer.accepted)
    reason = "" if accepted else answer.reason.strip()
    with transaction.atomic():
        move(
            handover,
            HANDOVER,
            "accept_handover" if accepted else "return_handover",
            version,
            answered_by=by,
            answered_at=now,
            return_reason=reason,
            council_contact=answer.who.strip(),
            council_told_by=answer.how,
            council_told_at=answer.told_at,
        )
        data: dict[str, str | bool] = {
            "handover": str(handover.pk),
            **_receiver(handover),
            "told_by": answer.how,
            "told_at": answer.told_at.isoformat(),
        }
        if accepted:
            data["within_time"] = answer.told_at <= handover.due_at
            record_event(
                actor=by,
                verb="handover_accepted",
                person=handover.person,
                contact=handover.decision.contact,
                data=data,
            )
        else:
            record_event(
                actor=by,
                verb="handover_returned",
                person=handover.person,
                contact=handover.decision.contact,
                reason=reason,
                data=data,
            )
            _tell_mash_managers(
                "A child has been sent back to the MASH",
                [f"{handover.receiver_name} has sent a referral back to the MASH, with a reason."],
            )
    return handover


def resend_handover(
    *, by: User, handover: Handover, team: Team, version: int | None = None
) -> Handover:
    """The MASH manager hands a returned child over again, to the same team or another: a new
    handover with its own receipt clock."""
    require(by, "resend_handover")
    if team.kind not in RESEND_TO or not team.active:
        raise NotReady(["Choose an area team, an early help team or the main case system"])
    with transaction.atomic():
        new = open_handover(by=by, decision=handover.decision, team=team)
        move(handover, HANDOVER, "resend_handover", version, resent_as=new)
    return new


def step_up(
    *, by: User, handover: Handover, what_changed: str, version: int | None = None
) -> FamilyContact:
    """Early help steps a child it has received up to the MASH: a new contact from early help
    (referral source 5D), linked to the child, whose narrative carries the early help history
    (the step-down, its rationale, who received the child and when) so nobody retypes it."""
    require(by, "step_up_child")
    problems = _receiver_problems(by, handover) + step_up_problems(
        kind=handover.kind, what_changed=what_changed
    )
    if problems:
        raise NotReady(problems)
    now = timezone.now()
    person = handover.person
    with transaction.atomic():
        move(handover, HANDOVER, "step_up", version)
        family = receive_step_up(
            by=by,
            person=person,
            details=ContactDetails(
                received_at=now,
                referral_source=Code.objects.get(code_list=CodeList.REFERRAL_SOURCE, code="5D"),
                narrative=_early_help_history(handover, what_changed.strip()),
                family_knows=FamilyKnows.NOT_KNOWN,
                referrer_name=by.display_name,
                referrer_role="Early help worker",
                referrer_organisation=handover.receiver_name,
                children=[
                    ChildDetails(
                        first_name=person.first_name,
                        last_name=person.last_name,
                        sex=person.sex,
                        date_of_birth=person.date_of_birth,
                        expected_date_of_birth=person.expected_date_of_birth,
                        address=person.address,
                        postcode=person.postcode,
                    )
                ],
            ),
        )
        record_event(
            actor=by,
            verb="stepped_up",
            person=person,
            contact=handover.decision.contact,
            data={
                "handover": str(handover.pk),
                "team": handover.receiver_name,
                "family": str(family.pk),
            },
        )
    return family


def _early_help_history(handover: Handover, what_changed: str) -> str:
    decision = handover.decision
    received = (
        f"Received by {handover.answered_by.display_name} ({handover.receiver_name}) on "
        f"{timezone.localtime(handover.answered_at):%-d %B %Y at %H:%M}."
        if handover.answered_by and handover.answered_at
        else ""
    )
    return (
        f"Stepped up to the MASH by early help ({handover.receiver_name}).\n\n"
        f"What has changed: {what_changed}\n\n"
        f"Early help history: stepped down by the MASH on "
        f"{timezone.localtime(decision.decided_at):%-d %B %Y}. The MASH's rationale: "
        f"{decision.rationale}\n{received}"
    )


# --- The receipt clock, run by `manage.py sweep` (the kernel's claim_each, as for enquiries) --


def chase_unreceived_handovers(*, now: datetime | None = None) -> int:
    """Chase each handover not answered by its due time, once: the receiving team is told, and
    the second clock (timescale handover_escalation) is stored."""
    moment = now or timezone.now()
    overdue = Handover.objects.filter(
        status=HandoverStatus.AWAITING, due_at__lt=moment, chased_at__isnull=True
    ).select_related("team", "council", "person", "decision__contact")

    def chased(handover: Handover) -> None:
        record_event(
            actor=None,
            verb="handover_chased",
            person=handover.person,
            contact=handover.decision.contact,
            data={
                "handover": str(handover.pk),
                **_receiver(handover),
                "due_at": handover.due_at.isoformat(),
                "escalate_at": handover.escalate_at.isoformat() if handover.escalate_at else "",
            },
        )
        subject = f"A child handed over to {handover.receiver_name} is waiting to be received"
        words = ["A child handed over by the MASH has not been accepted or sent back in time."]
        if handover.team is None or _answered_by_a_system(handover.team):
            # Another council, or a system: the MASH chases it (by phone, by email).
            _tell_mash_managers(subject, words)
        else:
            _tell_team(handover.team, RECEIVING_ROLES, subject, words)

    return claim_each(
        overdue,
        where={"status": HandoverStatus.AWAITING, "chased_at__isnull": True},
        changes=lambda _: {
            "chased_at": moment,
            "escalate_at": due_at("handover_escalation", moment),
        },
        then=chased,
    )


def escalate_chased_handovers(*, now: datetime | None = None) -> int:
    """Escalate each chased handover still unanswered after the second interval, once: a
    high-severity event, the receiving team's managers and the MASH managers told."""
    moment = now or timezone.now()
    overdue = Handover.objects.filter(
        status=HandoverStatus.AWAITING, escalate_at__lt=moment, escalated_at__isnull=True
    ).select_related("team", "council", "person", "decision__contact")

    def escalated(handover: Handover) -> None:
        record_event(
            actor=None,
            verb="handover_escalated",
            person=handover.person,
            contact=handover.decision.contact,
            severity=Severity.HIGH,
            data={
                "handover": str(handover.pk),
                **_receiver(handover),
                "due_at": handover.due_at.isoformat(),
            },
        )
        words = [f"A child handed over to {handover.receiver_name} has still not been received."]
        if handover.team is not None and not _answered_by_a_system(handover.team):
            _tell_team(handover.team, (Role.MANAGER,), "Escalated: a child not yet received", words)
        _tell_mash_managers("Escalated: a child handed over, not yet received", words)

    return claim_each(
        overdue,
        where={"status": HandoverStatus.AWAITING, "escalated_at__isnull": True},
        changes=lambda _: {"escalated_at": moment},
        then=escalated,
    )


# --- Notices: no personal data, only a link ---------------------------------------------------


def _emails(*where: Q) -> list[str]:
    return list(
        User.objects.filter(*where, is_active=True, is_service_account=False)
        .exclude(email="")
        .values_list("email", flat=True)
    )


def _tell_team(team: Team, roles: tuple[str, ...], subject: str, lines: list[str]) -> None:
    after_commit(
        Notice(
            subject,
            lines,
            link=link_to("handovers:queue"),
            link_words="See the children handed over to your team",
            recipients=_emails(Q(team=team), Q(role__in=roles)),
        )
    )


def _tell_mash_managers(subject: str, lines: list[str]) -> None:
    after_commit(
        Notice(
            subject,
            lines,
            link=link_to("oversight:overview"),
            link_words="See the MASH overview",
            # The MASH's managers: every manager not in a receiving team.
            recipients=_emails(
                Q(role=Role.MANAGER),
                ~Q(team__kind__in=[TeamKind.AREA, TeamKind.EARLY_HELP, TeamKind.MAIN_SYSTEM])
                | Q(team__isnull=True),
            ),
        )
    )
