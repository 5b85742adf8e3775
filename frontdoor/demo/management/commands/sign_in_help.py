"""Print how to sign in to the demo (run by `make run`)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from frontdoor.access.models import User
from frontdoor.demo.personas import DEMO_PASSWORD, PERSONAS


class Command(BaseCommand):
    help = "Print the demo personas and how to sign in."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--url", default="http://127.0.0.1:8000/")

    def handle(self, *args: Any, **options: Any) -> None:
        existing = set(User.objects.filter(is_active=True).values_list("username", flat=True))
        lines = [
            "",
            f"Frontdoor is starting at {options['url']}",
            f"Sign in as any of these synthetic personas, password: {DEMO_PASSWORD}",
            "",
        ]
        for p in PERSONAS:
            if p.username in existing:
                lines.append(f"  {p.username:<8} {p.first_name} {p.last_name}, {p.what_they_do}")
        lines += ["", "Stop the server with Ctrl+C.", ""]
        self.stdout.write("\n".join(lines))
