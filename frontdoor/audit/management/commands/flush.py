"""`flush`, made to respect the append-only audit tables, and quick between transactional tests.

Django's test runner flushes the database between live-server (transactional) tests, which the
audit triggers would refuse. This override lifts the triggers for the flush and puts them back
at once. It refuses to run in production, where nothing may empty the audit trail.

The test runner's flush (after each transactional test, `reset_sequences=False`) empties only
the tables that hold rows, with DELETE in one transaction. PostgreSQL's TRUNCATE of every table
costs seconds each time (a new file for each table and index); a DELETE from the few tables a
test wrote costs milliseconds. The result is the same: every table empty, sequences untouched
(TRUNCATE without RESTART IDENTITY leaves them too). Django's foreign keys are deferred to the
commit, so the order of the deletes does not matter. A flush that resets sequences (the
command line, `empty_database` in tests/browser) is Django's own.
"""

from __future__ import annotations

import contextlib
from importlib import import_module
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.management.base import CommandError
from django.core.management.commands.flush import Command as DjangoFlush
from django.core.management.sql import emit_post_migrate_signal
from django.db import connections, transaction
from django.db.backends.base.base import BaseDatabaseWrapper

from frontdoor.audit import triggers


class Command(DjangoFlush):
    help = "Empty the database, including the audit trail (development and tests only)."

    def handle(self, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError("flush is refused in production: the audit trail is append-only.")
        connection = connections[options["database"]]
        with triggers.lifted(connection):
            if options["interactive"] or options.get("reset_sequences", True):
                super().handle(**options)
            else:
                self._empty_tables_with_rows(connection, **options)

    def _empty_tables_with_rows(self, connection: BaseDatabaseWrapper, **options: Any) -> None:
        # As Django's flush does: each app's management module registers its post_migrate hooks.
        for app_config in apps.get_app_configs():
            with contextlib.suppress(ImportError):
                import_module(".management", app_config.name)
        tables = connection.introspection.django_table_names(
            only_existing=True, include_views=False
        )
        post_migrate = bool(tables) and not options.get("inhibit_post_migrate", False)
        if post_migrate:
            # The post_migrate hooks would create the content types and permissions again, under
            # new ids; kept as they are, a later test's `serialized_rollback` restores them by id
            # without colliding on their unique names.
            tables = [t for t in tables if t not in KEPT_FOR_POST_MIGRATE]
        quote = connection.ops.quote_name
        with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
            for table in tables_with_rows(connection, tables):
                # Table names come from the models, quoted: nothing from outside.
                cursor.execute(f"DELETE FROM {quote(table)}")  # noqa: S608
        if post_migrate:
            emit_post_migrate_signal(options["verbosity"], False, connection.alias)


# What the post_migrate hooks make (contenttypes, auth): left in place when they are about to run.
KEPT_FOR_POST_MIGRATE = {"django_content_type", "auth_permission"}


def tables_with_rows(connection: BaseDatabaseWrapper, tables: list[str]) -> list[str]:
    """The tables among `tables` that hold at least one row, asked in one query."""
    if not tables:
        return []
    quote = connection.ops.quote_name
    probes = " UNION ALL ".join(
        f"SELECT %s WHERE EXISTS (SELECT 1 FROM {quote(table)})"  # noqa: S608 (model tables)
        for table in tables
    )
    with connection.cursor() as cursor:
        cursor.execute(probes, list(tables))
        return [row[0] for row in cursor.fetchall()]
