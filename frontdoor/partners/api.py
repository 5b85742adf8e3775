"""The professionals' referral form over JSON, for partner agencies' systems: submit a contact
and follow it. It calls the same intake action as the MASH (`contacts.actions.receive_contact`),
which makes the contact the caller's agency's whatever the body says; the answer holds only what
the agency may see: an acknowledgement and, once the MASH has fed back, each child's outcome.

The body is the MASH intake's, less what the agency cannot choose (its referral source, agency
and "member of the public"): those keys are refused with a 422, like any unknown key.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Literal

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema, Status
from ninja.pagination import paginate
from ninja.params.functions import Header
from pydantic import Field

from frontdoor.access.policies import require
from frontdoor.access.queries import signed_in_user
from frontdoor.api.pagination import BoundedLimitOffsetPagination
from frontdoor.api.schemas import (
    ERRORS,
    READ_ERRORS,
    Code,
    Email,
    IdempotencyKey,
    InputSchema,
    Line,
    LongText,
    PastDate,
    RequiredText,
    ShortLine,
)
from frontdoor.contacts import actions
from frontdoor.contacts.api import (
    MAX_CHILDREN,
    AdultIn,
    ChildIn,
    adult_details,
    check_relationships,
    concern_category_rows,
)
from frontdoor.contacts.models import FamilyContact
from frontdoor.partners.queries import get_submission_for, submissions, what_the_referrer_sees

router = Router(tags=["partner agencies"])


class PartnerContactIn(InputSchema):
    referrer_name: Line = Field(default="", description="Defaults to the token's user's name")
    referrer_role: Line = ""
    referrer_phone: ShortLine = ""
    referrer_email: Email = ""
    incident_date: PastDate | None = None
    concern_categories: list[Code] = Field(default_factory=list, max_length=20)
    narrative: RequiredText = Field(description="What you are worried about")
    family_knows: Literal["yes", "no", "not_known"]
    family_knows_detail: LongText = ""
    children: list[ChildIn] = Field(min_length=1, max_length=MAX_CHILDREN)
    adults: list[AdultIn] = Field(default_factory=list, max_length=MAX_CHILDREN)


class ChildProgressOut(Schema):
    name: str
    date_of_birth: date | None
    progress: str = Field(description="received, being_considered, decided or fed_back")
    outcome: str = Field(description="The outcome, once the MASH has told you; otherwise empty")
    told_at: datetime | None
    message: str


class SubmissionOut(Schema):
    id: uuid.UUID
    reference: str = Field(description="Quote it if you call the MASH")
    received_at: datetime
    children: list[ChildProgressOut]

    @staticmethod
    def resolve_children(obj: FamilyContact) -> list[ChildProgressOut]:
        return [
            ChildProgressOut(
                name=c.name,
                date_of_birth=c.date_of_birth,
                progress=c.progress.value,
                outcome=c.outcome,
                told_at=c.told_at,
                message=c.message,
            )
            for c in what_the_referrer_sees(obj)
        ]


IDEMPOTENCY_KEY_HEADER = Header(
    default=None,
    alias="Idempotency-Key",
    description="Any unique text up to 64 printable ASCII characters, e.g. a UUID",
)


@router.post("", response={201: SubmissionOut, **ERRORS}, summary="Submit a contact")
def submit_contact(
    request: HttpRequest,
    payload: PartnerContactIn,
    idempotency_key: IdempotencyKey | None = IDEMPOTENCY_KEY_HEADER,
) -> Status[FamilyContact]:
    """Send the MASH a concern about one or more children, as your agency. Send an
    `Idempotency-Key` so that a retry after a network failure returns the first contact."""
    user = signed_in_user(request)
    require(user, "submit_contact")
    check_relationships(payload.children, payload.adults)
    agency = user.agency
    assert agency is not None  # a partner always belongs to an agency (database constraint)
    family = actions.receive_contact(
        by=user,
        details=actions.ContactDetails(
            received_at=timezone.now(),
            referral_source=agency.referral_source,
            agency=agency,
            referrer_name=payload.referrer_name or user.get_full_name() or user.username,
            referrer_role=payload.referrer_role or user.job_title,
            referrer_phone=payload.referrer_phone,
            referrer_email=payload.referrer_email or user.email,
            incident_date=payload.incident_date,
            concern_categories=concern_category_rows(
                payload.concern_categories, unknown="concern category"
            ),
            narrative=payload.narrative,
            family_knows=payload.family_knows,
            family_knows_detail=payload.family_knows_detail,
            children=[actions.ChildDetails(**child.model_dump()) for child in payload.children],
            adults=adult_details(payload.adults),
            idempotency_key=idempotency_key,
        ),
    )
    return Status(201, get_submission_for(user, family.pk, path=request.path))


@router.get(
    "",
    response={200: list[SubmissionOut], **READ_ERRORS},
    summary="List your agency's contacts",
)
@paginate(BoundedLimitOffsetPagination)
def list_submissions(request: HttpRequest) -> object:
    """The contacts your agency submitted, newest first, with each child's progress."""
    user = signed_in_user(request)
    require(user, "view_own_submissions")
    return submissions(user)


@router.get(
    "/{family_id}", response={200: SubmissionOut, **READ_ERRORS}, summary="Get your contact"
)
def get_submission(request: HttpRequest, family_id: uuid.UUID) -> FamilyContact:
    user = signed_in_user(request)
    require(user, "view_own_submissions")
    return get_submission_for(user, family_id, path=request.path)
