"""Going missing and coming back: reports by coordinators, notifications by the police (idempotent
by the force's reference), the police report, the link to the child's record, and the return."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone

from frontdoor.access.models import Role
from frontdoor.access.policies import require
from frontdoor.agencies.models import AgencyKind
from frontdoor.missing.actions.repeat import check_repeat_missing
from frontdoor.missing.actions.steps import event, iso, utc
from frontdoor.missing.models import (
    Episode,
    PoliceReport,
)
from frontdoor.missing.queries import (
    ATTEMPT_GAP,
)
from frontdoor.missing.workflow import EPISODE, RiskGrade, report_problems, return_problems
from frontdoor.timescales.queries import due_at
from frontdoor.workflow.compare_and_set import check_version, move
from frontdoor.workflow.errors import NotReady

if TYPE_CHECKING:
    from frontdoor.access.models import User
    from frontdoor.agencies.models import Agency
    from frontdoor.people.models import Person


@dataclass(frozen=True)
class PoliceReportDetails:
    agency: Agency
    reference: str
    risk_grade: str
    reported_at: datetime
    circumstances: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "reported_at", utc(self.reported_at))


@dataclass(frozen=True)
class MissingDetails:
    started_at: datetime
    missing_from: str = ""
    reported_to_police_at: datetime | None = None
    police: PoliceReportDetails | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "started_at", utc(self.started_at))
        if self.reported_to_police_at is not None:
            object.__setattr__(self, "reported_to_police_at", utc(self.reported_to_police_at))


@dataclass(frozen=True)
class ChildAsTold:
    """The child as the police named them, before a coordinator links the record."""

    first_name: str
    last_name: str
    sex: str
    date_of_birth: date | None = None


def _notifying_force(by: User, force: Agency | None) -> Agency:
    """The force a notification is from. A force's own officers and systems send their own;
    MASH staff importing a force's batch (frontdoor/police) name the force, already checked."""
    if force is None or by.role == Role.PARTNER:
        require(by, "notify_missing")
        return _require_police(by)
    require(by, "import_police_batch")
    return force


def _require_police(by: User) -> Agency:
    """A notification comes from a police force's own officers or systems."""
    agency = by.agency
    if agency is None or agency.kind != AgencyKind.POLICE:
        raise PermissionDenied("Only a police force can send missing person notifications.")
    return agency


TAKEN = "That police reference is already recorded for another episode"
# A police force's notification (PoliceNotification) names its inputs as the force does.
_AS_TOLD = {"reported_to_police_at": "reported_at"}


def _police_report(
    by: User, details: PoliceReportDetails, now: datetime, *, at: str = ""
) -> PoliceReport:
    """The force's report, by its reference: made once, and kept up to date when the force
    re-grades the risk. Safe to call again with the same notification. `at` is where the
    report's inputs sit among the action's (`police.` when the report comes with the episode)."""
    if details.agency.kind != AgencyKind.POLICE:
        raise NotReady.about(
            [(at + "police_force_id", "Choose the police force that holds the report")]
        )
    if not details.reference.strip():
        raise NotReady.about([(at + "police_reference", "Enter the police reference")])
    if details.risk_grade not in RiskGrade.values:
        raise NotReady.about([(at + "risk_grade", "Select the police risk grade")])
    report, created = PoliceReport.objects.get_or_create(
        agency=details.agency,
        reference=details.reference.strip(),
        defaults={
            "risk_grade": details.risk_grade,
            "reported_at": details.reported_at,
            "circumstances": details.circumstances,
            "recorded_at": now,
            "recorded_by": by,
        },
    )
    if not created and report.risk_grade != details.risk_grade:
        PoliceReport.objects.filter(pk=report.pk).update(risk_grade=details.risk_grade)
        report.refresh_from_db()
    return report


def _report_data(report: PoliceReport | None) -> dict[str, object]:
    if report is None:
        return {}
    return {
        "police_reference": report.reference,
        "police_force": report.agency.name,
        "risk_grade": report.risk_grade,
        "risk_grade_label": RiskGrade(report.risk_grade).label,
    }


# --- Going missing ------------------------------------------------------------------------------


def report_missing(*, by: User, person: Person, details: MissingDetails) -> Episode:
    """Record that a child known to the council has gone missing."""
    require(by, "report_missing")
    now = timezone.now()
    problems = report_problems(
        started_at=details.started_at,
        reported_to_police_at=details.reported_to_police_at,
        now=now,
    )
    if problems:
        raise NotReady.about(problems)
    with transaction.atomic():
        report = _police_report(by, details.police, now, at="police.") if details.police else None
        if report is not None and Episode.objects.filter(police_report=report).exists():
            raise NotReady.about([("police.police_reference", TAKEN)])
        episode = Episode.objects.create(
            person=person,
            first_name=person.first_name,
            last_name=person.last_name,
            date_of_birth=person.date_of_birth,
            sex=person.sex,
            started_at=details.started_at,
            missing_from=details.missing_from.strip(),
            reported_to_police_at=details.reported_to_police_at
            or (report.reported_at if report else None),
            police_report=report,
            recorded_at=now,
            recorded_by=by,
        )
        event(
            by,
            "missing_reported",
            episode,
            started_at=iso(episode.started_at),
            missing_from=episode.missing_from,
            reported_to_police_at=iso(episode.reported_to_police_at),
            **_report_data(report),
        )
        check_repeat_missing(by, episode)
    return episode


@dataclass(frozen=True)
class PoliceNotification:
    reference: str
    risk_grade: str
    started_at: datetime
    reported_at: datetime
    child: ChildAsTold
    missing_from: str = ""
    circumstances: str = ""
    # The child's record, when the sender's batch was matched to it with confidence.
    person: Person | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "started_at", utc(self.started_at))
        object.__setattr__(self, "reported_at", utc(self.reported_at))


def notify_missing(
    *, by: User, notification: PoliceNotification, force: Agency | None = None
) -> tuple[Episode, bool]:
    """A police force tells the front door a child is missing. Returns the episode, and whether
    it is new: the same reference again returns the first episode and makes nothing new."""
    force = _notifying_force(by, force)
    existing = _notified_episode(force, notification.reference)
    if existing is not None:
        return existing, False
    now = timezone.now()
    problems = report_problems(
        started_at=notification.started_at, reported_to_police_at=notification.reported_at, now=now
    )
    if problems:
        # A force's notification names the time it was told `reported_at`.
        raise NotReady.about([(_AS_TOLD.get(at, at), reason) for at, reason in problems])
    try:
        with transaction.atomic():
            return _create_notified(by, force, notification, now), True
    except IntegrityError:
        # A retry of the same notification won the race: return what it made.
        existing = _notified_episode(force, notification.reference)
        if existing is not None:
            return existing, False
        raise


def _notified_episode(force: Agency, reference: str) -> Episode | None:
    return (
        Episode.objects.select_related("police_report", "person")
        .filter(police_report__agency=force, police_report__reference=reference.strip())
        .first()
    )


def _create_notified(
    by: User, force: Agency, notification: PoliceNotification, now: datetime
) -> Episode:
    report = _police_report(
        by,
        PoliceReportDetails(
            agency=force,
            reference=notification.reference,
            risk_grade=notification.risk_grade,
            reported_at=notification.reported_at,
            circumstances=notification.circumstances,
        ),
        now,
    )
    child = notification.child
    episode = Episode.objects.create(
        person=notification.person,
        first_name=child.first_name.strip(),
        last_name=child.last_name.strip(),
        date_of_birth=child.date_of_birth,
        sex=child.sex,
        started_at=notification.started_at,
        missing_from=notification.missing_from.strip(),
        reported_to_police_at=notification.reported_at,
        police_report=report,
        recorded_at=now,
        recorded_by=by,
    )
    event(
        by,
        "missing_notified",
        episode,
        started_at=iso(episode.started_at),
        missing_from=episode.missing_from,
        **_report_data(report),
    )
    if episode.person_id is not None:
        check_repeat_missing(by, episode)
    return episode


def record_police_report(
    *, by: User, episode: Episode, details: PoliceReportDetails, expected_version: int | None = None
) -> Episode:
    """Link the police's report (reference and risk grade) to an episode recorded without one,
    or record that the force has re-graded the risk."""
    require(by, "report_missing")
    check_version(episode, EPISODE, expected_version)
    if episode.police_report_id is not None and (
        episode.police_report is not None
        and (episode.police_report.agency_id, episode.police_report.reference)
        != (details.agency.pk, details.reference.strip())
    ):
        raise NotReady.about(
            [
                (
                    "police_reference",
                    "This episode already has a police report with another reference",
                )
            ]
        )
    now = timezone.now()
    with transaction.atomic():
        report = _police_report(by, details, now)
        if Episode.objects.filter(police_report=report).exclude(pk=episode.pk).exists():
            raise NotReady.about([("police_reference", TAKEN)])
        reported = episode.reported_to_police_at or report.reported_at
        move(
            episode,
            EPISODE,
            ["record_police_report"],
            expected_version,
            police_report=report,
            reported_to_police_at=reported,
        )
        event(by, "police_report_linked", episode, **_report_data(report))
    return episode


def link_missing_child(
    *, by: User, episode: Episode, person: Person, expected_version: int | None = None
) -> Episode:
    """Say which person record the missing child is. The child's timeline then gets one entry
    summing up the episode so far (its earlier events were about a child not yet linked)."""
    require(by, "link_missing_child")
    check_version(episode, EPISODE, expected_version)
    with transaction.atomic():
        previous = episode.person_id
        move(episode, EPISODE, ["link_missing_child"], expected_version, person=person)
        event(
            by,
            "missing_child_linked",
            episode,
            previous_person=str(previous) if previous else "",
            started_at=iso(episode.started_at),
            returned_at=iso(episode.returned_at),
            where_found=episode.where_found,
            **_report_data(episode.police_report),
        )
        check_repeat_missing(by, episode)
    return episode


# --- The return ---------------------------------------------------------------------------------


def record_return(
    *,
    by: User,
    episode: Episode,
    returned_at: datetime,
    where_found: str,
    expected_version: int | None = None,
) -> Episode:
    """The child is back. Starts the 72-hour interview clock and the attempts clock."""
    require(by, "record_return")
    check_version(episode, EPISODE, expected_version)
    return _return(by, episode, returned_at, where_found, expected_version)


def notify_return(
    *,
    by: User,
    reference: str,
    returned_at: datetime,
    where_found: str,
    force: Agency | None = None,
) -> Episode:
    """A police force tells the front door the child is back. Idempotent: a return already
    recorded is left as it is."""
    force = _notifying_force(by, force)
    episode = _notified_episode(force, reference)
    if episode is None:
        raise NotReady.about(
            [
                (
                    "police_reference",
                    f"There is no missing episode with police reference {reference!r}",
                )
            ]
        )
    if episode.returned_at is not None:
        return episode
    return _return(by, episode, returned_at, where_found, None)


def _return(
    by: User, episode: Episode, returned_at: datetime, where_found: str, version: int | None
) -> Episode:
    EPISODE.next("record_return", episode.status)
    returned_at = utc(returned_at)
    problems = [
        ("returned_at", problem)
        for problem in return_problems(
            started_at=episode.started_at, returned_at=returned_at, now=timezone.now()
        )
    ]
    if not where_found.strip():
        problems.append(("where_found", "Enter where the child was found"))
    if problems:
        raise NotReady.about(problems)
    # Stored once, now: the queue sorts on them, and a later change to a timescale changes
    # only clocks started after it (docs/adr/0004).
    rhi_due = due_at("return_home_interview", returned_at)
    first_attempt_due = due_at(ATTEMPT_GAP, returned_at)
    with transaction.atomic():
        move(
            episode,
            EPISODE,
            ["record_return"],
            version,
            returned_at=returned_at,
            where_found=where_found.strip(),
            rhi_due_at=rhi_due,
            first_attempt_due_at=first_attempt_due,
            next_attempt_due_at=first_attempt_due,
        )
        event(
            by,
            "missing_return_recorded",
            episode,
            returned_at=iso(returned_at),
            where_found=episode.where_found,
            rhi_due_at=iso(rhi_due),
            hours_missing=round((returned_at - episode.started_at).total_seconds() / 3600, 1),
        )
    return episode
