"""A child's episodes: when an analysis starts, whom it gathers, and when it ends.

An episode starts with a contact about the child and lasts until the front door's work on it
ends (docs/adr/0014):

- a contact not yet decided is live;
- a decision of no further action, information and advice or early help ends it at the
  decision;
- a referral (assessment or strategy discussion) is live while its strategy discussion is to be
  held, its section 47 enquiry is open, or its assessment is not yet authorised; it ends at the
  latest of those.

A contact received while an episode is live joins that episode. `episodes()` is pure, so the
rule is table-tested; `episodes_of(person)` reads the facts from the database.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from frontdoor.assessments.workflow import AssessmentStatus
from frontdoor.contacts.models import Contact
from frontdoor.contacts.workflow import OPEN_STATES
from frontdoor.strategy.workflow import DiscussionStatus, EnquiryStatus

if TYPE_CHECKING:
    from frontdoor.people.models import Person


@dataclass(frozen=True)
class ContactSpan:
    contact_id: uuid.UUID
    received_at: datetime
    ended_at: datetime | None  # None while the contact's work is live


@dataclass(frozen=True)
class Episode:
    contact_ids: tuple[uuid.UUID, ...]
    started_at: datetime
    ended_at: datetime | None  # None while open

    @property
    def opened_by(self) -> uuid.UUID:
        return self.contact_ids[0]

    @property
    def is_open(self) -> bool:
        return self.ended_at is None


def episodes(spans: list[ContactSpan]) -> list[Episode]:
    """Group a child's contacts into episodes, oldest first. At most the last one is open."""
    found: list[Episode] = []
    for span in sorted(spans, key=lambda s: (s.received_at, str(s.contact_id))):
        current = found[-1] if found else None
        if current is not None and (
            current.ended_at is None or span.received_at <= current.ended_at
        ):
            ends = (
                None
                if current.ended_at is None or span.ended_at is None
                else max(current.ended_at, span.ended_at)
            )
            found[-1] = Episode((*current.contact_ids, span.contact_id), current.started_at, ends)
        else:
            found.append(Episode((span.contact_id,), span.received_at, span.ended_at))
    return found


def _related(obj: Any, name: str) -> Any:
    """A reverse one-to-one, or None when there is none."""
    return getattr(obj, name, None) if obj is not None and hasattr(obj, name) else None


def contact_ended_at(contact: Contact) -> datetime | None:
    """When the front door's work on this contact ended, or None while it is live."""
    if contact.status in OPEN_STATES:
        return None
    decision = _related(contact, "decision")
    if decision is None:
        return None
    ends: list[datetime] = [decision.decided_at]
    referral = _related(contact, "referral")
    discussion = _related(referral, "strategy_discussion")
    if discussion is not None:
        if discussion.status == DiscussionStatus.TO_BE_HELD:
            return None
        ends.append(discussion.held_at or decision.decided_at)
        enquiry = _related(discussion, "section47")
        if enquiry is not None and enquiry.status == EnquiryStatus.OPEN:
            return None
    assessment = _related(referral, "assessment")
    if assessment is not None:
        if assessment.status != AssessmentStatus.AUTHORISED:
            return None
        ends.append(assessment.authorised_at or decision.decided_at)
    return max(ends)


def episodes_of(person: Person) -> list[Episode]:
    contacts = Contact.objects.filter(person=person).select_related(
        "family",
        "decision",
        "referral",
        "referral__strategy_discussion",
        "referral__strategy_discussion__section47",
        "referral__assessment",
    )
    return episodes(
        [ContactSpan(c.pk, c.family.received_at, contact_ended_at(c)) for c in contacts]
    )


def open_episode(person: Person) -> Episode | None:
    found = episodes_of(person)
    return found[-1] if found and found[-1].is_open else None
