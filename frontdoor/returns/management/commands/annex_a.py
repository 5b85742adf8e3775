"""`manage.py annex_a --user USERNAME --out lists.xlsx [--as-of YYYY-MM-DD]`: Ofsted's Annex A
lists 1-7 for the six months before a date (issue 16, docs/adr/0030).

The lists are produced as a named person, with what that person may see: someone the policy
does not let produce returns gets an error, and a restricted child not open to them is left out.
The file is audited as the same download from the statutory returns page is.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import timezone

from frontdoor.access.models import User
from frontdoor.access.policies import require
from frontdoor.audit.actions import record_event
from frontdoor.returns import annex_a
from frontdoor.timescales.calendar import local_date


class Command(BaseCommand):
    help = "Write Ofsted's Annex A lists 1-7 for the six months before a date as a spreadsheet."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--out", required=True, help="the .xlsx file to write")
        parser.add_argument("--user", required=True, help="the username producing the lists")
        parser.add_argument(
            "--as-of", help="the date Ofsted gives, YYYY-MM-DD (default: today in London)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["user"], is_active=True).first()
        if user is None:
            raise CommandError(f"There is no active user called {options['user']!r}")
        try:
            require(user, "download_returns")
        except PermissionDenied:
            raise CommandError(f"{user.username} may not produce statutory returns") from None
        as_of = local_date(timezone.now())
        if options["as_of"]:
            try:
                as_of = date.fromisoformat(options["as_of"])
            except ValueError:
                raise CommandError("Enter --as-of as a date, for example 2026-06-30") from None
        period = annex_a.Period(as_of)
        lists = annex_a.build(user, as_of)
        content = annex_a.workbook_bytes(lists, period)
        with open(options["out"], "wb") as out:
            out.write(content)
        with transaction.atomic():
            record_event(
                actor=user,
                verb="annex_a_downloaded",
                data={
                    "as_of": as_of.isoformat(),
                    "rows": {a.sheet_name: len(a.rows) for a in lists},
                    "by": "manage.py annex_a",
                },
            )
        for annex in lists:
            self.stdout.write(f"{annex.sheet_name} ({annex.title}): {len(annex.rows)} rows")
        self.stdout.write(f"Annex A for {period.words} written to {options['out']}")
