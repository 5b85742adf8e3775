"""The date and date-and-time fields validate the GOV.UK way (see forms/dates.py)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError

from frontdoor.govuk.forms import GovukDateField, GovukDateTimeField, GovukTimeField

LONDON = ZoneInfo("Europe/London")
UTC = dt.UTC

# A fixed "now": midday on Tuesday 15 October 2024 (BST).
NOW = dt.datetime(2024, 10, 15, 12, 0, tzinfo=LONDON)


@pytest.fixture(autouse=True)
def frozen_clock():
    with time_machine.travel(NOW, tick=False):
        yield


def date_field(**kwargs):
    return GovukDateField(
        label_for_errors="date of birth",
        error_messages={"required": "Enter the child's date of birth"},
        **kwargs,
    )


def error_of(field, value):
    with pytest.raises(ValidationError) as caught:
        field.clean(value)
    error = caught.value
    return error.messages[0], tuple(error.error_list[0].params["parts"])


@pytest.mark.parametrize(
    ("day", "month", "year", "message", "parts"),
    [
        ("", "", "", "Enter the child's date of birth", ("day", "month", "year")),
        ("  ", " ", "", "Enter the child's date of birth", ("day", "month", "year")),
        ("", "3", "2019", "Date of birth must include a day", ("day",)),
        ("27", "", "2019", "Date of birth must include a month", ("month",)),
        ("27", "3", "", "Date of birth must include a year", ("year",)),
        ("", "", "2019", "Date of birth must include a day and month", ("day", "month")),
        ("27", "", "", "Date of birth must include a month and year", ("month", "year")),
        ("", "3", "", "Date of birth must include a day and year", ("day", "year")),
        ("32", "3", "2019", "Date of birth must be a real date", ("day",)),
        ("0", "3", "2019", "Date of birth must be a real date", ("day",)),
        ("27", "13", "2019", "Date of birth must be a real date", ("month",)),
        ("x", "y", "2019", "Date of birth must be a real date", ("day", "month")),
        ("31", "6", "2019", "Date of birth must be a real date", ("day", "month")),
        ("29", "2", "2023", "Date of birth must be a real date", ("day", "month")),
        ("29", "2", "1900", "Date of birth must be a real date", ("day", "month")),
        ("27", "3", "19", "Year must include 4 numbers", ("year",)),
        ("27", "3", "20190", "Year must include 4 numbers", ("year",)),
        ("27", "3", "twenty", "Year must include 4 numbers", ("year",)),
    ],
)
def test_date_errors(day, month, year, message, parts):
    assert error_of(date_field(), [day, month, year]) == (message, parts)


@pytest.mark.parametrize(
    ("day", "month", "year", "expected"),
    [
        ("27", "3", "2019", dt.date(2019, 3, 27)),
        ("07", "03", "2019", dt.date(2019, 3, 7)),
        (" 7 ", " 3 ", " 2019 ", dt.date(2019, 3, 7)),
        ("29", "2", "2024", dt.date(2024, 2, 29)),
        ("29", "2", "2000", dt.date(2000, 2, 29)),
        # GOV.UK asks services to accept month names.
        ("27", "March", "2019", dt.date(2019, 3, 27)),
        ("27", "mar", "2019", dt.date(2019, 3, 27)),
        ("27", "Sept", "2019", dt.date(2019, 9, 27)),
        ("27", "Sep.", "2019", dt.date(2019, 9, 27)),
    ],
)
def test_real_dates(day, month, year, expected):
    assert date_field().clean([day, month, year]) == expected


def test_the_default_required_message_uses_the_label():
    field = GovukDateField(label_for_errors="date of the strategy meeting")
    assert error_of(field, ["", "", ""])[0] == "Enter date of the strategy meeting"
    assert field.label == "Date of the strategy meeting"


def test_an_optional_date_may_be_left_empty():
    assert date_field(required=False).clean(["", "", ""]) is None


def test_an_optional_date_is_still_checked_when_started():
    assert error_of(date_field(required=False), ["1", "", ""])[0] == (
        "Date of birth must include a month and year"
    )


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (["16", "10", "2024"], "Date of birth must be today or in the past"),
        (["1", "1", "2025"], "Date of birth must be today or in the past"),
    ],
)
def test_must_be_in_past(value, message):
    assert error_of(date_field(must_be_in_past=True), value) == (message, ("day", "month", "year"))


def test_must_be_in_past_allows_today_and_earlier():
    field = date_field(must_be_in_past=True)
    assert field.clean(["15", "10", "2024"]) == dt.date(2024, 10, 15)
    assert field.clean(["14", "10", "2024"]) == dt.date(2024, 10, 14)


def test_must_be_in_future():
    field = GovukDateField(label_for_errors="date of the review", must_be_in_future=True)
    assert (
        error_of(field, ["14", "10", "2024"])[0]
        == "Date of the review must be today or in the future"
    )
    assert field.clean(["15", "10", "2024"]) == dt.date(2024, 10, 15)


def test_today_is_the_uk_date_not_the_utc_date():
    # 00:30 BST on 16 October is still 15 October in UTC: a date of 16 October is "today".
    with time_machine.travel(dt.datetime(2024, 10, 15, 23, 30, tzinfo=UTC), tick=False):
        assert date_field(must_be_in_past=True).clean(["16", "10", "2024"]) == dt.date(2024, 10, 16)


def test_past_and_future_together_is_a_programming_error():
    with pytest.raises(ValueError, match="both in the past and in the future"):
        date_field(must_be_in_past=True, must_be_in_future=True)


def test_has_changed():
    field = date_field()
    assert not field.has_changed(dt.date(2019, 3, 27), ["27", "3", "2019"])
    assert field.has_changed(dt.date(2019, 3, 27), ["28", "3", "2019"])
    assert field.has_changed(dt.date(2019, 3, 27), ["28", "", "2019"])


# --- date and time ---------------------------------------------------------------------------


def datetime_field(**kwargs):
    return GovukDateTimeField(label_for_errors="date and time of contact", **kwargs)


@pytest.mark.parametrize(
    ("value", "expected_utc"),
    [
        # GMT in winter, BST in summer.
        (["15", "1", "2024", "14:30"], dt.datetime(2024, 1, 15, 14, 30, tzinfo=UTC)),
        (["15", "7", "2024", "14:30"], dt.datetime(2024, 7, 15, 13, 30, tzinfo=UTC)),
        (["15", "7", "2024", "00:00"], dt.datetime(2024, 7, 14, 23, 0, tzinfo=UTC)),
        (["15", "7", "2024", "9:05"], dt.datetime(2024, 7, 15, 8, 5, tzinfo=UTC)),
        (["15", "7", "2024", "0905"], dt.datetime(2024, 7, 15, 8, 5, tzinfo=UTC)),
        (["15", "7", "2024", "14.30"], dt.datetime(2024, 7, 15, 13, 30, tzinfo=UTC)),
        (["15", "7", "2024", "23:59"], dt.datetime(2024, 7, 15, 22, 59, tzinfo=UTC)),
        # Spring forward, 31 March 2024: 00:59 GMT is followed by 02:00 BST.
        (["31", "3", "2024", "00:59"], dt.datetime(2024, 3, 31, 0, 59, tzinfo=UTC)),
        (["31", "3", "2024", "02:00"], dt.datetime(2024, 3, 31, 1, 0, tzinfo=UTC)),
        # Fall back, 27 October 2024: 01:59 BST is followed by 01:00 GMT.
        (["27", "10", "2024", "00:59"], dt.datetime(2024, 10, 26, 23, 59, tzinfo=UTC)),
        (["27", "10", "2024", "02:00"], dt.datetime(2024, 10, 27, 2, 0, tzinfo=UTC)),
        (["27", "10", "2024", "01:30 BST"], dt.datetime(2024, 10, 27, 0, 30, tzinfo=UTC)),
        (["27", "10", "2024", "01:30 gmt"], dt.datetime(2024, 10, 27, 1, 30, tzinfo=UTC)),
        (["27", "10", "2024", "0130BST"], dt.datetime(2024, 10, 27, 0, 30, tzinfo=UTC)),
    ],
)
def test_real_date_times_are_uk_time(value, expected_utc):
    with time_machine.travel(dt.datetime(2025, 1, 1, tzinfo=UTC), tick=False):
        result = datetime_field().clean(value)
    # Compare in UTC: Python's == between zones is always False for a time in the autumn
    # "fold" (PEP 495), even when both mean the same instant.
    assert result.astimezone(UTC) == expected_utc
    assert result.tzinfo == LONDON


def test_the_result_is_in_london_time():
    result = datetime_field().clean(["15", "7", "2024", "14:30"])
    assert result.tzinfo == LONDON
    assert (result.hour, result.minute) == (14, 30)
    assert result.utcoffset() == dt.timedelta(hours=1)


@pytest.mark.parametrize(
    ("value", "message", "parts"),
    [
        (["", "", "", ""], "Enter date and time of contact", ("day", "month", "year", "time")),
        (["15", "7", "2024", ""], "Date and time of contact must include a time", ("time",)),
        (["", "7", "2024", "14:30"], "Date and time of contact must include a day", ("day",)),
        (
            ["", "", "", "14:30"],
            "Date and time of contact must include a day, month and year",
            ("day", "month", "year"),
        ),
        (
            ["31", "4", "2024", "14:30"],
            "Date and time of contact must be a real date",
            ("day", "month"),
        ),
        (["15", "7", "2024", "24:00"], "Enter a real time, like 14:30", ("time",)),
        (["15", "7", "2024", "14:60"], "Enter a real time, like 14:30", ("time",)),
        (["15", "7", "2024", "2:30pm"], "Enter a real time, like 14:30", ("time",)),
        (["15", "7", "2024", "half two"], "Enter a real time, like 14:30", ("time",)),
        (["15", "7", "2024", "14"], "Enter a real time, like 14:30", ("time",)),
    ],
)
def test_date_time_errors(value, message, parts):
    assert error_of(datetime_field(), value) == (message, parts)


@pytest.mark.parametrize("time", ["01:00", "01:30", "01:59"])
def test_a_time_the_clocks_skipped_is_explained(time):
    message, parts = error_of(datetime_field(), ["31", "3", "2024", time])
    assert parts == ("time",)
    assert message == (
        f"{time} on 31 March 2024 did not happen in the UK because the clocks went forward an "
        "hour at 01:00 – enter a time before 01:00 or from 02:00"
    )


@pytest.mark.parametrize("time", ["01:00", "01:30", "01:59"])
def test_a_time_that_happened_twice_asks_which(time):
    message, parts = error_of(datetime_field(), ["27", "10", "2024", time])
    assert parts == ("time",)
    assert message == (
        f"{time} on 27 October 2024 happened twice because the clocks went back an hour at 02:00 "
        f"– enter {time} BST for the first time or {time} GMT for the second"
    )


def test_date_time_must_be_in_past():
    field = datetime_field(must_be_in_past=True)
    assert error_of(field, ["15", "10", "2024", "12:01"])[0] == (
        "Date and time of contact must be in the past"
    )
    assert field.clean(["15", "10", "2024", "12:00"]) == NOW


def test_date_time_must_be_in_future():
    field = datetime_field(must_be_in_future=True)
    assert error_of(field, ["15", "10", "2024", "11:59"])[0] == (
        "Date and time of contact must be in the future"
    )


def test_date_time_widget_shows_an_aware_value_in_uk_time():
    widget = datetime_field().widget
    assert widget.decompress(dt.datetime(2024, 7, 15, 13, 30, tzinfo=UTC)) == [
        "15",
        "7",
        "2024",
        "14:30",
    ]
    assert widget.decompress(None) == [None, None, None, None]


# --- time on its own -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("14:30", dt.time(14, 30)),
        ("9:05", dt.time(9, 5)),
        ("0000", dt.time(0, 0)),
        (" 23.59 ", dt.time(23, 59)),
    ],
)
def test_time_field(text, expected):
    assert GovukTimeField(label_for_errors="the time").clean(text) == expected


@pytest.mark.parametrize("text", ["24:00", "12:60", "2pm", "noon", "1"])
def test_time_field_errors(text):
    with pytest.raises(ValidationError) as caught:
        GovukTimeField(label_for_errors="the time").clean(text)
    assert caught.value.messages == ["Enter a real time, like 14:30"]


def test_time_field_required():
    with pytest.raises(ValidationError) as caught:
        GovukTimeField(label_for_errors="the time the child was seen").clean("")
    assert caught.value.messages == ["Enter the time the child was seen"]


def test_a_capitalised_label_for_errors_reads_well_in_both_places():
    field = GovukDateField(label_for_errors="Date of birth")
    assert error_of(field, ["", "", ""])[0] == "Enter date of birth"
    assert error_of(field, ["1", "", "2019"])[0] == "Date of birth must include a month"
    acronym = GovukDateField(label_for_errors="PPN date")
    assert error_of(acronym, ["", "", ""])[0] == "Enter PPN date"
