"""Write docs/workflow-enquiries.md from the consent and enquiry transitions tables."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from frontdoor.enquiries.diagram import PATH, workflow_markdown


class Command(BaseCommand):
    help = "Regenerate docs/workflow-enquiries.md from frontdoor/enquiries/workflow.py."

    def handle(self, *args: Any, **options: Any) -> None:
        path = settings.BASE_DIR / PATH
        path.write_text(workflow_markdown())
        self.stdout.write(f"Wrote {path}")
