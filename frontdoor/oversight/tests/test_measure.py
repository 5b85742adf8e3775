"""The management information measure for challenges: hand-counted figures, the children
behind each count, and a constant number of queries."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from frontdoor.contacts.models import Contact
from frontdoor.figures.periods import period_to
from frontdoor.insight.measures import FRONT_DOOR
from frontdoor.insight.measures.behind import children
from frontdoor.insight.measures.oversight import challenges_by_team, challenges_to_decisions
from frontdoor.oversight import actions
from frontdoor.oversight.rules import Kind, Reply, Stage, Verdict
from frontdoor.oversight.tests import factories as s
from frontdoor.timescales.calendar import LONDON

pytestmark = pytest.mark.django_db

MARCH = datetime(2026, 3, 31, 23, 30, tzinfo=LONDON)  # 22:30 UTC: still March in the UK
APRIL = datetime(2026, 4, 1, 0, 30, tzinfo=LONDON)  # 23:30 UTC on 31 March: April in the UK
NOW = datetime(2026, 4, 20, 12, 0, tzinfo=LONDON)


def _agree(manager, contact):
    actions.record_oversight(
        by=manager,
        person=contact.person,
        kind=Kind.OVERSIGHT,
        contact=contact,
        stage=Stage.SCREENING,
        verdict=Verdict.AGREE,
        reason="Right call",
    )


@pytest.fixture
def history(manager, screener):
    """March: two challenges (one answered, revised) and one agreement. April: one challenge,
    open, raised in the first hour of April UK time (still 31 March in UTC)."""
    with time_machine.travel(MARCH - timedelta(days=2), tick=False):
        contacts = [s.screened_contact(screener) for _ in range(4)]
    with time_machine.travel(MARCH, tick=False):
        revised = s.challenge(manager, contacts[0])
        s.challenge(manager, contacts[1])
        _agree(manager, contacts[2])
        actions.respond_to_challenge(
            by=screener, record=revised, reply=Reply.REVISE, explanation="Will step up"
        )
    with time_machine.travel(APRIL, tick=False):
        s.challenge(manager, contacts[3])
    return contacts


def test_challenges_are_counted_by_month_in_uk_time(history):
    figure = challenges_to_decisions(period_to(NOW, 3))
    rows = {row[0].text: [c.text for c in row[1:]] for row in figure.rows}
    assert rows == {
        "February 2026": ["0", "0", "0", "0", "No data"],
        "March 2026": ["2", "1", "1", "1", "100%"],
        "April 2026": ["1", "1", "0", "0", "No data"],
    }
    assert figure.headline == "3 challenges; 2 still open"
    [team] = challenges_by_team(period_to(NOW, 3))
    assert (team.raised, team.open, team.responded) == (3, 2, 1)


def test_each_count_leads_to_the_contacts_behind_it(history):
    period = period_to(NOW, 3)
    behind = Contact.objects.filter(children("challenges-to-decisions", "2026-03~open", period))
    assert list(behind) == [history[1]]
    assert (
        Contact.objects.filter(children("challenges-to-decisions", "2026-03", period)).count() == 2
    )
    assert children("challenges-to-decisions", "2026-03~made-up", period) is None


def test_the_measure_is_registered_and_one_query_whatever_the_rows(manager, screener):
    assert FRONT_DOOR["challenges-to-decisions"] is challenges_to_decisions
    period = period_to(NOW, 12)
    with CaptureQueriesContext(connection) as none_yet:
        challenges_to_decisions(period)
    with time_machine.travel(MARCH, tick=False):
        for _ in range(3):
            s.challenge(manager, s.screened_contact(screener))
    with CaptureQueriesContext(connection) as some:
        challenges_to_decisions(period)
    assert len(none_yet.captured_queries) == len(some.captured_queries) == 1
