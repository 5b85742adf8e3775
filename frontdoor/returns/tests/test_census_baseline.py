"""The census benchmark's naive baseline (frontdoor/bench/census_baseline.py) must write the very
same file as the census, or its timing would compare different work."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.core.management import call_command

from frontdoor.bench.census_baseline import naive_gather, restricted
from frontdoor.returns import census

pytestmark = pytest.mark.django_db
NOW = datetime(2026, 5, 1, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize("year_", [2026, 2027])
def test_the_naive_baseline_writes_the_same_file(year, year_):
    spec = census.census_year(year_)
    ours = census.build(year_, now=NOW).to_bytes()
    assert ours == census.write(spec, naive_gather(spec), now=NOW).to_bytes()
    assert b"<Child>" in ours


def test_the_benchmark_prints_its_line(year, capsys):
    call_command("bench_census", "--year", "2026", "--runs", "1", "--profile", "tiny")
    out = capsys.readouterr().out
    assert "census backend=" in out and " children=2 " in out and "speedup=" in out


def test_a_sampled_baseline_writes_the_censuss_file_for_the_same_episodes(year):
    spec = census.census_year(2026)
    sampled = naive_gather(spec, sample=1)
    assert len(sampled.episodes) == 1
    ids = {e["id"] for e in sampled.episodes}
    ours = census.write(spec, restricted(census.gather(spec), ids), now=NOW).to_bytes()
    assert ours == census.write(spec, sampled, now=NOW).to_bytes()
    assert ours.count(b"<Child>") == 1


def test_the_benchmark_scales_a_sampled_baseline_and_says_so(year, capsys):
    call_command(
        "bench_census", "--year", "2026", "--runs", "1", "--profile", "tiny",
        "--baseline-sample", "1",
    )  # fmt: skip
    out = capsys.readouterr().out
    assert "baseline=sampled episodes_sampled=1 " in out and " children=2 " in out
