"""The readers of the practice model: the panel every stage shows, and the child's analysis.

`panel_for` is what a stage page includes (`{% include "practice/_panel.html" with
panel=practice %}`): the page has already found the child in the user's scope and logged the
view, so the panel only decides whether this user may read the analysis at all.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING
from urllib.parse import urlencode

from django.http import Http404
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from frontdoor.access.policies import can
from frontdoor.access.queries import may_open
from frontdoor.access.records import open_record
from frontdoor.people.models import Person
from frontdoor.practice.episodes import Episode, episodes_of
from frontdoor.practice.models import Analysis, Entry, ScaleReading
from frontdoor.practice.rules import Section, Stage

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from frontdoor.access.models import User


@dataclass(frozen=True)
class SectionEntries:
    section: str
    label: str
    entries: tuple[Entry, ...]  # each with `.withdrawal` when it no longer applies

    @property
    def current(self) -> tuple[Entry, ...]:
        return tuple(e for e in self.entries if not hasattr(e, "withdrawal"))


@dataclass(frozen=True)
class AnalysisView:
    analysis: Analysis
    sections: tuple[SectionEntries, ...]
    readings: tuple[ScaleReading, ...]
    closed_at: datetime | None  # None for the open episode's analysis

    @property
    def latest_reading(self) -> ScaleReading | None:
        return self.readings[-1] if self.readings else None

    @property
    def entry_count(self) -> int:
        return sum(len(s.current) for s in self.sections)


@dataclass(frozen=True)
class Panel:
    person: Person
    stage: str
    stage_label: str
    current: AnalysisView | None  # None: no analysis recorded yet in this episode
    previous: AnalysisView | None  # the last episode's, read-only
    has_open_episode: bool
    extend_url: str | None  # None when this user may not extend, or there is no open episode
    analysis_url: str | None  # the child's whole analysis, for those who may open the record
    next_url: str = ""  # the page showing the panel, to come back to


def _view_of(analysis: Analysis, closed_at: datetime | None) -> AnalysisView:
    entries = list(
        Entry.objects.filter(analysis=analysis).select_related(
            "added_by", "withdrawal", "withdrawal__withdrawn_by"
        )
    )
    sections = tuple(
        SectionEntries(s.value, s.label, tuple(e for e in entries if e.section == s))
        for s in Section
    )
    readings = tuple(ScaleReading.objects.filter(analysis=analysis).select_related("recorded_by"))
    return AnalysisView(analysis, sections, readings, closed_at)


def _ended_at(analysis: Analysis, found: list[Episode]) -> datetime | None:
    if analysis.closed_at is not None:
        return analysis.closed_at
    for episode in found:
        if analysis.contact_id in episode.contact_ids:
            return episode.ended_at
    return None


def analyses_of(person: Person) -> tuple[AnalysisView | None, list[AnalysisView], bool]:
    """The open episode's analysis (if any), every earlier one newest first, and whether the
    child has an open episode. An analysis whose episode has ended is shown as closed even
    before the next episode's first entry closes it in the database."""
    found = episodes_of(person)
    is_open = bool(found) and found[-1].is_open
    current: AnalysisView | None = None
    earlier: list[AnalysisView] = []
    for analysis in Analysis.objects.filter(person=person).select_related("started_by"):
        ended = _ended_at(analysis, found)
        if ended is None and current is None:
            current = _view_of(analysis, None)
        else:
            earlier.append(_view_of(analysis, ended or analysis.started_at))
    return current, earlier, is_open


def extend_url(person: Person, *, stage: str, next_url: str) -> str:
    query = {"stage": stage, "next": next_url} if next_url else {"stage": stage}
    return f"{reverse('practice:extend', args=[person.pk])}?{urlencode(query)}"


def panel_for(
    person: Person | None, *, user: User | AnonymousUser, stage: str, next_url: str
) -> Panel | None:
    """The analysis panel for a stage page, or None when there is nothing this user may see
    (no linked child, a role that never reads it, or a restricted child not on their list)."""
    if person is None or not can(user, "view_practice_analysis") or not may_open(user, person):
        return None
    stage = Stage(stage).value
    current, earlier, is_open = analyses_of(person)
    may_extend = is_open and can(user, "extend_practice_analysis")
    return Panel(
        person=person,
        stage=stage,
        stage_label=Stage(stage).label,
        current=current,
        previous=earlier[0] if earlier else None,
        has_open_episode=is_open,
        extend_url=extend_url(person, stage=stage, next_url=next_url) if may_extend else None,
        analysis_url=(
            reverse("practice:analysis", args=[person.pk]) if can(user, "view_child") else None
        ),
        next_url=next_url,
    )


def get_person_for_analysis(
    user: User, pk: str | uuid.UUID, *, path: str, action: str = "view_practice_analysis"
) -> Person:
    """The child whose analysis is opened, logged as a view of their record. Only those who
    may open the child's record reach these pages (a 404 for everyone else, and for a
    restricted child not on the user's allow-list, alike); auditors and senior leaders read the
    analysis in the panels of the pages they already reach."""
    if not (can(user, "view_child") and can(user, action)):
        raise Http404
    return open_record(user, Person.objects.read_as(user), pk, path=path)


def get_entry_for(user: User, pk: uuid.UUID, *, path: str) -> Entry:
    if not (can(user, "view_child") and can(user, "extend_practice_analysis")):
        raise Http404
    entries = Entry.objects.read_as(user).select_related("analysis", "analysis__person")
    return open_record(
        user, entries, pk, path=path, logged_as=lambda entry: {"person": entry.analysis.person}
    )


def safe_next(candidate: str | None, *, default: str) -> str:
    """Where to go back to: only a path on this site, never another host (no open redirects)."""
    if (
        candidate
        and candidate.startswith("/")
        and not candidate.startswith("//")
        and url_has_allowed_host_and_scheme(candidate, allowed_hosts=None)
    ):
        return candidate
    return default
