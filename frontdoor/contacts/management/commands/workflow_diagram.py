"""Write docs/workflow.md from the transitions table."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from frontdoor.contacts.diagram import workflow_markdown


class Command(BaseCommand):
    help = "Regenerate docs/workflow.md from frontdoor/contacts/workflow.py."

    def handle(self, *args: Any, **options: Any) -> None:
        path = settings.BASE_DIR / "docs" / "workflow.md"
        path.write_text(workflow_markdown())
        self.stdout.write(f"Wrote {path}")
