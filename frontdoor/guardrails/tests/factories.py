"""Children with risk indicators, reached through the real actions (../shared/STYLE.md)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from django.utils import timezone

from frontdoor.access.models import User
from frontdoor.codelists.models import CodeList
from frontdoor.contacts import actions as contact_actions
from frontdoor.contacts.models import Contact, FamilyContact
from frontdoor.contacts.tests import factories as f
from frontdoor.contacts.workflow import Outcome
from frontdoor.guardrails.actions import record_indicators
from frontdoor.guardrails.models import RiskIndicator
from frontdoor.people.models import Person
from frontdoor.strategy import actions as strategy_actions
from frontdoor.strategy.models import Section47Enquiry, StrategyDiscussion
from frontdoor.teams.models import Team


def step_down(**changes: object) -> contact_actions.DecisionDetails:
    details = {
        "outcome": Outcome.EARLY_HELP,
        "rationale": "Mother has engaged with the family support worker.",
        **changes,
    }
    return contact_actions.DecisionDetails(**details)  # type: ignore[arg-type]


def strategy(team: Team) -> contact_actions.DecisionDetails:
    return contact_actions.DecisionDetails(
        outcome=Outcome.STRATEGY_DISCUSSION,
        rationale="Reasonable cause to suspect significant harm.",
        see_by=timezone.now() + timedelta(hours=24),
        see_by_team=team,
    )


def previous_plan(manager: User, screener: User, area_worker: User, team: Team) -> Person:
    """A child who was made subject to a child protection plan at an earlier conference."""
    family = f.screened(screener)
    contact = f.only_child(family)
    contact_actions.record_decision(by=manager, contacts=[contact], details=strategy(team))
    discussion = StrategyDiscussion.objects.get(referral__contact=contact)
    strategy_actions.record_strategy_discussion(
        by=manager,
        discussion=discussion,
        record=strategy_actions.DiscussionRecord(
            held_at=timezone.now() - timedelta(minutes=5),
            format="Conference call",
            participants=[
                strategy_actions.ParticipantDetails(agency=a, invited=True, attended=True)
                for a in ("council", "police", "health")
            ],
            information_shared="Police: two call-outs this month.",
            outcome="section_47",
            rationale="Injury unexplained",
            actions=[],
        ),
    )
    strategy_actions.record_conference(
        by=area_worker,
        enquiry=Section47Enquiry.objects.get(discussion=discussion),
        record=strategy_actions.ConferenceRecord(
            held_on=timezone.localdate(),
            child_protection_plan=True,
            abuse_category=f.code(CodeList.ABUSE_CATEGORY, "NEG"),
        ),
    )
    person = contact.person
    assert person is not None
    return person


def new_contact_about(
    by: User, person: Person, *, concerns: tuple[str, ...] = ("DA",), born: date | None = None
) -> Contact:
    """A further contact about a child already on record, screened and linked to them."""
    details = f.contact_details(children=[f.child(born=born or person.date_of_birth)])
    details = replace(
        details, concern_categories=[f.code(CodeList.CONCERN_CATEGORY, c) for c in concerns]
    )
    family = contact_actions.receive_contact(by=by, details=details)
    contact = f.only_child(family)
    contact_actions.link_child(by=by, contact=contact, person=person)
    f.screened(by, family)
    return Contact.objects.get(pk=contact.pk)


def with_high_dash(by: User, contact: Contact) -> Contact:
    record_indicators(
        by=by,
        contact=contact,
        indicators=[RiskIndicator.objects.get(code="high-dash")],
        note="Police notification: DASH high, 16 ticks",
    )
    return contact


def family_of(contact: Contact) -> FamilyContact:
    return FamilyContact.objects.get(pk=contact.family_id)
