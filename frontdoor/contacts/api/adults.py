"""An adult named in a contact, over JSON (issue 17): who they are as the referrer described
them, linking them to their own person record with what they are to the child, and undoing a
link to the wrong record. The same actions and policy as the adult's page
(frontdoor/contacts/actions/adults.py): linking's policy for both, and the adult's `version`
compared, so that a client that read the adult before someone else linked or unlinked them gets
a 409 and changes nothing.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Literal

from django.http import Http404, HttpRequest
from ninja import Router, Schema
from ninja.params.functions import Path
from pydantic import Field, model_validator

from frontdoor.access.policies import require
from frontdoor.access.queries import signed_in_user
from frontdoor.api.schemas import (
    ERRORS,
    READ_ERRORS,
    InputSchema,
    RequiredText,
    Version,
    field_error,
    input_problem,
)
from frontdoor.contacts.actions.adults import (
    change_adult_relationships,
    link_adult,
    unlink_adult,
)
from frontdoor.contacts.models import Contact, ContactAdult
from frontdoor.contacts.queries import get_contact_for, get_named_adult_for, told_kinds
from frontdoor.people.models import Person, RelationshipKind
from frontdoor.people.queries import get_person_for, openable_person, relationship_kinds

router = Router(tags=["contacts"])

# The adult's place among the contact's adults: a small number, so that a huge one is a 422
# and never reaches the database (where it would not fit the column).
POSITION = Path(..., ge=0, le=32767, description="The adult's place among the adults, from 0")

AdultKind = Literal[tuple(RelationshipKind.of_an_adult())]  # type: ignore[valid-type]


class AdultOut(Schema):
    position: int = Field(description="The adult's place among the contact's adults, from 0")
    first_name: str
    last_name: str
    date_of_birth: date | None
    address: str
    person_id: uuid.UUID | None = Field(description="Their own person record, once linked")
    version: int = Field(description="Send it back to link or unlink them")
    told: list[str] = Field(description="What the referrer said they are to the child")
    kinds: list[str] = Field(
        description="What they are recorded as to the child, once linked (several may apply)"
    )


class LinkAdultIn(InputSchema):
    person_id: uuid.UUID | None = Field(default=None, description="Their existing person record")
    create: bool = Field(
        default=False, description="Create a new person record from the referrer's details"
    )
    kinds: list[AdultKind] = Field(  # type: ignore[valid-type]
        min_length=1,
        max_length=len(RelationshipKind.of_an_adult()),
        description='Every relationship that applies, e.g. ["partner_of_parent", '
        '"alleged_perpetrator"]',
    )
    version: Version | None = Field(default=None, description="The adult's version you read")

    @model_validator(mode="after")
    def one_way(self) -> LinkAdultIn:
        if (self.person_id is None) != self.create:
            raise input_problem("give either person_id or create=true")
        return self


class UnlinkAdultIn(InputSchema):
    reason: RequiredText = Field(description="Why the link was to the wrong record")
    version: Version = Field(description="The adult's version you read")


def _child_and_adult(
    request: HttpRequest, contact_id: uuid.UUID, position: int
) -> tuple[Person, ContactAdult]:
    """The child (their record's view logged) and the adult, for a user who may link: the
    same order of checks as the page, so a role that may not link learns nothing more."""
    user = signed_in_user(request)
    contact: Contact = get_contact_for(user, contact_id)
    require(user, "link_child")
    if contact.person_id is None:  # a child not linked yet has no record to relate them to
        raise Http404
    child = get_person_for(user, contact.person_id, path=request.path)
    return child, get_named_adult_for(user, contact, position)


def _adult_out(adult: ContactAdult, child: Person) -> AdultOut:
    adult.refresh_from_db(fields=["person", "version"])
    return AdultOut(
        position=adult.position,
        first_name=adult.first_name,
        last_name=adult.last_name,
        date_of_birth=adult.date_of_birth,
        address=adult.address,
        person_id=adult.person_id,
        version=adult.version,
        told=told_kinds(adult, child),
        kinds=relationship_kinds(child, adult.person) if adult.person else [],
    )


@router.get(
    "/{contact_id}/adults/{position}",
    response={200: AdultOut, **READ_ERRORS},
    summary="Get an adult named in a contact",
)
def get_adult(request: HttpRequest, contact_id: uuid.UUID, position: int = POSITION) -> AdultOut:
    """The adult as the referrer described them, their person record once linked, and their
    relationships to the child. `contact_id` is the child's contact."""
    child, adult = _child_and_adult(request, contact_id, position)
    return _adult_out(adult, child)


@router.post(
    "/{contact_id}/adults/{position}/link",
    response={200: AdultOut, **ERRORS},
    summary="Link an adult to their person record",
)
def link(
    request: HttpRequest, contact_id: uuid.UUID, payload: LinkAdultIn, position: int = POSITION
) -> AdultOut:
    """Say which person record the adult is (an existing one, or a new one from the referrer's
    details) and every relationship they have to the child. What the referrer said they are to
    the child's brothers and sisters in the same contact is recorded on those records too.
    Sent again for the record they are linked to, it changes the relationships; a link to a
    different record must be undone first (409)."""
    user = signed_in_user(request)
    child, adult = _child_and_adult(request, contact_id, position)
    person = None
    if payload.person_id is not None:
        person = openable_person(user, payload.person_id)
        if person is None:
            raise field_error("person_id", msg=f"Unknown person {payload.person_id}")
    if adult.person_id is not None and person is not None and adult.person_id == person.pk:
        change_adult_relationships(
            by=user, adult=adult, child=child, kinds=payload.kinds, expected_version=payload.version
        )
    else:
        link_adult(
            by=user,
            adult=adult,
            child=child,
            person=person,
            kinds=payload.kinds,
            expected_version=payload.version,
        )
    return _adult_out(adult, child)


@router.post(
    "/{contact_id}/adults/{position}/unlink",
    response={200: AdultOut, **ERRORS},
    summary="Undo a link to the wrong person record",
)
def unlink(
    request: HttpRequest, contact_id: uuid.UUID, payload: UnlinkAdultIn, position: int = POSITION
) -> AdultOut:
    """The adult is as the referrer described them again, ready to link to the right record.
    What the link recorded between the wrong record and the contact's children is removed
    (unless another contact recorded it too); the wrong record stays, and the timeline keeps
    what happened and why."""
    user = signed_in_user(request)
    child, adult = _child_and_adult(request, contact_id, position)
    unlink_adult(
        by=user, adult=adult, child=child, reason=payload.reason, expected_version=payload.version
    )
    return _adult_out(adult, child)
