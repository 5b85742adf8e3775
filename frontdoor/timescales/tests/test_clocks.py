"""The clocks template filters, as a template uses them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.template import Context, Template

from frontdoor.timescales.calendar import LONDON

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)


def render(source: str, **context: object) -> str:
    return Template("{% load clocks %}" + source).render(Context(context))


@pytest.fixture(autouse=True)
def frozen_now() -> object:
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.mark.parametrize(
    ("left", "html"),
    [
        pytest.param(
            -timedelta(days=2),
            '<strong class="govuk-tag govuk-tag--red">Overdue by 2 days</strong>',
            id="overdue-is-red",
        ),
        pytest.param(
            timedelta(minutes=45),
            '<strong class="govuk-tag govuk-tag--yellow">Due in 45 minutes</strong>',
            id="due-within-the-hour-is-yellow",
        ),
        pytest.param(
            timedelta(days=2, hours=3),
            '<strong class="govuk-tag govuk-tag--blue">Due in 2 days 3 hours</strong>',
            id="on-track-is-blue",
        ),
    ],
)
def test_due_tag_colours_the_deadline(left: timedelta, html: str) -> None:
    assert render("{{ due|due_tag }}", due=NOW + left) == html


def test_time_left_describes_the_deadline_from_now() -> None:
    due = NOW + timedelta(hours=1, minutes=20)
    assert render("{{ due|time_left }}", due=due) == "Due in 1 hour 20 minutes"


@pytest.mark.parametrize(
    ("moment", "shown"),
    [
        pytest.param(
            datetime(2026, 12, 29, 14, 30, tzinfo=UTC), "Tue 29 Dec 2026, 14:30", id="gmt"
        ),
        pytest.param(
            datetime(2026, 6, 30, 23, 30, tzinfo=UTC), "Wed 1 Jul 2026, 00:30", id="bst-next-day"
        ),
        pytest.param(
            datetime(2026, 10, 25, 3, 30, tzinfo=UTC),
            "Sun 25 Oct 2026, 03:30",
            id="after-the-clocks-go-back",
        ),
        pytest.param(
            datetime(2026, 12, 29, 14, 30, tzinfo=LONDON), "Tue 29 Dec 2026, 14:30", id="local-in"
        ),
    ],
)
def test_local_datetime_shows_london_time(moment: datetime, shown: str) -> None:
    assert render("{{ moment|local_datetime }}", moment=moment) == shown


@pytest.mark.parametrize("name", ["time_left", "due_tag", "local_datetime"])
def test_a_clock_not_started_shows_nothing(name: str) -> None:
    assert render("{{ due|" + name + " }}", due=None) == ""


def test_local_datetime_refuses_a_naive_datetime() -> None:
    naive = datetime(2026, 12, 29, 14, 30, tzinfo=UTC).replace(tzinfo=None)
    with pytest.raises(ValueError, match="aware"):
        render("{{ moment|local_datetime }}", moment=naive)
