"""Screening: saying which person record each child is (linking an existing one, or creating
one after a search), recording the RAG rating, level of need, summary and recommendation with
the answers to the sibling prompts, and passing the family's undecided children to a hub, which
stops the screening clock.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from frontdoor.access.policies import require
from frontdoor.audit.actions import record_event
from frontdoor.codelists.models import Code, CodeList
from frontdoor.contacts.actions.linking import link_child
from frontdoor.contacts.actions.siblings import consider_siblings
from frontdoor.contacts.actions.transitions import _same_family
from frontdoor.contacts.models import Contact, FamilyContact
from frontdoor.contacts.sibling_prompts import sibling_prompts, unanswered
from frontdoor.contacts.workflow import (
    CONTACT,
    ChildState,
    Status,
    send_to_hub_blockers,
    sibling_prompt_blockers,
)
from frontdoor.matching.actions import create_person
from frontdoor.matching.models import PersonSearch
from frontdoor.matching.queries import search_before_create_problems
from frontdoor.people.models import Person
from frontdoor.practice.actions import add_from_stage
from frontdoor.practice.rules import Stage
from frontdoor.workflow.compare_and_set import move
from frontdoor.workflow.errors import NotReady

if TYPE_CHECKING:
    from frontdoor.access.models import User
    from frontdoor.teams.models import Team


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
        raise NotReady.about([("search_id", problem) for problem in problems])
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
    # Optional additions to the child's risk, need and strength analysis (frontdoor/practice).
    analysis: dict[str, str] = field(default_factory=dict)


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
        raise NotReady.about([("level_of_need", "Choose a level of need")])
    answers = siblings or {}
    prompts = sibling_prompts(contacts[0].family)
    waiting = unanswered(prompts, contacts, answers)
    blockers = sibling_prompt_blockers([(str(p.sibling.pk), p.name) for p in waiting])
    if blockers:
        raise NotReady.about(blockers)
    now = timezone.now()
    with transaction.atomic():
        consider_siblings(by=by, prompts=prompts, answers=answers)
        for contact in contacts:
            move(
                contact,
                CONTACT,
                "record_screening",
                (versions or {}).get(str(contact.pk)),
                rag=screening.rag,
                level_of_need=screening.level_of_need,
                screening_summary=screening.summary,
                screening_recommendation=screening.recommendation,
                screened_by=by,
                screened_at=now,
            )
            add_from_stage(
                by=by, person=contact.person, stage=Stage.SCREENING, texts=screening.analysis
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
        raise NotReady.about([("hub", "Choose a hub")])
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
            move(contact, CONTACT, "send_to_hub", None)
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
