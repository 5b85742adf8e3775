"""Print a demo persona's current sign-in code: `manage.py demo_code alice`.

For trying the demo without an authenticator app. Refused in production, and for anyone whose
authenticator is not the published demo key.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from frontdoor.access import second_factor
from frontdoor.access.models import User
from frontdoor.demo.personas import DEMO_TOTP_KEY_HEX


class Command(BaseCommand):
    help = "Print the current sign-in code for a demo persona."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.PRODUCTION:
            raise CommandError("There are no demo personas in production.")
        user = User.objects.filter(username=options["username"], is_active=True).first()
        device = second_factor.confirmed_app(user) if user else None
        if device is None or device.key != DEMO_TOTP_KEY_HEX:
            raise CommandError(f"{options['username']!r} is not a demo persona with the demo key")
        self.stdout.write(second_factor.code_now(device))
