"""Demo guardrails and backlog (issue 9): risk indicators on children awaiting a decision, a step
down below the indicators waiting for Mark's second review, and a backlog of screened children
nobody passed on, some of them in an urgent review shared between Alice and Hamid.

Synthetic; put through the real actions at the moments they would have happened.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from django.utils import timezone

from frontdoor.access.models import User
from frontdoor.backlog import actions as oversight_actions
from frontdoor.backlog.models import ReviewOutcome, UrgentReviewItem
from frontdoor.codelists.models import Code, CodeList
from frontdoor.contacts import actions
from frontdoor.contacts.models import Contact, FamilyContact
from frontdoor.contacts.sibling_prompts import sibling_prompts
from frontdoor.contacts.workflow import Outcome, Status
from frontdoor.decisions import actions as decision_actions
from frontdoor.demo.seed import at
from frontdoor.guardrails.actions import record_indicators
from frontdoor.guardrails.models import RiskIndicator
from frontdoor.people.models import Person

DASH_NOTE = "Police notification: DASH risk assessment high (16 ticks), MARAC referral made"


def seed_guardrails(users: dict[str, User], rng: random.Random) -> None:
    dash = RiskIndicator.objects.get(code="high-dash")
    waiting = list(
        Contact.objects.filter(status=Status.AWAITING_DECISION).order_by("decision_due_at")[:3]
    )
    for contact in waiting:
        record_indicators(by=users["hamid"], contact=contact, indicators=[dash], note=DASH_NOTE)
    if waiting:
        _step_down_for_second_review(users, waiting[0])
    backlog = _backlog(users, rng)
    _urgent_review(users, backlog)


def _step_down_for_second_review(users: dict[str, User], contact: Contact) -> None:
    """Maya steps the child down to early help against a high DASH level; Mark is to review."""
    answers = {
        code: "Mother has moved to a refuge with the children and is working with the "
        "domestic abuse service; the perpetrator is on remand."
        for code in RiskIndicator.objects.values_list("code", flat=True)
    }
    decision_actions.record_decision(
        by=users["maya"],
        contacts=list(contact.family.contacts.filter(status=Status.AWAITING_DECISION)),
        details=decision_actions.DecisionDetails(
            outcome=Outcome.EARLY_HELP,
            rationale="Family support through early help; safety plan in place at the refuge.",
            indicator_answers=answers,
        ),
    )


def _backlog(users: dict[str, User], rng: random.Random) -> list[Contact]:
    """Twelve children screened 8 to 20 days ago and never sent to a hub: the unwatched tray."""
    today = timezone.localdate()
    children = list(
        Person.objects.filter(
            contacts__isnull=True,
            date_of_birth__gt=today - timedelta(days=16 * 365),
        ).order_by("last_name", "first_name")[:12]
    )
    school = Code.objects.get(code_list=CodeList.REFERRAL_SOURCE, code="2A")
    neglect = Code.objects.get(code_list=CodeList.CONCERN_CATEGORY, code="NEG")
    need = Code.objects.get(code_list=CodeList.LEVEL_OF_NEED, code="3")
    made: list[Contact] = []
    for person in children:
        received = timezone.now() - timedelta(days=rng.randint(8, 20), hours=rng.randint(0, 8))
        family = _receive(users, person, received, school, neglect)
        contact = family.contacts.get()
        with at(received + timedelta(hours=2)):
            actions.link_child(by=users["alice"], contact=contact, person=person)
            actions.record_screening(
                by=users["alice"],
                contacts=[contact],
                siblings={str(p.sibling.pk): "no_action" for p in sibling_prompts(family)},
                screening=actions.Screening(
                    rag="green",
                    level_of_need=need,
                    summary="Attendance has fallen and the child often arrives hungry.",
                    recommendation="Child in need hub to gather information.",
                ),
            )
        made.append(Contact.objects.get(pk=contact.pk))
    return made


def _receive(
    users: dict[str, User], person: Person, received: datetime, source: Code, concern: Code
) -> FamilyContact:
    with at(received + timedelta(minutes=3)):
        return actions.receive_contact(
            by=users["colin"],
            details=actions.ContactDetails(
                received_at=received,
                referral_source=source,
                referrer_name="Designated safeguarding lead",
                narrative="School concerned about falling attendance and the child's hunger.",
                family_knows="yes",
                concern_categories=[concern],
                children=[
                    actions.ChildDetails(
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


def _urgent_review(users: dict[str, User], backlog: list[Contact]) -> None:
    """Maya sends the eight oldest to Alice and Hamid; Alice has recorded two so far."""
    oldest = sorted(backlog, key=lambda c: c.family.received_at)[:8]
    if not oldest:
        return
    oversight_actions.start_urgent_review(
        by=users["maya"],
        contacts=oldest,
        workers=[users["alice"], users["hamid"]],
        due_on=timezone.localdate() + timedelta(days=2),
        reason="Screened over a week ago and not passed to a hub",
        criteria={"older_than_days": 7, "queue": "screening"},
    )
    for item in UrgentReviewItem.objects.filter(assigned_to=users["alice"])[:2]:
        oversight_actions.record_urgent_review(
            by=users["alice"],
            item=item,
            outcome=ReviewOutcome.SAFE_TO_WAIT,
            note="Read the file and rang the school: attending this week; safe to wait for the hub.",
        )
