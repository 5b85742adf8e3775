"""A child's summary and timeline over JSON. Every call is logged as a view of the record."""

from __future__ import annotations

import uuid
from dataclasses import asdict
from datetime import date, datetime
from typing import Annotated, Literal

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.errors import ValidationError
from pydantic import Field

from frontdoor.access.queries import signed_in_user
from frontdoor.access.timeline import describe
from frontdoor.api.schemas import ERRORS, READ_ERRORS, InputSchema, IsoDate, Line, ShortLine
from frontdoor.child_record.queries import family_members, running_deadlines, timeline
from frontdoor.contacts.queries import previous_contacts
from frontdoor.people import characteristics, school_and_gp
from frontdoor.people.actions import record_characteristics, record_school_and_gp
from frontdoor.people.characteristics import Characteristics
from frontdoor.people.models import Person
from frontdoor.people.queries import get_person_for
from frontdoor.people.school_and_gp import SchoolAndGp

router = Router(tags=["children"])


class MemberOut(Schema):
    name: str
    relationship: str
    # Every relationship code, several for one adult ("partner_of_parent", "alleged_perpetrator").
    kinds: list[str]
    person_id: uuid.UUID | None
    # A relative the reader may not open: named "Restricted record", with no relationship, no
    # kinds and no id (the same placeholder as the page: people.queries.shown_to_reader).
    restricted: bool = False


class DeadlineOut(Schema):
    label: str
    due_at: datetime
    basis: str


class ContactSummaryOut(Schema):
    contact_id: uuid.UUID
    family_contact_id: uuid.UUID
    received_at: datetime
    referral_source: str
    status: str
    outcome: str | None


class EventOut(Schema):
    occurred_at: datetime
    verb: str
    title: str
    detail: str
    actor: str | None


class ChildOut(Schema):
    id: uuid.UUID
    first_name: str
    last_name: str
    date_of_birth: date | None
    expected_date_of_birth: date | None
    sex: str
    nhs_number: str
    address: str
    postcode: str
    school: str
    school_urn: str
    gp_practice: str
    gp_practice_code: str
    family: list[MemberOut]
    deadlines: list[DeadlineOut]
    contacts: list[ContactSummaryOut]
    timeline: list[EventOut]


@router.get(
    "/{person_id}", response={200: ChildOut, **READ_ERRORS}, summary="Get a child's summary"
)
def child(request: HttpRequest, person_id: uuid.UUID) -> ChildOut:
    """The child's record, family, running deadlines, contacts and timeline (newest first, at
    most 500 events). Every call is written to the record-view log before anything is sent."""
    person: Person = get_person_for(signed_in_user(request), person_id, path=request.path)
    return ChildOut(
        id=person.pk,
        first_name=person.first_name,
        last_name=person.last_name,
        date_of_birth=person.date_of_birth,
        expected_date_of_birth=person.expected_date_of_birth,
        sex=person.sex,
        nhs_number=person.nhs_number,
        address=person.address,
        postcode=person.postcode,
        **asdict(SchoolAndGp.of(person)),
        family=[
            MemberOut(
                name=m.name,
                relationship=m.relationship,
                kinds=list(m.kinds),
                person_id=m.person.pk if m.person else None,
                restricted=m.concealed,
            )
            for m in family_members(person)
        ],
        deadlines=[
            DeadlineOut(label=d.label, due_at=d.due_at, basis=d.basis)
            for d in running_deadlines(person)
        ],
        contacts=[
            ContactSummaryOut(
                contact_id=c.pk,
                family_contact_id=c.family_id,
                received_at=c.family.received_at,
                referral_source=c.family.referral_source.code,
                status=c.status,
                outcome=c.decision.outcome if hasattr(c, "decision") else None,
            )
            for c in previous_contacts(person)
        ],
        timeline=[
            EventOut(
                occurred_at=e.occurred_at,
                verb=e.verb,
                title=describe(e).title,
                detail=describe(e).detail,
                actor=e.actor.display_name if e.actor else None,
            )
            for e in timeline(person)[:500]
        ],
    )


CensusCode = Annotated[str, Field(max_length=4, pattern=r"^[A-Z0-9]*$")]
Upn = Annotated[str, Field(max_length=13, pattern=r"^[A-Za-z0-9]*$")]


class CharacteristicsIn(InputSchema):
    """The whole set, as far as it is known: a field left out is "not recorded yet", so a
    client sends what it holds and reads back what is stored."""

    sex: Literal["M", "F", "U"] = Field(default="U", description="CIN census sex: M, F or U")
    expected_date_of_birth: IsoDate | None = Field(
        default=None, description="Only for an unborn child"
    )
    ethnicity: CensusCode = Field(default="", description="A DfE ethnicity code, e.g. WBRI")
    disabilities: list[CensusCode] = Field(
        default_factory=list, max_length=13, description="CIN census disability codes, or NONE"
    )
    upn: Upn = Field(default="", description="The unique pupil number, e.g. A123456789012")
    former_upn: Upn = ""
    upn_unknown_reason: CensusCode = Field(
        default="", description="UN1 to UN10 when the UPN is not known"
    )
    first_language: CensusCode = Field(default="", description="ENG, ENB, OTH, OTB, NOT or REF")
    first_language_name: ShortLine = Field(default="", description="The language, in words")
    interpreter_needed: bool | None = None


class CharacteristicsOut(Schema):
    sex: str
    expected_date_of_birth: date | None
    ethnicity: str
    disabilities: list[str]
    upn: str
    former_upn: str
    upn_unknown_reason: str
    first_language: str
    first_language_name: str
    interpreter_needed: bool | None


@router.put(
    "/{person_id}/characteristics",
    response={200: CharacteristicsOut, **ERRORS},
    summary="Record a child's census characteristics",
)
def put_characteristics(
    request: HttpRequest, person_id: uuid.UUID, payload: CharacteristicsIn
) -> CharacteristicsOut:
    """Ethnicity, disabilities, UPN (or why it is unknown), first language and interpreter, as
    the CIN census needs them. Each problem is a 422 naming its key; nothing is saved."""
    user = signed_in_user(request)
    person: Person = get_person_for(user, person_id, path=request.path)
    details = Characteristics(**payload.model_dump()).normalised()
    found = characteristics.problems(details, date_of_birth=person.date_of_birth)
    if found:
        raise ValidationError(
            [
                {"type": "value_error", "loc": ["body", "payload", name], "msg": message}
                for name, message in found.items()
            ]
        )
    saved = record_characteristics(by=user, person=person, details=details)
    return CharacteristicsOut(**asdict(Characteristics.of(saved)))


# The name of a school or a GP practice, as long as the person's column.
OrganisationName = Annotated[Line, Field(max_length=200)]
PublicCode = Annotated[str, Field(max_length=20, pattern=r"^[A-Za-z0-9 ]*$")]


class SchoolAndGpIn(InputSchema):
    """Both, as far as they are known: a field left out is "not known", so a client sends what
    it holds and reads back what is stored."""

    school: OrganisationName = Field(default="", description="The school or nursery, by name")
    school_urn: PublicCode = Field(
        default="", description="The school's DfE URN: 6 digits, e.g. 100000"
    )
    gp_practice: OrganisationName = Field(default="", description="The GP practice, by name")
    gp_practice_code: PublicCode = Field(
        default="", description="The practice's ODS code, e.g. A81001"
    )


class SchoolAndGpOut(Schema):
    school: str
    school_urn: str
    gp_practice: str
    gp_practice_code: str


@router.put(
    "/{person_id}/school-and-gp",
    response={200: SchoolAndGpOut, **ERRORS},
    summary="Record a child's school and GP practice",
)
def put_school_and_gp(
    request: HttpRequest, person_id: uuid.UUID, payload: SchoolAndGpIn
) -> SchoolAndGpOut:
    """The child's school and GP practice, shown with the workers on the child's record. Each
    problem is a 422 naming its key; nothing is saved."""
    user = signed_in_user(request)
    person: Person = get_person_for(user, person_id, path=request.path)
    details = SchoolAndGp(**payload.model_dump()).normalised()
    found = school_and_gp.problems(details)
    if found:
        raise ValidationError(
            [
                {"type": "value_error", "loc": ["body", "payload", name], "msg": message}
                for name, message in found.items()
            ]
        )
    saved = record_school_and_gp(by=user, person=person, details=details)
    return SchoolAndGpOut(**asdict(SchoolAndGp.of(saved)))
