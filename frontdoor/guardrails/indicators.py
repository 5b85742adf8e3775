"""Which risk indicators apply to a child's contact, and which point above a chosen outcome.

An indicator applies when a worker recorded it, or when the system finds it from what it already
holds: the contact's concern categories, earlier contacts about the child, a child protection plan
(after a section 47 enquiry here, or in history imported from the previous system), police
domestic abuse notifications assessed high risk, missing episodes, and the child's age. The
rules (what to look for, how many, over how long, and the minimum response) are rows of
`RiskIndicator`, so a council changes them in the admin without a code change.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Q
from django.utils import timezone

from frontdoor.contacts.models import Contact
from frontdoor.guardrails.models import (
    Derivation,
    RecordedIndicator,
    ResponseLevel,
    RiskIndicator,
    Setting,
)
from frontdoor.history.models import LegacyKind, LegacyRecord
from frontdoor.missing.models import Episode
from frontdoor.police.models import Notification
from frontdoor.police.workflow import Kind as PoliceKind
from frontdoor.police.workflow import RiskLevel, RiskTool
from frontdoor.strategy.models import Section47Enquiry


@dataclass(frozen=True)
class Found:
    """An indicator that applies to one child, why, and the response it suggests."""

    code: str
    label: str
    minimum: str
    minimum_rank: int
    minimum_phrase: str
    why: str

    @property
    def question(self) -> str:
        return f"Explain why {self.label} does not need {self.minimum_phrase}"


def setting(key: str, default: int) -> int:
    row = Setting.objects.filter(key=key).first()
    return row.value if row is not None else default


def response_ranks() -> dict[str, int]:
    return dict(ResponseLevel.objects.values_list("outcome", "rank"))


def _age_in_days(contact: Contact, today: date) -> int | None:
    born = (contact.person.date_of_birth if contact.person else None) or contact.date_of_birth
    if born is not None:
        return (today - born).days
    if contact.expected_date_of_birth is not None:
        return -1  # not yet born
    return None


def _young_enough(rule: RiskIndicator, contact: Contact, today: date) -> bool:
    if rule.max_age_days is None:
        return True
    age = _age_in_days(contact, today)
    return age is not None and age < rule.max_age_days


def _concern(rule: RiskIndicator, contact: Contact, today: date) -> str:
    codes = set(rule.concern_code_list())
    named = [c for c in contact.family.concern_categories.all() if c.code in codes]
    if not named or not _young_enough(rule, contact, today):
        return ""
    return "Concern recorded on this contact: " + ", ".join(c.label.lower() for c in named)


def _since(rule: RiskIndicator) -> datetime:
    return timezone.now() - timedelta(days=rule.window_days or 365)


def _repeat_concern(rule: RiskIndicator, contact: Contact, today: date) -> str:
    if contact.person_id is None:
        return ""
    count = (
        Contact.objects.filter(
            person_id=contact.person_id,
            family__received_at__gte=_since(rule),
            family__concern_categories__code__in=rule.concern_code_list(),
        )
        .values("family")
        .distinct()
        .count()
    )
    if count < (rule.threshold or 2):
        return ""
    return f"{count} contacts with this concern in the last {rule.window_days or 365} days"


def _previous_plan(rule: RiskIndicator, contact: Contact, today: date) -> str:
    if contact.person_id is None:
        return ""
    enquiry = (
        Section47Enquiry.objects.filter(person_id=contact.person_id, child_protection_plan=True)
        .order_by("-started_at")
        .first()
    )
    if enquiry is not None:
        return (
            f"Child protection plan after the section 47 enquiry of {enquiry.started_at:%-d %B %Y}"
        )
    legacy = (
        LegacyRecord.objects.filter(
            person_id=contact.person_id, kind=LegacyKind.CHILD_PROTECTION_PLAN
        )
        .order_by("-started_on")
        .first()
    )
    if legacy is None:
        return ""
    until = f" to {legacy.ended_on:%-d %B %Y}" if legacy.ended_on else ""
    return (
        f"Child protection plan from {legacy.started_on:%-d %B %Y}{until} "
        f"(history from {legacy.source_system})"
    )


def _police_high_risk(rule: RiskIndicator, contact: Contact, today: date) -> str:
    """The police assessed a domestic abuse incident as high risk: the one this contact came
    from, or another about the same child within the rule's window."""
    about_this_child = Q(family_id=contact.family_id)
    if contact.person_id is not None:
        about_this_child |= Q(
            children__contact__person_id=contact.person_id, incident_at__gte=_since(rule)
        )
    found = list(
        Notification.objects.filter(
            about_this_child, kind=PoliceKind.DOMESTIC_ABUSE, risk_level=RiskLevel.HIGH
        )
        .distinct()
        .order_by("-incident_at")
        .values_list("reference", "incident_at", "risk_tool")[:20]
    )
    if not found:
        return ""
    reference, incident_at, tool = found[0]
    incident = timezone.localtime(incident_at)
    assessment = f"{RiskTool(tool).label} risk assessment" if tool else "risk assessment"
    latest = f"{assessment} high for the incident of {incident:%-d %B %Y} ({reference})"
    if len(found) == 1:
        return f"Police {latest}"
    return (
        f"{len(found)} police domestic abuse notifications assessed high risk "
        f"in the last {rule.window_days or 365} days; latest: {latest}"
    )


def _repeat_missing(rule: RiskIndicator, contact: Contact, today: date) -> str:
    if contact.person_id is None:
        return ""
    count = Episode.objects.filter(
        person_id=contact.person_id, started_at__gte=_since(rule)
    ).count()
    if count < (rule.threshold or 3):
        return ""
    return f"{count} missing episodes in the last {rule.window_days or 365} days"


def _age_under(rule: RiskIndicator, contact: Contact, today: date) -> str:
    age = _age_in_days(contact, today)
    if age is None or age >= (rule.max_age_days or 365):
        return ""
    return "Unborn child" if age < 0 else f"Child is {age // 7} weeks old"


DERIVED: dict[str, Callable[[RiskIndicator, Contact, date], str]] = {
    Derivation.CONCERN: _concern,
    Derivation.REPEAT_CONCERN: _repeat_concern,
    Derivation.PREVIOUS_PLAN: _previous_plan,
    Derivation.POLICE_HIGH_RISK: _police_high_risk,
    Derivation.REPEAT_MISSING: _repeat_missing,
    Derivation.AGE_UNDER: _age_under,
}


def active_rules() -> list[RiskIndicator]:
    return list(RiskIndicator.objects.filter(active=True).select_related("minimum_response"))


def indicators_for(contact: Contact, rules: Sequence[RiskIndicator] | None = None) -> list[Found]:
    """Every active indicator that applies to this child's contact, strongest response first."""
    today = timezone.localdate()
    recorded = {
        r.indicator_id: r
        for r in RecordedIndicator.objects.filter(contact=contact).select_related("recorded_by")
    }
    found = []
    for rule in active_rules() if rules is None else rules:
        why = ""
        if rule.pk in recorded:
            entry = recorded[rule.pk]
            why = f"Recorded by {entry.recorded_by.display_name}" + (
                f": {entry.note}" if entry.note else ""
            )
        elif rule.derivation in DERIVED:
            why = DERIVED[rule.derivation](rule, contact, today)
        if why:
            level = rule.minimum_response
            found.append(Found(rule.code, rule.label, level.outcome, level.rank, level.phrase, why))
    return sorted(found, key=lambda f: -f.minimum_rank)


def pointing_higher(found: Sequence[Found], outcome: str, ranks: dict[str, int]) -> list[Found]:
    """The indicators that suggest a stronger response than `outcome`."""
    chosen = ranks.get(outcome)
    if chosen is None:
        return []
    return [f for f in found if f.minimum_rank > chosen]
