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
from django.db.models import F

from frontdoor.access.policies import require
from frontdoor.audit.actions import record_event
from frontdoor.contacts.models import AdultRelationship, ContactAdult
from frontdoor.matching.actions import create_person
from frontdoor.people.actions import (
    forget_relationships,
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
    expected_version: int | None = None,
) -> Person:
    """Link `adult` to `person` (None: a new person record from the referrer's details) and
    record exactly `kinds` as what they are to `child`. The referrer's word for what they are
    to each brother or sister in the same contact is carried to those children's records too,
    so no sibling is typed twice. All of it, or nothing. `expected_version` is the adult's
    version the caller read (the API's `version`): someone else's link or unlink since is a
    stale record."""
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
        if not _compare_and_set(adult, None, expected_version, person):
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
    adult.version += 1
    return person


def change_adult_relationships(
    *,
    by: User,
    adult: ContactAdult,
    child: Person,
    kinds: Collection[str],
    expected_version: int | None = None,
) -> list[str]:
    """What a linked adult is to `child`, exactly `kinds` (people.actions.record_relationships),
    provided the adult is still linked to the record the caller saw: if someone else unlinked
    or relinked them since, the relationships would land on a record the caller never saw."""
    require(by, "link_child")
    with transaction.atomic():
        locked = ContactAdult.objects.select_for_update().get(pk=adult.pk)
        stale = expected_version is not None and locked.version != expected_version
        if stale or locked.person_id is None or locked.person_id != adult.person_id:
            raise StaleRecord("adult's record")
        assert adult.person is not None
        return record_relationships(by=by, person=child, relative=adult.person, kinds=kinds)


def unlink_adult(
    *,
    by: User,
    adult: ContactAdult,
    child: Person,
    reason: str,
    expected_version: int | None = None,
) -> Person:
    """Undo a link to the wrong person record (issue 17): the adult is as the referrer told us
    again, ready to be linked to the right record. What the link recorded between the wrong
    record and this contact's children goes, unless another contact linked the same person to
    that child; the wrong record itself stays (it may be someone's), and every step is in the
    audit trail with the reason. Linking's policy, so whoever may link may correct a link.
    Returns the record the adult was linked to."""
    require(by, "link_child")
    reason = reason.strip()
    if not reason:
        raise NotReady.about([("reason", "Enter why the adult was linked to the wrong record")])
    wrong = adult.person
    if wrong is None:
        raise NotReady(["This adult is not linked to a person record"])
    with transaction.atomic():
        if not _compare_and_set(adult, wrong, expected_version, None):
            raise StaleRecord("adult's record")
        others = ContactAdult.objects.filter(person=wrong).exclude(pk=adult.pk)
        for contact in adult.family.contacts.filter(person__isnull=False).select_related("person"):
            sibling = contact.person
            assert sibling is not None
            if not others.filter(family__contacts__person=sibling).exists():
                forget_relationships(by=by, person=sibling, relative=wrong)
        record_event(
            actor=by,
            verb="adult_unlinked",
            person=child,
            family_contact=adult.family,
            data={"adult": str(wrong.pk), "position": adult.position},
            reason=reason,
        )
    adult.person = None
    adult.version += 1
    return wrong


def _compare_and_set(
    adult: ContactAdult, linked: Person | None, expected_version: int | None, to: Person | None
) -> bool:
    """Point the adult at `to` if they are still linked to `linked` (None: not linked) and,
    when the caller said which version it read, still at that version."""
    rows = ContactAdult.objects.filter(pk=adult.pk, person=linked)
    if expected_version is not None:
        rows = rows.filter(version=expected_version)
    return bool(rows.update(person=to, version=F("version") + 1))
