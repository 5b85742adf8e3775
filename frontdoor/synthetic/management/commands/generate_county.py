"""Build a synthetic county into the configured database (benchmarks, demos, load tests).

DATABASE_URL=sqlite:///var/county-ci.sqlite3 manage.py generate_county --profile county-ci
"""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from frontdoor.synthetic.generator import PROFILES, build_county
from frontdoor.synthetic.load import load


class Command(BaseCommand):
    help = (
        "Build a deterministic synthetic county (tiny, county-ci or county) into an empty database."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--profile", choices=sorted(PROFILES), default="tiny")

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError("Synthetic people never go into a production database.")
        call_command("migrate", verbosity=0)
        started = time.perf_counter()
        profile = PROFILES[options["profile"]]
        self.stdout.write(f"Generating the {profile.name} county ({profile.persons} people)…")
        county = build_county(profile)
        try:
            figures = load(county, progress=self.stdout.write)
        except RuntimeError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Stored {figures['persons']} people, {figures['contacts']} contacts and "
            f"{figures['keys']} search keys in {time.perf_counter() - started:.0f} s."
        )
