"""Saying who an adult named in a contact is (issue 17): their own person record, found by a
search or made from what the referrer told us, and what they are to the child, as several
relationships if need be ("Parent's partner" and "Alleged perpetrator").

The contact keeps the referrer's words (`AdultRelationship`, one per child, as told); what the
MASH knows is recorded between the two person records (`people.Relationship`), so it is on the
child's record and follows the adult to the next contact.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING

from django.db import transaction

from frontdoor.access.policies import require
from frontdoor.audit.actions import record_event
from frontdoor.contacts.models import AdultRelationship, ContactAdult
from frontdoor.matching.actions import create_person
from frontdoor.people.actions import (
    record_relationship,
    record_relationships,
    relationship_problems,
)
from frontdoor.people.models import Person, Sex
from frontdoor.workflow.errors import NotReady, StaleRecord

if TYPE_CHECKING:
    from frontdoor.access.models import User


def link_adult(
    *,
    by: User,
    adult: ContactAdult,
    child: Person,
    person: Person | None,
    kinds: Collection[str],
) -> Person:
    """Link `adult` to `person` (None: a new person record from the referrer's details) and
    record exactly `kinds` as what they are to `child`. The referrer's word for what they are
    to each brother or sister in the same contact is carried to those children's records too,
    so no sibling is typed twice. All of it, or nothing."""
    require(by, "link_child")
    children = set(adult.family.contacts.values_list("person_id", flat=True))
    if person is not None and person.pk in children:
        raise NotReady(["Choose the adult's own person record, not a child's in this contact"])
    # The child's own record cannot be chosen either, and the relationships must make sense,
    # before anything is written (a new person record included).
    problems = relationship_problems(person=child, relative=person, kinds=kinds)
    if problems:
        raise NotReady(problems)
    with transaction.atomic():
        if person is None:
            person = create_person(
                by=by,
                first_name=adult.first_name,
                last_name=adult.last_name,
                sex=Sex.UNKNOWN,
                date_of_birth=adult.date_of_birth,
                address=adult.address,
            )
        # Compare-and-set: an adult is linked once; a second worker who linked them in the
        # meantime is not silently overwritten.
        if not ContactAdult.objects.filter(pk=adult.pk, person__isnull=True).update(person=person):
            raise StaleRecord("adult's record")
        record_relationships(by=by, person=child, relative=person, kinds=kinds)
        told = AdultRelationship.objects.filter(adult=adult, contact__person__isnull=False)
        for link in told.exclude(contact__person=child).select_related("contact__person"):
            sibling = link.contact.person
            assert sibling is not None
            record_relationship(by=by, person=sibling, relative=person, kind=link.kind)
        record_event(
            actor=by,
            verb="adult_linked",
            person=child,
            family_contact=adult.family,
            data={"adult": str(person.pk), "position": adult.position},
        )
    adult.person = person
    return person
