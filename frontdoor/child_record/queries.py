"""Readers of the whole of a child's record (see the package's docstring)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from django.db.models import Q, QuerySet

from frontdoor.access.queries import RESTRICTED_PLACEHOLDER, restricted_among
from frontdoor.assessments.models import Assessment
from frontdoor.assessments.workflow import AssessmentStatus
from frontdoor.audit.models import Event
from frontdoor.contacts.models import AdultRelationship, Contact
from frontdoor.contacts.workflow import OPEN_STATES, Status
from frontdoor.handovers.models import Handover
from frontdoor.handovers.workflow import HandoverStatus
from frontdoor.missing.models import Episode
from frontdoor.missing.workflow import RHI_OUTSTANDING
from frontdoor.people.models import Person, Relationship, RelationshipKind
from frontdoor.people.queries import FamilyMember
from frontdoor.referrals.models import Referral
from frontdoor.strategy.models import ChildProtectionPlan, Section47Enquiry, StrategyDiscussion
from frontdoor.strategy.workflow import (
    DiscussionOutcome,
    DiscussionStatus,
    EnquiryStatus,
    ends_the_referral,
)
from frontdoor.timescales.calendar import end_of_local_day
from frontdoor.visits.models import Allocation, Visit
from frontdoor.visits.workflow import AllocationStatus


def family_members(person: Person) -> list[FamilyMember]:
    """Relatives on record, brothers and sisters named in the same contacts, and the adults the
    referrers described, each once."""
    members: list[FamilyMember] = []
    seen: set[object] = {person.pk}
    for rel in Relationship.objects.filter(person=person).select_related("relative"):
        seen.add(rel.relative_id)
        members.append(
            FamilyMember(rel.relative.full_name, rel.get_kind_display(), rel.relative, "Recorded")
        )
    siblings = (
        Contact.objects.filter(family__contacts__person=person)
        .exclude(person=person)
        .select_related("person")
    )
    for sibling in siblings:
        key = sibling.person_id or f"unlinked:{sibling.pk}"
        if key in seen:
            continue
        seen.add(key)
        members.append(
            FamilyMember(
                sibling.person.full_name if sibling.person else sibling.child_name,
                "Child in the same contact",
                sibling.person,
                "Named in a contact",
            )
        )
    adult_links = AdultRelationship.objects.filter(contact__person=person).select_related("adult")
    for link in adult_links:
        key = f"adult:{link.adult.first_name.lower()} {link.adult.last_name.lower()}"
        if key in seen:
            continue
        seen.add(key)
        members.append(
            FamilyMember(
                f"{link.adult.first_name} {link.adult.last_name}",
                RelationshipKind(link.kind).label,
                None,
                "Named in a contact",
            )
        )
    # A restricted relative is named on nobody else's record (../shared/SECURITY.md, 4).
    hidden = restricted_among(m.person.pk for m in members if m.person)
    return [
        replace(m, name=RESTRICTED_PLACEHOLDER) if m.person and m.person.pk in hidden else m
        for m in members
    ]


def timeline(person: Person) -> QuerySet[Event]:
    """The child's history: every audit event about them or about their contacts."""
    return (
        Event.objects.filter(
            Q(person=person)
            # Events about records merged into this one stay on those records (the audit trail
            # is never rewritten) and are shown here.
            | Q(person__merged_into=person)
            | Q(contact_id__in=Contact.objects.filter(person=person).values("pk"))
        )
        .select_related("actor")
        .order_by("-occurred_at", "-id")
    )


@dataclass(frozen=True)
class RunningDeadline:
    label: str
    due_at: datetime
    basis: str


def running_deadlines(person: Person) -> list[RunningDeadline]:
    """Every clock still running for this child, soonest first. A clock stops when its event
    happens (issue 17): the child seen, the discussion held, the conference held, the
    assessment authorised, the return home interview offered."""
    deadlines = [
        *_contact_clocks(person),
        *_visit_clocks(person),
        *_strategy_clocks(person),
        *_assessment_clocks(person),
        *_missing_clocks(person),
        *_plan_clocks(person),
        *_handover_clocks(person),
    ]
    return sorted(deadlines, key=lambda d: d.due_at)


def _contact_clocks(person: Person) -> list[RunningDeadline]:
    deadlines: list[RunningDeadline] = []
    for contact in Contact.objects.filter(person=person, status__in=OPEN_STATES):
        if contact.status in (Status.AWAITING_SCREENING, Status.SCREENED):
            deadlines.append(
                RunningDeadline("Screening: pass to a hub", contact.screening_due_at, "Local")
            )
        deadlines.append(
            RunningDeadline("Decision on the contact", contact.decision_due_at, "National")
        )
    return deadlines


def _visit_clocks(person: Person) -> list[RunningDeadline]:
    """The see-by time the manager set, until a visit sees the child (a visit where the child
    was not seen leaves it running)."""
    return [
        RunningDeadline(f"Child to be seen by {a.team.name}", a.see_by, "Manager's decision")
        for a in Allocation.objects.filter(person=person, first_seen_at__isnull=True)
        .exclude(status=AllocationStatus.SEEN)
        .select_related("team")
    ]


def _strategy_clocks(person: Person) -> list[RunningDeadline]:
    deadlines = [
        RunningDeadline(
            "Strategy discussion to be held" + (" (same day)" if d.same_day else ""),
            d.due_at,
            "Local",
        )
        for d in StrategyDiscussion.objects.filter(
            person=person, status=DiscussionStatus.TO_BE_HELD
        )
    ]
    deadlines += [
        RunningDeadline(
            "Section 47 enquiry: initial child protection conference", e.icpc_due_at, "National"
        )
        for e in Section47Enquiry.objects.filter(person=person, status=EnquiryStatus.OPEN)
    ]
    return deadlines


def _assessment_clocks(person: Person) -> list[RunningDeadline]:
    """An assessment runs until a manager authorises it. A referral whose assessment has not
    been started yet still has its 45 working days running, unless its strategy discussion
    decided no further action."""
    label = "Child and family assessment"
    deadlines = [
        RunningDeadline(label, a.due_at, "National")
        for a in Assessment.objects.filter(person=person).exclude(
            status=AssessmentStatus.AUTHORISED
        )
    ]
    not_started = Referral.objects.filter(person=person, assessment__isnull=True).exclude(
        strategy_discussion__outcome=DiscussionOutcome.NO_FURTHER_ACTION
    )
    deadlines += [RunningDeadline(label, r.assessment_due_at, "National") for r in not_started]
    return deadlines


def _missing_clocks(person: Person) -> list[RunningDeadline]:
    """After a return: the interview offered within 72 hours, and the next attempt to reach the
    child within the gap the council set, until the interview has happened."""
    deadlines: list[RunningDeadline] = []
    for episode in Episode.objects.filter(person=person, status__in=RHI_OUTSTANDING):
        if episode.rhi_offered_at is None and episode.rhi_due_at is not None:
            deadlines.append(
                RunningDeadline(
                    "Return home interview to be offered", episode.rhi_due_at, "National"
                )
            )
        if episode.next_attempt_due_at is not None:
            deadlines.append(
                RunningDeadline(
                    "Next attempt to reach the child after their return",
                    episode.next_attempt_due_at,
                    "Local",
                )
            )
    return deadlines


def working_with(person: Person) -> list[Allocation]:
    """Who is working with the child: each transfer to an area team and the worker allocated,
    newest first (issue 17: the record lacked the allocated worker and team)."""
    return list(
        Allocation.objects.filter(person=person)
        .select_related("team", "worker")
        .order_by("-transferred_at")
    )


def visits_to(person: Person) -> list[Visit]:
    """Every visit to the child, newest first, with the child's own words as recorded."""
    return list(
        Visit.objects.filter(allocation__person=person)
        .select_related("recorded_by", "allocation__team")
        .order_by("-visited_at")
    )


def _handover_clocks(person: Person) -> list[RunningDeadline]:
    """A handover runs until the receiving team accepts the child or sends them back (issue
    18)."""
    return [
        RunningDeadline(
            f"Handover to be received by {handover.team.name}", handover.due_at, "Local"
        )
        for handover in Handover.objects.filter(
            person=person, status=HandoverStatus.AWAITING
        ).select_related("team")
    ]


def _plan_clocks(person: Person) -> list[RunningDeadline]:
    """A child protection plan's next review conference, until the plan ends (issue 16)."""
    return [
        RunningDeadline(
            "Child protection review conference",
            end_of_local_day(plan.next_review_due_on),
            "National",
        )
        for plan in child_protection_plans(person)
        if plan.ended_on is None
    ]


def child_protection_plans(person: Person) -> list[ChildProtectionPlan]:
    """The child's child protection plans, newest first, with their categories (issue 16)."""
    return list(
        ChildProtectionPlan.objects.filter(person=person).select_related(
            "initial_category", "latest_category"
        )
    )


@dataclass(frozen=True)
class CinEpisode:
    """A child in need episode as the child's record shows it: the referral, and whether it
    ended there with no further action (the census's ReferralNFA, from its strategy
    discussion's outcome, docs/adr/0034)."""

    referral: Referral
    no_further_action: bool


def cin_episodes(person: Person) -> list[CinEpisode]:
    """The child's child in need episodes (one per referral), newest first, with the source
    (issue 16)."""
    referrals = (
        Referral.objects.filter(person=person)
        .select_related("referral_source", "strategy_discussion")
        .order_by("-referral_date")
    )
    return [CinEpisode(referral, _ended_with_no_further_action(referral)) for referral in referrals]


def _ended_with_no_further_action(referral: Referral) -> bool:
    discussion = getattr(referral, "strategy_discussion", None)  # none on the assessment route
    return discussion is not None and ends_the_referral(discussion.outcome)
