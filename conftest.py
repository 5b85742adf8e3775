"""The cast: one named persona per role, used by every test (../shared/STYLE.md).

Alice screens, Hamid works in the child protection hub, Maya manages the MASH, Colin takes
calls, Priya is a police partner, Hannah a health partner, Oscar an outsider with no case role,
Aisha audits, Adam administers the system.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import settings as hypothesis_settings

from frontdoor.access.models import Role, User

# Property tests: no per-example deadline (a loaded CI machine makes timings meaningless; speed is
# measured in benchmarks, not tests) and a fixed seed, so CI fails the same way every time.
hypothesis_settings.register_profile("frontdoor", deadline=None, derandomize=True, database=None)
hypothesis_settings.load_profile("frontdoor")

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix: None) -> None:
    """On PostgreSQL, the test databases commit without waiting for the write-ahead log to
    reach the disk (`synchronous_commit=off`). A commit is as visible and as isolated as before;
    only a crash of the server could lose the last moments, which a test database does not
    mind. Each commit otherwise waits for an fsync: the migrations on every test process, and
    every request of the live-server (browser) tests. pytest-django's own settings (a database
    per xdist process) are kept: this fixture extends its namesake. Production is unchanged."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.postgresql":
        options = database.setdefault("OPTIONS", {})
        options["options"] = f"{options.get('options', '')} -c synchronous_commit=off".strip()


@pytest.fixture(autouse=True)
def _fast_password_hashing(request, settings):
    """Argon2 takes a fifth of a second per password, and the personas have ten: tests hash with
    MD5 unless marked `real_password_hashing` (the tests of hashing itself). Production settings
    are unchanged."""
    if request.node.get_closest_marker("real_password_hashing") is None:
        settings.PASSWORD_HASHERS = FAST_HASHERS


@pytest.fixture(autouse=True)
def _health_asks_only_for_the_database(settings):
    """No worker, scheduler or nightly audit check runs under pytest, so /health/ requires
    only the database here; frontdoor/operations/tests/ tests every check."""
    settings.FRONTDOOR_HEALTH_CHECKS = ["database"]


@pytest.fixture(autouse=True)
def _events_name_only_declared_people(request):
    """After every database test: no event names another person under a key its verb does not
    declare in `audit.timeline.PEOPLE_KEYS`, so the timeline cannot show a restricted person's
    details through a new verb (frontdoor/access/timeline.py). Runs after the test, so the
    test's own query counts are untouched."""
    if request.node.get_closest_marker("django_db") is None and not (
        {"db", "transactional_db", "django_db_reset_sequences"} & set(request.fixturenames)
    ):
        yield
        return
    request.getfixturevalue("_django_db_helper")  # set up first, so torn down after the check
    yield
    from frontdoor.audit.tests.declared_people import undeclared_people_keys

    undeclared = undeclared_people_keys()
    if undeclared:
        pytest.fail(
            "Events name another person under keys not declared in audit.timeline.PEOPLE_KEYS "
            f"(verb, key): {undeclared}"
        )


@pytest.fixture(autouse=True)
def _force_login_includes_the_second_factor(monkeypatch):
    """`client.force_login(user)` stands for a finished sign-in, so it includes the code step
    (../shared/SECURITY.md, 14), done the way the code page does it. Production is unchanged:
    the middleware still demands a code of every real session. Tests of the sign-in itself go
    through the real pages (frontdoor/access/tests/)."""
    from django.test import Client

    from frontdoor.access.second_factor import mark_client_verified

    original = Client.force_login

    def force_login(self, user, backend=None):
        original(self, user, backend)
        mark_client_verified(self, user)

    monkeypatch.setattr(Client, "force_login", force_login)


@pytest.fixture
def make_user(db):
    def make(username: str, role: str, *, team=None, agency=None, **extra) -> User:
        user = User.objects.create_user(
            username=username,
            password="correct horse battery staple",
            first_name=username.capitalize(),
            last_name="Tester",
            role=role,
            team=team,
            agency=agency,
            **extra,
        )
        return user

    return make


@pytest.fixture
def child_protection_hub(db):
    from frontdoor.teams.models import Team

    return Team.objects.get(slug="child-protection-hub")


@pytest.fixture
def area_team(db):
    from frontdoor.teams.models import Team, TeamKind

    return Team.objects.get_or_create(
        slug="north-area", defaults={"name": "North area team", "kind": TeamKind.AREA}
    )[0]


@pytest.fixture
def screener(make_user):
    return make_user("alice", Role.SCREENER)


@pytest.fixture
def hub_worker(make_user, child_protection_hub):
    return make_user("hamid", Role.HUB_WORKER, team=child_protection_hub)


@pytest.fixture
def manager(make_user):
    return make_user("maya", Role.MANAGER)


@pytest.fixture
def second_manager(make_user):
    return make_user("mark", Role.MANAGER)


@pytest.fixture
def contact_officer(make_user):
    return make_user("colin", Role.CONTACT_OFFICER)


@pytest.fixture
def police_agency(db):
    from frontdoor.agencies.models import Agency, AgencyKind
    from frontdoor.codelists.models import Code

    return Agency.objects.get_or_create(
        name="Wessex Police",
        defaults={
            "kind": AgencyKind.POLICE,
            "referral_source": Code.objects.get(code_list="referral_source", code="6"),
        },
    )[0]


@pytest.fixture
def health_agency(db):
    from frontdoor.agencies.models import Agency, AgencyKind
    from frontdoor.codelists.models import Code

    return Agency.objects.get_or_create(
        name="Wessex Community Health",
        defaults={
            "kind": AgencyKind.HEALTH,
            "referral_source": Code.objects.get(code_list="referral_source", code="3B"),
        },
    )[0]


@pytest.fixture
def police_partner(make_user, police_agency):
    return make_user("priya", Role.PARTNER, agency=police_agency)


@pytest.fixture
def health_partner(make_user, health_agency):
    return make_user("hannah", Role.PARTNER, agency=health_agency)


@pytest.fixture
def outsider(make_user):
    """Signed in, but from an agency with no part in these cases."""
    from frontdoor.agencies.models import Agency, AgencyKind
    from frontdoor.codelists.models import Code

    youth_club = Agency.objects.create(
        name="Riverside Youth Club",
        kind=AgencyKind.VOLUNTARY,
        referral_source=Code.objects.get(code_list="referral_source", code="8"),
    )
    return make_user("oscar", Role.PARTNER, agency=youth_club)


@pytest.fixture
def auditor(make_user):
    return make_user("aisha", Role.AUDITOR)


@pytest.fixture
def admin_user(make_user):
    return make_user("adam", Role.ADMIN)


@pytest.fixture(scope="module")
def empty_database_first(django_db_setup, django_db_blocker):
    """For a module of `serialized_rollback` tests: empty every table once, re-creating nothing,
    before the first test reloads the database as the migrations left it. An earlier
    transactional test may have left content types re-created under new ids (its flush runs the
    post_migrate hooks), and reloading the original ones would collide on their unique names.
    Module-scoped, so it runs before the test's own database set-up; only transactional tests
    ask for it, and those run after every other test."""
    from django.core.management import call_command

    with django_db_blocker.unblock():
        call_command("flush", interactive=False, inhibit_post_migrate=True, verbosity=0)


@pytest.fixture
def back_to_latest_migrations():
    """For a test of a data migration, which migrates the test database back and forth: after
    it, every app is migrated to its latest migration again. A test that ends at a named
    migration leaves later migrations unapplied for every test after it in the same process
    (contacts 0010's column was missing for every browser test after the reference migration's
    test). tests/test_architecture.py requires it of every test that migrates."""
    yield
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.fixture(scope="module")
def built_once_per_module(django_db_setup, django_db_blocker):
    """`built_once_per_module(build)`: what `build()` makes, made once for the module's tests
    rather than once for each of them, and gone after the last one. Call it from a
    module-scoped fixture, so that it builds before any test's own transaction begins (a
    world built inside a test's transaction would go with that test).

    For the big worlds that every test of a module starts from (the canary crawl's, the
    reachability walk's, schemathesis's): built for each test, they cost more than many of the
    tests themselves (docs/adr/0045). The module's database tests run inside one transaction
    opened here, each in its own
    savepoint (pytest-django's `db`, as ever), so every test starts from the world exactly as it
    was built (whatever the test before it wrote is rolled back) and the world itself is rolled
    back after the module. Passwords are hashed with MD5 while it is built, as in any test.

    Only for `db` tests (whose writes their savepoint rolls back): a transactional test in the
    same module would commit and flush inside this transaction."""
    from django.db import transaction
    from django.test.utils import override_settings

    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
    made: dict[Any, Any] = {}

    def once(build):
        if build not in made:
            assert transaction.get_connection().atomic_blocks == [outer], (
                "built_once_per_module: call it from a module-scoped fixture, not in a test"
            )
            with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHERS):
                made[build] = build()
        return made[build]

    yield once
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        outer.__exit__(None, None, None)
