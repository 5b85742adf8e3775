"""Background notice to a worker that urgent reviews have been assigned to them. A count, a date
and a link only: no child's name or any other personal data (../shared/SECURITY.md)."""

from __future__ import annotations

from django.conf import settings
from django_tasks import task

from frontdoor.access.models import User
from frontdoor.notices.notice import Notice, link_to, send


@task()
def tell_worker_about_urgent_reviews(user_id: int, count: int, due_on: str) -> int:
    worker = User.objects.filter(pk=user_id, is_active=True).first()
    if worker is None or not worker.email:
        return 0
    return send(
        Notice(
            f"{settings.FRONTDOOR_COUNCIL_NAME} MASH: urgent reviews assigned to you",
            [
                f"A manager has assigned you {count} urgent review{'s' if count != 1 else ''} "
                f"of children waiting in the front door, due by {due_on}."
            ],
            link=link_to("oversight:my-reviews"),
            link_words="See them",
            recipients=[worker.email],
        )
    )
