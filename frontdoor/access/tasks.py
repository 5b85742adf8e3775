"""Background work for access (django-tasks): run after the transaction that caused it commits.

The notification carries no personal data, not even the name of the person who broke glass:
only that it happened, when, and a link that needs the governance lead's own sign-in to follow.
Email is not a safe place for a child's name.

A notice is never dropped silently. Whether it went, or why not, is written to the audit trail
(`actions.record_break_glass_notice`) and shown beside the break-glass on the governance page,
which lists every break-glass whatever became of its email; a notice that cannot be sent is
logged as an error as well. `manage.py check --deploy` refuses production settings without a
recipient (frontdoor/access/checks.py).
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from frontdoor.access import actions
from frontdoor.access.models import BreakGlass, Role, User
from frontdoor.notices.notice import Notice, link_to, send

logger = logging.getLogger(__name__)


def governance_lead_addresses() -> list[str]:
    leads = User.objects.filter(role=Role.IG_LEAD, is_active=True).exclude(email="")
    return sorted({*leads.values_list("email", flat=True), *settings.FRONTDOOR_IG_LEAD_EMAILS})


@task()
def tell_governance_lead_about_break_glass(break_glass_id: str) -> int:
    opened = BreakGlass.objects.filter(pk=break_glass_id).first()
    if opened is None:
        logger.error("Break-glass %s: no such break-glass, so no notice sent", break_glass_id)
        return 0
    recipients = governance_lead_addresses()
    if not recipients:
        logger.error(
            "Break-glass %s: notice NOT sent: no information governance lead has an email "
            "address and FRONTDOOR_IG_LEAD_EMAILS is empty",
            opened.pk,
        )
        actions.record_break_glass_notice(opened=opened, sent_to=0, failure="no_recipient")
        return 0
    when = timezone.localtime(opened.opened_at).strftime("%d %B %Y at %H:%M")
    notice = Notice(
        "Break-glass access to a restricted record",
        [f"A restricted record was opened with break-glass on {when}."],
        link=link_to("governance:break-glass", opened.pk),
        link_words="Review who opened it and why",
        recipients=recipients,
    )
    try:
        sent = send(notice)
    except Exception:
        logger.exception("Break-glass %s: notice NOT sent: the email failed", opened.pk)
        actions.record_break_glass_notice(opened=opened, sent_to=0, failure="email_failed")
        raise  # the task fails, and its result says so, for a retry
    actions.record_break_glass_notice(opened=opened, sent_to=len(recipients))
    return sent
