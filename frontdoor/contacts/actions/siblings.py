"""Recording what a screener decided for each brother or sister on record who was not in the
contact: "no action", or "add to this family contact" (the sibling gets their own contact in
the family contact, linked to their record, with the family contact's clocks). Called by
`record_screening`, in its transaction."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from django.db.models import Max
from django.utils import timezone

from frontdoor.audit.actions import record_event
from frontdoor.contacts.models import Contact, SiblingAnswer, SiblingConsideration

if TYPE_CHECKING:
    from frontdoor.access.models import User
    from frontdoor.contacts.sibling_prompts import SiblingPrompt


def consider_siblings(
    *, by: User, prompts: Sequence[SiblingPrompt], answers: Mapping[str, str]
) -> list[SiblingConsideration]:
    """Record each answered prompt; "add" gives the sibling their own contact in the family
    contact, linked to their record, with the family contact's clocks."""
    recorded = []
    now = timezone.now()
    for prompt in prompts:
        answer = answers.get(str(prompt.sibling.pk))
        if answer not in SiblingAnswer.values:
            continue
        added = _add_to_contact(by, prompt) if answer == SiblingAnswer.ADD else None
        recorded.append(
            SiblingConsideration.objects.create(
                family_id=prompt.of_contact.family_id,
                contact=prompt.of_contact,
                sibling=prompt.sibling,
                answer=answer,
                added_contact=added,
                considered_by=by,
                considered_at=now,
            )
        )
        record_event(
            actor=by,
            verb="sibling_considered",
            family_contact=prompt.of_contact.family,
            contact=prompt.of_contact,
            person=prompt.of_contact.person,
            data={
                "sibling": str(prompt.sibling.pk),
                "answer": answer,
                "answer_label": SiblingAnswer(answer).label,
            },
        )
    return recorded


def _add_to_contact(by: User, prompt: SiblingPrompt) -> Contact:
    sibling, screened = prompt.sibling, prompt.of_contact
    last = Contact.objects.filter(family_id=screened.family_id).aggregate(Max("position"))
    added = Contact.objects.create(
        family_id=screened.family_id,
        position=(last["position__max"] or 0) + 1,
        first_name=sibling.first_name,
        last_name=sibling.last_name,
        date_of_birth=sibling.date_of_birth,
        expected_date_of_birth=sibling.expected_date_of_birth,
        sex=sibling.sex,
        address=sibling.address,
        postcode=sibling.postcode,
        person=sibling,
        # The clocks started when the family contact was received, for every child in it.
        screening_due_at=screened.screening_due_at,
        decision_due_at=screened.decision_due_at,
    )
    record_event(
        actor=by,
        verb="child_added_to_contact",
        family_contact=screened.family,
        contact=added,
        person=sibling,
        data={"as_sibling_of": str(screened.pk), "relationship": prompt.relationship},
    )
    return added
