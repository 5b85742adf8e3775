"""Background notice to a worker that urgent reviews have been assigned to them. A count, a date
and a link only: no child's name or any other personal data (../shared/SECURITY.md)."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django_tasks import task

from frontdoor.access.models import User


@task()
def tell_worker_about_urgent_reviews(user_id: int, count: int, due_on: str) -> int:
    worker = User.objects.filter(pk=user_id, is_active=True).first()
    if worker is None or not worker.email:
        return 0
    link = settings.FRONTDOOR_BASE_URL.rstrip("/") + reverse("oversight:my-reviews")
    return send_mail(
        subject=f"{settings.FRONTDOOR_COUNCIL_NAME} MASH: urgent reviews assigned to you",
        message=(
            f"A manager has assigned you {count} urgent review{'s' if count != 1 else ''} of "
            f"children waiting in the front door, due by {due_on}.\n\n"
            f"See them (sign-in needed):\n{link}\n\n"
            "This email holds no personal data on purpose."
        ),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[worker.email],
    )
