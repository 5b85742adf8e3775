"""The only writers of restrictions, allow-list grants and break-glass (../shared/SECURITY.md, 4),
and of the system administrator's changes to who may get in: service accounts, their API tokens,
and resetting a person's second factor (issue 13).

Each follows the house order: policy, guards, write, audit event in the same transaction, side
effects after commit. Break-glass is the one that matters most: it needs a typed reason and a
recent re-authentication (the view checks `step_up.is_recent` before calling), writes a
high-severity event, and tells the information governance lead once the transaction commits.
Resetting a second factor is the same kind of thing: a reason, a recent re-authentication, a
high-severity event.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, NamedTuple

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone
from django_otp import devices_for_user

from frontdoor.access import kept_answers, tokens
from frontdoor.access.models import AccessGrant, ApiToken, BreakGlass, RestrictedRecord, User
from frontdoor.access.policies import require
from frontdoor.access.records import current_reading
from frontdoor.audit.actions import record_event
from frontdoor.audit.models import Severity

if TYPE_CHECKING:
    from frontdoor.agencies.models import Agency
    from frontdoor.people.models import Person
    from frontdoor.teams.models import Team

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
            # Nobody is on the allow-list yet: answers anyone typed about the child and kept
            # across a sign-out are forgotten with everything else they may no longer read.
            forgotten = kept_answers.forget_about(person)
            record_event(
                actor=by,
                verb="record_restricted",
                person=person,
                reason=reason,
                data={"kept_answers_forgotten": forgotten} if forgotten else None,
            )
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
            person = grant.restriction.person
            forgotten = kept_answers.forget_about(person, users=[grant.user])
            record_event(
                actor=by,
                verb="access_grant_revoked",
                person=person,
                data={"user": grant.user_id, "kept_answers_forgotten": forgotten},
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


# --- Service accounts and their API tokens (issue 13) -------------------------------------------


class NotAServiceAccount(ValueError):
    """A token was asked for a person, or for a disabled account."""


class Issued(NamedTuple):
    token: str  # shown once, never stored
    api_token: ApiToken


def create_service_account(
    *,
    by: User,
    username: str,
    name: str,
    role: str,
    team: Team | None = None,
    agency: Agency | None = None,
) -> User:
    """Another system's account: the role (and agency) its work needs, no usable password, so
    it can never sign in to the pages; it works only through the API, with a token."""
    require(by, "create_service_account")
    account = User(
        username=username,
        first_name=name.strip(),  # the system's name, shown as the account's name
        role=role,
        team=team,
        agency=agency,
        is_service_account=True,
    )
    account.set_unusable_password()
    account.full_clean()  # a clear message for a taken username or a partner with no agency
    with transaction.atomic():
        account.save()
        record_event(
            actor=by,
            verb="service_account_created",
            data={"user": account.pk, "username": username, "role": role},
        )
    return account


def issue_api_token(*, by: User, user: User, name: str) -> Issued:
    """A new token for a service account, lasting settings.FRONTDOOR_API_TOKEN_DAYS."""
    require(by, "issue_api_token")
    name = name.strip()
    if not name:
        raise ValueError("Say what the token is for")
    token = tokens.new_token()
    now = timezone.now()
    with transaction.atomic():
        # The account as it is in the database now, not as the caller last read it.
        if not User.objects.filter(pk=user.pk, is_service_account=True, is_active=True).exists():
            raise NotAServiceAccount(
                f"{user.username} is not an active service account. Only a service account "
                "may hold an API token: a person signs in with a password and a code instead"
            )
        row = ApiToken.objects.create(
            user=user,
            name=name,
            prefix=token[:8],
            digest=tokens.digest(token),
            created_at=now,
            expires_at=now + timedelta(days=settings.FRONTDOOR_API_TOKEN_DAYS),
        )
        record_event(actor=by, verb="api_token_issued", data=_token_data(row))
    return Issued(token, row)


def revoke_api_token(*, by: User, api_token: ApiToken, reason: str) -> bool:
    """Stop a token working from the next request. False if it was already revoked."""
    require(by, "revoke_api_token")
    reason = _reason(reason)
    with transaction.atomic():
        changed = ApiToken.objects.filter(pk=api_token.pk, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
        if changed:
            record_event(
                actor=by, verb="api_token_revoked", reason=reason, data=_token_data(api_token)
            )
    return bool(changed)


def _token_data(row: ApiToken) -> dict[str, object]:
    return {
        "token": str(row.public_id),
        "prefix": row.prefix,
        "name": row.name,
        "user": row.user_id,
        "username": row.user.username,
        "expires_at": row.expires_at.isoformat(),
    }


# --- Resetting a second factor (issue 13) --------------------------------------------------------


class OwnSecondFactor(ValueError):
    """An administrator tried to reset their own second factor."""


def reset_second_factor(*, by: User, user: User, reason: str) -> int:
    """Remove every authenticator app and recovery code of `user` and end their sessions, so
    they set up a new app at their next sign-in (the code page sends someone with neither to
    the set-up page). Returns how many sessions were ended.

    Only for someone who has lost their app, once who they are has been checked some other way:
    until they set up a new app, their password alone lets them do so. Never for oneself, so a
    stolen administrator's session cannot quietly swap its own second factor."""
    require(by, "reset_second_factor")
    reason = _reason(reason)
    if user.pk == by.pk:
        raise OwnSecondFactor("Ask another administrator to reset your own second factor")
    with transaction.atomic():
        removed = 0
        for device in devices_for_user(user, confirmed=None):
            device.delete()  # a recovery-code device takes its codes with it
            removed += 1
        ended = _end_sessions_of(user)
        record_event(
            actor=by,
            verb="second_factor_reset",
            reason=reason,
            severity=Severity.HIGH,
            data={
                "user": user.pk,
                "username": user.username,
                "devices_removed": removed,
                "sessions_ended": ended,
            },
        )
    return ended


def _end_sessions_of(user: User) -> int:
    """Delete the user's live sessions (settings.SESSION_ENGINE is the database). Sessions are
    not indexed by user, so each live one is read: a few thousand at most, at 12 hours each,
    and a reset is rare. Without this, a session left open somewhere (perhaps on the device that
    was lost) would lose its second factor and be sent straight to set up a new app, with no
    password asked for again."""
    now = timezone.now()
    theirs = [
        session.pk
        for session in Session.objects.filter(expire_date__gt=now).iterator()
        if session.get_decoded().get(SESSION_KEY) == str(user.pk)
    ]
    Session.objects.filter(pk__in=theirs).delete()
    return len(theirs)
