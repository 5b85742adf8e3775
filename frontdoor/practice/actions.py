"""The only writers of the practice model: one function per intention.

Extending is adding rows, never changing them, so two workers extending the same analysis at
once both keep their work. The analysis itself is created on the first entry of an episode;
the database allows one open analysis per child, and a second worker racing to create it
joins the first one's (docs/adr/0014).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.utils import timezone

from frontdoor.access.policies import require
from frontdoor.audit.actions import record_event
from frontdoor.contacts.models import Contact
from frontdoor.practice.episodes import Episode, episodes_of
from frontdoor.practice.models import Analysis, Entry, ScaleReading, Withdrawal
from frontdoor.practice.rules import AnalysisProblem, Section, Stage, extension_problems

if TYPE_CHECKING:
    from frontdoor.access.models import User
    from frontdoor.people.models import Person


@dataclass(frozen=True)
class NewEntry:
    section: str
    text: str


@dataclass(frozen=True)
class Extension:
    stage: str
    entries: Sequence[NewEntry] = ()
    score: int | None = None
    score_reason: str = ""


def extend_analysis(*, by: User, person: Person, extension: Extension) -> Analysis:
    """Add entries (and optionally a scale reading) to the child's analysis for this episode,
    starting the analysis if this is the episode's first."""
    require(by, "extend_practice_analysis")
    entries = [e for e in extension.entries if e.text.strip()]
    Stage(extension.stage)  # an unknown stage is a programming error
    for entry in entries:
        Section(entry.section)
    with transaction.atomic():
        found = episodes_of(person)
        episode = found[-1] if found and found[-1].is_open else None
        problems = extension_problems(
            entries=len(entries), score=extension.score, has_episode=episode is not None
        )
        if problems:
            raise AnalysisProblem(problems)
        assert episode is not None
        analysis = _analysis_for(by=by, person=person, episode=episode, earlier=found[:-1])
        now = timezone.now()
        Entry.objects.bulk_create(
            Entry(
                analysis=analysis,
                section=e.section,
                text=e.text.strip(),
                stage=extension.stage,
                added_by=by,
                added_at=now,
            )
            for e in entries
        )
        if extension.score is not None:
            ScaleReading.objects.create(
                analysis=analysis,
                stage=extension.stage,
                score=extension.score,
                reason=extension.score_reason.strip(),
                recorded_by=by,
                recorded_at=now,
            )
        record_event(
            actor=by,
            verb="practice_analysis_extended",
            person=person,
            contact=analysis.contact,
            data={
                "stage": Stage(extension.stage).label,
                "entries": {s.value: sum(e.section == s for e in entries) for s in Section},
                "scale": extension.score,
            },
        )
    return analysis


def _analysis_for(
    *, by: User, person: Person, episode: Episode, earlier: list[Episode]
) -> Analysis:
    """The open episode's analysis: the one already open, or a new one. An analysis still open
    from an earlier episode is closed first, at the time that episode's work ended."""
    current = Analysis.objects.select_for_update().filter(person=person, closed_at__isnull=True)
    for analysis in current:
        if analysis.contact_id in episode.contact_ids:
            return analysis
        _close(by=by, analysis=analysis, ended_at=_end_of(analysis.contact_id, earlier))
    contact = Contact.objects.get(pk=episode.opened_by)
    try:
        with transaction.atomic():  # a savepoint: a second worker may have just created it
            analysis = Analysis.objects.create(
                person=person, contact=contact, started_at=timezone.now(), started_by=by
            )
    except IntegrityError:
        return Analysis.objects.select_for_update().get(person=person, closed_at__isnull=True)
    record_event(
        actor=by,
        verb="practice_analysis_started",
        person=person,
        family_contact=contact.family,
        contact=contact,
    )
    return analysis


def _end_of(contact_id: object, earlier: list[Episode]) -> datetime:
    for episode in earlier:
        if contact_id in episode.contact_ids and episode.ended_at is not None:
            return episode.ended_at
    return timezone.now()  # defensive: an episode that no longer groups that contact


def _close(*, by: User, analysis: Analysis, ended_at: datetime) -> None:
    closed = Analysis.objects.filter(pk=analysis.pk, closed_at__isnull=True).update(
        closed_at=ended_at
    )
    if closed:
        record_event(
            actor=by,
            verb="practice_analysis_closed",
            person=analysis.person,
            contact=analysis.contact,
            data={"episode_ended": ended_at.isoformat()},
        )


def withdraw_entry(*, by: User, entry: Entry, reason: str) -> Withdrawal:
    """Mark an entry "no longer applies", saying why. The entry stays, struck through."""
    require(by, "extend_practice_analysis")
    if not reason.strip():
        raise AnalysisProblem(["Enter why this no longer applies"])
    found = episodes_of(entry.analysis.person)
    current = found[-1] if found and found[-1].is_open else None
    if (
        entry.analysis.closed_at is not None
        or current is None
        or entry.analysis.contact_id not in current.contact_ids
    ):
        raise AnalysisProblem(["This analysis is from an episode that has ended: it is read only"])
    try:
        with transaction.atomic():
            withdrawal = Withdrawal.objects.create(
                entry=entry, reason=reason.strip(), withdrawn_by=by, withdrawn_at=timezone.now()
            )
            record_event(
                actor=by,
                verb="practice_entry_withdrawn",
                person=entry.analysis.person,
                contact=entry.analysis.contact,
                data={"section": Section(entry.section).label, "stage": entry.stage},
                reason=reason.strip(),
            )
    except IntegrityError as exc:
        raise AnalysisProblem(["Someone has already marked this as no longer applying"]) from exc
    return withdrawal


def add_from_stage(
    *, by: User, person: Person | None, stage: str, texts: dict[str, str], score: int | None = None
) -> Analysis | None:
    """Add what a stage's own form took (the hub's analysis) to the child's analysis, inside
    that stage's action and transaction, so it is typed once. A text already in the analysis
    and the same number again at the same stage are not added twice (a re-recorded hub
    analysis after a return from the manager, or a retried request)."""
    if person is None or (score is None and not any(t.strip() for t in texts.values())):
        return None
    current = Analysis.objects.filter(person=person, closed_at__isnull=True).first()
    known: set[tuple[str, str]] = set()
    last_score = None
    if current is not None:
        known = set(current.entries.values_list("section", "text"))
        last = current.readings.filter(stage=stage).last()
        last_score = last.score if last else None
    entries = [
        NewEntry(section, text)
        for section, text in texts.items()
        if text.strip() and (section, text.strip()) not in known
    ]
    new_score = score if score is not None and score != last_score else None
    if not entries and new_score is None:
        return current
    return extend_analysis(
        by=by, person=person, extension=Extension(stage=stage, entries=entries, score=new_score)
    )
