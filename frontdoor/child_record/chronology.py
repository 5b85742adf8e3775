"""A child's chronology: their whole history in one timeline, newest first, filterable by kind.

Built from the records themselves (contacts and decisions, referrals, visits, assessments, strategy
discussions and section 47 enquiries, missing episodes, household moves and relationships)
and from history imported from other systems (frontdoor/history). The audit timeline on the
child's page says who did what; the chronology says what happened to the child.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time

from django.db import models
from django.utils import timezone

from frontdoor.access.records import is_concealed
from frontdoor.assessments.models import Assessment
from frontdoor.audit.timeline import WITHHELD
from frontdoor.contacts.models import Contact
from frontdoor.handovers.models import Handover
from frontdoor.handovers.workflow import HandoverStatus
from frontdoor.history.models import EarlyHelpEpisode, LegacyKind, LegacyRecord
from frontdoor.missing.models import Episode
from frontdoor.people.models import HouseholdAddress, Person, Relationship
from frontdoor.referrals.models import Referral
from frontdoor.strategy.models import Section47Enquiry, StrategyDiscussion
from frontdoor.visits.models import Visit


class Kind(models.TextChoices):
    CONTACTS = "contacts", "Contacts and outcomes"
    REFERRALS = "referrals", "Referrals"
    ASSESSMENTS = "assessments", "Assessments, strategy discussions and child protection plans"
    VISITS = "visits", "Visits and the child's own words"
    MISSING = "missing", "Missing episodes"
    EARLY_HELP = "early_help", "Early help episodes"
    FAMILY = "family", "Key family events"


@dataclass(frozen=True)
class Entry:
    when: datetime
    kind: str
    title: str
    detail: str = ""
    # A date-only record (imported history, a house move) shows no time of day.
    whole_day: bool = False
    source: str = ""

    @property
    def kind_label(self) -> str:
        return Kind(self.kind).label


def _day(value: date) -> datetime:
    return timezone.make_aware(datetime.combine(value, time(12)))


def _period(start: date, end: date | None) -> str:
    return f"Until {end:%-d %B %Y}" if end else "Still open"


def _contacts(person: Person) -> Iterator[Entry]:
    contacts = Contact.objects.filter(person=person).select_related(
        "family__referral_source", "decision", "level_of_need"
    )
    for contact in contacts:
        family = contact.family
        source = family.referral_source.label
        yield Entry(family.received_at, Kind.CONTACTS, "Contact received", f"From {source}")
        decision = getattr(contact, "decision", None)
        if decision is not None:
            yield Entry(
                decision.decided_at,
                Kind.CONTACTS,
                f"Decision: {decision.get_outcome_display()}",
                decision.rationale[:300],
            )


def _handovers(person: Person) -> Iterator[Entry]:
    """Each handover: who the child was handed to (a team, or another council), and who
    received them or sent them back (for another council: who there said so, how and when,
    as the MASH worker who heard it recorded)."""
    handovers = Handover.objects.filter(person=person).select_related(
        "team", "council", "answered_by"
    )
    for handover in handovers:
        yield Entry(
            handover.handed_over_at,
            Kind.CONTACTS,
            f"Handed over to {handover.receiver_name}",
            handover.get_kind_display(),
        )
        if handover.answered_at is None or handover.answered_by is None:
            continue
        who = _who_answered(handover)
        when = handover.council_told_at or handover.answered_at
        if handover.status == HandoverStatus.RETURNED or handover.return_reason:
            yield Entry(
                when,
                Kind.CONTACTS,
                f"Sent back to the MASH by {handover.receiver_name}",
                f"By {who}: {handover.return_reason[:300]}",
            )
        else:
            yield Entry(when, Kind.CONTACTS, f"Received by {handover.receiver_name}", f"By {who}")


def _who_answered(handover: Handover) -> str:
    assert handover.answered_by is not None
    recorder = handover.answered_by.display_name
    if not handover.council_contact:
        return recorder
    return (
        f"{handover.council_contact} ({handover.get_council_told_by_display().lower()}), "
        f"recorded by {recorder}"
    )


def _referrals(person: Person) -> Iterator[Entry]:
    for referral in Referral.objects.filter(person=person):
        yield Entry(referral.referral_date, Kind.REFERRALS, "Referral to children's social care")


def _assessments(person: Person) -> Iterator[Entry]:
    for assessment in Assessment.objects.filter(person=person):
        yield Entry(assessment.started_at, Kind.ASSESSMENTS, "Child and family assessment started")
        if assessment.authorised_at:
            yield Entry(
                assessment.authorised_at,
                Kind.ASSESSMENTS,
                "Child and family assessment completed",
                assessment.get_outcome_display(),
            )
    for discussion in StrategyDiscussion.objects.filter(person=person):
        held = discussion.held_at or discussion.requested_at
        title = (
            "Strategy discussion held" if discussion.held_at else "Strategy discussion requested"
        )
        yield Entry(held, Kind.ASSESSMENTS, title, discussion.get_outcome_display())
    for enquiry in Section47Enquiry.objects.filter(person=person):
        yield Entry(enquiry.started_at, Kind.ASSESSMENTS, "Section 47 enquiry started")
        if enquiry.child_protection_plan and enquiry.icpc_held_on:
            yield Entry(
                _day(enquiry.icpc_held_on),
                Kind.ASSESSMENTS,
                "Child protection plan started",
                "At the initial child protection conference",
                whole_day=True,
            )


def _visits(person: Person) -> Iterator[Entry]:
    """Each visit, with what the child said in their own words (issue 17: the child's words
    were on neither the record nor the chronology), or why they were not seen."""
    for visit in Visit.objects.filter(allocation__person=person):
        if visit.child_seen:
            alone = " alone" if visit.seen_alone else ""
            yield Entry(
                visit.visited_at,
                Kind.VISITS,
                f"Visit: child seen{alone} ({visit.location})",
                f"In their own words: {visit.childs_views}",
            )
        else:
            yield Entry(
                visit.visited_at,
                Kind.VISITS,
                f"Visit: child not seen ({visit.location})",
                f"Why: {visit.not_seen_reason}",
            )


def _missing(person: Person) -> Iterator[Entry]:
    for episode in Episode.objects.filter(person=person):
        where = f"From {episode.missing_from}" if episode.missing_from else ""
        yield Entry(episode.started_at, Kind.MISSING, "Went missing", where)
        if episode.returned_at:
            yield Entry(episode.returned_at, Kind.MISSING, "Returned after going missing")


def _early_help(person: Person) -> Iterator[Entry]:
    for episode in EarlyHelpEpisode.objects.filter(person=person):
        lead = ", ".join(p for p in (episode.lead_professional, episode.organisation) if p)
        detail = ". ".join(
            p
            for p in (
                _period(episode.started_on, episode.ended_on),
                lead,
                episode.reason,
                episode.outcome,
            )
            if p
        )
        yield Entry(
            _day(episode.started_on),
            Kind.EARLY_HELP,
            "Early help episode",
            detail,
            whole_day=True,
            source=episode.source_system,
        )


LEGACY_KINDS = {
    LegacyKind.REFERRAL: (Kind.REFERRALS, "Referral (previous system)"),
    LegacyKind.ASSESSMENT: (Kind.ASSESSMENTS, "Assessment (previous system)"),
    LegacyKind.CHILD_PROTECTION_PLAN: (Kind.ASSESSMENTS, "Child protection plan (previous system)"),
    LegacyKind.PERIOD_IN_CARE: (Kind.FAMILY, "Period in care (previous system)"),
}


def _legacy(person: Person) -> Iterator[Entry]:
    for record in LegacyRecord.objects.filter(person=person):
        kind, title = LEGACY_KINDS[LegacyKind(record.kind)]
        parts = (_period(record.started_on, record.ended_on), record.detail, record.outcome)
        yield Entry(
            _day(record.started_on),
            kind,
            title,
            ". ".join(p for p in parts if p),
            whole_day=True,
            source=record.source_system,
        )


def _family(person: Person) -> Iterator[Entry]:
    for rel in Relationship.objects.filter(person=person).select_related("relative"):
        if is_concealed(rel):
            # A relative the reader may not open: a relationship was recorded, and nothing of
            # what it was nor who (its kind survives concealment; the timeline's rule:
            # access.timeline).
            yield Entry(rel.created_at, Kind.FAMILY, "Family relationship recorded", WITHHELD)
            continue
        yield Entry(
            rel.created_at,
            Kind.FAMILY,
            f"{rel.get_kind_display()} recorded",
            rel.relative.full_name,
        )
    addresses = HouseholdAddress.objects.filter(household__members__person=person)
    for address in addresses:
        yield Entry(
            _day(address.moved_in),
            Kind.FAMILY,
            "Moved to a new address",
            f"{address.address} {address.postcode}".strip(),
            whole_day=True,
        )


SOURCES: tuple[Callable[[Person], Iterable[Entry]], ...] = (
    _contacts,
    _handovers,
    _referrals,
    _assessments,
    _visits,
    _missing,
    _early_help,
    _legacy,
    _family,
)


def chronology(person: Person, kinds: Iterable[str] = ()) -> list[Entry]:
    """Everything that happened to the child, newest first; only `kinds` if any are given."""
    wanted = set(kinds) or set(Kind.values)
    entries = [entry for source in SOURCES for entry in source(person) if entry.kind in wanted]
    return sorted(entries, key=lambda entry: (entry.when, entry.title), reverse=True)
