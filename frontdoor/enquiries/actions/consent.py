"""Recording the family's consent, and a manager's authorisation to proceed without it.

Anything but "consent given" waits for a manager, who is never the person who recorded the
position (two people; DfE, Information sharing advice for safeguarding practitioners, 2024).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from frontdoor.access.policies import require
from frontdoor.audit.actions import record_event
from frontdoor.enquiries.models import Consent, ListedReason, ReasonList
from frontdoor.enquiries.workflow import (
    CONSENT,
    ConsentPosition,
    ConsentStatus,
    consent_problems,
    when_said,
)
from frontdoor.workflow.compare_and_set import move
from frontdoor.workflow.errors import IllegalTransition, NotReady, StaleRecord

if TYPE_CHECKING:
    from frontdoor.access.models import User
    from frontdoor.contacts.models import FamilyContact


@dataclass(frozen=True)
class ConsentDetails:
    position: str
    decided_at: datetime
    person_asked: str = ""
    without_consent_reason: ListedReason | None = None
    without_consent_detail: str = ""


def _consent_problems(details: ConsentDetails, now: datetime) -> list[tuple[str, str]]:
    problems = consent_problems(
        position=details.position,
        person_asked=details.person_asked,
        reason_given=details.without_consent_reason is not None,
        detail=details.without_consent_detail,
    )
    reason = details.without_consent_reason
    if reason is not None and (
        reason.reason_list != ReasonList.WITHOUT_CONSENT or not reason.active
    ):
        problems.append(
            ("without_consent_reason", "Choose the lawful reason for proceeding without consent")
        )
    if details.decided_at > now:
        problems.append(("decided_at", "The date consent was decided must be in the past"))
    return problems


def record_consent(
    *,
    by: User,
    family: FamilyContact,
    details: ConsentDetails,
    expected_version: int | None = None,
) -> Consent:
    """Record whether the family's consent was sought and given, refused or not sought. Anything
    but "given" waits for a manager to authorise proceeding without it."""
    require(by, "record_consent")
    now = timezone.now()
    if details.position not in ConsentPosition.values:
        raise NotReady.about(
            [("position", "Select whether consent was given, refused or not sought")]
        )
    if problems := _consent_problems(details, now):
        raise NotReady.about(problems)
    given = details.position == ConsentPosition.GIVEN
    action = "record_consent_given" if given else "record_proceeding_without_consent"
    fields: dict[str, Any] = {
        "position": details.position,
        "person_asked": details.person_asked.strip(),
        "decided_at": details.decided_at,
        "recorded_by": by,
        "recorded_at": now,
        "without_consent_reason": None if given else details.without_consent_reason,
        "without_consent_detail": "" if given else details.without_consent_detail.strip(),
        "authorised_by": None,
        "authorised_at": None,
        "authorisation_note": "",
    }
    try:
        with transaction.atomic():
            consent = _set_consent(family, action, expected_version, fields)
            record_event(
                actor=by,
                verb="consent_recorded",
                family_contact=family,
                data={
                    "position": details.position,
                    "position_label": ConsentPosition(details.position).label,
                    "status": consent.status,
                    "person_asked": consent.person_asked,
                    "without_consent_reason": (
                        consent.without_consent_reason.text
                        if consent.without_consent_reason
                        else ""
                    ),
                },
                reason=consent.without_consent_detail,
            )
    except IntegrityError as exc:
        # Two people recorded the first consent position for this family at the same moment.
        raise StaleRecord("consent record") from exc
    return consent


def _set_consent(
    family: FamilyContact, action: str, expected_version: int | None, fields: dict[str, Any]
) -> Consent:
    existing = Consent.objects.filter(family=family).first()
    status = CONSENT.next(action, existing.status if existing else ConsentStatus.NOT_RECORDED)
    if existing is None:
        if expected_version not in (None, 0):
            raise StaleRecord("consent record")
        return Consent.objects.create(family=family, status=status, **fields)
    return move(existing, CONSENT, action, expected_version, **fields)


def _decide_without_consent(
    by: User,
    family: FamilyContact,
    action: str,
    note: str,
    expected_version: int | None,
) -> Consent:
    require(by, "authorise_without_consent")
    consent = Consent.objects.filter(family=family).first()
    if consent is None:
        raise IllegalTransition(CONSENT.refusal(action, ConsentStatus.NOT_RECORDED))
    new_status = CONSENT.next(action, consent.status)
    # Two people: the manager who authorises is never the one who recorded the position.
    if consent.recorded_by_id == by.pk:
        raise NotReady(["Another manager must decide: you recorded this consent position"])
    if action == "decline_without_consent" and not note.strip():
        raise NotReady.about([("note", "Enter why proceeding without consent is not authorised")])
    now = timezone.now()
    with transaction.atomic():
        move(
            consent,
            CONSENT,
            action,
            expected_version,
            authorised_by=by,
            authorised_at=now,
            authorisation_note=note.strip(),
        )
        consent.refresh_from_db()
        record_event(
            actor=by,
            verb=(
                "proceeding_without_consent_authorised"
                if new_status == ConsentStatus.AUTHORISED
                else "proceeding_without_consent_declined"
            ),
            family_contact=family,
            data={"position": consent.position},
            reason=consent.authorisation_note,
        )
    return consent


def authorise_without_consent(
    *, by: User, family: FamilyContact, note: str = "", expected_version: int | None = None
) -> Consent:
    """A manager authorises sharing without the family's consent, for the reason recorded."""
    return _decide_without_consent(by, family, "authorise_without_consent", note, expected_version)


def decline_without_consent(
    *, by: User, family: FamilyContact, note: str, expected_version: int | None = None
) -> Consent:
    """A manager does not authorise it: no enquiry can go until consent is recorded again."""
    return _decide_without_consent(by, family, "decline_without_consent", note, expected_version)


def consent_summary(consent: Consent) -> str:
    """The consent position in words, as a partner is shown it on every enquiry. It names the
    listed reason for proceeding without consent, never the worker's explanation (which may
    hold what another agency said)."""
    who = f" by {consent.person_asked}" if consent.person_asked else ""
    when = when_said(consent.decided_at)
    if consent.position == ConsentPosition.GIVEN:
        return f"Consent was given{who} on {when}."
    opening = (
        f"Consent was refused{who} on {when}."
        if consent.position == ConsentPosition.REFUSED
        else f"Consent was not sought (decided on {when})."
    )
    reason = consent.without_consent_reason.text if consent.without_consent_reason else ""
    authorised = (
        f" Authorised by a MASH manager on {when_said(consent.authorised_at)}."
        if consent.authorised_at
        else ""
    )
    return f"{opening} Information is shared without consent because: {reason}.{authorised}"
