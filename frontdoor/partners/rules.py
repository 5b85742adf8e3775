"""What a referrer is told, and how. Pure: no database.

A partner agency sees its own submissions with an acknowledgement and, once the MASH has given
feedback, the outcome for each child: the outcome only, never the rationale, the screening or
anything another agency said (domain brief, section 7). Feedback is due within one working day
of the manager's decision (timescale `referrer_feedback`); its timeliness is a measure.
"""

from __future__ import annotations

from django.db import models

from frontdoor.contacts.workflow import Status


class FeedbackMethod(models.TextChoices):
    PORTAL = "portal", "On the partner pages (the referrer reads it there)"
    PHONE = "phone", "Phone call"
    EMAIL = "email", "Secure email"
    LETTER = "letter", "Letter"
    IN_PERSON = "in_person", "In person or at a meeting"


class Progress(models.TextChoices):
    """A child's contact, in words for the referrer's agency."""

    RECEIVED = "received", "Received"
    BEING_CONSIDERED = "being_considered", "Being considered by the MASH"
    DECIDED = "decided", "Decided: feedback to follow"
    FED_BACK = "fed_back", "Outcome shared"


def progress(status: str, fed_back: bool) -> Progress:
    if status == Status.DECIDED:
        return Progress.FED_BACK if fed_back else Progress.DECIDED
    if status == Status.AWAITING_SCREENING:
        return Progress.RECEIVED
    return Progress.BEING_CONSIDERED


PROGRESS_COLOURS = {
    Progress.RECEIVED: "grey",
    Progress.BEING_CONSIDERED: "blue",
    Progress.DECIDED: "purple",
    Progress.FED_BACK: "green",
}

# A referrer is identifiable, and so owed feedback, unless the contact was anonymous.
ANONYMOUS_SOURCE = "9"


def referrer_identifiable(*, source_code: str, referrer_name: str) -> bool:
    name = referrer_name.strip().lower()
    return source_code != ANONYMOUS_SOURCE and name not in ("", "anonymous", "not given")
