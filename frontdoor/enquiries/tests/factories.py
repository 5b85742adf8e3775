"""Consent and enquiries in each state, reached through the real actions."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from frontdoor.contacts.models import FamilyContact
from frontdoor.contacts.tests import factories as f
from frontdoor.enquiries import actions
from frontdoor.enquiries.models import Answer, Enquiry, ListedReason, ReasonList
from frontdoor.enquiries.workflow import ConsentPosition


def basis() -> ListedReason:
    return ListedReason.objects.filter(reason_list=ReasonList.LAWFUL_BASIS).first()


def without_consent_reason() -> ListedReason:
    return ListedReason.objects.filter(reason_list=ReasonList.WITHOUT_CONSENT).first()


def consent_given(by: Any, family: FamilyContact) -> Any:
    return actions.record_consent(
        by=by,
        family=family,
        details=actions.ConsentDetails(
            position=ConsentPosition.GIVEN,
            person_asked="Jo Smith (mother)",
            decided_at=timezone.now() - timedelta(minutes=10),
        ),
    )


def in_hub_with_consent(by: Any, hub: Any, **kwargs: Any) -> FamilyContact:
    family = f.in_hub(by, hub, **kwargs)
    consent_given(by, family)
    return family


def send(
    by: Any, family: FamilyContact, agencies: list[Any], *, key: str = "", question: str = ""
) -> list[Enquiry]:
    return actions.send_enquiries(
        by=by,
        family=family,
        request=actions.EnquiryRequest(
            agencies=agencies,
            question=question or "Is the family known to you? Any incidents at the address?",
            lawful_basis=basis(),
            send_key=key or f"key-{Enquiry.objects.count()}-{timezone.now().timestamp()}",
        ),
    )


def sent(by: Any, hub: Any, agency: Any, **kwargs: Any) -> Enquiry:
    """One enquiry to `agency`, about a new family in `hub` whose consent was given. `by` is a
    manager (who may screen, send to a hub, record consent and send)."""
    family = in_hub_with_consent(by, hub, **kwargs)
    return send(by, family, [agency])[0]


def answered(partner: Any, enquiry: Enquiry, *, key: str = "answer-1", **changes: Any) -> Answer:
    details = actions.AnswerDetails(
        known=changes.pop("known", "yes"),
        summary=changes.pop("summary", "Two call-outs to the address in March: verbal argument."),
        known_risks=changes.pop("known_risks", "Father has a caution for assault (2024)."),
        idempotency_key=key,
        **changes,
    )
    answer, _ = actions.answer_enquiry(by=partner, enquiry=enquiry, details=details)
    return answer


def fuzz_ids(manager: Any, hub: Any, police: Any) -> dict[str, list[str]]:
    """Real ids for schemathesis: police enquiries open and answered."""
    open_one = sent(manager, hub, police)
    return {"enquiry_id": [str(open_one.pk)]}
