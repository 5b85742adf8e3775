"""Demo management oversight (issue 9): Mark agrees with one of Maya's decisions and sets an
action for Hamid; challenges one of Alice's screenings, which she answers; challenges another of
Maya's decisions, still open, with an action; and one child whose case opened 34 days ago has
had no oversight at all, so the child's page warns and the "Children due oversight" list shows
them.

Synthetic; put through the real actions, at the moments they would have happened.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from django.utils import timezone

from frontdoor.access.models import User
from frontdoor.codelists.models import Code, CodeList
from frontdoor.contacts import actions as contact_actions
from frontdoor.contacts.models import Contact
from frontdoor.contacts.sibling_prompts import sibling_prompts
from frontdoor.demo.seed import at
from frontdoor.oversight import actions
from frontdoor.oversight.models import OversightRecord
from frontdoor.oversight.rules import Kind, Reply, Stage, Verdict
from frontdoor.people.models import Person
from frontdoor.workflow.errors import NotReady


def seed_supervision(users: dict[str, User], rng: random.Random) -> None:
    now = timezone.now()
    decided = list(
        Contact.objects.filter(
            person__isnull=False,
            decision__decided_by=users["maya"],
            screened_by=users["alice"],
            person__restriction__isnull=True,
        )
        .select_related("person", "family", "decision")
        .order_by("decision__decided_at")[:3]
    )
    if len(decided) < 3:
        return  # too few decisions in a small demo
    next_week = timezone.localdate() + timedelta(days=7)
    agreed, challenged_screening, challenged_decision = decided
    _oversee(
        users["mark"],
        agreed,
        Stage.DECISION,
        Verdict.AGREE,
        "History read in full; the outcome fits the school's account and police checks.",
        [("Check the family has been told the outcome", users["hamid"], next_week)],
        timedelta(hours=20),
    )
    record = _oversee(
        users["mark"],
        challenged_screening,
        Stage.SCREENING,
        Verdict.CHALLENGE,
        "Rated green, but this is the third contact about neglect this year.",
        [],
        timedelta(hours=26),
    )
    if record is not None:
        with at(record.recorded_at + timedelta(hours=3)):
            actions.respond_to_challenge(
                by=users["alice"],
                record=record,
                reply=Reply.MAINTAIN,
                explanation="The earlier contacts were about an older sibling who has moved out.",
            )
    _oversee(
        users["mark"],
        challenged_decision,
        Stage.DECISION,
        Verdict.CHALLENGE,
        "Information and advice looks over-optimistic given the father's recent release.",
        [("Ask police for the father's licence conditions", users["hamid"], next_week)],
        timedelta(hours=30),
    )
    _overdue_child(users, now - timedelta(days=34))


def _oversee(
    manager: User,
    contact: Contact,
    stage: str,
    verdict: str,
    reason: str,
    to_set: list[tuple[str, User, date]],
    after: timedelta,
) -> OversightRecord | None:
    """Oversight recorded `after` the decision (a manager reads the file the next day or so)."""
    assert contact.person is not None
    moment = contact.decision.decided_at + after
    with at(min(moment, timezone.now())):
        try:
            return actions.record_oversight(
                by=manager,
                person=contact.person,
                kind=Kind.OVERSIGHT,
                contact=contact,
                stage=stage,
                verdict=verdict,
                reason=reason,
                actions=[actions.ActionToSet(w, o, d) for w, o, d in to_set],
            )
        except NotReady:
            return None


def _overdue_child(users: dict[str, User], received: datetime) -> None:
    """A child screened 34 days ago and left in the tray, with no oversight since."""
    person = (
        Person.objects.filter(contacts__isnull=True, restriction__isnull=True)
        .order_by("-last_name", "-first_name")
        .first()
    )
    if person is None:
        return
    need = Code.objects.get(code_list=CodeList.LEVEL_OF_NEED, code="3")
    with at(received + timedelta(minutes=3)):
        family = contact_actions.receive_contact(
            by=users["colin"],
            details=contact_actions.ContactDetails(
                received_at=received,
                referral_source=Code.objects.get(code_list=CodeList.REFERRAL_SOURCE, code="2A"),
                referrer_name="School nurse",
                narrative="The child has had untreated toothache for weeks and misses school.",
                family_knows="yes",
                children=[
                    contact_actions.ChildDetails(
                        first_name=person.first_name,
                        last_name=person.last_name,
                        sex=person.sex,
                        date_of_birth=person.date_of_birth,
                        address=person.address,
                        postcode=person.postcode,
                    )
                ],
            ),
        )
    contact = family.contacts.get()
    with at(received + timedelta(hours=2)):
        contact_actions.link_child(by=users["alice"], contact=contact, person=person)
        contact_actions.record_screening(
            by=users["alice"],
            contacts=[contact],
            siblings={str(p.sibling.pk): "no_action" for p in sibling_prompts(family)},
            screening=contact_actions.Screening(
                rag="green",
                level_of_need=need,
                summary="Health neglect; dentist not seen.",
                recommendation="Early help hub.",
            ),
        )
