"""Police missing-person notifications in bulk: a chunk of a force's batch (frontdoor/police,
ADR 0012) opens its episodes in a few statements instead of a dozen round trips each.

The outcome is the one `notify_missing` (then `notify_return`, when the report says the child
is already back) gives for each notification in turn: the same reports, episodes, clocks,
repeat-missing flags and audit events, and the same refusals. Only the order of the events in
the audit chain differs: every `missing_notified` event first, then any repeat-missing and
return events, rather than interleaved by notification.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from frontdoor.agencies.models import AgencyKind
from frontdoor.audit.actions import record_events
from frontdoor.audit.models import Event
from frontdoor.missing.actions.episodes import (
    PoliceNotification,
    _notifying_force,
    _report_data,
    _return,
    notify_missing,
    notify_return,
)
from frontdoor.missing.actions.repeat import flag_repeat_missing
from frontdoor.missing.actions.steps import iso, utc
from frontdoor.missing.models import Episode, PoliceReport
from frontdoor.missing.queries import REPEAT_EPISODES, REPEAT_WINDOW_DAYS, setting
from frontdoor.missing.workflow import (
    RiskGrade,
    most_episodes_in_a_window,
    report_problems,
    return_problems,
)
from frontdoor.timescales.calendar import local_date
from frontdoor.workflow.errors import NotReady

if TYPE_CHECKING:
    from frontdoor.access.models import User
    from frontdoor.agencies.models import Agency


@dataclass(frozen=True)
class ReturnAsTold:
    """The police report says the child is already back."""

    returned_at: datetime
    where_found: str


Told = tuple[PoliceNotification, ReturnAsTold | None]


def notify_missing_many(
    *, by: User, force: Agency, notifications: Sequence[Told]
) -> list[Episode | NotReady]:
    """For each notification in order, its episode (new, or the one its reference already
    opened) or why it was refused. Call inside the caller's transaction."""
    force = _notifying_force(by, force)
    if not notifications:
        return []
    references = {told.reference.strip() for told, _ in notifications}
    known = {
        episode.police_report.reference: episode
        for episode in Episode.objects.select_related("police_report", "person").filter(
            police_report__agency=force, police_report__reference__in=references
        )
        if episode.police_report is not None
    }
    try:
        with transaction.atomic():
            return _in_bulk(by, force, notifications, known)
    except IntegrityError:
        # Another import of the same reports won a race: one at a time, as notify_missing
        # does, which finds what the other one made.
        return [_one(by, force, told, back) for told, back in notifications]


def _one(
    by: User, force: Agency, told: PoliceNotification, back: ReturnAsTold | None
) -> Episode | NotReady:
    try:
        with transaction.atomic():
            episode, _ = notify_missing(by=by, notification=told, force=force)
            if back is not None and episode.returned_at is None:
                episode = notify_return(
                    by=by,
                    reference=told.reference,
                    returned_at=back.returned_at,
                    where_found=back.where_found,
                    force=force,
                )
    except NotReady as exc:
        return exc
    return episode


def _problems(
    force: Agency, told: PoliceNotification, back: ReturnAsTold | None, now: datetime
) -> list[str]:
    """What notify_missing, then the return, would refuse, in the order they check."""
    problems = [
        reason
        for _, reason in report_problems(
            started_at=told.started_at, reported_to_police_at=told.reported_at, now=now
        )
    ]
    if problems:
        return problems
    if force.kind != AgencyKind.POLICE:
        return ["Choose the police force that holds the report"]
    if not told.reference.strip():
        return ["Enter the police reference"]
    if told.risk_grade not in RiskGrade.values:
        return ["Select the police risk grade"]
    if back is None:
        return []
    problems = return_problems(
        started_at=told.started_at, returned_at=utc(back.returned_at), now=now
    )
    if not back.where_found.strip():
        problems.append("Enter where the child was found")
    return problems


def _in_bulk(
    by: User, force: Agency, notifications: Sequence[Told], known: dict[str, Episode]
) -> list[Episode | NotReady]:
    now = timezone.now()
    reports = {
        report.reference: report
        for report in PoliceReport.objects.filter(
            agency=force, reference__in={told.reference.strip() for told, _ in notifications}
        )
    }
    results: list[Episode | NotReady] = []
    created: list[Episode] = []
    returns: list[tuple[int, Episode, ReturnAsTold]] = []
    for told, back in notifications:
        reference = told.reference.strip()
        episode = known.get(reference)
        if episode is None:
            problems = _problems(force, told, back, now)
            if problems:
                results.append(NotReady(problems))
                continue
            episode = _episode(by, force, told, _report(by, force, told, reports, now), now)
            known[reference] = episode
            created.append(episode)
        if back is not None:
            returns.append((len(results), episode, back))
        results.append(episode)
    PoliceReport.objects.bulk_create([e.police_report for e in created if e.police_report])
    earlier = _earlier_starts(created)
    Episode.objects.bulk_create(created)
    record_events([_notified(by, episode) for episode in created])
    _check_repeats(by, created, earlier)
    for index, episode, back in returns:
        if episode.returned_at is not None:
            continue
        try:
            with transaction.atomic():
                _return(by, episode, back.returned_at, back.where_found, None)
        except NotReady as exc:
            results[index] = exc
    return results


def _report(
    by: User,
    force: Agency,
    told: PoliceNotification,
    reports: dict[str, PoliceReport],
    now: datetime,
) -> PoliceReport:
    """The force's report, by its reference, as `_police_report` makes or re-grades it. A new
    one is only built here; `_in_bulk` inserts them together."""
    reference = told.reference.strip()
    report = reports.get(reference)
    if report is None:
        return PoliceReport(
            agency=force,
            reference=reference,
            risk_grade=told.risk_grade,
            reported_at=told.reported_at,
            circumstances=told.circumstances,
            recorded_at=now,
            recorded_by=by,
        )
    if report.risk_grade != told.risk_grade:
        PoliceReport.objects.filter(pk=report.pk).update(risk_grade=told.risk_grade)
        report.refresh_from_db()
    return report


def _episode(
    by: User, force: Agency, told: PoliceNotification, report: PoliceReport, now: datetime
) -> Episode:
    child = told.child
    report.agency = force
    return Episode(
        person=told.person,
        first_name=child.first_name.strip(),
        last_name=child.last_name.strip(),
        date_of_birth=child.date_of_birth,
        sex=child.sex,
        started_at=told.started_at,
        missing_from=told.missing_from.strip(),
        reported_to_police_at=told.reported_at,
        police_report=report,
        recorded_at=now,
        recorded_by=by,
    )


def _notified(by: User, episode: Episode) -> Event:
    """The `missing_notified` event `_create_notified` writes."""
    return Event(
        actor=by,
        verb="missing_notified",
        person=episode.person,
        data={
            "episode": str(episode.pk),
            "started_at": iso(episode.started_at),
            "missing_from": episode.missing_from,
            **_report_data(episode.police_report),
        },
    )


def _earlier_starts(created: list[Episode]) -> dict[Any, list[datetime]]:
    """When each linked child's episodes already recorded started, near the new ones (read
    before the new ones are written)."""
    linked = [e for e in created if e.person_id is not None]
    starts: dict[Any, list[datetime]] = defaultdict(list)
    if not linked:
        return starts
    reach = timedelta(days=setting(REPEAT_WINDOW_DAYS) + 1)
    rows = Episode.objects.filter(
        person_id__in={e.person_id for e in linked},
        started_at__gte=min(e.started_at for e in linked) - reach,
        started_at__lte=max(e.started_at for e in linked) + reach,
    ).values_list("person_id", "started_at")
    for person, started in rows:
        starts[person].append(started)
    return starts


def _check_repeats(by: User, created: list[Episode], starts: dict[Any, list[datetime]]) -> None:
    """`check_repeat_missing` for each new episode in order: each counts the child's episodes
    recorded before it and itself, as it would have seen them written one at a time."""
    linked = [e for e in created if e.person_id is not None]
    if not linked:
        return
    threshold, window = setting(REPEAT_EPISODES), setting(REPEAT_WINDOW_DAYS)
    reach = timedelta(days=window + 1)
    for episode in linked:
        seen = starts[episode.person_id]
        seen.append(episode.started_at)
        low, high = episode.started_at - reach, episode.started_at + reach
        count = most_episodes_in_a_window(
            local_date(episode.started_at),
            [local_date(s) for s in seen if low <= s <= high],
            window,
        )
        if count >= threshold:
            flag_repeat_missing(by, episode, count, threshold, window)
