"""A small front door with known figures, built through the real actions at known times.

The page is asked on Monday 15 June 2026 at noon (UK time); the last 3 months are April, May
and June 2026.

- Ava: received 12 Jan 2026 (police), assessed: a referral before the period.
- Ava again: received Tue 12 May 09:00 from early help (5D), screened 5 hours later (late),
  decided a week later (late): assessment. A referral, a re-referral (Ava's January one), a
  step-up. Allocated to Sam.
- Ben: received Wed 13 May 09:00 from a school (2A), screened 3 hours later, stepped down to
  early help an hour after that (in time). Recorded as a decision below the indicators, reviewed.
- Cal: received Mon 1 June 09:00 from the police (6), never screened: late, and in the backlog
  over 14 days.
- Dee: received an hour before the page is asked, not yet screened: not yet counted for
  screening, in the backlog under 1 day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import time_machine

from frontdoor.access.models import User
from frontdoor.contacts import actions
from frontdoor.contacts.models import Contact
from frontdoor.contacts.tests import factories as f
from frontdoor.contacts.workflow import Outcome
from frontdoor.decisions import actions as decision_actions
from frontdoor.guardrails.models import BelowIndicatorDecision
from frontdoor.guardrails.workflow import ReviewStatus
from frontdoor.teams.models import Team
from frontdoor.timescales.calendar import LONDON
from frontdoor.visits import actions as visit_actions
from frontdoor.visits.models import Allocation

NOW = datetime(2026, 6, 15, 12, 0, tzinfo=LONDON)


def at(when: datetime) -> time_machine.travel:
    return time_machine.travel(when, tick=False)


@dataclass
class FrontDoor:
    ava_before: Contact
    ava: Contact
    ben: Contact
    cal: Contact
    dee: Contact
    worker: User


def receive(screener: User, name: str, when: datetime, source: str) -> Contact:
    with at(when):
        family = f.received(screener, received_at=when, source=source, children=[f.child(name)])
    return f.only_child(family)


def screen(screener: User, contact: Contact, when: datetime) -> None:
    with at(when):
        f.screened(screener, contact.family)


def decide(manager: User, contact: Contact, when: datetime, outcome: str, team: Team) -> None:
    social_work = outcome in Outcome.social_work_responses()
    with at(when):
        contact.refresh_from_db()
        decision_actions.record_decision(
            by=manager,
            contacts=[contact],
            details=decision_actions.DecisionDetails(
                outcome,
                "Decided on what the hub found.",
                when + timedelta(days=2) if social_work else None,
                team if social_work else None,
            ),
        )


def build(
    screener: User, manager: User, second_manager: User, team: Team, worker: User
) -> FrontDoor:
    ava_before = receive(screener, "Ava", datetime(2026, 1, 12, 9, tzinfo=LONDON), "6")
    screen(screener, ava_before, datetime(2026, 1, 12, 10, tzinfo=LONDON))
    decide(manager, ava_before, datetime(2026, 1, 12, 11, tzinfo=LONDON), Outcome.ASSESSMENT, team)

    ava = receive(screener, "Ava", datetime(2026, 5, 12, 9, tzinfo=LONDON), "5D")
    ava_before.refresh_from_db()
    assert ava_before.person is not None
    with at(datetime(2026, 5, 12, 13, tzinfo=LONDON)):
        actions.link_child(by=screener, contact=ava, person=ava_before.person)
    screen(screener, ava, datetime(2026, 5, 12, 14, tzinfo=LONDON))
    decide(manager, ava, datetime(2026, 5, 19, 9, tzinfo=LONDON), Outcome.ASSESSMENT, team)
    allocation = Allocation.objects.get(referral__contact=ava)
    with at(datetime(2026, 5, 19, 10, tzinfo=LONDON)):
        visit_actions.allocate_worker(by=manager, allocation=allocation, worker=worker)

    ben = receive(screener, "Ben", datetime(2026, 5, 13, 9, tzinfo=LONDON), "2A")
    screen(screener, ben, datetime(2026, 5, 13, 12, tzinfo=LONDON))
    decided_at = datetime(2026, 5, 13, 13, tzinfo=LONDON)
    decide(manager, ben, decided_at, Outcome.EARLY_HELP, team)
    ben.refresh_from_db()
    # The guardrail's own record, as the decision page leaves it when indicators point higher.
    BelowIndicatorDecision.objects.create(
        decision=ben.decision,
        contact=ben,
        outcome=Outcome.EARLY_HELP,
        suggested=Outcome.ASSESSMENT,
        decided_by=manager,
        decided_at=decided_at,
        review_status=ReviewStatus.AGREED,
        reviewed_by=second_manager,
        reviewed_at=decided_at + timedelta(hours=3),
    )

    cal = receive(screener, "Cal", datetime(2026, 6, 1, 9, tzinfo=LONDON), "6")
    dee = receive(screener, "Dee", NOW - timedelta(hours=1), "6")
    for contact in (ava_before, ava, ben, cal, dee):
        contact.refresh_from_db()
    return FrontDoor(ava_before, ava, ben, cal, dee, worker)
