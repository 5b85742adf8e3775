"""The partner agency figures, on a small dataset whose answers are worked out by hand.

Every enquiry is red, sent on Monday 2 March 2026 at 10:00 (GMT) and due at 14:00.

| agency | answered after            | on time | notes                        |
| police | 1 h, 2 h, 10 h            | 2 of 3  | and one withdrawn (not timed) |
| health | 5 h; one never answered   | 0 of 2  | the unanswered one is overdue |

Police: median 2 h, 90th percentile (nearest rank: ceil(0.9 x 3) = 3rd) 10 h, 67% on time.
Health: median 5 h, 90th percentile 5 h, 0% on time.
All: turnarounds 1, 2, 5, 10: median 3.5 h, 90th percentile (ceil(3.6) = 4th) 10 h; 2 of 5 = 40%.
Sent in March: police 4 (the withdrawn one counts: it was sent), health 2, all 6.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine

from frontdoor.enquiries import actions, measures
from frontdoor.enquiries.tests import factories as ef
from frontdoor.figures.charts import render
from frontdoor.figures.periods import months_to

SENT = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
LATER = datetime(2026, 3, 20, 12, 0, tzinfo=UTC)


@pytest.fixture
def dataset(
    manager, police_partner, health_partner, child_protection_hub, police_agency, health_agency
):
    def answered_after(partner, agency, hours):
        with time_machine.travel(SENT, tick=False):
            enquiry = ef.sent(manager, child_protection_hub, agency)
        if hours is not None:
            with time_machine.travel(SENT + timedelta(hours=hours), tick=False):
                ef.answered(partner, enquiry)
        return enquiry

    for hours in (1, 2, 10):
        answered_after(police_partner, police_agency, hours)
    withdrawn = answered_after(police_partner, police_agency, None)
    with time_machine.travel(SENT + timedelta(minutes=5), tick=False):
        actions.withdraw_enquiry(by=manager, enquiry=withdrawn, reason="Sent in error")
    answered_after(health_partner, health_agency, 5)
    answered_after(health_partner, health_agency, None)
    return {"police": police_agency, "health": health_agency}


def texts(figure):
    return {row[0].text: [cell.text for cell in row[1:]] for row in figure.rows}


@pytest.mark.parametrize(
    ("values", "percent", "expected"),
    [
        ([], 90, None),
        ([7.0], 90, 7.0),
        ([1.0, 2.0, 10.0], 90, 10.0),
        ([1.0, 2.0, 10.0], 50, 2.0),
        ([float(v) for v in range(1, 11)], 90, 9.0),
        ([float(v) for v in range(1, 21)], 90, 18.0),
    ],
)
def test_nearest_rank_percentile_is_a_turnaround_that_happened(values, percent, expected):
    assert measures.nearest_rank(values, percent) == expected


def test_month_keys_cross_the_year_boundary():
    assert [m.slug for m in months_to(datetime(2026, 1, 15).date(), 3)] == [
        "2025-11",
        "2025-12",
        "2026-01",
    ]


@pytest.mark.django_db
@time_machine.travel(LATER, tick=False)
def test_enquiries_per_month_by_agency(dataset):
    figure = measures.enquiries_per_month(3)
    assert figure.headers == ["Agency", "Jan 2026", "Feb 2026", "Mar 2026", "Total"]
    assert texts(figure) == {
        "Wessex Community Health": ["0", "0", "2", "2"],
        "Wessex Police": ["0", "0", "4", "4"],
        "All agencies": ["0", "0", "6", "6"],
    }
    assert figure.headline == "6 enquiries"
    assert "<svg" in render(figure.chart, "chart-per-month")


@pytest.mark.django_db
@time_machine.travel(LATER, tick=False)
def test_median_and_90th_percentile_turnaround_by_agency(dataset):
    figure = measures.turnaround_by_agency(6)
    assert texts(figure) == {
        "Wessex Community Health": ["1", "5.0 hours", "5.0 hours"],
        "Wessex Police": ["3", "2.0 hours", "10.0 hours"],
        "All agencies": ["4", "3.5 hours", "10.0 hours"],
    }
    assert figure.headline == "3.5 hours (median)"


@pytest.mark.django_db
@time_machine.travel(LATER, tick=False)
def test_percentage_answered_on_time_by_agency(dataset):
    figure = measures.answered_on_time(6)
    assert texts(figure) == {
        "Wessex Community Health": ["0", "1", "1", "0%"],
        "Wessex Police": ["2", "1", "0", "67%"],
        "All agencies": ["2", "2", "1", "40%"],
    }
    assert figure.headline == "40%"


@pytest.mark.django_db
@time_machine.travel(LATER, tick=False)
def test_every_count_drills_down_to_the_enquiries_behind_it(dataset):
    police = dataset["police"]
    assert measures.enquiries_behind("sent", 6, police, "2026-03").count() == 4
    assert measures.enquiries_behind("sent", 6, police, "2026-02").count() == 0
    assert measures.enquiries_behind("answered", 6, police, "").count() == 3
    assert measures.enquiries_behind("on-time", 6, police, "").count() == 2
    assert measures.enquiries_behind("late", 6, None, "").count() == 2
    assert measures.enquiries_behind("overdue", 6, None, "").count() == 1
    police_row = next(r for r in measures.answered_on_time(6).rows if r[0].text == police.name)
    assert police_row[1].key.endswith(f"?months=6&agency={police.pk}")
    assert "/enquiries/information/on-time/" in police_row[1].key


@pytest.mark.django_db
@time_machine.travel(LATER, tick=False)
def test_an_empty_period_says_no_data():
    figure = measures.answered_on_time(3)
    assert figure.headline == "No data"
    assert texts(figure) == {"All agencies": ["0", "0", "0", "No data"]}
