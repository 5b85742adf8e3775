"""My work: everything waiting on one person (or, for a manager, their team), across every app
and clock, most urgent first (docs/adr/0028).

Each source is one app's own query, read as the user through the access layer (`read_as`,
restricted children come out as "Restricted record"), so this module decides nothing about
access: it gathers, words and sorts. Each source costs a fixed number of queries however much
work there is (a plain query with its joins, and at most one prefetch), so the page does too.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from django.db.models import Min, Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from frontdoor.access.models import Role, User
from frontdoor.access.policies import can
from frontdoor.backlog.queries import my_urgent_reviews
from frontdoor.casework_audits.models import AuditAction
from frontdoor.casework_audits.queries import actions_for, my_case_audits
from frontdoor.contacts.models import Contact, FamilyContact
from frontdoor.contacts.queries import DECISIONS, SCREENING, visible_family_contacts
from frontdoor.contacts.workflow import Status
from frontdoor.enquiries.models import Consent, Enquiry
from frontdoor.enquiries.queries import partner_queue
from frontdoor.enquiries.workflow import ConsentStatus, EnquiryStatus
from frontdoor.guardrails.queries import awaiting_second_review
from frontdoor.handovers.queries import awaiting_council_answers, team_handovers
from frontdoor.oversight.models import OversightAction
from frontdoor.oversight.queries import challenges_to, my_open_actions
from frontdoor.teams.models import TeamKind
from frontdoor.timescales.calendar import describe_time_left
from frontdoor.visits.queries import visible_allocations
from frontdoor.visits.workflow import AllocationStatus

# A placeholder for a child the reader may not open (frontdoor/access/records.py).
RESTRICTED = "Restricted record"
HUB_STATUSES = {Status.IN_HUB, Status.AWAITING_DECISION}


@dataclass(frozen=True)
class WorkItem:
    kind: str  # what sort of work: "Contact you claimed", "Consent to authorise", ...
    children: str  # the child or children, or "Restricted record"
    what: str  # the step waiting, in a practitioner's words
    due: datetime | None  # None: no clock (a challenge waits until answered)
    url: str  # where the work is done; "" when the reader may not open the record
    owner: str  # who it waits on (a person, or a team)
    reference: str = ""

    def time_left(self, now: datetime) -> str:
        return describe_time_left(self.due, now) if self.due is not None else "No deadline"

    def overdue(self, now: datetime) -> bool:
        return self.due is not None and self.due < now


def end_of(day: date) -> datetime:
    """A due date is met by the end of that day (UK time)."""
    return timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))


def _children_of(contacts: Iterable[Contact]) -> tuple[str, bool]:
    names, hidden = [], False
    for contact in contacts:
        if contact.is_restricted_placeholder:
            hidden = True
            names.append(RESTRICTED)
        else:
            names.append(contact.child_name)
    return ", ".join(dict.fromkeys(names)) or "No child named yet", hidden


def _contacts() -> Prefetch[str, QuerySet[Contact], str]:
    return Prefetch("contacts", queryset=Contact.objects.order_by("position"))


def _family_children(family: FamilyContact) -> tuple[str, bool]:
    return _children_of(family.contacts.all())


def _who(user: User | None) -> str:
    return user.display_name if user is not None else "Not allocated"


def _owned(user: User, team: bool, field: str) -> Q:
    """Owned by this user or, in a manager's team view, by anyone in their team."""
    if team and user.team is not None:
        return Q(**{f"{field}__team": user.team})
    return Q(**{field: user})


def _claims(user: User, team: bool) -> Iterator[WorkItem]:
    """Families claimed in a queue they still wait in (a claim lapses when the family moves
    on: docs/adr/0026)."""
    claimed = _owned(user, team, "claimed_by")
    families = (
        visible_family_contacts(user)
        .filter(claimed, claimed_by__isnull=False)
        .select_related("claimed_by", "hub")
        .prefetch_related(_contacts())
    )
    for family in families:
        statuses = {c.status for c in family.contacts.all()}
        if family.claimed_in == SCREENING.slug and statuses & SCREENING.statuses:
            step, field = "Screen", "screening_due_at"
        elif family.claimed_in == DECISIONS.slug and statuses & DECISIONS.statuses:
            step, field = "Decide", "decision_due_at"
        elif (
            family.hub is not None
            and family.claimed_in == family.hub.slug
            and Status.IN_HUB in statuses
        ):
            step, field = f"Analyse in {family.hub.name}", "decision_due_at"
        else:
            continue  # the claim has lapsed
        children, hidden = _family_children(family)
        due = min(getattr(c, field) for c in family.contacts.all())
        yield WorkItem(
            kind="Contact claimed",
            children=children,
            what=step,
            due=due,
            url="" if hidden else reverse("contacts:family", args=[family.pk]),
            owner=_who(family.claimed_by),
            reference=family.reference,
        )


def _consents(user: User) -> Iterator[WorkItem]:
    """Proceeding without consent, waiting for a manager's authorisation."""
    if not can(user, "authorise_without_consent"):
        return
    consents = (
        Consent.objects.read_as(user)
        .filter(
            status=ConsentStatus.AWAITING_AUTHORISATION,
            family__in=visible_family_contacts(user).values("pk"),
        )
        .select_related("family", "recorded_by")
        .annotate(due=Min("family__contacts__decision_due_at"))
        .prefetch_related(
            Prefetch("family__contacts", queryset=Contact.objects.order_by("position"))
        )
    )
    for consent in consents:
        children, hidden = _family_children(consent.family)
        yield WorkItem(
            kind="Consent to authorise",
            children=children,
            what=f"Proceed without consent? Recorded by {consent.recorded_by.display_name}",
            due=consent.due,
            url="" if hidden else reverse("enquiries:authorise", args=[consent.family_id]),
            owner="Managers",
            reference=consent.family.reference,
        )


def _answers_back(user: User, team: bool) -> Iterator[WorkItem]:
    """Partners' answers come back on families this user holds (claimed) or in their hub."""
    if not can(user, "view_enquiries"):
        return
    holds = Q(family__claimed_by=user)
    if user.team_id is not None:
        holds |= Q(family__hub_id=user.team_id)
    if team and user.team is not None:
        holds |= Q(family__claimed_by__team=user.team)
    answers = (
        Enquiry.objects.read_as(user)
        .filter(
            holds,
            status=EnquiryStatus.ANSWERED,
            family__in=visible_family_contacts(user)
            .filter(contacts__status__in=HUB_STATUSES)
            .values("pk"),
        )
        .select_related("family", "agency")
        .prefetch_related(
            Prefetch("family__contacts", queryset=Contact.objects.order_by("position"))
        )
    )
    for enquiry in answers:
        children, hidden = _family_children(enquiry.family)
        yield WorkItem(
            kind="Answer back",
            children=children,
            what=f"{enquiry.agency.name} answered: read it before the decision",
            due=min(c.decision_due_at for c in enquiry.family.contacts.all()),
            url="" if hidden else reverse("enquiries:contact", args=[enquiry.family_id]),
            owner=enquiry.family.hub.name if enquiry.family.hub_id else "",  # type: ignore[union-attr]
            reference=enquiry.family.reference,
        )


def _allocations(user: User, team: bool) -> Iterator[WorkItem]:
    """An area worker's children not yet seen; an area team's children waiting to be allocated
    (managers, and the whole team's unseen children in the team view)."""
    allocations = visible_allocations(user).select_related("person", "worker", "team")
    if user.role == Role.AREA_WORKER and not team:
        allocations = allocations.filter(worker=user, status=AllocationStatus.ALLOCATED)
    elif user.role == Role.MANAGER and user.team is not None and user.team.kind == TeamKind.AREA:
        wanted = [AllocationStatus.AWAITING_ALLOCATION]
        if team:
            wanted.append(AllocationStatus.ALLOCATED)
        allocations = allocations.filter(team=user.team, status__in=wanted)
    else:
        return
    for allocation in allocations:
        hidden = allocation.person.is_restricted_placeholder
        waiting = allocation.status == AllocationStatus.AWAITING_ALLOCATION
        yield WorkItem(
            kind="Child to allocate" if waiting else "Child to see",
            children=RESTRICTED if hidden else allocation.person.full_name,
            what=(f"Allocate a worker in {allocation.team.name}" if waiting else "See the child"),
            due=allocation.see_by,
            url="" if hidden else reverse("visits:allocation", args=[allocation.pk]),
            owner=allocation.team.name if waiting else _who(allocation.worker),
        )


def _challenges(user: User) -> Iterator[WorkItem]:
    for record in challenges_to(user):
        hidden = record.hidden_from_viewer  # type: ignore[attr-defined]  # annotated
        yield WorkItem(
            kind="Challenge to answer",
            children=RESTRICTED if hidden else record.person.full_name,
            what=f"{record.get_stage_display()} challenged by {record.recorded_by.display_name}",
            due=None,
            url="" if hidden else reverse("supervision:respond", args=[record.pk]),
            owner=_who(record.challenged_user),
        )


def _second_reviews(user: User) -> Iterator[WorkItem]:
    """Decisions below the indicators, sampled for a second manager's review (never their
    own)."""
    if not can(user, "record_second_review"):
        return
    for below in awaiting_second_review(user):
        hidden = below.contact.is_restricted_placeholder
        yield WorkItem(
            kind="Second review",
            children=RESTRICTED if hidden else below.contact.child_name,
            what=f"Review a decision below the indicators by {below.decided_by.display_name}",
            due=None,
            url="" if hidden else reverse("guardrails:second-review", args=[below.pk]),
            owner="Managers",
        )


def _oversight_actions(user: User, team: bool) -> Iterator[WorkItem]:
    actions: QuerySet[OversightAction]
    if team:
        actions = (
            OversightAction.objects.read_as(user)
            .filter(_owned(user, team, "owner"), completion__isnull=True)
            .select_related("record__person", "owner")
        )
    else:
        actions = my_open_actions(user).select_related("owner")
    for action in actions:
        hidden = action.record.person.is_restricted_placeholder
        mine = action.owner_id == user.pk
        yield WorkItem(
            kind="Oversight action",
            children=RESTRICTED if hidden else action.record.person.full_name,
            what=action.description,
            due=end_of(action.due_on),
            url=""
            if hidden or not mine
            else reverse("supervision:complete-action", args=[action.pk]),
            owner=_who(action.owner),
        )


def _audit_actions(user: User, team: bool) -> Iterator[WorkItem]:
    owned = _owned(user, team, "owner")
    actions: QuerySet[AuditAction] = (
        actions_for(user)
        .filter(owned, completed_at__isnull=True)
        .prefetch_related(
            Prefetch(
                "audit__contact__family__contacts", queryset=Contact.objects.order_by("position")
            )
        )
    )
    for action in actions:
        family = action.audit.contact.family
        children, hidden = _family_children(family)
        yield WorkItem(
            kind="Case audit action",
            children=children,
            what=action.description,
            due=end_of(action.due_on),
            url="" if hidden else reverse("casework_audits:complete-action", args=[action.pk]),
            owner=_who(action.owner),
            reference=family.reference,
        )


def _case_audits(user: User) -> Iterator[WorkItem]:
    """Cases sampled for audit and assigned to this auditor, not yet graded."""
    for audit in my_case_audits(user):
        hidden = audit.hidden_from_viewer or audit.contact.is_restricted_placeholder  # type: ignore[attr-defined]  # annotated
        yield WorkItem(
            kind="Case to audit",
            children=RESTRICTED if hidden else audit.contact.child_name,
            what="Read the case and grade it",
            due=end_of(audit.due_on),
            url="" if hidden else reverse("casework_audits:grade", args=[audit.pk]),
            owner=_who(audit.auditor),
            reference=audit.contact.family.reference,
        )


def _urgent_reviews(user: User) -> Iterator[WorkItem]:
    for item in my_urgent_reviews(user).select_related("assigned_to"):
        hidden = item.contact.is_restricted_placeholder
        yield WorkItem(
            kind="Urgent review",
            children=RESTRICTED if hidden else item.contact.child_name,
            what="Review the waiting child",
            due=end_of(item.due_on),
            url="" if hidden else reverse("oversight:record-review", args=[item.pk]),
            owner=_who(item.assigned_to),
            reference=item.contact.family.reference,
        )


def _handovers(user: User) -> Iterator[WorkItem]:
    if not can(user, "receive_handover"):
        return
    for handover in team_handovers(user):
        hidden = handover.person.is_restricted_placeholder
        yield WorkItem(
            kind="Handover to receive",
            children=RESTRICTED if hidden else handover.person.full_name,
            what=f"Accept or send back: handed to {handover.receiver_name}",
            due=handover.due_at,
            url="" if hidden else reverse("handovers:handover", args=[handover.pk]),
            owner=handover.receiver_name,
        )


def _council_referrals(user: User) -> Iterator[WorkItem]:
    """Referrals to other councils waiting for their answer: nobody there signs in, so the
    MASH rings them and records what they said (frontdoor/handovers)."""
    for handover in awaiting_council_answers(user):
        hidden = handover.person.is_restricted_placeholder
        yield WorkItem(
            kind="Referral to another council",
            children=RESTRICTED if hidden else handover.person.full_name,
            what=f"Record {handover.receiver_name}'s answer",
            due=handover.due_at,
            url="" if hidden else reverse("handovers:handover", args=[handover.pk]),
            owner=handover.receiver_name,
        )


def _enquiries(user: User) -> Iterator[WorkItem]:
    if not can(user, "answer_enquiry"):
        return
    for enquiry in (
        partner_queue(user)
        .prefetch_related(
            Prefetch("family__contacts", queryset=Contact.objects.order_by("position"))
        )
        .select_related("family")
    ):
        children, hidden = _family_children(enquiry.family)
        yield WorkItem(
            kind="Request to answer",
            children=children,
            what="Answer the MASH's request for information",
            due=enquiry.due_at,
            url="" if hidden else reverse("partners:request", args=[enquiry.pk]),
            owner=user.agency.name if user.agency_id else "",  # type: ignore[union-attr]
            reference=enquiry.family.reference,
        )


def _sorted(items: Iterable[WorkItem]) -> list[WorkItem]:
    """Most urgent first: by due time (so overdue first, the most overdue at the top); work
    with no clock after, in the order it arrived."""
    far = datetime.max.replace(tzinfo=UTC)
    return sorted(items, key=lambda item: item.due or far)


def my_work(user: User) -> list[WorkItem]:
    """Everything waiting on this user, most urgent first."""
    return _sorted(
        [
            *_claims(user, team=False),
            *_consents(user),
            *_answers_back(user, team=False),
            *_allocations(user, team=False),
            *_challenges(user),
            *_second_reviews(user),
            *_oversight_actions(user, team=False),
            *_audit_actions(user, team=False),
            *_case_audits(user),
            *_urgent_reviews(user),
            *_handovers(user),
            *_council_referrals(user),
            *_enquiries(user),
        ]
    )


def may_see_team_work(user: User) -> bool:
    return user.role == Role.MANAGER


def team_work(user: User) -> list[WorkItem]:
    """A manager's view of everything waiting on their team, most urgent first."""
    return _sorted(
        [
            *_claims(user, team=True),
            *_consents(user),
            *_answers_back(user, team=True),
            *_allocations(user, team=True),
            *_challenges(user),
            *_second_reviews(user),
            *_oversight_actions(user, team=True),
            *_audit_actions(user, team=True),
            *_handovers(user),
        ]
    )
