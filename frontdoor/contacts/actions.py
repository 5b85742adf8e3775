"""The only writers of contacts: one function per intention.

Every action follows the same steps, in this order (../shared/STYLE.md):
1. check the policy;  2. check the transition is legal;  3. run the readiness guards;
4. compare-and-set status and version (a stale form or a second worker gets StaleRecord);
5. write the audit event in the same transaction;  6. run side effects on commit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from frontdoor.access.models import Role
from frontdoor.access.policies import require
from frontdoor.assessments.actions import open_assessment
from frontdoor.audit.actions import record_event
from frontdoor.codelists.models import Code, CodeList
from frontdoor.contacts.models import (
    AdultRelationship,
    Contact,
    ContactAdult,
    Decision,
    FamilyContact,
)
from frontdoor.contacts.sibling_prompts import consider_siblings, sibling_prompts, unanswered
from frontdoor.contacts.workflow import (
    ChildState,
    NotReady,
    Outcome,
    StaleRecord,
    Status,
    decision_blockers,
    next_status,
    send_to_hub_blockers,
    sibling_prompt_blockers,
)
from frontdoor.guardrails.actions import check_decision, record_below_indicators
from frontdoor.matching.models import PersonSearch
from frontdoor.matching.queries import search_before_create_problems
from frontdoor.partners.actions import open_referrer_feedback
from frontdoor.people.actions import create_person
from frontdoor.people.models import Person
from frontdoor.referrals.actions import open_referral
from frontdoor.strategy.actions import open_strategy_discussion
from frontdoor.timescales.queries import due_at
from frontdoor.visits.actions import open_allocation

if TYPE_CHECKING:
    from frontdoor.access.models import User
    from frontdoor.agencies.models import Agency
    from frontdoor.teams.models import Team


@dataclass(frozen=True)
class ChildDetails:
    first_name: str
    last_name: str
    sex: str
    date_of_birth: date | None = None
    expected_date_of_birth: date | None = None
    address: str = ""
    postcode: str = ""


@dataclass(frozen=True)
class AdultDetails:
    first_name: str
    last_name: str
    date_of_birth: date | None = None
    address: str = ""
    # Relationship to each child, by the child's position in `ContactDetails.children`.
    relationships: dict[int, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ContactDetails:
    received_at: datetime
    referral_source: Code
    narrative: str
    family_knows: str
    children: Sequence[ChildDetails]
    agency: Agency | None = None
    referrer_is_public: bool = False
    referrer_name: str = ""
    referrer_role: str = ""
    referrer_organisation: str = ""
    referrer_phone: str = ""
    referrer_email: str = ""
    incident_date: date | None = None
    concern_categories: Sequence[Code] = ()
    family_knows_detail: str = ""
    adults: Sequence[AdultDetails] = ()
    idempotency_key: str | None = None


def require_intake(by: User) -> None:
    """MASH staff record contacts from anyone; a partner agency officer submits their own
    through the professionals' referral form or the partner API (a policy of its own, so that
    letting partners submit never lets them into the MASH's intake pages)."""
    require(by, "submit_contact" if by.role == Role.PARTNER else "receive_contact")


def _as_submitted_by(by: User, details: ContactDetails) -> ContactDetails:
    """A partner's submission is always their own agency's: the agency, referral source and
    organisation come from their user, never from what the form or API call said."""
    agency = by.agency
    if agency is None:  # the database constraint makes every partner belong to an agency
        raise NotReady(["Your user is not linked to an agency"])
    return replace(
        details,
        agency=agency,
        referral_source=agency.referral_source,
        referrer_is_public=False,
        referrer_organisation=agency.name,
    )


def receive_contact(*, by: User, details: ContactDetails) -> FamilyContact:
    """Record a new contact: one family contact, one contact per child, clocks started."""
    require_intake(by)
    if by.role == Role.PARTNER:
        details = _as_submitted_by(by, details)
    if not details.children:
        raise NotReady(["Add at least one child"])
    key = f"{by.pk}:{details.idempotency_key}" if details.idempotency_key else None
    if key and (existing := FamilyContact.objects.filter(idempotency_key=key).first()):
        return existing
    try:
        with transaction.atomic():
            return _create_family_contact(by, details, key)
    except IntegrityError:
        # A concurrent retry with the same key won the race: return what it created.
        if key and (existing := FamilyContact.objects.filter(idempotency_key=key).first()):
            return existing
        raise


def _create_family_contact(by: User, details: ContactDetails, key: str | None) -> FamilyContact:
    now = timezone.now()
    family = FamilyContact.objects.create(
        received_at=details.received_at,
        recorded_at=now,
        recorded_by=by,
        referral_source=details.referral_source,
        agency=details.agency,
        submitted_by_agency=by.agency if by.role == Role.PARTNER else None,
        referrer_is_public=details.referrer_is_public,
        referrer_name=details.referrer_name,
        referrer_role=details.referrer_role,
        referrer_organisation=details.referrer_organisation,
        referrer_phone=details.referrer_phone,
        referrer_email=details.referrer_email,
        incident_date=details.incident_date,
        narrative=details.narrative,
        family_knows=details.family_knows,
        family_knows_detail=details.family_knows_detail,
        idempotency_key=key,
    )
    family.concern_categories.set(details.concern_categories)
    # Both clocks start when the contact was received, not when it was typed in.
    screening_due = due_at("screening", details.received_at)
    decision_due = due_at("referral_decision", details.received_at)
    contacts = [
        Contact.objects.create(
            family=family,
            position=position,
            first_name=child.first_name,
            last_name=child.last_name,
            date_of_birth=child.date_of_birth,
            expected_date_of_birth=child.expected_date_of_birth,
            sex=child.sex,
            address=child.address,
            postcode=child.postcode,
            screening_due_at=screening_due,
            decision_due_at=decision_due,
        )
        for position, child in enumerate(details.children)
    ]
    for position, adult in enumerate(details.adults):
        _add_adult(family, contacts, position, adult)
    for contact in contacts:
        record_event(
            actor=by,
            verb="contact_received",
            family_contact=family,
            contact=contact,
            data={
                "source": details.referral_source.code,
                "source_label": details.referral_source.label,
                "agency": details.agency.name if details.agency else "",
                "submitted_online": by.role == Role.PARTNER,
                "children": len(contacts),
                "screening_due_at": screening_due.isoformat(),
            },
        )
    return family


def _add_adult(
    family: FamilyContact, contacts: list[Contact], position: int, adult: AdultDetails
) -> None:
    row = ContactAdult.objects.create(
        family=family,
        position=position,
        first_name=adult.first_name,
        last_name=adult.last_name,
        date_of_birth=adult.date_of_birth,
        address=adult.address,
    )
    AdultRelationship.objects.bulk_create(
        AdultRelationship(adult=row, contact=contacts[index], kind=kind)
        for index, kind in adult.relationships.items()
        if 0 <= index < len(contacts) and kind
    )


def _compare_and_set(
    contact: Contact, action: str, expected_version: int | None, **changes: object
) -> Contact:
    """Move `contact` by `action`, only if nobody has changed it since it was read."""
    version = contact.version if expected_version is None else expected_version
    if version != contact.version:
        # The form was filled in against an older version: say so, rather than complain that
        # the newer state does not allow the step.
        raise StaleRecord()
    new_status = next_status(action, contact.status)
    updated = Contact.objects.filter(pk=contact.pk, status=contact.status, version=version).update(
        status=new_status, version=F("version") + 1, **changes
    )
    if updated != 1:
        raise StaleRecord()
    contact.refresh_from_db()
    return contact


def _same_family(contacts: Sequence[Contact]) -> None:
    if not contacts:
        raise NotReady(["Choose at least one child"])
    if len({c.family_id for c in contacts}) != 1:
        raise NotReady(["Choose children from the same contact"])


def link_child(
    *, by: User, contact: Contact, person: Person, expected_version: int | None = None
) -> Contact:
    """Say which person record this child is. Allowed while the contact is open."""
    require(by, "link_child")
    if contact.status == Status.DECIDED:
        raise NotReady(["This child's contact has been decided: the link cannot change now"])
    version = contact.version if expected_version is None else expected_version
    with transaction.atomic():
        previous = contact.person_id
        updated = Contact.objects.filter(
            pk=contact.pk, version=version, status=contact.status
        ).update(person=person, version=F("version") + 1)
        if updated != 1:
            raise StaleRecord()
        contact.refresh_from_db()
        record_event(
            actor=by,
            verb="child_linked",
            family_contact=contact.family,
            contact=contact,
            person=person,
            data={"previous_person": str(previous) if previous else ""},
        )
    return contact


def create_person_for_child(
    *,
    by: User,
    contact: Contact,
    search: PersonSearch | None,
    expected_version: int | None = None,
) -> Person:
    """Create a new person record from the child's details as told, and link it.

    Only after a search for this child has been shown to this user (`search`, recorded by
    `matching.actions.record_search`): a new record made without looking is how duplicates are
    born. The person_created event names the search and what it offered."""
    require(by, "create_person")
    problems = search_before_create_problems(search, by=by, contact=contact, now=timezone.now())
    if problems:
        raise NotReady(problems)
    with transaction.atomic():
        person = create_person(
            by=by,
            after_search=search,
            first_name=contact.first_name,
            last_name=contact.last_name,
            date_of_birth=contact.date_of_birth,
            expected_date_of_birth=contact.expected_date_of_birth,
            sex=contact.sex,
            address=contact.address,
            postcode=contact.postcode,
        )
        link_child(by=by, contact=contact, person=person, expected_version=expected_version)
    return person


@dataclass(frozen=True)
class Screening:
    rag: str
    level_of_need: Code
    summary: str
    recommendation: str


def record_screening(
    *,
    by: User,
    contacts: Sequence[Contact],
    screening: Screening,
    versions: dict[str, int] | None = None,
    siblings: dict[str, str] | None = None,
) -> list[Contact]:
    """Record RAG, level of need, summary and recommendation for one or more siblings.

    `siblings` answers the prompt for each brother or sister on record who is not in the
    contact (sibling person id -> "no_action" or "add"); every prompt for the children being
    screened must be answered."""
    require(by, "record_screening")
    _same_family(contacts)
    if screening.level_of_need.code_list != CodeList.LEVEL_OF_NEED:
        raise NotReady(["Choose a level of need"])
    answers = siblings or {}
    prompts = sibling_prompts(contacts[0].family)
    blockers = sibling_prompt_blockers(unanswered(prompts, contacts, answers))
    if blockers:
        raise NotReady(blockers)
    now = timezone.now()
    with transaction.atomic():
        consider_siblings(by=by, prompts=prompts, answers=answers)
        for contact in contacts:
            _compare_and_set(
                contact,
                "record_screening",
                (versions or {}).get(str(contact.pk)),
                rag=screening.rag,
                level_of_need=screening.level_of_need,
                screening_summary=screening.summary,
                screening_recommendation=screening.recommendation,
                screened_by=by,
                screened_at=now,
            )
            record_event(
                actor=by,
                verb="screening_recorded",
                family_contact=contact.family,
                contact=contact,
                person=contact.person,
                data={"rag": screening.rag, "level_of_need": screening.level_of_need.label},
            )
    return list(contacts)


def send_to_hub(*, by: User, family: FamilyContact, hub: Team) -> FamilyContact:
    """Pass every undecided child in the family to one hub together. Stops the screening clock."""
    require(by, "send_to_hub")
    if hub.kind != "hub" or not hub.active:
        raise NotReady(["Choose a hub"])
    children = list(family.contacts.all())
    blockers = send_to_hub_blockers(
        [ChildState(c.child_name, c.status, c.person_id is not None) for c in children]
    )
    if blockers:
        raise NotReady(blockers)
    now = timezone.now()
    with transaction.atomic():
        for contact in children:
            if contact.status == Status.DECIDED:
                continue
            _compare_and_set(contact, "send_to_hub", None)
            record_event(
                actor=by,
                verb="sent_to_hub",
                family_contact=family,
                contact=contact,
                person=contact.person,
                data={"hub": hub.name, "within_screening_time": now <= contact.screening_due_at},
            )
        FamilyContact.objects.filter(pk=family.pk).update(hub=hub, sent_to_hub_at=now)
    family.refresh_from_db()
    return family


@dataclass(frozen=True)
class Analysis:
    worries: str
    working_well: str
    needs_to_happen: str
    scale: int | None
    proposed_outcome: str


def record_analysis(
    *,
    by: User,
    contacts: Sequence[Contact],
    analysis: Analysis,
    versions: dict[str, int] | None = None,
) -> list[Contact]:
    """Record the hub's risk, need and strength analysis and propose an outcome."""
    require(by, "record_analysis")
    _same_family(contacts)
    if analysis.scale is not None and not 0 <= analysis.scale <= 10:
        raise NotReady(["The scale must be a number from 0 to 10"])
    now = timezone.now()
    with transaction.atomic():
        for contact in contacts:
            _compare_and_set(
                contact,
                "record_analysis",
                (versions or {}).get(str(contact.pk)),
                worries=analysis.worries,
                working_well=analysis.working_well,
                needs_to_happen=analysis.needs_to_happen,
                scale=analysis.scale,
                proposed_outcome=analysis.proposed_outcome,
                analysed_by=by,
                analysed_at=now,
            )
            record_event(
                actor=by,
                verb="analysis_recorded",
                family_contact=contact.family,
                contact=contact,
                person=contact.person,
                data={
                    "proposed_outcome": Outcome(analysis.proposed_outcome).label,
                    "scale": analysis.scale,
                },
            )
    return list(contacts)


def return_to_hub(
    *, by: User, contact: Contact, reason: str, expected_version: int | None = None
) -> Contact:
    """A manager sends the hub's proposal back for more work, saying why."""
    require(by, "return_to_hub")
    if not reason.strip():
        raise NotReady(["Enter why the contact is going back to the hub"])
    with transaction.atomic():
        _compare_and_set(contact, "return_to_hub", expected_version)
        record_event(
            actor=by,
            verb="returned_to_hub",
            family_contact=contact.family,
            contact=contact,
            person=contact.person,
            reason=reason,
        )
    return contact


@dataclass(frozen=True)
class DecisionDetails:
    outcome: str
    rationale: str
    see_by: datetime | None = None
    see_by_team: Team | None = None
    # Serious injury or recent sexual abuse: the strategy discussion is held the same day.
    strategy_same_day: bool = False
    # Threshold guardrails (frontdoor/guardrails): indicator code -> why it does not need the
    # response it suggests. Needed for each indicator pointing above the outcome.
    indicator_answers: dict[str, str] = field(default_factory=dict)


def _decision_problems(details: DecisionDetails, now: datetime) -> list[str]:
    problems = []
    if not details.rationale.strip():
        problems.append("Enter the rationale for the decision")
    if details.outcome in Outcome.social_work_responses():
        if details.see_by is None:
            problems.append("Enter the date and time by which the child must be seen")
        elif details.see_by <= now:
            problems.append("The time the child must be seen by must be in the future")
        if details.see_by_team is None:
            problems.append("Choose the team that will see the child")
    return problems


def record_decision(
    *,
    by: User,
    contacts: Sequence[Contact],
    details: DecisionDetails,
    versions: dict[str, int] | None = None,
) -> list[Decision]:
    """Record a manager's decision for one or more siblings. A social work response (assessment
    or strategy discussion) makes each child's contact a referral and starts its clocks."""
    require(by, "record_decision")
    _same_family(contacts)
    now = timezone.now()
    problems = _decision_problems(details, now)
    for contact in contacts:
        problems += decision_blockers(
            linked=contact.person_id is not None, child_name=contact.child_name
        )
    guardrail = check_decision(contacts, details.outcome, details.indicator_answers)
    problems += guardrail.problems
    if problems:
        raise NotReady(problems)
    decisions = []
    with transaction.atomic():
        for contact in contacts:
            decided_from = contact.status
            _compare_and_set(contact, "record_decision", (versions or {}).get(str(contact.pk)))
            decision = Decision.objects.create(
                contact=contact,
                outcome=details.outcome,
                rationale=details.rationale,
                see_by=details.see_by
                if details.outcome in Outcome.social_work_responses()
                else None,
                see_by_team=(
                    details.see_by_team
                    if details.outcome in Outcome.social_work_responses()
                    else None
                ),
                rag=contact.rag,
                strategy_same_day=(
                    details.strategy_same_day and details.outcome == Outcome.STRATEGY_DISCUSSION
                ),
                decided_from=decided_from,
                decided_by=by,
                decided_at=now,
            )
            record_event(
                actor=by,
                verb="decision_recorded",
                family_contact=contact.family,
                contact=contact,
                person=contact.person,
                data={
                    "outcome": details.outcome,
                    "outcome_label": Outcome(details.outcome).label,
                    "see_by": decision.see_by.isoformat() if decision.see_by else "",
                    "team": decision.see_by_team.name if decision.see_by_team else "",
                    "within_decision_time": now <= contact.decision_due_at,
                },
            )
            record_below_indicators(
                by=by,
                contact=contact,
                decision=decision,
                check=guardrail,
                answers=details.indicator_answers,
            )
            if details.outcome in Outcome.social_work_responses():
                _start_social_work_response(by, contact, decision)
            # The referrer is told the outcome within 1 working day: that clock starts now.
            open_referrer_feedback(by=by, contact=contact, decision=decision)
            decisions.append(decision)
    return decisions


def _start_social_work_response(by: User, contact: Contact, decision: Decision) -> None:
    """A social work response makes the contact a referral, transfers the child to the team
    named on the decision (the see-by clock), and starts the assessment or requests the
    strategy discussion (its own clock: 24 hours, or the same day)."""
    referral = open_referral(by=by, contact=contact, decision=decision)
    open_allocation(by=by, referral=referral, decision=decision)
    if decision.outcome == Outcome.ASSESSMENT:
        open_assessment(by=by, referral=referral, started_at=decision.decided_at)
    else:
        open_strategy_discussion(
            by=by,
            referral=referral,
            same_day=decision.strategy_same_day,
            requested_at=decision.decided_at,
        )
