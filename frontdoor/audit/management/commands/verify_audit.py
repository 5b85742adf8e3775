"""`manage.py verify_audit`: prove the audit trail has not been altered (../shared/SECURITY.md,
10), or name the first row where it was. Exits non-zero on a break, so a cron job or a
monitoring check can alert on it. Keep the head hashes it prints somewhere else (a ticket, a
second system): they let you prove later that the log was intact up to this moment.

It needs every audit key that sealed a row (FRONTDOOR_AUDIT_KEYS: the current key and the old
ones; docs/how-to/rotate-the-audit-key.md). Without one it stops at the first row sealed with
it and names the key id it lacks.

It seals whatever has committed and is not sealed yet first (as the sealer would: ADR 0023), so
what it proves is the whole trail up to now; `--no-seal` checks without sealing, and then rows
written in the last FRONTDOOR_AUDIT_SEAL_GRACE_MINUTES may be unsealed (their MACs are checked)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from frontdoor.audit.chain import CHAINS, Break, MissingKey, seal_everything, verify
from frontdoor.audit.keys import verification_keys


class Command(BaseCommand):
    help = "Walk the audit hash chains and say whether they are intact."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--no-seal", action="store_true", help="Check only: do not seal pending rows first."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            keys = verification_keys()
            if not options["no_seal"]:
                seal_everything()
        except ImproperlyConfigured as exc:
            raise CommandError(f"Audit chain cannot be verified: {exc}") from exc
        for name in CHAINS:
            result = verify(name, keys)
            if isinstance(result, MissingKey):
                raise CommandError(f"Audit chain cannot be verified: {result}")
            if isinstance(result, Break):
                raise CommandError(f"Audit chain broken: {result}")
            unsealed = f"; {result.unsealed} rows not sealed yet" if result.unsealed else ""
            self.stdout.write(
                f"{result.table}: {result.rows} rows, chain intact; head {result.head_hash or '-'}"
                f"{unsealed}"
            )
