"""Every state machine's diagram in docs/ is generated from its table (../shared/STYLE.md)."""

import pytest
from django.conf import settings

from frontdoor.workflow.diagram import markdown
from frontdoor.workflow.registry import machines


@pytest.mark.parametrize("machine", machines(), ids=lambda m: m.name)
def test_docs_diagram_matches_the_transitions_table(machine):
    on_disk = (settings.BASE_DIR / "docs" / machine.doc).read_text()
    assert on_disk == markdown(machine), "Run `manage.py workflow_diagrams` and commit the result"
