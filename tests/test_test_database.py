"""The test database itself: how the suite sets it up (root conftest.py)."""

from __future__ import annotations

import pytest
from django.db import connection


@pytest.mark.django_db
def test_postgresql_test_databases_commit_without_waiting_for_the_disk():
    if connection.vendor != "postgresql":
        pytest.skip("synchronous_commit is PostgreSQL's; the SQLite test database is in memory")
    with connection.cursor() as cursor:
        cursor.execute("SHOW synchronous_commit")
        assert cursor.fetchone() == ("off",)
