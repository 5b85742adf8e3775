"""Background work for access (django-tasks): run after the transaction that caused it commits.

The notification carries no personal data, not even the name of the person who broke glass:
only that it happened, when, and a link that needs the governance lead's own sign-in to follow.
Email is not a safe place for a child's name.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from frontdoor.access.models import BreakGlass, Role, User


def governance_lead_addresses() -> list[str]:
    leads = User.objects.filter(role=Role.IG_LEAD, is_active=True).exclude(email="")
    return sorted({*leads.values_list("email", flat=True), *settings.FRONTDOOR_IG_LEAD_EMAILS})


@task()
def tell_governance_lead_about_break_glass(break_glass_id: str) -> int:
    opened = BreakGlass.objects.filter(pk=break_glass_id).first()
    recipients = governance_lead_addresses()
    if opened is None or not recipients:
        return 0
    link = settings.FRONTDOOR_BASE_URL.rstrip("/") + reverse(
        "governance:break-glass", kwargs={"pk": opened.pk}
    )
    when = timezone.localtime(opened.opened_at).strftime("%d %B %Y at %H:%M")
    body = (
        f"A restricted record was opened with break-glass on {when}.\n\n"
        f"Review who opened it and why (sign-in needed):\n{link}\n\n"
        "This email holds no personal data on purpose."
    )
    return send_mail(
        subject="Break-glass access to a restricted record",
        message=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=recipients,
    )
