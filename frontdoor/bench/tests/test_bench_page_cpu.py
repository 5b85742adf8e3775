"""bench_page_cpu: what a page costs the web worker, as a signed-in user (ADR 0031)."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError


@pytest.mark.django_db
def test_it_counts_calls_cpu_and_queries_of_a_page_as_the_user(screener):
    out = StringIO()
    call_command(
        "bench_page_cpu", "/contacts/queues/screening/", user=screener.username, runs=2, stdout=out
    )
    line = out.getvalue().strip()
    found = re.fullmatch(
        r"page path=/contacts/queues/screening/ calls_per_request=(\d+) cpu_ms=[\d.]+ "
        r"queries=(\d+) n=2",
        line,
    )
    assert found, line
    assert int(found[1]) > 1000  # a whole request through the middleware, not a redirect
    assert int(found[2]) > 0


@pytest.mark.django_db
def test_a_page_the_user_cannot_open_stops_it(police_partner):
    with pytest.raises(CommandError, match="screening/ answered 40"):
        call_command("bench_page_cpu", "/contacts/queues/screening/", user=police_partner.username)


@pytest.mark.django_db
def test_it_refuses_a_production_database(settings, screener):
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="never run them in production"):
        call_command("bench_page_cpu", "/", user=screener.username)


@pytest.mark.django_db
def test_it_names_the_costliest_functions_when_asked(screener):
    out = StringIO()
    call_command(
        "bench_page_cpu",
        "/contacts/queues/screening/",
        user=screener.username,
        runs=1,
        profiled=2,
        top=3,
        stdout=out,
    )
    page, *top = out.getvalue().strip().splitlines()
    assert page.startswith("page path=/contacts/queues/screening/ ")
    assert len(top) == 3
    for line in top:
        assert re.fullmatch(r"  cum_ms=\s*[\d.]+ own_ms=\s*[\d.]+ calls=\s*\d+ \S.*", line), line
