"""Background notification to a partner agency that the MASH has fed back on a referral it
submitted online. A link only: no child's name, no outcome (that is behind the agency's sign-in).
"""

from __future__ import annotations

from django.conf import settings
from django_tasks import task

from frontdoor.contacts.models import FamilyContact
from frontdoor.notices.notice import Notice, link_to, send


@task()
def tell_agency_about_feedback(family_id: str) -> int:
    family = (
        FamilyContact.objects.select_related("submitted_by_agency").filter(pk=family_id).first()
    )
    agency = family.submitted_by_agency if family else None
    if family is None or agency is None or not agency.mailbox:
        return 0
    return send(
        Notice(
            f"{settings.FRONTDOOR_COUNCIL_NAME} MASH: feedback on your referral",
            [
                f"The {settings.FRONTDOOR_COUNCIL_NAME} MASH has given feedback on a referral "
                f"{agency.name} sent online (reference {family.reference}).",
            ],
            link=link_to("partners:referral", family.pk),
            recipients=[agency.mailbox],
        )
    )
