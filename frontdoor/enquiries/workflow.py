"""Consent and MASH enquiries: the two small state machines, on one screen. Pure: no database.

Consent belongs to the family contact. It is *given*, or the hub proceeds without it (consent
refused, or not sought) for a lawful reason that a manager must authorise. Enquiries to partner
agencies can be sent only once consent is given or proceeding without it is authorised
(DfE, Information sharing advice for safeguarding practitioners, 2024).

An enquiry is *sent* to one agency, then *answered* by that agency (once: answering twice
returns the first answer) or *withdrawn* by the hub. Being overdue, chased and escalated are
facts about its clock, not states: they are timestamps the sweep sets, once each.
"""

from __future__ import annotations

from datetime import datetime

from django.db import models
from django.utils import timezone

from frontdoor.contacts.workflow import Rag
from frontdoor.workflow.machine import StateMachine


class ConsentPosition(models.TextChoices):
    GIVEN = "given", "Consent given"
    REFUSED = "refused", "Consent refused"
    NOT_SOUGHT = "not_sought", "Consent not sought"


class ConsentStatus(models.TextChoices):
    # No row yet: the position has not been recorded.
    NOT_RECORDED = "not_recorded", "Consent position not recorded"
    GIVEN = "given", "Consent given"
    AWAITING_AUTHORISATION = "awaiting_authorisation", "Awaiting a manager's authorisation"
    AUTHORISED = "authorised", "Proceeding without consent: authorised"
    DECLINED = "declined", "Proceeding without consent: not authorised"


C = ConsentStatus
ANY_CONSENT = frozenset(C)

# action name -> (states it may start from, state it leaves the consent in)
CONSENT_TRANSITIONS: dict[str, tuple[frozenset[str], str]] = {
    "record_consent_given": (ANY_CONSENT, C.GIVEN),
    "record_proceeding_without_consent": (ANY_CONSENT, C.AWAITING_AUTHORISATION),
    "authorise_without_consent": (frozenset({C.AWAITING_AUTHORISATION}), C.AUTHORISED),
    "decline_without_consent": (frozenset({C.AWAITING_AUTHORISATION}), C.DECLINED),
}


class EnquiryStatus(models.TextChoices):
    SENT = "sent", "Sent"
    ANSWERED = "answered", "Answered"
    WITHDRAWN = "withdrawn", "Withdrawn"


E = EnquiryStatus

ENQUIRY_TRANSITIONS: dict[str, tuple[frozenset[str], str]] = {
    "answer_enquiry": (frozenset({E.SENT}), E.ANSWERED),
    "withdraw_enquiry": (frozenset({E.SENT}), E.WITHDRAWN),
}

CONSENT = StateMachine(
    name="consent",
    title="Consent to share information",
    noun="consent record",
    states=ConsentStatus,
    table=CONSENT_TRANSITIONS,
    refusals={
        "authorise_without_consent": "There is nothing waiting for a manager's authorisation",
        "decline_without_consent": "There is nothing waiting for a manager's authorisation",
    },
    starts=(("(a family contact in a hub)", C.NOT_RECORDED),),
    doc="workflow-consent.md",
    module="frontdoor/enquiries/workflow.py",
    about=(
        "Consent belongs to the family contact. It is given, or the hub proceeds without it\n"
        "(refused, or not sought) for a lawful reason that a second manager must authorise.\n"
        "Enquiries can be sent only once consent is given or proceeding without it is authorised."
    ),
)

ENQUIRY = StateMachine(
    name="enquiry",
    title="MASH enquiries to partner agencies",
    noun="request",
    states=EnquiryStatus,
    table=ENQUIRY_TRANSITIONS,
    refusals={
        "answer_enquiry": "This request has been withdrawn by the MASH: it cannot be answered now",
        "withdraw_enquiry": "This request has already been answered or withdrawn",
    },
    starts=(("send_enquiries", E.SENT),),
    ends=(E.ANSWERED, E.WITHDRAWN),
    doc="workflow-enquiries.md",
    module="frontdoor/enquiries/workflow.py",
    about=(
        "An enquiry is sent to one agency, then answered by that agency (once: answering twice\n"
        "returns the first answer) or withdrawn by the hub. Being overdue, chased and escalated\n"
        "are facts about its clock, not states: timestamps the sweep sets, once each."
    ),
)


def when_said(moment: datetime) -> str:
    """A time as a partner reads it on a request or a refusal: "3 March 2026 at 14:00", UK time."""
    local = timezone.localtime(moment)
    return f"{local.day} {local:%B %Y at %H:%M}"


# --- Guards: the reasons a step cannot happen yet ----------------------------------------------


def consent_problems(
    *, position: str, person_asked: str, reason_given: bool, detail: str
) -> list[tuple[str, str]]:
    """What a consent record needs: who was asked (when consent was sought), and for
    proceeding without consent, a lawful reason from the list and why it applies here. Each
    problem with the input it is about (the API names it)."""
    problems = []
    if position in (ConsentPosition.GIVEN, ConsentPosition.REFUSED) and not person_asked.strip():
        problems.append(("person_asked", "Enter who was asked for consent"))
    if position != ConsentPosition.GIVEN:
        if not reason_given:
            problems.append(
                (
                    "without_consent_reason",
                    "Choose the lawful reason for proceeding without consent",
                )
            )
        if not detail.strip():
            problems.append(
                (
                    "without_consent_detail",
                    "Explain why proceeding without consent is justified for this family",
                )
            )
    return problems


def send_blockers(*, consent: str, children_in_hub: int, agencies: int) -> list[str]:
    """A hub sends enquiries once the consent position allows it."""
    reasons = []
    if children_in_hub == 0:
        reasons.append("Enquiries can be sent only while a child in this contact is with a hub")
    if consent == C.NOT_RECORDED:
        reasons.append("Record the family's consent position before sending enquiries")
    elif consent == C.AWAITING_AUTHORISATION:
        reasons.append("A manager must authorise proceeding without consent before enquiries go")
    elif consent == C.DECLINED:
        reasons.append(
            "A manager did not authorise proceeding without consent: record consent again"
        )
    if agencies == 0:
        reasons.append("Choose at least one agency")
    return reasons


RAG_ORDER = {Rag.RED: 0, Rag.AMBER: 1, Rag.GREEN: 2}


def highest_rag(rags: list[str]) -> str:
    """The most urgent RAG among the children: an enquiry about a family is as urgent as its
    most urgent child. An unrated child counts as amber (the middle clock), never as green."""
    rated = [Rag(r) if r else Rag.AMBER for r in rags] or [Rag.AMBER]
    return min(rated, key=lambda r: RAG_ORDER[r]).value


def timescale_for(rag: str) -> str:
    """The timescale key an enquiry's due time comes from: enquiry_red, _amber or _green."""
    return f"enquiry_{Rag(rag).value}"


class Glance(models.TextChoices):
    """What the hub sees at a glance for each agency asked."""

    SENT = "sent", "Sent"
    OVERDUE = "overdue", "Overdue"
    CHASED = "chased", "Overdue: chased"
    ESCALATED = "escalated", "Overdue: escalated"
    ANSWERED = "answered", "Answered"
    ANSWERED_LATE = "answered_late", "Answered late"
    WITHDRAWN = "withdrawn", "Withdrawn"


def glance(
    *,
    status: str,
    due_at: datetime,
    now: datetime,
    answered_at: datetime | None,
    chased_at: datetime | None,
    escalated_at: datetime | None,
) -> Glance:
    if status == E.WITHDRAWN:
        return Glance.WITHDRAWN
    if status == E.ANSWERED:
        late = answered_at is not None and answered_at > due_at
        return Glance.ANSWERED_LATE if late else Glance.ANSWERED
    if escalated_at is not None:
        return Glance.ESCALATED
    if chased_at is not None:
        return Glance.CHASED
    return Glance.OVERDUE if due_at < now else Glance.SENT


GLANCE_COLOURS = {
    Glance.SENT: "blue",
    Glance.OVERDUE: "red",
    Glance.CHASED: "red",
    Glance.ESCALATED: "red",
    Glance.ANSWERED: "green",
    Glance.ANSWERED_LATE: "yellow",
    Glance.WITHDRAWN: "grey",
}
