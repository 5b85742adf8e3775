"""Brothers and sisters at screening: who must be considered, and what is still unanswered.

When a contact concerns one child, every brother or sister on record who is not in the contact
is put to the screener, who answers "no action" or "add to this family contact". Screening is
not recorded until each prompt for the children being screened is answered (workflow guard
`sibling_prompt_blockers`); the answers are written by `record_screening` in its transaction,
through `contacts.actions.siblings`.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from frontdoor.access.queries import RESTRICTED_PLACEHOLDER, restricted_among
from frontdoor.contacts.models import Contact, FamilyContact, SiblingAnswer
from frontdoor.contacts.workflow import Status
from frontdoor.people.models import Person, Relationship, RelationshipKind

if TYPE_CHECKING:
    pass


@dataclass(frozen=True)
class SiblingPrompt:
    sibling: Person
    relationship: str  # "brother or sister", "half-brother or half-sister"
    of_contact: Contact  # the child in the contact whose sibling this is
    name: str  # the placeholder for a restricted record

    @property
    def field_name(self) -> str:
        return f"sibling_{self.sibling.pk.hex}"


def sibling_prompts(family: FamilyContact) -> list[SiblingPrompt]:
    """Brothers and sisters of the contact's undecided, linked children who are not in the
    contact and have not been considered for it yet, each once."""
    children = list(
        Contact.objects.filter(family=family, person__isnull=False)
        .exclude(status=Status.DECIDED)
        .select_related("person")
    )
    in_contact = set(Contact.objects.filter(family=family).values_list("person_id", flat=True))
    considered = set(family.siblings_considered.values_list("sibling_id", flat=True))
    by_person: dict[uuid.UUID, Contact] = {
        child.person_id: child for child in children if child.person_id is not None
    }
    relations = (
        Relationship.objects.filter(person_id__in=by_person, kind__in=RelationshipKind.siblings())
        .exclude(relative_id__in=in_contact | considered)
        .select_related("relative")
        .order_by("relative__date_of_birth", "relative__first_name", "relative_id")
    )
    prompts: dict[uuid.UUID, SiblingPrompt] = {}
    for rel in relations:
        if rel.relative_id in prompts or rel.relative.merged_into_id:
            continue
        prompts[rel.relative_id] = SiblingPrompt(
            rel.relative, rel.get_kind_display().lower(), by_person[rel.person_id], ""
        )
    hidden = restricted_among(prompts)
    return [
        SiblingPrompt(
            p.sibling,
            p.relationship,
            p.of_contact,
            RESTRICTED_PLACEHOLDER if p.sibling.pk in hidden else p.sibling.full_name,
        )
        for p in prompts.values()
    ]


def unanswered(
    prompts: Sequence[SiblingPrompt], contacts: Sequence[Contact], answers: Mapping[str, str]
) -> list[SiblingPrompt]:
    """The prompts, for the siblings of the children being screened, with no answer yet."""
    screened = {contact.pk for contact in contacts}
    return [
        p
        for p in prompts
        if p.of_contact.pk in screened
        and answers.get(str(p.sibling.pk)) not in SiblingAnswer.values
    ]
