"""A notice: what it says, where it links, and who it goes to."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import partial

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse


@dataclass(frozen=True)
class Notice:
    subject: str
    lines: Sequence[str]  # paragraphs: no child's or family's name, no concern, no answer
    link: str = ""  # a path on this service ("/partners/requests/…/"), made absolute here
    link_words: str = "Read it"
    recipients: Sequence[str] = field(default_factory=tuple)


def link_to(route: str, *args: object) -> str:
    """The path of a page, for a notice's link."""
    return reverse(route, args=args)


def body(notice: Notice) -> str:
    """The notice in its frame, its link on the service's public address."""
    base = settings.FRONTDOOR_BASE_URL.rstrip("/")
    return (
        render_to_string(
            "notices/notice.txt",
            {
                "lines": notice.lines,
                "link": f"{base}{notice.link}" if notice.link else "",
                "link_words": notice.link_words,
                "council": settings.FRONTDOOR_COUNCIL_NAME,
            },
        ).strip()
        + "\n"
    )


def send(notice: Notice) -> int:
    """Send now (from a task the queue runs). A failure raises, so the task's result says so."""
    recipients = sorted(set(notice.recipients))
    if not recipients:
        return 0
    return send_mail(
        subject=notice.subject,
        message=body(notice),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=recipients,
    )


def after_commit(notice: Notice) -> None:
    """Queue the notice once the surrounding transaction commits (never if it rolls back)."""
    transaction.on_commit(partial(_enqueue, notice))


def _enqueue(notice: Notice) -> None:
    from frontdoor.notices.tasks import deliver

    deliver.enqueue(notice.subject, body(notice), sorted(set(notice.recipients)))
