"""The JSON bodies the contact operations take (strict: frontdoor/api/schemas.py) and the
answers they give: a contact with its children and decisions, a queue and its families, and
the bodies of the link, screening, send-to-hub, analysis and decision steps.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Literal

from ninja import Schema
from pydantic import Field, model_validator

from frontdoor.api.schemas import (
    AwareDateTime,
    Code,
    Email,
    InputSchema,
    IsoDate,
    Line,
    LongText,
    Name,
    PastDate,
    Postcode,
    RequiredText,
    ShortLine,
    Slug,
    Version,
    input_problem,
)
from frontdoor.contacts.models import Contact, FamilyContact
from frontdoor.contacts.workflow import Outcome
from frontdoor.people.models import RelationshipKind, Sex

SexCode = Literal["M", "F", "U"]
MAX_CHILDREN = 12


class ChildIn(InputSchema):
    first_name: Name
    last_name: Name
    sex: SexCode = Sex.UNKNOWN.value  # type: ignore[assignment]
    date_of_birth: PastDate | None = None
    expected_date_of_birth: IsoDate | None = None
    address: Line = ""
    postcode: Postcode = ""

    @model_validator(mode="after")
    def one_date(self) -> ChildIn:
        if (self.date_of_birth is None) == (self.expected_date_of_birth is None):
            raise input_problem(
                "give either date_of_birth or, for an unborn child, expected_date_of_birth"
            )
        return self


Kind = Literal[tuple(RelationshipKind.values)]  # type: ignore[valid-type]


class RelationshipIn(InputSchema):
    """What the adult is to one child: `kinds`, every relationship that applies (an adult may
    be the mother's partner and the alleged perpetrator: issue 17), or `relationship`, one
    (as clients written before `kinds` send it). Exactly one of the two."""

    child: int = Field(ge=0, lt=MAX_CHILDREN, description="Index of the child in `children`")
    relationship: Kind | None = Field(  # type: ignore[valid-type]
        default=None, description="One relationship (or send `kinds`)"
    )
    kinds: list[Kind] | None = Field(  # type: ignore[valid-type]
        default=None,
        min_length=1,
        max_length=len(RelationshipKind.values),
        description='Every relationship that applies, e.g. ["partner_of_parent", '
        '"alleged_perpetrator"] (or send `relationship`)',
    )

    @model_validator(mode="after")
    def one_way(self) -> RelationshipIn:
        if (self.relationship is None) == (self.kinds is None):
            raise input_problem("give either relationship or kinds")
        return self

    def all_kinds(self) -> list[str]:
        return list(self.kinds) if self.kinds is not None else [str(self.relationship)]


class AdultIn(InputSchema):
    first_name: Name
    last_name: Name
    date_of_birth: PastDate | None = None
    address: Line = ""
    relationships: list[RelationshipIn] = Field(default_factory=list, max_length=MAX_CHILDREN)


class ContactIn(InputSchema):
    received_at: AwareDateTime = Field(description="When the concern reached the council")
    referral_source: Code = Field(description="CIN census referral source code, e.g. 6 for police")
    agency_id: uuid.UUID | None = None
    referrer_is_public: bool = False
    referrer_name: Line = ""
    referrer_role: Line = ""
    referrer_organisation: Line = ""
    referrer_phone: ShortLine = ""
    referrer_email: Email = ""
    incident_date: PastDate | None = None
    concern_categories: list[Code] = Field(default_factory=list, max_length=20)
    narrative: RequiredText
    family_knows: Literal["yes", "no", "not_known"]
    family_knows_detail: LongText = ""
    children: list[ChildIn] = Field(min_length=1, max_length=MAX_CHILDREN)
    adults: list[AdultIn] = Field(default_factory=list, max_length=MAX_CHILDREN)


class DecisionOut(Schema):
    outcome: str
    rationale: str
    see_by: datetime | None
    see_by_team: str | None
    decided_at: datetime


class ContactOut(Schema):
    id: uuid.UUID
    first_name: str
    last_name: str
    date_of_birth: IsoDate | None
    sex: str
    status: str
    version: int
    person_id: uuid.UUID | None
    rag: str
    screening_due_at: datetime
    decision_due_at: datetime
    proposed_outcome: str
    decision: DecisionOut | None

    @staticmethod
    def resolve_decision(obj: Contact) -> DecisionOut | None:
        decision = getattr(obj, "decision", None)
        if decision is None:
            return None
        return DecisionOut(
            outcome=decision.outcome,
            rationale=decision.rationale,
            see_by=decision.see_by,
            see_by_team=decision.see_by_team.name if decision.see_by_team else None,
            decided_at=decision.decided_at,
        )


class FamilyContactOut(Schema):
    id: uuid.UUID
    reference: str = Field(description="The one reference everyone quotes, e.g. WX-26-004187")
    received_at: datetime
    referral_source: str
    referral_source_label: str = Field(description="Who raised it, in words")
    agency: str | None
    hub: str | None
    narrative: str
    claimed_by: str | None = Field(description="Who has claimed it in `claimed_in`, if anyone")
    claimed_in: str | None = Field(description="The slug of the queue it is claimed in")
    claimed_at: datetime | None
    children: list[ContactOut]

    @staticmethod
    def resolve_referral_source_label(obj: FamilyContact) -> str:
        return obj.referral_source.label

    @staticmethod
    def resolve_claimed_by(obj: FamilyContact) -> str | None:
        return obj.claimed_by.display_name if obj.claimed_by else None

    @staticmethod
    def resolve_claimed_in(obj: FamilyContact) -> str | None:
        return obj.claimed_in or None

    @staticmethod
    def resolve_referral_source(obj: FamilyContact) -> str:
        return obj.referral_source.code

    @staticmethod
    def resolve_agency(obj: FamilyContact) -> str | None:
        return obj.agency.name if obj.agency else None

    @staticmethod
    def resolve_hub(obj: FamilyContact) -> str | None:
        return obj.hub.name if obj.hub else None

    @staticmethod
    def resolve_children(obj: FamilyContact) -> list[Contact]:
        return list(obj.contacts.all())


class QueueSummaryOut(Schema):
    slug: str
    name: str
    children: int
    families: int
    overdue: int
    oldest_received_at: datetime | None


class QueueItemOut(FamilyContactOut):
    due: datetime


class LinkIn(InputSchema):
    person_id: uuid.UUID | None = Field(default=None, description="An existing person")
    create: bool = Field(default=False, description="Create a new person from the child's details")
    search_id: uuid.UUID | None = Field(
        default=None,
        description=(
            "With create: the search you made for this child first (POST /api/people/search "
            "with this contact_id). A new person is made only after a search."
        ),
    )
    version: Version | None = Field(default=None, description="The child's version you read")

    @model_validator(mode="after")
    def one_way(self) -> LinkIn:
        if (self.person_id is None) != self.create:
            raise input_problem("give either person_id or create=true")
        return self


class ScreeningIn(InputSchema):
    rag: Literal["red", "amber", "green"]
    level_of_need: Code = Field(description="Level of need code, e.g. 4")
    summary: RequiredText
    recommendation: RequiredText
    version: Version | None = Field(default=None, description="The child's version you read")
    siblings: dict[uuid.UUID, Literal["no_action", "add"]] = Field(
        default_factory=dict,
        description=(
            "For each brother or sister on record who is not in the contact (their person id): "
            '"no_action", or "add" to give them their own contact in this family contact. '
            "Every one must be answered before the screening is recorded."
        ),
    )


class ClaimIn(InputSchema):
    queue: Slug = Field(
        description="The slug of the queue it waits in: screening, a hub's, or decisions"
    )


class SendToHubIn(InputSchema):
    hub: Slug = Field(description="The hub's slug, e.g. child-protection-hub")


class AnalysisIn(InputSchema):
    worries: RequiredText
    working_well: RequiredText
    needs_to_happen: RequiredText
    scale: int = Field(ge=0, le=10)
    proposed_outcome: Literal[tuple(Outcome.values)]  # type: ignore[valid-type]
    version: Version | None = Field(default=None, description="The child's version you read")


class DecisionIn(InputSchema):
    outcome: Literal[tuple(Outcome.values)]  # type: ignore[valid-type]
    rationale: RequiredText
    see_by: AwareDateTime | None = Field(
        default=None, description="Required for assessment and strategy_discussion"
    )
    see_by_team: Slug | None = Field(
        default=None, description="Slug of the team that will see the child"
    )
    strategy_same_day: bool = Field(
        default=False,
        description="Serious injury or recent sexual abuse: hold the strategy discussion today",
    )
    other_council: str | None = Field(
        default=None,
        pattern=r"^[0-9]{3}$",
        max_length=3,
        description=(
            "Required for other_council: the DfE LA number (3 digits) of the council the child "
            "is referred to; never this council's own"
        ),
    )
    version: Version | None = Field(default=None, description="The child's version you read")
    indicator_answers: dict[Slug, LongText] = Field(
        default_factory=dict,
        description=(
            "Risk indicator code -> why it does not need the response it suggests. Required for "
            "each indicator pointing above the outcome (a 422 names any missing); such a "
            "decision is recorded as below the indicators and may go to second review"
        ),
    )
