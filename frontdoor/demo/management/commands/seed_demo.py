"""Seed the synthetic demo county (run by `make run`; does nothing if already seeded)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from frontdoor.demo.seed import already_seeded, seed


class Command(BaseCommand):
    help = "Create the synthetic demo county: teams, personas, families and contacts."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--households", type=int, default=150)
        parser.add_argument("--contacts", type=int, default=120)

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError("The demo has default accounts; it is never seeded in production.")
        if already_seeded():
            self.stdout.write("Demo data already present.")
            return
        figures = seed(households=options["households"], contacts=options["contacts"])
        self.stdout.write(
            f"Demo county seeded: {figures['persons']} people in {figures['households']} "
            f"households, {figures['contacts']} contacts."
        )
