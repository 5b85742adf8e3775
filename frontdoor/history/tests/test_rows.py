"""The import format's checks, row by row: pure, no database."""

from __future__ import annotations

from datetime import date

import pytest

from frontdoor.history.models import ImportKind
from frontdoor.history.rows import (
    CleanRow,
    FileProblem,
    check_early_help,
    check_legacy,
    parse_date,
    read_csv,
)

TODAY = date(2025, 6, 1)
GOOD = {
    "source_system": "EHM",
    "source_reference": "EH-1",
    "nhs_number": "9990000018",
    "first_name": "Amelia",
    "last_name": "Hartley",
    "date_of_birth": "2015-04-12",
    "sex": "F",
    "start_date": "2023-01-09",
    "end_date": "",
    "organisation": "Riverside Family Hub",
}


def messages(result: object) -> list[str]:
    assert isinstance(result, list)
    return [str(problem) for problem in result]


def test_a_good_row_is_clean():
    row = check_early_help(2, GOOD, TODAY)
    assert isinstance(row, CleanRow)
    assert (row.started_on, row.ended_on, row.identity.nhs_number) == (
        date(2023, 1, 9),
        None,
        "9990000018",
    )
    assert row.values["organisation"] == "Riverside Family Hub"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            {"start_date": "31/13/2024"},
            "Row 7: enter the episode start date as a date, like 2024-03-31",
        ),
        ({"start_date": ""}, "Row 7: enter the episode start date as a date, like 2024-03-31"),
        (
            {"start_date": "2030-01-01"},
            "Row 7: the episode start date must be today or in the past",
        ),
        (
            {"end_date": "2022-12-31"},
            "Row 7: the episode end date must be the same as or after the start",
        ),
        (
            {"nhs_number": "1234567890"},
            "Row 7: enter a valid NHS number, 10 digits, like 9434765919",
        ),
        ({"sex": "X"}, "Row 7: enter sex as M, F or U (not known), or leave it empty"),
        ({"source_reference": ""}, "Row 7: enter the source reference"),
        (
            {"nhs_number": "", "date_of_birth": ""},
            "Row 7: enter the child's NHS number, or their first name, last name and date of birth",
        ),
        ({"reason": "x" * 5001}, "Row 7: the reason must be 5000 characters or fewer"),
        ({"organisation": "a\x00b"}, "Row 7: remove the control characters from the organisation"),
    ],
)
def test_a_bad_cell_is_named_by_row_and_field(change, expected):
    assert expected in messages(check_early_help(7, {**GOOD, **change}, TODAY))


def test_dates_may_be_written_the_uk_way():
    assert parse_date("31/03/2024") == date(2024, 3, 31)
    assert parse_date("2024-03-31") == date(2024, 3, 31)
    assert parse_date("31/02/2024") is None
    assert parse_date("March 2024") is None


def test_a_legacy_row_needs_a_known_record_type():
    good = {**GOOD, "record_type": "child_protection_plan"}
    row = check_legacy(3, good, TODAY)
    assert isinstance(row, CleanRow)
    assert row.values["kind"] == "child_protection_plan"
    assert messages(check_legacy(3, {**good, "record_type": "plan"}, TODAY)) == [
        "Row 3: enter the record type as referral, assessment, child_protection_plan or "
        "period_in_care"
    ]


def test_a_file_is_read_with_spreadsheet_row_numbers():
    data = (
        "\ufeffsource_system,source_reference,start_date\r\n"
        "EHM,A,2024-01-01\r\n"
        ",,\r\n"
        "EHM,B,2024-01-02\r\n"
    ).encode()
    assert read_csv(data, ImportKind.EARLY_HELP) == [
        (2, {"source_system": "EHM", "source_reference": "A", "start_date": "2024-01-01"}),
        (4, {"source_system": "EHM", "source_reference": "B", "start_date": "2024-01-02"}),
    ]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"source_system,source_reference\nEHM,A\n", "the file must have the columns start_date"),
        (
            b"source_system,source_reference,start_date,role\n",
            "the file has columns this import does not know: role",
        ),
        ("source_system\n£".encode("latin-1"), "the file must be saved as CSV UTF-8"),
    ],
)
def test_a_file_that_cannot_be_read_says_why(data, expected):
    with pytest.raises(FileProblem) as raised:
        read_csv(data, ImportKind.EARLY_HELP)
    assert expected in raised.value.problem.message


def test_a_row_with_more_cells_than_columns_is_refused():
    data = b"source_system,source_reference,start_date\nEHM,A,2024-01-01,extra\n"
    [(number, cells)] = read_csv(data, ImportKind.EARLY_HELP)
    assert messages(check_early_help(number, cells, TODAY)) == [
        "Row 2: the row has more cells than the file has columns"
    ]
