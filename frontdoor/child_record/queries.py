"""Readers of the whole of a child's record (see the package's docstring)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from django.db.models import Q, QuerySet

from frontdoor.access.queries import RESTRICTED_PLACEHOLDER, restricted_among
from frontdoor.audit.models import Event
from frontdoor.contacts.models import AdultRelationship, Contact
from frontdoor.contacts.workflow import OPEN_STATES, Outcome, Status
from frontdoor.people.models import Person, Relationship, RelationshipKind
from frontdoor.people.queries import FamilyMember
from frontdoor.referrals.models import Referral
from frontdoor.strategy.models import ChildProtectionPlan
from frontdoor.timescales.calendar import end_of_local_day


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
    """The clocks still running for this child, soonest first."""
    deadlines: list[RunningDeadline] = []
    for contact in Contact.objects.filter(person=person, status__in=OPEN_STATES).select_related(
        "family"
    ):
        if contact.status in (Status.AWAITING_SCREENING, Status.SCREENED):
            deadlines.append(
                RunningDeadline("Screening: pass to a hub", contact.screening_due_at, "Local")
            )
        deadlines.append(
            RunningDeadline("Decision on the contact", contact.decision_due_at, "National")
        )
    decisions = Contact.objects.filter(
        person=person, decision__outcome__in=Outcome.social_work_responses()
    ).select_related("decision", "decision__see_by_team")
    for contact in decisions:
        decision = contact.decision
        if decision.see_by:
            team = decision.see_by_team.name if decision.see_by_team else ""
            deadlines.append(
                RunningDeadline(
                    f"Child to be seen by {team}", decision.see_by, "Manager's decision"
                )
            )
    for referral in Referral.objects.filter(person=person):
        deadlines.append(
            RunningDeadline("Child and family assessment", referral.assessment_due_at, "National")
        )
    for plan in child_protection_plans(person):
        if plan.ended_on is None:
            deadlines.append(
                RunningDeadline(
                    "Child protection review conference",
                    end_of_local_day(plan.next_review_due_on),
                    "National",
                )
            )
    return sorted(deadlines, key=lambda d: d.due_at)


def child_protection_plans(person: Person) -> list[ChildProtectionPlan]:
    """The child's child protection plans, newest first, with their categories (issue 16)."""
    return list(
        ChildProtectionPlan.objects.filter(person=person).select_related(
            "initial_category", "latest_category"
        )
    )


def cin_episodes(person: Person) -> list[Referral]:
    """The child's child in need episodes (one per referral), newest first, with the source
    (issue 16)."""
    return list(
        Referral.objects.filter(person=person)
        .select_related("referral_source")
        .order_by("-referral_date")
    )
