"""Write every state machine's diagram into docs/."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from frontdoor.workflow.diagram import markdown
from frontdoor.workflow.registry import machines


class Command(BaseCommand):
    help = "Regenerate the workflow diagrams in docs/ from each app's transition table."

    def handle(self, *args: Any, **options: Any) -> None:
        for machine in machines():
            path = settings.BASE_DIR / "docs" / machine.doc
            path.write_text(markdown(machine))
            self.stdout.write(f"Wrote {path}")
