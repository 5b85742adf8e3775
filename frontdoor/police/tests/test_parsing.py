"""The batch format's checks: every row is either a clean `Row` or problems naming its fields,
whatever it holds (hypothesis), and the CSV reader reports the file's own mistakes."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from frontdoor.police.formats import BadFile, rows_from_csv, rows_from_json
from frontdoor.police.parsing import FieldError, Row, parse_row
from frontdoor.police.workflow import Kind

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
GOOD = {
    "police_reference": "WX/2026/1",
    "incident_at": "2026-11-10 21:30",
    "notified_at": "2026-11-11T08:00:00Z",
    "location": "14 Elm Road",
    "victim_first_name": "Jo",
    "victim_last_name": "Smith",
    "risk_tool": "dash",
    "risk_level": "high",
    "marac": "no",
    "narrative": "Shouting.",
    "children": [{"first_name": "Amy", "last_name": "Smith", "date_of_birth": "27/03/2019"}],
}
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), st.text(max_size=40)
)
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3), max_leaves=6)
fields = st.sampled_from([*GOOD, "child_first_name", "reported_missing_at", "risk_grade", "x"])


@given(kind=st.sampled_from(list(Kind.values)), raw=st.dictionaries(fields, values))
def test_any_row_is_either_imported_or_reported_by_field(kind, raw):
    result = parse_row(kind, raw, now=NOW)
    if isinstance(result, Row):
        assert result.incident_at.tzinfo is not None and result.children
    else:
        assert result and all(isinstance(e, FieldError) and e.message for e in result)
        assert all(e.message[0].isupper() for e in result)


@given(changes=st.dictionaries(st.sampled_from(list(GOOD)), st.text(max_size=20), max_size=3))
def test_a_row_hashes_the_same_every_time_it_is_read(changes):
    raw = {**GOOD, **changes}
    first, second = (
        parse_row(Kind.DOMESTIC_ABUSE, raw, now=NOW),
        parse_row(Kind.DOMESTIC_ABUSE, dict(raw), now=NOW),
    )
    if isinstance(first, Row):
        assert isinstance(second, Row) and first.content_hash() == second.content_hash()
    else:
        assert first == second


def test_a_good_row_is_read_in_uk_time_and_utc_stored():
    row = parse_row(Kind.DOMESTIC_ABUSE, GOOD, now=NOW)
    assert isinstance(row, Row)
    assert row.incident_at == datetime(2026, 11, 10, 21, 30, tzinfo=UTC)  # GMT in November
    assert row.children[0].date_of_birth.isoformat() == "2019-03-27"


def test_a_notification_cannot_come_before_its_incident():
    raw = {**GOOD, "notified_at": "2026-11-09 08:00"}
    assert parse_row(Kind.DOMESTIC_ABUSE, raw, now=NOW) == [
        FieldError("notified_at", "The date and time notified must be after the incident")
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "The selected file is empty"),
        (b"\xff\xfe\x00", "The selected file must be saved as UTF-8 (CSV UTF-8 in Excel)"),
        (b"police_reference,colour\n", "this format does not have: colour"),
        (b"police_reference,incident_at,notified_at\n", "must have a column called risk_tool"),
        (b"police_reference,incident_at,notified_at,risk_tool\n", "has no rows under its header"),
    ],
)
def test_a_file_that_cannot_be_read_is_refused_whole(content, message):
    with pytest.raises(BadFile, match=message.replace("(", r"\(").replace(")", r"\)")):
        rows_from_csv(content, Kind.DOMESTIC_ABUSE)


def test_json_rows_are_numbered_within_their_list():
    rows = rows_from_json({"domestic_abuse": [GOOD, "not a row"], "missing_persons": [{}]})
    assert [(kind, number) for kind, number, _ in rows] == [
        (Kind.DOMESTIC_ABUSE, 1),
        (Kind.DOMESTIC_ABUSE, 2),
        (Kind.MISSING_PERSON, 1),
    ]
    assert parse_row(Kind.DOMESTIC_ABUSE, rows[1][2], now=NOW) == [
        FieldError("row", "Each row must be a JSON object")
    ]


# Issue 15: each of these was a 500 that left its batch stuck, its good rows not imported.
@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        (
            "victim_date_of_birth",
            "1/1/99999999999999999999",
            "The victim's date of birth must be a real date, like 2015-03-27",
        ),
        (
            "victim_date_of_birth",
            "9" * 30,
            "The victim's date of birth must be a real date, like 2015-03-27",
        ),
        (
            "incident_at",
            "9999-12-31T23:59:59-23:59",
            "The incident date and time must be in the past",
        ),
        ("narrative", "Shouting\ud800.", "The narrative must not contain control characters"),
        (
            "police_reference",
            "WX/1\x00",
            "The police reference must not contain control characters",
        ),
        ("location", "\udfff", "The location of the incident must not contain control characters"),
    ],
)
def test_hostile_text_and_overflowing_dates_are_reported_by_field(field, value, message):
    result = parse_row(Kind.DOMESTIC_ABUSE, {**GOOD, field: value}, now=NOW)
    assert FieldError(field, message) in result


def test_a_stray_key_with_a_nul_is_quoted_back_storably():
    result = parse_row(Kind.DOMESTIC_ABUSE, {**GOOD, "x\x00y": "1"}, now=NOW)
    assert result == [FieldError("x\\u0000y", "Remove x\\u0000y: it is not part of this format")]
