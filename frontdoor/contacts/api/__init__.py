"""The contact spine over JSON: the same actions and queries as the pages.

Request bodies are strict (frontdoor/api/schemas.py): unknown keys, dates that are not ISO text,
naive times and unstorable text are refused with a 422 that names the field, before any action
runs. Checks that need the database (an unknown code, hub, team or person) answer the same way.

The operations stay in this module, registered on `router` (mounted at /api/contacts): the
OpenAPI document names each operation after its module and function, so partner systems' ids
do not change. The bodies and answers are in `schemas`; turning a body into what an action
takes is in `bodies`. `MAX_CHILDREN`, `AdultIn`, `ChildIn`, `adult_details`,
`check_relationships` and `concern_category_rows` are the partners' API's too.
"""

from __future__ import annotations

import uuid

from django.http import Http404, HttpRequest
from ninja import Router, Status
from ninja.pagination import paginate
from ninja.params.functions import Header

from frontdoor.access.policies import require
from frontdoor.access.queries import signed_in_user
from frontdoor.api.pagination import BoundedLimitOffsetPagination
from frontdoor.api.schemas import ERRORS, READ_ERRORS, IdempotencyKey, field_error
from frontdoor.codelists.models import Code, CodeList
from frontdoor.contacts import actions
from frontdoor.contacts.actions import claims
from frontdoor.contacts.api import adults
from frontdoor.contacts.api.bodies import (
    _code,
    _details,
    adult_details,
    check_relationships,
    concern_category_rows,
)
from frontdoor.contacts.api.schemas import (
    MAX_CHILDREN,
    AdultIn,
    AnalysisIn,
    ChildIn,
    ClaimIn,
    ContactIn,
    ContactOut,
    DecisionIn,
    DecisionOut,
    FamilyContactOut,
    LinkIn,
    QueueItemOut,
    QueueSummaryOut,
    RelationshipIn,
    ScreeningIn,
    SendToHubIn,
    SexCode,
)
from frontdoor.contacts.models import Contact, FamilyContact
from frontdoor.contacts.queries import (
    Queue,
    find_queue,
    get_contact_for,
    get_family_contact_for,
    get_family_to_claim,
    queue_families,
    queue_summaries,
)
from frontdoor.contacts.workflow import Outcome, Rag
from frontdoor.decisions import actions as decision_actions
from frontdoor.matching.queries import shown_search
from frontdoor.people.queries import openable_person
from frontdoor.teams.models import Team

__all__ = [
    "IDEMPOTENCY_KEY_HEADER",
    "MAX_CHILDREN",
    "AdultIn",
    "AnalysisIn",
    "ChildIn",
    "ContactIn",
    "ContactOut",
    "DecisionIn",
    "DecisionOut",
    "FamilyContactOut",
    "LinkIn",
    "QueueItemOut",
    "QueueSummaryOut",
    "RelationshipIn",
    "ScreeningIn",
    "SendToHubIn",
    "SexCode",
    "adult_details",
    "analysis",
    "check_relationships",
    "concern_category_rows",
    "create_contact",
    "decision",
    "get_contact",
    "link",
    "list_queue",
    "list_queues",
    "router",
    "screening",
    "send",
]

router = Router(tags=["contacts"])
# Adults named in a contact (issue 17): /api/contacts/children/{contact_id}/adults/...
router.add_router("/children", adults.router)


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


@router.get(
    "/queues/{slug}", response={200: list[QueueItemOut], **READ_ERRORS}, summary="List a queue"
)
@paginate(BoundedLimitOffsetPagination)
def list_queue(request: HttpRequest, slug: str) -> object:
    """Families with a child in the queue, most urgent deadline first."""
    user = signed_in_user(request)
    require(user, "view_queues")
    return queue_families(user, find_queue(slug))


def _queue_named(slug: str) -> Queue:
    try:
        return find_queue(slug)
    except Http404:
        raise field_error("queue", msg=f"Unknown queue {slug!r}") from None


@router.post(
    "/{family_id}/claim", response={200: FamilyContactOut, **ERRORS}, summary="Claim a contact"
)
def claim(request: HttpRequest, family_id: uuid.UUID, payload: ClaimIn) -> FamilyContact:
    """Claim the family in the queue it waits in, so no one else works it (a 409 names who
    has it); claiming one's own claim again changes nothing."""
    user = signed_in_user(request)
    family = get_family_to_claim(user, family_id)
    claims.claim(by=user, family=family, queue=_queue_named(payload.queue))
    return get_family_contact_for(user, family_id, path=request.path)


@router.post(
    "/{family_id}/release",
    response={200: FamilyContactOut, **ERRORS},
    summary="Release a claim on a contact",
)
def release(request: HttpRequest, family_id: uuid.UUID, payload: ClaimIn) -> FamilyContact:
    """Release one's own claim, or (a manager) anyone's."""
    user = signed_in_user(request)
    family = get_family_to_claim(user, family_id)
    claims.release(by=user, family=family, queue=_queue_named(payload.queue))
    return get_family_contact_for(user, family_id, path=request.path)


@router.post(
    "/queues/{slug}/claim-next",
    response={200: FamilyContactOut, 204: None, **ERRORS},
    summary="Claim the next family in a queue",
)
def claim_next(request: HttpRequest, slug: str) -> Status[FamilyContact | None]:
    """The most urgent unclaimed family in the queue, claimed for the caller; 204 when every
    family is claimed. Any number of workers may ask at once: no family goes to two."""
    user = signed_in_user(request)
    require(user, "view_queues")
    family = claims.claim_next(by=user, queue=find_queue(slug))
    if family is None:
        return Status(204, None)
    return Status(200, get_family_contact_for(user, family.pk, path=request.path))


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
    # The role first, as on the page: a role that may not link is refused before the body's
    # person is looked up (else its answer would say whether the id is a record it may open).
    require(user, "link_child")
    if payload.person_id is None:  # so `create` is true: LinkIn allows exactly one of the two
        search = shown_search(user, contact, payload.search_id)
        actions.create_person_for_child(
            by=user, contact=contact, search=search, expected_version=payload.version
        )
    else:
        person = openable_person(user, payload.person_id)
        if person is None:
            raise field_error("person_id", msg=f"Unknown person {payload.person_id}")
        actions.link_child(
            by=user,
            contact=contact,
            person=person,
            expected_version=payload.version,
        )
    return get_contact_for(user, contact_id)


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
    council = None
    if payload.other_council is not None and payload.outcome != Outcome.OTHER_COUNCIL:
        # Never dropped without a word: a council named for another outcome is a mistake.
        raise field_error("other_council", msg="Name a council only for the outcome other_council")
    if payload.other_council is not None:
        councils = Code.objects.of(CodeList.LOCAL_AUTHORITY)
        council = councils.filter(code=payload.other_council).first()
        if council is None:
            raise field_error("other_council", msg=f"Unknown LA number {payload.other_council!r}")
    decision_actions.record_decision(
        by=user,
        contacts=[contact],
        details=decision_actions.DecisionDetails(
            outcome=payload.outcome,
            rationale=payload.rationale,
            see_by=payload.see_by,
            see_by_team=team,
            strategy_same_day=payload.strategy_same_day,
            indicator_answers=dict(payload.indicator_answers),
            other_council=council,
        ),
        versions=_versions(contact, payload.version),
    )
    return get_contact_for(user, contact_id)
