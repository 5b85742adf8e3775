"""The readers: a child's history for the decision page, second reviews, and the figures."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from frontdoor.access.policies import can
from frontdoor.access.queries import hidden_restrictions
from frontdoor.access.records import open_record
from frontdoor.contacts.queries import previous_contacts
from frontdoor.guardrails.models import BelowIndicatorDecision, RecordedIndicator
from frontdoor.guardrails.workflow import ReviewStatus
from frontdoor.history.models import EarlyHelpEpisode, LegacyKind, LegacyRecord
from frontdoor.missing.models import Episode
from frontdoor.referrals.models import Referral
from frontdoor.strategy.models import Section47Enquiry

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from frontdoor.access.models import User
    from frontdoor.contacts.models import Contact


@dataclass(frozen=True)
class ChildHistory:
    """What the front door already knows, summarised so no manager decides without it."""

    contacts: list[Contact]
    referrals: list[Referral]
    plans: list[Section47Enquiry]
    missing: list[Episode]
    # From the previous social care system and early help (frontdoor/history imports).
    legacy_plans: list[LegacyRecord] = field(default_factory=list)
    legacy_other: list[LegacyRecord] = field(default_factory=list)
    early_help: list[EarlyHelpEpisode] = field(default_factory=list)

    @property
    def plan_count(self) -> int:
        return len(self.plans) + len(self.legacy_plans)

    @property
    def earlier_count(self) -> int:
        return len(self.early_help) + len(self.legacy_other)

    @property
    def empty(self) -> bool:
        return not (
            self.contacts
            or self.referrals
            or self.plans
            or self.missing
            or self.legacy_plans
            or self.legacy_other
            or self.early_help
        )


def child_history(contact: Contact) -> ChildHistory:
    person = contact.person
    if person is None:
        return ChildHistory([], [], [], [])
    legacy = list(LegacyRecord.objects.filter(person=person).order_by("-started_on")[:40])
    return ChildHistory(
        contacts=previous_contacts(person, exclude=contact),
        referrals=list(Referral.objects.filter(person=person).order_by("-referral_date")[:20]),
        plans=list(
            Section47Enquiry.objects.filter(person=person, child_protection_plan=True).order_by(
                "-started_at"
            )
        ),
        missing=list(Episode.objects.filter(person=person).order_by("-started_at")[:20]),
        legacy_plans=[r for r in legacy if r.kind == LegacyKind.CHILD_PROTECTION_PLAN],
        legacy_other=[r for r in legacy if r.kind != LegacyKind.CHILD_PROTECTION_PLAN],
        early_help=list(
            EarlyHelpEpisode.objects.filter(person=person).order_by("-started_on")[:20]
        ),
    )


def visible_below_indicator_decisions(
    user: User | AnonymousUser,
) -> QuerySet[BelowIndicatorDecision]:
    """For lists: a restricted child this manager may not open is listed without their name."""
    if not can(user, "view_second_reviews"):
        return BelowIndicatorDecision.objects.none()
    hidden = hidden_restrictions(user).filter(person_id=OuterRef("contact__person_id"))
    return BelowIndicatorDecision.objects.read_as(user).annotate(hidden_from_viewer=Exists(hidden))


def get_below_indicator_decision_for(
    user: User, pk: str | uuid.UUID, *, path: str, log: bool = True
) -> BelowIndicatorDecision:
    """A decision below the indicators, for its second review: the child's name, the
    decision and the deciding manager's answers about them, so its opening is logged as a view
    of the child and the contact (SECURITY.md 9). `log=False` only to read it again after
    acting, in a request that has logged it."""
    decisions = visible_below_indicator_decisions(user).select_related(
        "contact__family", "contact__person", "decision", "decided_by", "reviewed_by"
    )
    return open_record(user, decisions, pk, path=path, log=log, logged_as=_about_the_contact)


def _about_the_contact(found: BelowIndicatorDecision) -> dict[str, Any]:
    return {"person": found.contact.person, "family_contact": found.contact.family}


def awaiting_second_review(user: User) -> QuerySet[BelowIndicatorDecision]:
    """Oldest first; a manager never reviews their own decision, so theirs are not offered."""
    return (
        visible_below_indicator_decisions(user)
        .filter(review_status=ReviewStatus.AWAITING)
        .exclude(decided_by=user)
        .select_related("contact", "decided_by")
        .order_by("decided_at")
    )


@dataclass(frozen=True)
class BelowIndicatorFigures:
    decisions: int
    awaiting: int
    agreed: int
    disagreed: int
    not_sampled: int


def below_indicator_figures(user: User | AnonymousUser) -> BelowIndicatorFigures:
    """Every decision below the indicators, counted, and what second review made of them.
    Counts only, so senior leaders see them too (on the MASH overview)."""
    readers = can(user, "view_second_reviews") or can(user, "view_overview")
    decisions = (
        BelowIndicatorDecision.objects.all() if readers else BelowIndicatorDecision.objects.none()
    )
    rows = decisions.aggregate(
        decisions=Count("pk"),
        **{
            status: Count("pk", filter=Q(review_status=value))
            for status, value in (
                ("awaiting", ReviewStatus.AWAITING),
                ("agreed", ReviewStatus.AGREED),
                ("disagreed", ReviewStatus.DISAGREED),
                ("not_sampled", ReviewStatus.NOT_SAMPLED),
            )
        },
    )
    return BelowIndicatorFigures(**rows)


def recorded_indicators(contact: Contact) -> QuerySet[RecordedIndicator]:
    """The risk indicators recorded for this child's contact."""
    return RecordedIndicator.objects.filter(contact=contact)
