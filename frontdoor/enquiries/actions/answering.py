"""A partner agency answering an enquiry: once, whatever the network does.

A double submit or a retry carries the same key (the form's one-time token, the API's
Idempotency-Key) and gets the first answer back; another answer is refused. The database's
one-answer-per-enquiry constraint is the last word when two arrive at the same moment.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone

from frontdoor.access.policies import require
from frontdoor.audit.actions import record_event
from frontdoor.enquiries.actions.notify import enqueue_after_commit
from frontdoor.enquiries.models import Answer, Attachment, Enquiry, KnownToAgency
from frontdoor.enquiries.uploads import CheckedFile
from frontdoor.enquiries.workflow import ENQUIRY, when_said
from frontdoor.workflow.compare_and_set import move
from frontdoor.workflow.errors import IllegalTransition, NotReady, StaleRecord

if TYPE_CHECKING:
    from frontdoor.access.models import User


class AlreadyAnswered(IllegalTransition):
    def __init__(self, answer: Answer) -> None:
        self.answer = answer
        super().__init__(
            f"This request was already answered on {when_said(answer.answered_at)}. "
            "Your answer has not been saved again."
        )


@dataclass(frozen=True)
class AnswerDetails:
    known: str
    summary: str
    known_risks: str = ""
    attachments: Sequence[CheckedFile] = ()
    # The form's one-time token or the API's Idempotency-Key: the same key gets the same answer.
    idempotency_key: str = ""


def _answer_problems(details: AnswerDetails) -> list[tuple[str, str]]:
    """Each problem with the input it is about (the API names it in a 422's `loc`)."""
    problems = []
    if details.known not in KnownToAgency.values:
        problems.append(("known", "Select yes if the child or family is known to your agency"))
    if not details.summary.strip():
        problems.append(("summary", "Enter what your agency knows about the child and family"))
    if details.known == KnownToAgency.YES and not details.known_risks.strip():
        problems.append(
            ("known_risks", "Enter the risks your agency knows of, or write 'None known'")
        )
    most = settings.FRONTDOOR_ENQUIRY_ATTACHMENTS_MAX
    if len(details.attachments) > most:
        problems.append(("attachments", f"Attach at most {most} files"))
    return problems


def _replay(existing: Answer, details: AnswerDetails) -> tuple[Answer, bool]:
    if details.idempotency_key and details.idempotency_key == existing.idempotency_key:
        return existing, False
    raise AlreadyAnswered(existing)


def answer_enquiry(*, by: User, enquiry: Enquiry, details: AnswerDetails) -> tuple[Answer, bool]:
    """A partner agency officer answers their agency's enquiry in writing. Returns the answer
    and whether it was made now: answering again with the same key (a double click, a network
    retry) returns the first answer; with another key, it is refused. Never two answers."""
    require(by, "answer_enquiry")
    if by.agency_id != enquiry.agency_id:
        raise Http404  # another agency's enquiry does not exist, as far as this user knows
    existing = Answer.objects.filter(enquiry=enquiry).first()
    if existing is not None:
        return _replay(existing, details)
    ENQUIRY.next("answer_enquiry", enquiry.status)
    if problems := _answer_problems(details):
        raise NotReady.about(problems)
    try:
        with transaction.atomic():
            answer = _save_answer(by, enquiry, details)
    except (StaleRecord, IntegrityError):
        existing = Answer.objects.filter(enquiry=enquiry).first()
        if existing is None:
            enquiry.refresh_from_db()
            ENQUIRY.next("answer_enquiry", enquiry.status)  # withdrawn meanwhile: say so
            raise
        return _replay(existing, details)
    transaction.on_commit(
        partial(enqueue_after_commit, "tell_the_hub_an_answer_arrived", enquiry.pk)
    )
    return answer, True


def _save_answer(by: User, enquiry: Enquiry, details: AnswerDetails) -> Answer:
    now = timezone.now()
    move(enquiry, ENQUIRY, "answer_enquiry", answered_at=now)
    answer = Answer.objects.create(
        enquiry=enquiry,
        known=details.known,
        summary=details.summary.strip(),
        known_risks=details.known_risks.strip(),
        answered_by=by,
        answered_at=now,
        idempotency_key=details.idempotency_key[:100],
    )
    Attachment.objects.bulk_create(
        Attachment(
            answer=answer,
            filename=f.filename,
            content_type=f.content_type,
            size=f.size,
            sha256=f.sha256,
            content=f.content,
        )
        for f in details.attachments
    )
    enquiry.refresh_from_db()
    record_event(
        actor=by,
        verb="enquiry_answered",
        family_contact=enquiry.family,
        data={
            "enquiry": str(enquiry.pk),
            "agency": enquiry.agency.name,
            "known": details.known,
            "on_time": now <= enquiry.due_at,
            "attachments": len(details.attachments),
        },
    )
    return answer
