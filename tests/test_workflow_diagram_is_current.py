from django.conf import settings

from frontdoor.contacts.diagram import workflow_markdown


def test_docs_workflow_md_matches_the_transitions_table():
    on_disk = (settings.BASE_DIR / "docs" / "workflow.md").read_text()
    assert on_disk == workflow_markdown(), "Run `manage.py workflow_diagram` and commit the result"
