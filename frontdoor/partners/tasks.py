"""Background notification to a partner agency that the MASH has fed back on a referral it
submitted online. A link only: no child's name, no outcome (that is behind the agency's sign-in).
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django_tasks import task

from frontdoor.contacts.models import FamilyContact


@task()
def tell_agency_about_feedback(family_id: str) -> int:
    family = (
        FamilyContact.objects.select_related("submitted_by_agency").filter(pk=family_id).first()
    )
    agency = family.submitted_by_agency if family else None
    if family is None or agency is None or not agency.mailbox:
        return 0
    link = settings.FRONTDOOR_BASE_URL.rstrip("/") + reverse(
        "partners:referral", kwargs={"pk": family.pk}
    )
    return send_mail(
        subject=f"{settings.FRONTDOOR_COUNCIL_NAME} MASH: feedback on your referral",
        message=(
            f"The {settings.FRONTDOOR_COUNCIL_NAME} MASH has given feedback on a referral "
            f"{agency.name} sent online (reference {family.reference}).\n\n"
            f"Read it (sign-in needed):\n{link}\n\n"
            "This email holds no personal data on purpose."
        ),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[agency.mailbox],
    )
