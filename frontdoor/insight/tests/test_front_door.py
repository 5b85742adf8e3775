"""Each front door measure counts what its definition says: figures worked out by hand from the
small front door in front_door_data.py, and the children behind each count."""

from __future__ import annotations

import pytest

from frontdoor.access.models import Role
from frontdoor.contacts.models import Contact
from frontdoor.figures.figure import Figure
from frontdoor.figures.periods import period_to
from frontdoor.figures.spikes import is_spike
from frontdoor.insight import measures
from frontdoor.insight.measures.behind import children
from frontdoor.insight.tests.front_door_data import NOW, FrontDoor, at, build

pytestmark = pytest.mark.django_db

PERIOD = period_to(NOW, 3)  # April, May, June 2026


@pytest.fixture
def door(screener, manager, second_manager, area_team, make_user) -> FrontDoor:
    worker = make_user("sam", Role.AREA_WORKER, team=area_team)
    return build(screener, manager, second_manager, area_team, worker)


def table(figure: Figure) -> list[list[str]]:
    return [[cell.text for cell in row] for row in figure.rows]


def behind(slug: str, key: str) -> set[str]:
    condition = children(slug, key, PERIOD)
    assert condition is not None
    with at(NOW):
        return {c.first_name for c in Contact.objects.filter(condition)}


def test_a_month_is_a_spike_well_above_six_months_of_records_before_it():
    # The one rule (frontdoor/figures/spikes.py, docs/adr/0021; its table is there).
    previous = [10, 12, 8, 10, 11, 9]  # mean 10, sd 1.29 < sqrt(10): the line is 16.32
    assert is_spike(20, previous)
    assert not is_spike(19, previous)  # above the line, but not 10 more than the mean
    assert not is_spike(12, previous)
    assert is_spike(10, [0] * 6) and not is_spike(9, [0] * 6)  # at least 10 above the mean
    assert not is_spike(50, previous[1:])  # fewer than 6 months before: never a spike


def test_contacts_by_source_counts_each_child_by_month_and_source(door):
    figure = measures.contacts_by_source(PERIOD)
    assert figure.headline == "4 contacts; 0 spikes"
    assert table(figure) == [
        ["2A Schools", "0", "1", "0"],
        ["5D LA services: early help", "0", "1", "0"],
        ["6 Police", "0", "0", "2"],
        ["All sources", "0", "2", "2"],
    ]
    assert behind("contacts-by-source", "2026-06~6") == {"Cal", "Dee"}
    assert behind("contacts-by-source", "2026-05") == {"Ava", "Ben"}


def test_screened_within_4_hours_leaves_out_contacts_still_within_time(door):
    with at(NOW):
        figure = measures.screened_within_4_hours(PERIOD)
    # May: Ben in time, Ava 5 hours; June: Cal never screened; Dee received an hour ago.
    assert table(figure) == [
        ["April 2026", "0", "0", "No data"],
        ["May 2026", "2", "1", "50%"],
        ["June 2026", "1", "0", "0%"],
    ]
    assert figure.headline == "33%"
    assert behind("screened-within-4-hours", "2026-05~met") == {"Ben"}
    assert behind("screened-within-4-hours", "2026-06") == {"Cal"}


def test_decisions_within_1_working_day(door):
    figure = measures.decisions_within_1_working_day(PERIOD)
    assert table(figure)[1] == ["May 2026", "2", "1", "50%"]
    assert behind("decisions-within-1-working-day", "2026-05~met") == {"Ben"}


def test_conversion_step_down_and_step_up(door):
    conversion = measures.conversion_to_referral(PERIOD)
    assert conversion.headline == "25%"  # Ava of Ava, Ben, Cal and Dee
    assert behind("conversion-to-referral", "2026-05~referred") == {"Ava"}
    steps = measures.step_down_and_step_up(PERIOD)
    assert table(steps)[1] == ["May 2026", "2", "1", "50%", "1", "1", "100%"]
    assert steps.headline == "50% stepped down; 100% up"
    assert behind("step-down-and-step-up", "2026-05~down") == {"Ben"}
    assert behind("step-down-and-step-up", "2026-05~up") == {"Ava"}


def test_re_referrals_count_an_earlier_referral_in_the_year_before(door):
    figure = measures.re_referrals_within_12_months(PERIOD)
    assert table(figure)[1] == ["May 2026", "1", "1", "100%"]
    assert behind("re-referrals-within-12-months", "2026-05~again") == {"Ava"}


def test_backlog_caseloads_and_decisions_below_indicators(door):
    with at(NOW):
        backlog = measures.backlog_by_age(PERIOD)
    assert [row[1] for row in table(backlog)] == ["1", "0", "0", "0", "1"]
    with at(NOW):
        assert behind("backlog-by-age", "over-14") == {"Cal"}
    caseloads = measures.caseloads_by_worker(PERIOD)
    assert table(caseloads) == [["North area team", "Sam Tester", "1", "1"]]
    assert behind("caseloads", f"{door.worker.uuid}~not-seen") == {"Ava"}
    below = measures.decisions_below_indicators(PERIOD)
    assert table(below)[1] == ["May 2026", "1", "1", "1", "0", "100%"]
    assert behind("decisions-below-indicators", "2026-05~reviewed") == {"Ben"}


@pytest.mark.parametrize(
    ("slug", "key"),
    [
        ("screened-within-4-hours", "2025-01"),  # not a month of the period
        ("screened-within-4-hours", "2026-05~late"),  # not a count the measure has
        ("backlog-by-age", "over-99"),
        ("caseloads", "not-a-uuid"),
        ("no-such-measure", "2026-05"),
    ],
)
def test_a_key_that_is_not_a_count_has_no_children(slug, key):
    assert children(slug, key, PERIOD) is None
