"""Saying which person record a child is: the one step on a contact that another channel (a
police match review) takes too, so it depends on nothing but the contact itself."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction

from frontdoor.access.policies import require
from frontdoor.audit.actions import record_event
from frontdoor.contacts.models import Contact
from frontdoor.contacts.workflow import CONTACT, Status
from frontdoor.workflow.compare_and_set import bump
from frontdoor.workflow.errors import NotReady

if TYPE_CHECKING:
    from frontdoor.access.models import User
    from frontdoor.people.models import Person


def link_child(
    *, by: User, contact: Contact, person: Person, expected_version: int | None = None
) -> Contact:
    """Say which person record this child is. Allowed while the contact is open."""
    require(by, "link_child")
    if contact.status == Status.DECIDED:
        raise NotReady(["This child's contact has been decided: the link cannot change now"])
    with transaction.atomic():
        previous = contact.person_id
        bump(
            contact, CONTACT.noun, expected_version, where={"status": contact.status}, person=person
        )
        record_event(
            actor=by,
            verb="child_linked",
            family_contact=contact.family,
            contact=contact,
            person=person,
            data={"previous_person": str(previous) if previous else ""},
        )
    return contact
