"""The house rules that a grep can check (../shared/STYLE.md)."""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
PRODUCT = [
    p
    for p in (ROOT / "frontdoor").rglob("*.py")
    if "/tests/" not in str(p) and "/migrations/" not in str(p)
]


def _offenders(pattern: str, allowed: set[str]) -> list[str]:
    regex = re.compile(pattern)
    found = []
    for path in PRODUCT:
        rel = str(path.relative_to(ROOT))
        if rel in allowed:
            continue
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if regex.search(line):
                found.append(f"{rel}:{number}: {line.strip()}")
    return found


# Synthetic data for benchmarks and load tests, built in bulk; both refuse a production database.
SYNTHETIC_DATA_GENERATORS = ("frontdoor/synthetic/", "frontdoor/bench/")


def _is_a_writer(path: str) -> bool:
    """Actions are the only writers: an app's actions.py, or a module of its actions/ package."""
    return path.endswith("/actions.py") or "/actions/" in path


def test_only_actions_change_a_records_status():
    # `status=` in an update()/create() or a `.status =` assignment, outside the writers.
    regex = r"((?<!self)\.status\s*=[^=])|(update\([^)]*status\s*=)"
    offenders = [
        line
        for line in _offenders(regex, set())
        if not _is_a_writer(line.split(":")[0]) and not line.startswith(SYNTHETIC_DATA_GENERATORS)
    ]
    assert offenders == []


def test_only_audit_actions_write_audit_rows():
    offenders = _offenders(
        r"(Event|RecordView)\.objects\.(create|bulk_create|update|get_or_create)",
        {"frontdoor/audit/actions.py"},
    )
    assert offenders == []


def test_no_drawers_called_utils_helpers_common_or_core():
    drawers = [p for p in PRODUCT if p.stem in {"utils", "helpers", "common", "core"}]
    assert drawers == []


def test_product_code_never_says_services_for_its_own_functions():
    # In children's social care "services" means early help and children's services.
    offenders = [str(p.relative_to(ROOT)) for p in PRODUCT if p.stem == "services"]
    assert offenders == []


# Who may create a family contact or a child's contact. Each writer keeps the contact's clocks,
# queue and audit event right; a new writer must be added here on purpose, with its reason.
CONTACT_WRITERS = {
    # The intake: a contact officer's form, a partner's referral form and the API.
    "frontdoor/contacts/actions/intake.py",
    # A sibling added at screening joins the same family contact (issue 3).
    "frontdoor/contacts/sibling_prompts.py",
    # Police notifications in bulk, a chunk at a time (docs/adr/0012).
    "frontdoor/police/actions/build.py",
}


def test_only_the_named_writers_create_contacts():
    regex = (
        r"\b(FamilyContact|Contact|ContactAdult)"
        r"(\.objects\.(create|bulk_create|get_or_create|update_or_create)\(|\()"
    )
    offenders = [
        line
        for line in _offenders(regex, CONTACT_WRITERS)
        if not line.split(":")[0].startswith(SYNTHETIC_DATA_GENERATORS)
        and not line.split(": ", 1)[1].startswith("class ")
    ]
    assert offenders == []
