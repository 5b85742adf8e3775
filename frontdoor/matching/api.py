"""Person search over JSON: the same matcher as the pages, with the same reasons.

A POST, not a GET, for two reasons: a search is recorded (what it offered, to whom), and names
and dates of birth do not belong in URLs, where proxies and server logs keep them.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated, Literal

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema
from pydantic import AfterValidator, Field, model_validator

from frontdoor.access.policies import require
from frontdoor.access.queries import signed_in_user
from frontdoor.api.schemas import ERRORS, InputSchema, Line, Postcode, input_problem
from frontdoor.contacts.queries import get_contact_for
from frontdoor.matching.actions import record_search
from frontdoor.matching.facts import PartialDate
from frontdoor.matching.forms import NOT_ENOUGH
from frontdoor.matching.queries import Candidate, Criteria, find_people
from frontdoor.people.models import nhs_number_is_valid

router = Router(tags=["people"])


def _partial_date(value: str) -> str:
    try:
        born = PartialDate.parse(value)
    except ValueError:
        raise input_problem(
            "must be a date as text: YYYY-MM-DD, or YYYY-MM or YYYY when only part is known"
        ) from None
    today = timezone.localdate()
    earliest = (born.year, born.month or 1, born.day or 1)  # the first day it could mean
    if born.year < 1900 or earliest > (today.year, today.month, today.day):
        raise input_problem("must be between 1900 and today")
    return value


def _nhs_number(value: str) -> str:
    if not nhs_number_is_valid(value):
        raise input_problem("is not a valid NHS number: its check digit (modulus 11) is wrong")
    return value


BirthDate = Annotated[
    str,
    Field(
        max_length=10,
        pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$",
        description="YYYY-MM-DD, or YYYY-MM or YYYY when only part of the date is known",
        examples=["2019-03-27", "2019-03", "2019"],
    ),
    AfterValidator(_partial_date),
]
NhsNumber = Annotated[
    str,
    Field(
        max_length=10,
        pattern=r"^\d{10}$",
        description="10 digits, no spaces",
        examples=["9434765919"],
    ),
    AfterValidator(_nhs_number),
]


class PersonSearchIn(InputSchema):
    first_name: Line = Field(default="", max_length=100)
    last_name: Line = Field(default="", max_length=100)
    date_of_birth: BirthDate | None = None
    nhs_number: NhsNumber | None = None
    postcode: Postcode = ""
    address: Line = ""
    sex: Literal["M", "F", "U", ""] = ""
    contact_id: uuid.UUID | None = Field(
        default=None,
        description=(
            "At screening: the child's contact. The search is recorded against it, and its "
            "search_id is what creating a new person for the child needs "
            "(POST /api/contacts/children/{contact_id}/link with create and search_id)."
        ),
    )
    limit: int = Field(default=10, ge=1, le=50, description="How many candidates, at most")

    @model_validator(mode="after")
    def enough(self) -> PersonSearchIn:
        if not self.criteria().searchable:
            raise input_problem(NOT_ENOUGH.replace("Enter", "give", 1))
        return self

    def criteria(self) -> Criteria:
        return Criteria(
            first_name=self.first_name.strip(),
            last_name=self.last_name.strip(),
            date_of_birth=PartialDate.parse(self.date_of_birth) if self.date_of_birth else None,
            sex=self.sex if self.sex in ("M", "F") else "",
            nhs_number=self.nhs_number or "",
            postcode=self.postcode.strip(),
            address=self.address.strip(),
        )


class ReasonOut(Schema):
    code: str = Field(description="Stable code, e.g. dob_day_month_swapped")
    text: str = Field(description="In words, e.g. Date of birth with day and month swapped")
    points: int


class CandidateOut(Schema):
    restricted: bool = Field(
        description="A restricted record you may not open: every other field is empty"
    )
    person_id: uuid.UUID | None
    first_name: str
    last_name: str
    known_as: str
    date_of_birth: date | None
    expected_date_of_birth: date | None
    sex: str
    nhs_number: str
    postcode: str
    address: str
    score: int = Field(description="0 to 100: how much of what was searched for agrees")
    reasons: list[ReasonOut] = Field(description="Why, strongest first")


class PersonSearchOut(Schema):
    search_id: uuid.UUID
    considered: int = Field(description="How many people on record were compared")
    candidates: list[CandidateOut] = Field(description="Best match first")


def _out(candidate: Candidate) -> CandidateOut:
    person = candidate.person
    if candidate.restricted:
        return CandidateOut(
            restricted=True,
            person_id=None,
            first_name="",
            last_name="",
            known_as="",
            date_of_birth=None,
            expected_date_of_birth=None,
            sex="",
            nhs_number="",
            postcode="",
            address="",
            score=0,
            reasons=[],
        )
    return CandidateOut(
        restricted=False,
        person_id=person.pk,
        first_name=person.first_name,
        last_name=person.last_name,
        known_as=person.known_as,
        date_of_birth=person.date_of_birth,
        expected_date_of_birth=person.expected_date_of_birth,
        sex=person.sex,
        nhs_number=person.nhs_number,
        postcode=person.postcode,
        address=person.address,
        score=candidate.score,
        reasons=[ReasonOut(code=r.code, text=r.text, points=r.points) for r in candidate.reasons],
    )


@router.post(
    "/search", response={200: PersonSearchOut, **ERRORS}, summary="Search for a child or adult"
)
def search(request: HttpRequest, payload: PersonSearchIn) -> PersonSearchOut:
    """Ranked candidates, each with a score and the reasons ("Same NHS number", "Surname sounds
    alike", "Date of birth with day and month swapped"). Names tolerate typos, nicknames and
    other spellings; a date of birth may be partial. The search and what it offered are
    recorded."""
    user = signed_in_user(request)
    require(user, "search_people")
    contact = None
    if payload.contact_id is not None:
        contact = get_contact_for(user, payload.contact_id)
        require(user, "link_child")
    criteria = payload.criteria()
    found = find_people(user, criteria, limit=payload.limit)
    recorded = record_search(by=user, criteria=criteria, found=found, contact=contact)
    return PersonSearchOut(
        search_id=recorded.pk,
        considered=found.considered,
        candidates=[_out(c) for c in found.candidates],
    )
