"""What each scheduled job does (the table is schedule.py). Each returns a one-line summary for
its JobRun, with counts only: never a name or anything else about a child."""

from __future__ import annotations

import logging
from io import StringIO

from django.conf import settings
from django.core.mail import mail_admins
from django.core.management import call_command
from django.core.management.base import CommandError

from frontdoor.notices.notice import Notice, send

logger = logging.getLogger(__name__)


class JobFailed(Exception):
    """The job ran and found something wrong (the audit chain broken): an alert, not a bug."""


def sweep() -> str:
    out = StringIO()
    call_command("sweep", stdout=out)
    return "; ".join(line for line in out.getvalue().splitlines() if line)


def deliver_webhooks() -> str:
    out = StringIO()
    call_command("deliver_webhooks", stdout=out)
    return out.getvalue().strip()


def fail_stuck_batches() -> str:
    from frontdoor.police.actions import fail_stuck_batches as fail

    return f"Police batches marked failed: {fail()}"


def verify_audit() -> str:
    out = StringIO()
    try:
        call_command("verify_audit", stdout=out)
    except CommandError as exc:
        alert(f"The audit chain failed its nightly check: {exc}")
        raise JobFailed(str(exc)) from exc
    return "; ".join(line.split(";")[0] for line in out.getvalue().splitlines() if line)


def clear_sessions() -> str:
    call_command("clearsessions")
    call_command("prune_db_task_results", min_age_days=7, verbosity=0)
    return "Expired sessions and task results older than 7 days deleted"


def alert(message: str) -> None:
    """Tell the people who run the service: a CRITICAL log line (for the log shipper's alert
    rule) and an email to FRONTDOOR_ALERT_EMAILS. `message` must hold no personal data."""
    logger.critical("alert: %s", message)
    subject = f"{settings.FRONTDOOR_SERVICE_NAME} alert"
    recipients = list(getattr(settings, "FRONTDOOR_ALERT_EMAILS", []))
    try:
        if recipients:
            send(Notice(subject, [message], recipients=recipients))
        else:
            mail_admins(subject, message)
    except Exception:  # the log line above is the alert of last resort
        logger.exception("alert: the email could not be sent")
