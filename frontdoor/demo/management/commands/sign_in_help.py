"""Print how to sign in to the demo (run by `make run`)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from frontdoor.access.models import User
from frontdoor.demo.personas import DEMO_PASSWORD, DEMO_TOTP_KEY, PERSONAS


class Command(BaseCommand):
    help = "Print the demo personas and how to sign in."

    def add_arguments(self, parser: Any) -> None:
        # The address the demo is served on (`make run PORT=8101` sets it), not a fixed port.
        parser.add_argument("--url", default=settings.FRONTDOOR_BASE_URL.rstrip("/") + "/")

    def handle(self, *args: Any, **options: Any) -> None:
        existing = set(User.objects.filter(is_active=True).values_list("username", flat=True))
        key = " ".join(DEMO_TOTP_KEY[i : i + 4] for i in range(0, len(DEMO_TOTP_KEY), 4))
        lines = [
            "",
            f"Frontdoor is starting at {options['url']}",
            f"Sign in as any of these synthetic personas, password: {DEMO_PASSWORD}",
            "",
            "Then enter a 6-digit code. Either:",
            f"  - add this key to any authenticator app (one entry works for every persona): {key}",
            "  - or, in another terminal, print the current code for a persona:",
            "      .venv/bin/python manage.py demo_code alice",
            "Each code works once; a new one comes every 30 seconds.",
            "",
        ]
        for p in PERSONAS:
            if p.username in existing:
                lines.append(f"  {p.username:<8} {p.first_name} {p.last_name}, {p.what_they_do}")
        lines += [
            "",
            "The API takes a service account's token, never a person's (docs/api.md). For one:",
            "      .venv/bin/python manage.py issue_api_token alice-system --by adam",
            "",
            "The task worker and the scheduler run beside it (emails, imports, chasing).",
            "Stop them all with Ctrl+C.",
            "",
        ]
        self.stdout.write("\n".join(lines))
