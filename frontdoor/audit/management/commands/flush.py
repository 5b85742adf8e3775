"""`flush`, made to respect the append-only audit tables.

Django's test runner flushes the database between live-server (transactional) tests, which the
audit triggers would refuse. This override lifts the triggers for the flush and puts them back
at once. It refuses to run in production, where nothing may empty the audit trail.
"""

from __future__ import annotations

import importlib
from typing import Any

from django.conf import settings
from django.core.management.base import CommandError
from django.core.management.commands.flush import Command as DjangoFlush
from django.db import connections

_triggers = importlib.import_module("frontdoor.audit.migrations.0002_append_only_triggers")


class Command(DjangoFlush):
    help = "Empty the database, including the audit trail (development and tests only)."

    def handle(self, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError("flush is refused in production: the audit trail is append-only.")
        connection = connections[options["database"]]
        _triggers.remove_triggers(connection)
        try:
            super().handle(**options)
        finally:
            _triggers.install_triggers(connection)
