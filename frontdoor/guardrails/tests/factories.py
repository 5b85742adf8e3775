"""Children with risk indicators, reached through the real actions (../shared/STYLE.md)."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from frontdoor.access.models import User
from frontdoor.agencies.models import Agency
from frontdoor.codelists.models import CodeList
from frontdoor.contacts import actions as contact_actions
from frontdoor.contacts.models import Contact, FamilyContact
from frontdoor.contacts.tests import factories as f
from frontdoor.contacts.workflow import Outcome
from frontdoor.decisions import actions as decision_actions
from frontdoor.guardrails.actions import record_indicators
from frontdoor.guardrails.models import RiskIndicator
from frontdoor.history.actions import import_history
from frontdoor.history.models import ImportKind
from frontdoor.people.models import Person
from frontdoor.police.actions.intake import import_batch
from frontdoor.police.formats import rows_from_csv
from frontdoor.police.models import Notification
from frontdoor.police.workflow import Kind, Source
from frontdoor.strategy import actions as strategy_actions
from frontdoor.strategy.models import Section47Enquiry, StrategyDiscussion
from frontdoor.teams.models import Team


def step_down(**changes: object) -> decision_actions.DecisionDetails:
    details = {
        "outcome": Outcome.EARLY_HELP,
        "rationale": "Mother has engaged with the family support worker.",
        **changes,
    }
    return decision_actions.DecisionDetails(**details)  # type: ignore[arg-type]


def strategy(team: Team) -> decision_actions.DecisionDetails:
    return decision_actions.DecisionDetails(
        outcome=Outcome.STRATEGY_DISCUSSION,
        rationale="Reasonable cause to suspect significant harm.",
        see_by=timezone.now() + timedelta(hours=24),
        see_by_team=team,
    )


def previous_plan(manager: User, screener: User, area_worker: User, team: Team) -> Person:
    """A child who was made subject to a child protection plan at an earlier conference."""
    family = f.screened(screener)
    contact = f.only_child(family)
    decision_actions.record_decision(by=manager, contacts=[contact], details=strategy(team))
    discussion = StrategyDiscussion.objects.get(referral__contact=contact)
    strategy_actions.record_strategy_discussion(
        by=manager,
        discussion=discussion,
        record=strategy_actions.DiscussionRecord(
            held_at=timezone.now(),
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


def police_row(
    reference: str, incident: date, child: Person | None = None, *, level: str = "high", **more: str
) -> dict[str, str]:
    """A force's domestic abuse notification (one CSV row) about one child, Amy Smith unless
    another child is named."""
    first, last = (child.first_name, child.last_name) if child else ("Amy", "Smith")
    born = child.date_of_birth if child and child.date_of_birth else date(2019, 3, 27)
    return {
        "police_reference": reference,
        "incident_at": f"{incident:%Y-%m-%d} 22:40",
        # The same evening: never in the future, whatever the hour the test runs.
        "notified_at": f"{incident:%Y-%m-%d} 23:55",
        "officer": "PC 4411 Dean",
        "team": "Wessex North Response",
        "location": "14 Elm Road",
        "postcode": "WX1 2AB",
        "victim_first_name": "Jo",
        "victim_last_name": last,
        "victim_date_of_birth": "1990-05-04",
        "victim_relationship": "parent",
        "perpetrator_first_name": "Lee",
        "perpetrator_last_name": last,
        "risk_tool": "dash",
        "risk_level": level,
        "marac": "no",
        "narrative": f"Shouting heard by a neighbour; {first} was upstairs.",
        "child1_first_name": first,
        "child1_last_name": last,
        "child1_date_of_birth": f"{born:%Y-%m-%d}",
        "child1_sex": "F",
        "child1_present": "yes",
        **more,
    }


def notify(by: User, force: Agency, *rows: dict[str, Any]) -> None:
    """Import the rows as the force's CSV file would be read; every row must import."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    read = rows_from_csv(out.getvalue().encode(), Kind.DOMESTIC_ABUSE)
    numbered = [(str(Kind.DOMESTIC_ABUSE), number, raw) for number, raw in read]
    batch = import_batch(by=by, force=force, rows=numbered, source=Source.CSV)
    assert batch.rejected == 0, list(batch.rows.values_list("errors", flat=True))


def contact_from(reference: str) -> Contact:
    return Notification.objects.get(reference=reference).children.get().contact


def high_dash_from_the_police(by: User, force: Agency, person: Person) -> Contact:
    """The police notify a domestic abuse incident about `person`, assessed high on DASH; the
    child is matched, and the contact screened, ready for a manager's decision."""
    reference = f"WX/{person.pk.hex[:6].upper()}"
    notify(by, force, police_row(reference, timezone.localdate() - timedelta(days=2), person))
    contact = contact_from(reference)
    assert contact.person_id == person.pk, "the police child should match the known child"
    f.screened(by, contact.family)
    return Contact.objects.get(pk=contact.pk)


def plan_in_imported_history(by: User, person: Person, *, reference: str = "CF-CPP-1") -> None:
    """The previous system's record of a child protection plan for `person` (2019, neglect)."""
    result = import_history(
        by=by,
        kind=ImportKind.LEGACY,
        source="test",
        rows=[
            (
                2,
                {
                    "source_system": "CareFirst",
                    "source_reference": reference,
                    "record_type": "child_protection_plan",
                    "first_name": person.first_name,
                    "last_name": person.last_name,
                    "date_of_birth": f"{person.date_of_birth:%Y-%m-%d}",
                    "start_date": "2019-03-04",
                    "end_date": "2020-01-02",
                    "detail": "Neglect",
                },
            )
        ],
    )
    assert not result.problems, result.problems
