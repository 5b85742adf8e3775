from django.conf import settings

from frontdoor.missing.diagram import PATH, workflow_markdown


def test_docs_workflow_missing_md_matches_the_transitions_tables():
    on_disk = (settings.BASE_DIR / PATH).read_text()
    assert on_disk == workflow_markdown(), (
        "Run `manage.py missing_workflow_diagram` and commit the result"
    )
