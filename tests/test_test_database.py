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


# --- A world built once for a module (conftest.py's built_once_per_module) ---------------------


def _a_small_world():
    from frontdoor.access.models import Role
    from frontdoor.access.tests.personas import county, persona

    hub, _area_team, _police = county()
    return persona("wendy", Role.SCREENER), hub


@pytest.fixture(scope="module")
def small_world(built_once_per_module):
    return built_once_per_module(_a_small_world)


@pytest.mark.django_db
@pytest.mark.parametrize("turn", [1, 2, 3])
def test_a_world_built_once_is_there_for_each_test_as_it_was_built(small_world, turn):
    """Each test sees the world, and none sees what an earlier test wrote: every test runs in
    its own savepoint inside the module's transaction."""
    from frontdoor.access.models import User
    from frontdoor.teams.models import Team, TeamKind

    user, hub = small_world
    assert User.objects.filter(pk=user.pk, username="wendy").exists()
    assert Team.objects.get(pk=hub.pk).name == hub.name
    assert not Team.objects.filter(slug__startswith="written-by-turn-").exists()
    assert User.objects.filter(username="wendy").update(first_name=f"Turn {turn}") == 1
    Team.objects.create(name=f"Turn {turn}", slug=f"written-by-turn-{turn}", kind=TeamKind.AREA)


@pytest.mark.django_db
def test_a_world_built_once_may_not_be_built_inside_a_test(built_once_per_module):
    """Built in a test's own transaction, the world would go with that test."""
    with pytest.raises(AssertionError, match="module-scoped fixture"):
        built_once_per_module(lambda: _a_small_world())
