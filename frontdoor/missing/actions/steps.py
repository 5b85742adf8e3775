"""What every missing-episode action does the same way: the audit event about the child, and
times in UTC. (Each moves an episode with the workflow kernel's compare-and-set.)"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from frontdoor.audit.actions import record_event
from frontdoor.missing.models import Episode

if TYPE_CHECKING:
    from frontdoor.access.models import User


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
