"""Notifications about MASH enquiries, sent as background tasks (django-tasks) after the commit
that caused them.

None holds personal data: no child's or family's name, no concern, no answer. Each says only
that something needs doing, by when, and gives a link that needs the reader's own sign-in (and
their agency's) to follow. Email is not a safe place for a child's name.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from frontdoor.enquiries.models import Enquiry
from frontdoor.notices.notice import Notice, link_to, send


def _when(enquiry: Enquiry) -> str:
    local = timezone.localtime(enquiry.due_at)
    return f"{local.day} {local:%B %Y at %H:%M}"


def _notify(subject: str, lines: list[str], **rest: Any) -> int:
    return send(Notice(subject, lines, **rest))


def _enquiry(enquiry_id: str) -> Enquiry | None:
    return Enquiry.objects.select_related("agency", "sent_by").filter(pk=enquiry_id).first()


@task()
def tell_agency_about_a_new_enquiry(enquiry_id: str) -> int:
    enquiry = _enquiry(enquiry_id)
    if enquiry is None:
        return 0
    return _notify(
        f"{settings.FRONTDOOR_COUNCIL_NAME} MASH: a request for information",
        [
            f"The {settings.FRONTDOOR_COUNCIL_NAME} MASH has asked {enquiry.agency.name} for "
            f"information about a child. Please answer by {_when(enquiry)}.",
        ],
        link=link_to("partners:request", enquiry.pk),
        link_words="Read and answer it",
        recipients=[enquiry.agency.mailbox] if enquiry.agency.mailbox else [],
    )


@task()
def tell_agency_an_enquiry_is_overdue(enquiry_id: str) -> int:
    enquiry = _enquiry(enquiry_id)
    if enquiry is None:
        return 0
    return _notify(
        f"{settings.FRONTDOOR_COUNCIL_NAME} MASH: a request for information is overdue",
        [
            f"A request for information from the {settings.FRONTDOOR_COUNCIL_NAME} MASH to "
            f"{enquiry.agency.name} was due by {_when(enquiry)} and has not been answered. "
            "A child may be waiting on it.",
        ],
        link=link_to("partners:request", enquiry.pk),
        link_words="Answer it now",
        recipients=[enquiry.agency.mailbox] if enquiry.agency.mailbox else [],
    )


@task()
def tell_agency_lead_an_enquiry_is_escalated(enquiry_id: str) -> int:
    enquiry = _enquiry(enquiry_id)
    if enquiry is None:
        return 0
    return _notify(
        f"Escalation: a {settings.FRONTDOOR_COUNCIL_NAME} MASH request is still unanswered",
        [
            f"You are the safeguarding lead for {enquiry.agency.name}. A request for "
            f"information from the {settings.FRONTDOOR_COUNCIL_NAME} MASH was due by "
            f"{_when(enquiry)}. It was chased, and it is still unanswered.",
            "Please make sure it is answered today.",
        ],
        link=link_to("partners:request", enquiry.pk),
        link_words="The request",
        recipients=[enquiry.agency.lead_email] if enquiry.agency.lead_email else [],
    )


@task()
def tell_the_hub_an_answer_arrived(enquiry_id: str) -> int:
    enquiry = _enquiry(enquiry_id)
    if enquiry is None or not enquiry.sent_by.email:
        return 0
    return _notify(
        "A partner agency has answered your MASH enquiry",
        [
            f"{enquiry.agency.name} has answered a request for information you sent.",
        ],
        link=link_to("enquiries:enquiry", enquiry.pk),
        link_words="Read the answer",
        recipients=[enquiry.sent_by.email],
    )
