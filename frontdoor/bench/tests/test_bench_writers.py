"""The writers benchmark runs the real decisions in its three modes, checks each mode's answers
and prints its line (issue 19)."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command
from django.db import connection

from frontdoor.audit.chain import Proof, verify
from frontdoor.audit.models import EventSeal
from frontdoor.contacts.models import Decision


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.usefixtures("empty_database_first")
def test_the_writers_benchmark_decides_each_contact_once_in_every_mode(capsys):
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers need PostgreSQL")
    call_command("bench_writers", "--writers", "4", "--per-writer", "2", "--rounds", "1")
    line = capsys.readouterr().out.strip().splitlines()[-1]
    assert re.fullmatch(
        r"writers backend=postgres writers=4 decisions_per_second=[\d.]+ "
        r"chain_cost_pct=-?[\d.]+ no_chain_per_second=[\d.]+ baseline_per_second=[\d.]+ "
        r"speedup=[\d.]+ decisions=24",
        line,
    )
    assert Decision.objects.count() == 24
    assert isinstance(verify("event"), Proof) and EventSeal.objects.exists()
