"""The only writers of restrictions, allow-list grants and break-glass (../shared/SECURITY.md, 4).

Each follows the house order: policy, guards, write, audit event in the same transaction, side
effects after commit. Break-glass is the one that matters most: it needs a typed reason and a
recent re-authentication (the view checks `step_up.is_recent` before calling), writes a
high-severity event, and tells the information governance lead once the transaction commits.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from frontdoor.access.models import AccessGrant, BreakGlass, RestrictedRecord, User
from frontdoor.access.policies import require
from frontdoor.access.records import current_reading
from frontdoor.audit.actions import record_event
from frontdoor.audit.models import Severity

if TYPE_CHECKING:
    from frontdoor.people.models import Person

logger = logging.getLogger(__name__)

BREAK_GLASS_MINUTES = 60
MAX_GRANT_DAYS = 366
MIN_REASON_LENGTH = 10


class ReasonNeeded(ValueError):
    """A restriction, grant or break-glass was asked for without a real reason."""


def _reason(text: str) -> str:
    text = text.strip()
    if len(text) < MIN_REASON_LENGTH:
        raise ReasonNeeded(f"Give a reason of at least {MIN_REASON_LENGTH} characters")
    return text


def restrict_person(*, by: User, person: Person, reason: str) -> RestrictedRecord:
    require(by, "manage_restrictions")
    reason = _reason(reason)
    with transaction.atomic():
        restriction, created = RestrictedRecord.objects.get_or_create(
            person=person,
            defaults={"reason": reason, "restricted_at": timezone.now(), "restricted_by": by},
        )
        if created:
            record_event(actor=by, verb="record_restricted", person=person, reason=reason)
    return restriction


def grant_access(
    *, by: User, person: Person, user: User, expires_at: datetime, reason: str
) -> AccessGrant:
    """Put `user` on the person's allow-list until `expires_at` (at most a year ahead)."""
    require(by, "manage_restrictions")
    reason = _reason(reason)
    now = timezone.now()
    if not now < expires_at <= now + timedelta(days=MAX_GRANT_DAYS):
        raise ValueError("A grant must end in the future, and within a year")
    with transaction.atomic():
        restriction = RestrictedRecord.objects.get(person=person)
        grant = AccessGrant.objects.create(
            restriction=restriction,
            user=user,
            reason=reason,
            granted_at=now,
            granted_by=by,
            expires_at=expires_at,
        )
        record_event(
            actor=by,
            verb="access_granted",
            person=person,
            reason=reason,
            data={"user": user.pk, "expires_at": expires_at.isoformat()},
        )
    return grant


def revoke_grant(*, by: User, grant: AccessGrant) -> None:
    require(by, "manage_restrictions")
    with transaction.atomic():
        changed = AccessGrant.objects.filter(pk=grant.pk, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
        if changed:
            record_event(
                actor=by,
                verb="access_grant_revoked",
                person=grant.restriction.person,
                data={"user": grant.user_id},
            )


def break_glass(*, by: User, person: Person, reason: str) -> BreakGlass:
    """Open a restricted record in an emergency, for BREAK_GLASS_MINUTES."""
    require(by, "break_glass")
    reason = _reason(reason)
    now = timezone.now()
    with transaction.atomic():
        restriction = RestrictedRecord.objects.get(person=person)
        opened = BreakGlass.objects.create(
            restriction=restriction,
            user=by,
            reason=reason,
            opened_at=now,
            expires_at=now + timedelta(minutes=BREAK_GLASS_MINUTES),
        )
        record_event(
            actor=by,
            verb="restricted_record_opened",
            person=person,
            reason=reason,
            severity=Severity.HIGH,
            data={"break_glass": str(opened.pk)},
        )
        transaction.on_commit(lambda: _notify(opened))
    reading = current_reading()
    if reading is not None:
        reading.forget()  # the rest of this request may open the record now
    return opened


def break_glass_found_nothing(*, by: User, reference: str, reason: str) -> None:
    """Break-glass asked for with an id that is no restricted record. Recorded as seriously as
    one that opens, because it may be someone trying ids to find restricted children."""
    require(by, "break_glass")
    reason = _reason(reason)
    with transaction.atomic():
        record_event(
            actor=by,
            verb="break_glass_found_nothing",
            reason=reason,
            severity=Severity.HIGH,
            data={"reference": reference[:64]},
        )


def _notify(opened: BreakGlass) -> None:
    from frontdoor.access.tasks import tell_governance_lead_about_break_glass

    try:
        tell_governance_lead_about_break_glass.enqueue(str(opened.pk))
    except Exception:
        # The record is already open (committed) for an emergency, so the user is not shown an
        # error; the governance page lists the break-glass, with no notice recorded beside it.
        logger.exception("Break-glass %s: the notice could not be queued", opened.pk)


BREAK_GLASS_NOTICE_SENT = "break_glass_notice_sent"
BREAK_GLASS_NOTICE_NOT_SENT = "break_glass_notice_not_sent"


def record_break_glass_notice(*, opened: BreakGlass, sent_to: int, failure: str = "") -> None:
    """Write down whether the governance lead was told of a break-glass (by the notice task),
    for the governance page. No person on the event: it is not part of the child's timeline."""
    record_event(
        actor=None,
        verb=BREAK_GLASS_NOTICE_NOT_SENT if failure else BREAK_GLASS_NOTICE_SENT,
        severity=Severity.HIGH if failure else Severity.NORMAL,
        data={"break_glass": str(opened.pk), "sent_to": sent_to, "failure": failure},
    )
