"""Every count on the front door page equals the naive baseline's (every row loaded into Python
and counted there, frontdoor/bench/dashboard_baseline.py) on a seeded random front door, two
years of it, with the edges added by hand: months that start at midnight UK time in summer time
(23:00 UTC the day before) and in winter, the day the clocks go forward, decision times across
Easter's bank holidays and a weekend, the 4-hour screening limit to the second, the 365 days of
a re-referral to the second, and the backlog's age bands at their boundaries."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest

from frontdoor.bench.dashboard_baseline import naive_figures, page_figures
from frontdoor.bench.dashboard_data import FrontDoorHistory, store_persons
from frontdoor.codelists.models import Code, CodeList
from frontdoor.contacts.actions.references import next_reference
from frontdoor.contacts.models import Contact, Decision, FamilyContact
from frontdoor.contacts.workflow import Outcome, Status
from frontdoor.figures.periods import period_to
from frontdoor.people.models import Person
from frontdoor.referrals.models import Referral
from frontdoor.rollups.tally import rebuild
from frontdoor.synthetic.generator import Profile, build_county
from frontdoor.timescales.calendar import LONDON, add_working_days

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 4, 8, 12, 0, tzinfo=LONDON)  # Wednesday after Easter Monday
UTC_HOUR = timedelta(hours=1)


class Edges:
    def __init__(self, user, people: list[Person]) -> None:
        self.user, self.people = user, people
        self.codes = {c.code: c for c in Code.objects.filter(code_list=CodeList.REFERRAL_SOURCE)}

    def contact(
        self,
        received: datetime,
        *,
        source: str = "6",
        screened: datetime | None = None,
        status: str = Status.DECIDED,
        person: Person | None = None,
        decided: datetime | None = None,
        outcome: str = Outcome.NO_FURTHER_ACTION,
    ) -> Contact:
        family = FamilyContact.objects.create(
            reference=next_reference(received),
            received_at=received,
            recorded_at=received,
            recorded_by=self.user,
            referral_source=self.codes[source],
            narrative="Edge case.",
            family_knows="not_known",
        )
        contact = Contact.objects.create(
            family=family,
            first_name="Edge",
            last_name="Case",
            person=person or random.Random(str(received)).choice(self.people),
            status=status,
            screening_due_at=received + timedelta(hours=4),
            decision_due_at=add_working_days(received, 1),
            screened_at=screened,
        )
        if decided is not None:
            social_work = outcome in Outcome.social_work_responses()
            Decision.objects.create(
                contact=contact,
                outcome=outcome,
                rationale="Edge case.",
                see_by=decided + timedelta(days=1) if social_work else None,
                see_by_team=self.team if social_work else None,
                decided_from=Status.AWAITING_DECISION,
                decided_by=self.user,
                decided_at=decided,
            )
            if social_work:
                assert contact.person is not None
                Referral.objects.create(
                    contact=contact,
                    person=contact.person,
                    referral_source=family.referral_source,
                    referral_date=received,
                    decision_due_at=contact.decision_due_at,
                    decided_at=decided,
                    assessment_due_at=add_working_days(received, 45),
                    created_at=decided,
                )
        return contact


@pytest.fixture
def people(manager, area_team) -> Edges:
    county = build_county(Profile("oracle", persons=500, contacts=900, seed=5))
    store_persons(county, random.Random(1))
    edges = Edges(manager, list(Person.objects.order_by("pk")[:50]))
    edges.team = area_team
    return edges


@pytest.fixture
def front_door(people) -> Edges:
    history = FrontDoorHistory(build_county(Profile("oracle", 500, 900, 5)), random.Random(2), NOW)
    history.years = 2
    history.build(lambda message: None)
    _add_edges(people)
    # A real spike: forty more police contacts in January 2026, after a year and more of them.
    for hour in range(40):
        received = datetime(2026, 1, 14, 9, tzinfo=LONDON) + timedelta(minutes=10 * hour)
        people.contact(received, screened=received + UTC_HOUR)
    # Rows written straight to the tables, as a bulk load would: the rollups are rebuilt from
    # them (docs/adr/0024), as `manage.py rebuild_rollups` does after one.
    rebuild()
    return people


def _add_edges(e: Edges) -> None:
    hour, minute = timedelta(hours=1), timedelta(minutes=1)
    # 00:30 BST on 1 April is April's; 23:30 GMT on 28 February is February's.
    april = datetime(2026, 3, 31, 23, 30, tzinfo=UTC)
    e.contact(april, screened=april + 4 * hour, decided=april + 5 * hour)
    february = datetime(2026, 2, 28, 23, 30, tzinfo=LONDON)
    e.contact(february, screened=february + 4 * hour + timedelta(seconds=1))
    # 00:30 on the day the clocks go forward (GMT), and 01:30 BST just after.
    for received in (
        datetime(2026, 3, 29, 0, 30, tzinfo=LONDON),
        datetime(2026, 3, 29, 2, 30, tzinfo=LONDON),
    ):
        e.contact(
            received,
            source="5D",
            screened=received + hour,
            decided=received + 2 * hour,
            outcome=Outcome.ASSESSMENT if received.hour == 0 else Outcome.NO_FURTHER_ACTION,
        )
    # Thursday before Easter at 16:00: due by the end of Tuesday 7 April.
    thursday = datetime(2026, 4, 2, 16, 0, tzinfo=LONDON)
    due = add_working_days(thursday, 1)
    assert due.astimezone(LONDON).date().isoformat() == "2026-04-07"
    e.contact(thursday, screened=thursday + hour, decided=due, outcome=Outcome.EARLY_HELP)
    e.contact(thursday, screened=thursday + hour, decided=due + minute, outcome=Outcome.ASSESSMENT)
    # Not screened: 1 second inside the 4 hours is left out, 1 second past is counted, late.
    for seconds in (-1, 1):
        e.contact(NOW - 4 * hour - timedelta(seconds=seconds), status=Status.AWAITING_SCREENING)
    # The backlog's bands at their boundaries, to the second.
    for days in (1, 3, 7, 14):
        for seconds in (-1, 0, 1):
            age = timedelta(days=days, seconds=seconds)
            e.contact(NOW - age, screened=NOW - age + hour, status=Status.SCREENED)
    # Re-referrals: 365 days to the second is within, a second more is not.
    for person, gap in ((e.people[0], timedelta(0)), (e.people[1], timedelta(seconds=1))):
        second = datetime(2026, 3, 16, 10, tzinfo=LONDON)
        first = second - timedelta(days=365) - gap
        for when in (first, second):
            e.contact(
                when,
                screened=when + hour,
                decided=when + 2 * hour,
                outcome=Outcome.STRATEGY_DISCUSSION,
                person=person,
            )


@pytest.mark.parametrize("months", [3, 12, 24])
def test_every_count_on_the_page_is_the_naive_baselines(front_door, months):
    period = period_to(NOW, months)
    naive = naive_figures(period)
    assert all(naive.values())  # every measure counts something
    page = page_figures(period)
    for slug, counts in naive.items():
        assert page[slug] == counts, slug
    if months >= 12:  # January is shown: the burst is flagged, for police and for all sources
        assert page["contacts-by-source"]["2026-01~6"].endswith(" (spike)")
        assert page["contacts-by-source"]["2026-01"].endswith(" (spike)")


def test_the_edges_fall_where_the_definitions_say(people):
    _add_edges(people)
    rebuild()
    period = period_to(NOW, 3)  # February, March, April 2026
    page = page_figures(period)
    naive = naive_figures(period)
    assert {slug: page[slug] for slug in naive} == naive
    # 00:30 BST on 1 April is April's; the two on the day the clocks change are March's.
    # April from the police: that one, 2 before Easter, 2 not screened, 9 in the backlog's
    # bands. Records began in February (nothing came in before it), so April has two months
    # of history, not the six a spike needs (docs/adr/0021): not a spike.
    assert page["contacts-by-source"]["2026-04~6"] == "14"
    assert page["contacts-by-source"]["2026-03~5D"] == "2"
    # Screened 4 hours and a second after receipt is late.
    assert page["screened-within-4-hours"]["2026-02"] == "1"
    assert "2026-02~met" not in page["screened-within-4-hours"]
    # Due by the end of Tuesday after Easter: at the last instant is in time, a minute past not.
    assert page["decisions-within-1-working-day"]["2026-04"] == "3"
    assert page["decisions-within-1-working-day"]["2026-04~met"] == "2"
    assert page["step-down-and-step-up"]["2026-03~up"] == "1"
    # Referrals: the two on 16 March, the clock-change one, and the one after Easter.
    assert page["re-referrals-within-12-months"] == {
        "2026-03": "3",
        "2026-03~again": "1",
        "2026-04": "1",
    }
    assert page["backlog-by-age"] == {
        "under-1": "3",
        "1-3": "3",
        "3-7": "3",
        "7-14": "3",
        "over-14": "2",
    }
