"""The contact spine over JSON: the same actions and queries as the pages."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Literal

from django.http import HttpRequest
from django.utils import timezone
from ninja import Header, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate
from pydantic import Field, model_validator

from frontdoor.access.policies import require
from frontdoor.agencies.models import Agency
from frontdoor.api.schemas import AwareDateTime, IsoDate, LongText, Name, PastDate, ShortText
from frontdoor.codelists.models import Code, CodeList
from frontdoor.contacts import actions
from frontdoor.contacts.models import Contact, FamilyContact
from frontdoor.contacts.queries import (
    find_queue,
    get_contact_for,
    get_family_contact_for,
    queue_families,
    queue_summaries,
)
from frontdoor.contacts.workflow import NotReady, Outcome, Rag
from frontdoor.people.models import RelationshipKind, Sex
from frontdoor.people.queries import visible_people
from frontdoor.teams.models import Team

router = Router(tags=["contacts"])

SexCode = Literal["M", "F", "U"]


class ChildIn(Schema):
    first_name: Name
    last_name: Name
    sex: SexCode = Sex.UNKNOWN.value  # type: ignore[assignment]
    date_of_birth: PastDate | None = None
    expected_date_of_birth: IsoDate | None = None
    address: ShortText = ""
    postcode: str = Field(default="", max_length=10)

    @model_validator(mode="after")
    def one_date(self) -> ChildIn:
        if (self.date_of_birth is None) == (self.expected_date_of_birth is None):
            raise ValueError("give either date_of_birth or, for an unborn child, expected_date_of_birth")
        return self


class RelationshipIn(Schema):
    child: int = Field(ge=0, le=11, description="Index of the child in `children`")
    relationship: Literal[tuple(RelationshipKind.values)]  # type: ignore[valid-type]


class AdultIn(Schema):
    first_name: Name
    last_name: Name
    date_of_birth: PastDate | None = None
    address: ShortText = ""
    relationships: list[RelationshipIn] = Field(default_factory=list, max_length=12)


class ContactIn(Schema):
    received_at: AwareDateTime
    referral_source: str = Field(description="CIN census referral source code, e.g. 6 for police")
    agency_id: uuid.UUID | None = None
    referrer_is_public: bool = False
    referrer_name: ShortText = ""
    referrer_role: ShortText = ""
    referrer_organisation: ShortText = ""
    referrer_phone: str = Field(default="", max_length=40)
    referrer_email: str = Field(default="", max_length=254)
    incident_date: PastDate | None = None
    concern_categories: list[str] = Field(default_factory=list, max_length=20)
    narrative: LongText = Field(min_length=1)
    family_knows: Literal["yes", "no", "not_known"]
    family_knows_detail: LongText = ""
    children: list[ChildIn] = Field(min_length=1, max_length=12)
    adults: list[AdultIn] = Field(default_factory=list, max_length=12)


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


class ErrorOut(Schema):
    detail: object


ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


def _code(code_list: str, code: str) -> Code:
    found = Code.objects.filter(code_list=code_list, code=code, active=True).first()
    if found is None:
        raise NotReady([f"Unknown {CodeList(code_list).label.lower()} code {code!r}"])
    return found


def _details(payload: ContactIn, key: str | None) -> actions.ContactDetails:
    agency = None
    if payload.agency_id is not None:
        agency = Agency.objects.filter(pk=payload.agency_id, active=True).first()
        if agency is None:
            raise NotReady([f"Unknown agency {payload.agency_id}"])
    categories = [_code(CodeList.CONCERN_CATEGORY, c) for c in payload.concern_categories]
    return actions.ContactDetails(
        received_at=payload.received_at,
        referral_source=_code(CodeList.REFERRAL_SOURCE, payload.referral_source),
        agency=agency,
        referrer_is_public=payload.referrer_is_public,
        referrer_name=payload.referrer_name,
        referrer_role=payload.referrer_role,
        referrer_organisation=payload.referrer_organisation,
        referrer_phone=payload.referrer_phone,
        referrer_email=payload.referrer_email,
        incident_date=payload.incident_date,
        concern_categories=categories,
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
                relationships={r.child: r.relationship for r in a.relationships if r.child < len(payload.children)},
            )
            for a in payload.adults
        ],
        idempotency_key=key,
    )


@router.post("", response={201: FamilyContactOut, **ERRORS}, summary="Record a contact")
def create_contact(
    request: HttpRequest,
    payload: ContactIn,
    idempotency_key: str | None = Header(default=None, alias="Idempotency-Key", max_length=100),
) -> tuple[int, FamilyContact]:
    """Record a contact about one or more children. Send an `Idempotency-Key` header so that a
    retry after a network failure returns the first contact instead of making a second."""
    if payload.received_at > timezone.now():
        raise NotReady(["received_at must not be in the future"])
    family = actions.receive_contact(by=request.user, details=_details(payload, idempotency_key))  # type: ignore[arg-type]
    return 201, get_family_contact_for(request.user, family.pk, path=request.path)  # type: ignore[arg-type]


@router.get("/{uuid:family_id}", response={200: FamilyContactOut, **ERRORS}, summary="Get a contact")
def get_contact(request: HttpRequest, family_id: uuid.UUID) -> FamilyContact:
    return get_family_contact_for(request.user, family_id, path=request.path)  # type: ignore[arg-type]


class QueueSummaryOut(Schema):
    slug: str
    name: str
    children: int
    families: int
    overdue: int
    oldest_received_at: datetime | None


@router.get("/queues/", response={200: list[QueueSummaryOut], **ERRORS}, summary="List the queues")
def list_queues(request: HttpRequest) -> list[QueueSummaryOut]:
    require(request.user, "view_queues")
    return [
        QueueSummaryOut(
            slug=s.queue.slug,
            name=s.queue.name,
            children=s.children,
            families=s.families,
            overdue=s.overdue,
            oldest_received_at=s.oldest_received_at,
        )
        for s in queue_summaries(request.user)  # type: ignore[arg-type]
    ]


class QueueItemOut(FamilyContactOut):
    due: datetime


@router.get("/queues/{slug}", response={200: list[QueueItemOut], **ERRORS}, summary="List a queue")
@paginate(LimitOffsetPagination)
def list_queue(request: HttpRequest, slug: str) -> object:
    """Families with a child in the queue, most urgent deadline first."""
    require(request.user, "view_queues")
    return queue_families(request.user, find_queue(slug))  # type: ignore[arg-type]


class LinkIn(Schema):
    person_id: uuid.UUID | None = Field(default=None, description="An existing person; omit with create=true")
    create: bool = Field(default=False, description="Create a new person from the child's details")
    version: int | None = None


@router.post("/children/{uuid:contact_id}/link", response={200: ContactOut, **ERRORS}, summary="Link a child to a person")
def link(request: HttpRequest, contact_id: uuid.UUID, payload: LinkIn) -> Contact:
    contact = get_contact_for(request.user, contact_id)  # type: ignore[arg-type]
    if payload.create:
        actions.create_person_for_child(by=request.user, contact=contact, expected_version=payload.version)  # type: ignore[arg-type]
    else:
        person = visible_people(request.user).filter(pk=payload.person_id).first() if payload.person_id else None
        if person is None:
            raise NotReady(["Give an existing person_id, or create=true"])
        actions.link_child(by=request.user, contact=contact, person=person, expected_version=payload.version)  # type: ignore[arg-type]
    return get_contact_for(request.user, contact_id)  # type: ignore[arg-type]


class ScreeningIn(Schema):
    rag: Literal["red", "amber", "green"]
    level_of_need: str = Field(description="Level of need code")
    summary: LongText = Field(min_length=1)
    recommendation: LongText = Field(min_length=1)
    version: int | None = None


@router.post("/children/{uuid:contact_id}/screening", response={200: ContactOut, **ERRORS}, summary="Record screening")
def screening(request: HttpRequest, contact_id: uuid.UUID, payload: ScreeningIn) -> Contact:
    contact = get_contact_for(request.user, contact_id)  # type: ignore[arg-type]
    actions.record_screening(
        by=request.user,  # type: ignore[arg-type]
        contacts=[contact],
        screening=actions.Screening(
            rag=Rag(payload.rag),
            level_of_need=_code(CodeList.LEVEL_OF_NEED, payload.level_of_need),
            summary=payload.summary,
            recommendation=payload.recommendation,
        ),
        versions={str(contact.pk): payload.version} if payload.version else None,
    )
    return get_contact_for(request.user, contact_id)  # type: ignore[arg-type]


class SendToHubIn(Schema):
    hub: str = Field(description="The hub's slug, e.g. child-protection-hub")


@router.post("/{uuid:family_id}/send-to-hub", response={200: FamilyContactOut, **ERRORS}, summary="Send to a hub")
def send(request: HttpRequest, family_id: uuid.UUID, payload: SendToHubIn) -> FamilyContact:
    family = get_family_contact_for(request.user, family_id, path=request.path)  # type: ignore[arg-type]
    hub = Team.objects.hubs().filter(slug=payload.hub).first()
    if hub is None:
        raise NotReady([f"Unknown hub {payload.hub!r}"])
    actions.send_to_hub(by=request.user, family=family, hub=hub)  # type: ignore[arg-type]
    return get_family_contact_for(request.user, family_id, path=request.path)  # type: ignore[arg-type]


class AnalysisIn(Schema):
    worries: LongText = Field(min_length=1)
    working_well: LongText = Field(min_length=1)
    needs_to_happen: LongText = Field(min_length=1)
    scale: int = Field(ge=0, le=10)
    proposed_outcome: Literal[tuple(Outcome.values)]  # type: ignore[valid-type]
    version: int | None = None


@router.post("/children/{uuid:contact_id}/analysis", response={200: ContactOut, **ERRORS}, summary="Record the hub's analysis")
def analysis(request: HttpRequest, contact_id: uuid.UUID, payload: AnalysisIn) -> Contact:
    contact = get_contact_for(request.user, contact_id)  # type: ignore[arg-type]
    actions.record_analysis(
        by=request.user,  # type: ignore[arg-type]
        contacts=[contact],
        analysis=actions.Analysis(
            worries=payload.worries,
            working_well=payload.working_well,
            needs_to_happen=payload.needs_to_happen,
            scale=payload.scale,
            proposed_outcome=payload.proposed_outcome,
        ),
        versions={str(contact.pk): payload.version} if payload.version else None,
    )
    return get_contact_for(request.user, contact_id)  # type: ignore[arg-type]


class DecisionIn(Schema):
    outcome: Literal[tuple(Outcome.values)]  # type: ignore[valid-type]
    rationale: LongText = Field(min_length=1)
    see_by: AwareDateTime | None = Field(default=None, description="Required for assessment and strategy_discussion")
    see_by_team: str | None = Field(default=None, description="Slug of the team that will see the child")
    version: int | None = None


@router.post("/children/{uuid:contact_id}/decision", response={200: ContactOut, **ERRORS}, summary="Record a decision")
def decision(request: HttpRequest, contact_id: uuid.UUID, payload: DecisionIn) -> Contact:
    contact = get_contact_for(request.user, contact_id)  # type: ignore[arg-type]
    team = Team.objects.receiving_teams().filter(slug=payload.see_by_team).first() if payload.see_by_team else None
    if payload.see_by_team and team is None:
        raise NotReady([f"Unknown team {payload.see_by_team!r}"])
    actions.record_decision(
        by=request.user,  # type: ignore[arg-type]
        contacts=[contact],
        details=actions.DecisionDetails(
            outcome=payload.outcome, rationale=payload.rationale, see_by=payload.see_by, see_by_team=team
        ),
        versions={str(contact.pk): payload.version} if payload.version else None,
    )
    return get_contact_for(request.user, contact_id)  # type: ignore[arg-type]

