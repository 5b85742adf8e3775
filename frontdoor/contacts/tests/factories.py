"""State-specific builders: a contact in each state of the workflow, reached through the real
actions so that every state a test starts from is one the system can actually produce."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from django.utils import timezone

from frontdoor.access.models import User
from frontdoor.codelists.models import Code, CodeList
from frontdoor.contacts import actions
from frontdoor.contacts.models import Contact, FamilyContact
from frontdoor.contacts.workflow import Outcome
from frontdoor.matching.actions import search_for_child
from frontdoor.matching.index import index_people
from frontdoor.people.models import Person, Sex
from frontdoor.teams.models import Team


def code(code_list: str, value: str) -> Code:
    return Code.objects.get(code_list=code_list, code=value)


def child(
    first: str = "Amy", last: str = "Smith", born: date | None = date(2019, 3, 27)
) -> actions.ChildDetails:
    return actions.ChildDetails(
        first_name=first, last_name=last, sex=Sex.FEMALE, date_of_birth=born, postcode="WX1 2AB"
    )


def contact_details(
    *,
    children: list[actions.ChildDetails] | None = None,
    received_at: datetime | None = None,
    source: str = "2A",
    key: str | None = None,
) -> actions.ContactDetails:
    return actions.ContactDetails(
        received_at=received_at or timezone.now() - timedelta(minutes=5),
        referral_source=code(CodeList.REFERRAL_SOURCE, source),
        narrative="Amy told her teacher she is frightened to go home.",
        family_knows="no",
        children=children or [child()],
        referrer_name="Ms Teacher",
        concern_categories=[code(CodeList.CONCERN_CATEGORY, "DA")],
        adults=[
            actions.AdultDetails(first_name="Jo", last_name="Smith", relationships={0: "parent"})
        ],
        idempotency_key=key,
    )


def received(by: User, **kwargs: object) -> FamilyContact:
    return actions.receive_contact(by=by, details=contact_details(**kwargs))  # type: ignore[arg-type]


def linked(by: User, family: FamilyContact) -> FamilyContact:
    for contact in family.contacts.all():
        if contact.person_id is None:
            # Search before create, as at screening (frontdoor/matching).
            search, _ = search_for_child(by=by, contact=contact)
            actions.create_person_for_child(by=by, contact=contact, search=search)
    return family


def screened(
    by: User, family: FamilyContact | None = None, rag: str = "red", **kwargs: object
) -> FamilyContact:
    family = family or received(by, **kwargs)
    linked(by, family)
    actions.record_screening(
        by=by,
        contacts=list(family.contacts.all()),
        screening=actions.Screening(
            rag=rag,
            level_of_need=code(CodeList.LEVEL_OF_NEED, "4"),
            summary="Known to police for domestic abuse; no previous social care.",
            recommendation="Child protection hub",
        ),
    )
    return family


def in_hub(by: User, hub: Team, **kwargs: Any) -> FamilyContact:
    family = screened(by, **kwargs)
    return actions.send_to_hub(by=by, family=family, hub=hub)


def awaiting_decision(by: User, hub: Team, **kwargs: object) -> FamilyContact:
    family = in_hub(by, hub, **kwargs)
    actions.record_analysis(
        by=by,
        contacts=list(family.contacts.all()),
        analysis=actions.Analysis(
            worries="Repeated incidents of domestic abuse witnessed by Amy.",
            working_well="Amy attends school every day and talks to her teacher.",
            needs_to_happen="Strategy discussion with police and health.",
            scale=3,
            proposed_outcome=Outcome.STRATEGY_DISCUSSION,
        ),
    )
    return family


def only_child(family: FamilyContact) -> Contact:
    return Contact.objects.get(family=family)


def person(first: str = "Amy", last: str = "Smith", born: date = date(2019, 3, 27)) -> Person:
    made = Person.objects.create(
        first_name=first,
        last_name=last,
        date_of_birth=born,
        sex=Sex.FEMALE,
        created_at=timezone.now(),
    )
    index_people([made])  # findable by person search, as create_person would leave it
    return made
