"""Readers of the whole of a child's record (see the package's docstring)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q, QuerySet

from frontdoor.access.records import is_concealed
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
from frontdoor.people.queries import FamilyMember, kinds_in_words, shown_to_reader
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
    """Relatives on record, each once with all their relationships to the person (an adult may
    be several things to a child: issue 17); the people this person is a relative of; brothers
    and sisters named in the same contacts; and the adults the referrers described who are not
    linked to a person record yet. Five queries, however big the family."""
    told = list(
        AdultRelationship.objects.filter(contact__person=person)
        .select_related("adult")
        .order_by("adult__family_id", "adult__position")
    )
    # Where each linked adult was named, so their row offers a change of relationships.
    named_in = {
        link.adult.person_id: (link.contact_id, link.adult.position)
        for link in told
        if link.adult.person_id
    }
    members = _recorded_relatives(person, named_in)
    seen: set[object] = {person.pk, *(m.person.pk for m in members if m.person)}
    members += _relative_of(person, seen)
    members += _named_with(person, seen)
    # An adult may have been told as several things to the child (issue 17): one row each.
    told_by_adult: dict[int, list[AdultRelationship]] = {}
    for link in told:
        told_by_adult.setdefault(link.adult_id, []).append(link)
    for links in told_by_adult.values():
        adult = links[0].adult
        key = adult.person_id or f"adult:{adult.first_name.lower()} {adult.last_name.lower()}"
        if key in seen:
            continue
        seen.add(key)
        kinds = sorted({link.kind for link in links}, key=list(RelationshipKind.values).index)
        members.append(
            FamilyMember(
                f"{adult.first_name} {adult.last_name}",
                kinds_in_words(kinds),
                None,
                "Named in a contact",
                kinds=tuple(kinds),
                named_in=(links[0].contact_id, adult.position),
                concealed=is_concealed(adult),
            )
        )
    # A restricted relative is named on nobody else's record, described by nothing, and not
    # linked (its page is a 404): ../shared/SECURITY.md, 4, the same path as the API's.
    return shown_to_reader(members)


def _recorded_relatives(
    person: Person, named_in: dict[uuid.UUID, tuple[uuid.UUID, int]]
) -> list[FamilyMember]:
    by_relative: dict[uuid.UUID, list[Relationship]] = {}
    for rel in Relationship.objects.filter(person=person).select_related("relative").order_by("pk"):
        by_relative.setdefault(rel.relative_id, []).append(rel)
    return [
        FamilyMember(
            rels[0].relative.full_name,
            kinds_in_words([rel.kind for rel in rels]),
            rels[0].relative,
            "Recorded",
            kinds=tuple(rel.kind for rel in rels),
            named_in=named_in.get(relative_id),
            concealed=is_concealed(rels[0]),
        )
        for relative_id, rels in by_relative.items()
    ]


def _relative_of(person: Person, seen: set[object]) -> list[FamilyMember]:
    """The children (or others) this person is recorded as a relative of: on an adult's own
    record, "Jo is their parent's partner; alleged perpetrator"."""
    by_person: dict[object, list[Relationship]] = {}
    for rel in (
        Relationship.objects.filter(relative=person)
        .exclude(kind__in=RelationshipKind.siblings())  # recorded both ways: already shown
        .select_related("person")
        .order_by("pk")
    ):
        if rel.person_id not in seen:
            by_person.setdefault(rel.person_id, []).append(rel)
    seen.update(by_person)
    return [
        FamilyMember(
            rels[0].person.full_name,
            f"{person.first_name} is their {kinds_in_words([r.kind for r in rels]).lower()}",
            rels[0].person,
            "Recorded",
            kinds=tuple(rel.kind for rel in rels),
            concealed=is_concealed(rels[0]),
        )
        for rels in by_person.values()
    ]


def _named_with(person: Person, seen: set[object]) -> list[FamilyMember]:
    """Brothers and sisters named in the same contacts and not recorded as such."""
    members: list[FamilyMember] = []
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
                concealed=is_concealed(sibling),
            )
        )
    return members


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
            f"Handover to be received by {handover.receiver_name}", handover.due_at, "Local"
        )
        for handover in Handover.objects.filter(
            person=person, status=HandoverStatus.AWAITING
        ).select_related("team", "council")
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
