"""The hub's work: its risk, need and strength analysis with a proposed outcome (the same words
join the child's analysis for the episode, docs/adr/0014), and a manager sending that proposal
back to the hub for more work, saying why.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from frontdoor.access.policies import require
from frontdoor.audit.actions import record_event
from frontdoor.contacts.actions.transitions import _same_family
from frontdoor.contacts.models import Contact
from frontdoor.contacts.workflow import CONTACT, Outcome
from frontdoor.practice.actions import add_from_stage
from frontdoor.practice.rules import Section, Stage
from frontdoor.workflow.compare_and_set import move
from frontdoor.workflow.errors import NotReady

if TYPE_CHECKING:
    from frontdoor.access.models import User


@dataclass(frozen=True)
class Analysis:
    worries: str
    working_well: str
    needs_to_happen: str
    scale: int | None
    proposed_outcome: str


def record_analysis(
    *,
    by: User,
    contacts: Sequence[Contact],
    analysis: Analysis,
    versions: dict[str, int] | None = None,
) -> list[Contact]:
    """Record the hub's risk, need and strength analysis and propose an outcome."""
    require(by, "record_analysis")
    _same_family(contacts)
    if analysis.scale is not None and not 0 <= analysis.scale <= 10:
        raise NotReady(["The scale must be a number from 0 to 10"])
    now = timezone.now()
    with transaction.atomic():
        for contact in contacts:
            move(
                contact,
                CONTACT,
                "record_analysis",
                (versions or {}).get(str(contact.pk)),
                worries=analysis.worries,
                working_well=analysis.working_well,
                needs_to_happen=analysis.needs_to_happen,
                scale=analysis.scale,
                proposed_outcome=analysis.proposed_outcome,
                analysed_by=by,
                analysed_at=now,
            )
            record_event(
                actor=by,
                verb="analysis_recorded",
                family_contact=contact.family,
                contact=contact,
                person=contact.person,
                data={
                    "proposed_outcome": Outcome(analysis.proposed_outcome).label,
                    "scale": analysis.scale,
                },
            )
            # The same words join the child's one analysis for the episode (docs/adr/0014).
            add_from_stage(
                by=by,
                person=contact.person,
                stage=Stage.HUB,
                texts={
                    Section.WORRIES: analysis.worries,
                    Section.WORKING_WELL: analysis.working_well,
                    Section.NEEDS_TO_HAPPEN: analysis.needs_to_happen,
                },
                score=analysis.scale,
            )
    return list(contacts)


def return_to_hub(
    *, by: User, contact: Contact, reason: str, expected_version: int | None = None
) -> Contact:
    """A manager sends the hub's proposal back for more work, saying why."""
    require(by, "return_to_hub")
    if not reason.strip():
        raise NotReady(["Enter why the contact is going back to the hub"])
    with transaction.atomic():
        move(contact, CONTACT, "return_to_hub", expected_version)
        record_event(
            actor=by,
            verb="returned_to_hub",
            family_contact=contact.family,
            contact=contact,
            person=contact.person,
            reason=reason,
        )
    return contact
