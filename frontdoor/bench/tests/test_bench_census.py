"""bench_census: the census alone can be timed more often than the naive baseline is run (at
`county` one naive run is most of an hour), and a line with no baseline says so."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from frontdoor.contacts.tests.factories import person

pytestmark = pytest.mark.django_db


def _lines(**options: object) -> list[str]:
    out = StringIO()
    call_command("bench_census", "--year", "2026", "--profile", "tiny", stdout=out, **options)
    return out.getvalue().strip().splitlines()


def test_runs_beyond_the_baseline_runs_time_the_census_alone():
    person()
    detail, line = _lines(runs=3, baseline_runs=1)
    assert re.search(r" files_match=yes .* n=3 baseline_n=1$", detail), detail
    assert re.fullmatch(
        r"census backend=\w+ persons=1 children=0 seconds=[\d.]+ "
        r"baseline_seconds=[\d.]+ speedup=[\d.]+",
        line,
    ), line


def test_with_no_baseline_runs_the_line_says_the_file_was_not_compared():
    person()
    detail, line = _lines(runs=2, baseline_runs=0)
    assert " files_match=not_run " in detail and detail.endswith(" n=2 baseline_n=0")
    assert line.endswith(" baseline_seconds=not_run speedup=not_run"), line


def test_it_needs_a_run():
    person()
    with pytest.raises(CommandError, match="at least 1"):
        _lines(runs=0)
