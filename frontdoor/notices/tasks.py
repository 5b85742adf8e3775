"""The queue's one sender of notices written at commit time."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django_tasks import task


@task()
def deliver(subject: str, message: str, recipients: list[str]) -> int:
    if not recipients:
        return 0
    return send_mail(
        subject=subject,
        message=message,
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=recipients,
    )
