"""The contact spine over JSON: the same actions and queries as the pages.

Request bodies are strict (frontdoor/api/schemas.py): unknown keys, dates that are not ISO text,
naive times and unstorable text are refused with a 422 that names the field, before any action
runs. Checks that need the database (an unknown code, hub, team or person) answer the same way.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Literal

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema, Status
from ninja.pagination import paginate
from ninja.params.functions import Header
from pydantic import Field, model_validator

from frontdoor.access.policies import require
from frontdoor.access.queries import signed_in_user
from frontdoor.agencies.models import Agency
from frontdoor.api.pagination import BoundedLimitOffsetPagination
from frontdoor.api.schemas import (
    ERRORS,
    READ_ERRORS,
    AwareDateTime,
    Code,
    Email,
    IdempotencyKey,
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
    field_error,
    input_problem,
)
from frontdoor.codelists.models import Code as CodeRow
from frontdoor.codelists.models import CodeList
from frontdoor.contacts import actions
from frontdoor.contacts.models import Contact, FamilyContact
from frontdoor.contacts.queries import (
    find_queue,
    get_contact_for,
    get_family_contact_for,
    queue_families,
    queue_summaries,
)
from frontdoor.contacts.workflow import Outcome, Rag
from frontdoor.matching.models import PersonSearch
from frontdoor.people.models import RelationshipKind, Sex
from frontdoor.people.queries import visible_people
from frontdoor.teams.models import Team

router = Router(tags=["contacts"])

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


class RelationshipIn(InputSchema):
    child: int = Field(ge=0, lt=MAX_CHILDREN, description="Index of the child in `children`")
    relationship: Literal[tuple(RelationshipKind.values)]  # type: ignore[valid-type]


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
    reference: str
    received_at: datetime
    referral_source: str
    agency: str | None
    hub: str | None
    narrative: str
    children: list[ContactOut]

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


def _code(code_list: str, code: str, *loc: str | int) -> CodeRow:
    found = CodeRow.objects.filter(code_list=code_list, code=code, active=True).first()
    if found is None:
        label = CodeList(code_list).label.lower()
        raise field_error(*loc, msg=f"Unknown {label} code {code!r}")
    return found


def _check_relationships(payload: ContactIn) -> None:
    for a, adult in enumerate(payload.adults):
        for r, relationship in enumerate(adult.relationships):
            if relationship.child >= len(payload.children):
                raise field_error(
                    "adults",
                    a,
                    "relationships",
                    r,
                    "child",
                    msg=f"There is no child {relationship.child}: `children` has "
                    f"{len(payload.children)} (counting from 0)",
                )


def _details(payload: ContactIn, key: str | None) -> actions.ContactDetails:
    if payload.received_at > timezone.now():
        raise field_error("received_at", msg="must not be in the future")
    _check_relationships(payload)
    agency = None
    if payload.agency_id is not None:
        agency = Agency.objects.filter(pk=payload.agency_id, active=True).first()
        if agency is None:
            raise field_error("agency_id", msg=f"Unknown agency {payload.agency_id}")
    return actions.ContactDetails(
        received_at=payload.received_at,
        referral_source=_code(CodeList.REFERRAL_SOURCE, payload.referral_source, "referral_source"),
        agency=agency,
        referrer_is_public=payload.referrer_is_public,
        referrer_name=payload.referrer_name,
        referrer_role=payload.referrer_role,
        referrer_organisation=payload.referrer_organisation,
        referrer_phone=payload.referrer_phone,
        referrer_email=payload.referrer_email,
        incident_date=payload.incident_date,
        concern_categories=[
            _code(CodeList.CONCERN_CATEGORY, c, "concern_categories", i)
            for i, c in enumerate(payload.concern_categories)
        ],
        narrative=payload.narrative,
        family_knows=payload.family_knows,
        family_knows_detail=payload.family_knows_detail,
        children=[actions.ChildDetails(**child.model_dump()) for child in payload.children],
        adults=[
            actions.AdultDetails(
                first_name=a.first_name,
                last_name=a.last_name,
                date_of_birth=a.date_of_birth,
                address=a.address,
                relationships={r.child: r.relationship for r in a.relationships},
            )
            for a in payload.adults
        ],
        idempotency_key=key,
    )


# Read once at import (a module-level default, not a call in every signature).
IDEMPOTENCY_KEY_HEADER = Header(
    default=None,
    alias="Idempotency-Key",
    description="Any unique text up to 64 printable ASCII characters, e.g. a UUID",
)


@router.post("", response={201: FamilyContactOut, **ERRORS}, summary="Record a contact")
def create_contact(
    request: HttpRequest,
    payload: ContactIn,
    idempotency_key: IdempotencyKey | None = IDEMPOTENCY_KEY_HEADER,
) -> Status[FamilyContact]:
    """Record a contact about one or more children. Send an `Idempotency-Key` header so that a
    retry after a network failure returns the first contact instead of making a second."""
    user = signed_in_user(request)
    # The MASH's intake. A partner agency submits through POST /api/partners/contacts, which
    # answers with what a partner may see of it (frontdoor/partners/api.py).
    require(user, "receive_contact")
    details = _details(payload, idempotency_key)
    family = actions.receive_contact(by=user, details=details)
    return Status(201, get_family_contact_for(user, family.pk, path=request.path))


@router.get(
    "/{family_id}", response={200: FamilyContactOut, **READ_ERRORS}, summary="Get a contact"
)
def get_contact(request: HttpRequest, family_id: uuid.UUID) -> FamilyContact:
    user = signed_in_user(request)
    return get_family_contact_for(user, family_id, path=request.path)


class QueueSummaryOut(Schema):
    slug: str
    name: str
    children: int
    families: int
    overdue: int
    oldest_received_at: datetime | None


@router.get(
    "/queues/", response={200: list[QueueSummaryOut], **READ_ERRORS}, summary="List the queues"
)
def list_queues(request: HttpRequest) -> list[QueueSummaryOut]:
    user = signed_in_user(request)
    require(user, "view_queues")
    return [
        QueueSummaryOut(
            slug=s.queue.slug,
            name=s.queue.name,
            children=s.children,
            families=s.families,
            overdue=s.overdue,
            oldest_received_at=s.oldest_received_at,
        )
        for s in queue_summaries(user)
    ]


class QueueItemOut(FamilyContactOut):
    due: datetime


@router.get(
    "/queues/{slug}", response={200: list[QueueItemOut], **READ_ERRORS}, summary="List a queue"
)
@paginate(BoundedLimitOffsetPagination)
def list_queue(request: HttpRequest, slug: str) -> object:
    """Families with a child in the queue, most urgent deadline first."""
    user = signed_in_user(request)
    require(user, "view_queues")
    return queue_families(user, find_queue(slug))


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


def _versions(contact: Contact, version: int | None) -> dict[str, int] | None:
    return {str(contact.pk): version} if version is not None else None


@router.post(
    "/children/{contact_id}/link", response={200: ContactOut, **ERRORS}, summary="Link a child"
)
def link(request: HttpRequest, contact_id: uuid.UUID, payload: LinkIn) -> Contact:
    """Say which person record the child is: an existing one, or a new one made from the
    child's details as the referrer gave them."""
    user = signed_in_user(request)
    contact = get_contact_for(user, contact_id)
    if payload.person_id is None:  # so `create` is true: LinkIn allows exactly one of the two
        search = (
            PersonSearch.objects.filter(pk=payload.search_id).first() if payload.search_id else None
        )
        actions.create_person_for_child(
            by=user, contact=contact, search=search, expected_version=payload.version
        )
    else:
        person = visible_people(user).filter(pk=payload.person_id).first()
        if person is None:
            raise field_error("person_id", msg=f"Unknown person {payload.person_id}")
        actions.link_child(
            by=user,
            contact=contact,
            person=person,
            expected_version=payload.version,
        )
    return get_contact_for(user, contact_id)


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


@router.post(
    "/children/{contact_id}/screening", response={200: ContactOut, **ERRORS}, summary="Screen"
)
def screening(request: HttpRequest, contact_id: uuid.UUID, payload: ScreeningIn) -> Contact:
    user = signed_in_user(request)
    contact = get_contact_for(user, contact_id)
    actions.record_screening(
        by=user,
        contacts=[contact],
        screening=actions.Screening(
            rag=Rag(payload.rag),
            level_of_need=_code(CodeList.LEVEL_OF_NEED, payload.level_of_need, "level_of_need"),
            summary=payload.summary,
            recommendation=payload.recommendation,
        ),
        versions=_versions(contact, payload.version),
        siblings={str(person): answer for person, answer in payload.siblings.items()},
    )
    return get_contact_for(user, contact_id)


class SendToHubIn(InputSchema):
    hub: Slug = Field(description="The hub's slug, e.g. child-protection-hub")


@router.post(
    "/{family_id}/send-to-hub", response={200: FamilyContactOut, **ERRORS}, summary="Send to a hub"
)
def send(request: HttpRequest, family_id: uuid.UUID, payload: SendToHubIn) -> FamilyContact:
    """Pass every undecided child in the contact to one hub together."""
    user = signed_in_user(request)
    family = get_family_contact_for(user, family_id, path=request.path)
    hub = Team.objects.hubs().filter(slug=payload.hub).first()
    if hub is None:
        raise field_error("hub", msg=f"Unknown hub {payload.hub!r}")
    actions.send_to_hub(by=user, family=family, hub=hub)
    return get_family_contact_for(user, family_id, path=request.path)


class AnalysisIn(InputSchema):
    worries: RequiredText
    working_well: RequiredText
    needs_to_happen: RequiredText
    scale: int = Field(ge=0, le=10)
    proposed_outcome: Literal[tuple(Outcome.values)]  # type: ignore[valid-type]
    version: Version | None = Field(default=None, description="The child's version you read")


@router.post(
    "/children/{contact_id}/analysis", response={200: ContactOut, **ERRORS}, summary="Analyse"
)
def analysis(request: HttpRequest, contact_id: uuid.UUID, payload: AnalysisIn) -> Contact:
    """Record the hub's risk, need and strength analysis and the outcome it proposes."""
    user = signed_in_user(request)
    contact = get_contact_for(user, contact_id)
    actions.record_analysis(
        by=user,
        contacts=[contact],
        analysis=actions.Analysis(
            worries=payload.worries,
            working_well=payload.working_well,
            needs_to_happen=payload.needs_to_happen,
            scale=payload.scale,
            proposed_outcome=payload.proposed_outcome,
        ),
        versions=_versions(contact, payload.version),
    )
    return get_contact_for(user, contact_id)


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
    version: Version | None = Field(default=None, description="The child's version you read")
    indicator_answers: dict[Slug, LongText] = Field(
        default_factory=dict,
        description=(
            "Risk indicator code -> why it does not need the response it suggests. Required for "
            "each indicator pointing above the outcome (a 422 names any missing); such a "
            "decision is recorded as below the indicators and may go to second review"
        ),
    )


@router.post(
    "/children/{contact_id}/decision", response={200: ContactOut, **ERRORS}, summary="Decide"
)
def decision(request: HttpRequest, contact_id: uuid.UUID, payload: DecisionIn) -> Contact:
    """Record a manager's decision. Assessment or strategy discussion makes a referral."""
    user = signed_in_user(request)
    contact = get_contact_for(user, contact_id)
    team = None
    if payload.see_by_team is not None:
        team = Team.objects.receiving_teams().filter(slug=payload.see_by_team).first()
        if team is None:
            raise field_error("see_by_team", msg=f"Unknown team {payload.see_by_team!r}")
    actions.record_decision(
        by=user,
        contacts=[contact],
        details=actions.DecisionDetails(
            outcome=payload.outcome,
            rationale=payload.rationale,
            see_by=payload.see_by,
            see_by_team=team,
            strategy_same_day=payload.strategy_same_day,
            indicator_answers=dict(payload.indicator_answers),
        ),
        versions=_versions(contact, payload.version),
    )
    return get_contact_for(user, contact_id)
