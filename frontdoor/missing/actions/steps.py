"""What every missing-episode action does the same way: compare-and-set, the audit event about
the child, and times in UTC."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from django.db.models import F

from frontdoor.audit.actions import record_event
from frontdoor.missing.models import Episode
from frontdoor.missing.workflow import StaleRecord, next_status

if TYPE_CHECKING:
    from frontdoor.access.models import User


def move(
    episode: Episode, steps: Sequence[str], expected_version: int | None, **changes: object
) -> Episode:
    """Take `steps` from the episode's state, only if nobody has changed it since it was read."""
    version = episode.version if expected_version is None else expected_version
    if version != episode.version:
        raise StaleRecord("episode")
    new_status = episode.status
    for step in steps:
        new_status = next_status(step, new_status)
    updated = Episode.objects.filter(pk=episode.pk, status=episode.status, version=version).update(
        status=new_status, version=F("version") + 1, **changes
    )
    if updated != 1:
        raise StaleRecord("episode")
    episode.refresh_from_db()
    return episode


def check_version(episode: Episode, expected_version: int | None) -> None:
    """A form filled in against an older version is told so first, rather than told that the
    newer state does not allow the step."""
    if expected_version is not None and expected_version != episode.version:
        raise StaleRecord("episode")


def event(by: User, verb: str, episode: Episode, **data: object) -> None:
    record_event(
        actor=by,
        verb=verb,
        person=episode.person,
        data={"episode": str(episode.pk), **data},
    )


def utc(moment: datetime) -> datetime:
    """Every time in, as UTC. Python compares and subtracts two datetimes in the same zone by
    their wall-clock readings, which is wrong across the GMT/BST change; in UTC it is real
    time (see timescales/calendar.py)."""
    return moment.astimezone(UTC)


def iso(moment: datetime | None) -> str:
    return moment.isoformat() if moment else ""
