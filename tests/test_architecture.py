"""The house rules that a grep can check (../shared/STYLE.md)."""

from __future__ import annotations

import ast
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


STATUS_FIELDS = {"status", "match_status", "review_status"}


def _status_changes(path: Path) -> list[str]:
    """`x.status = …`, or `status=` given to update()/create(), anywhere in the file (the
    syntax tree, so a call split over lines is seen too)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Assign | ast.AugAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for target in targets:
                if (
                    isinstance(target, ast.Attribute)
                    and target.attr in STATUS_FIELDS
                    and ast.unparse(target.value) != "self"
                ):
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {ast.unparse(node)}")
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in ("update", "create", "bulk_update", "update_or_create")
            and any(k.arg in STATUS_FIELDS for k in node.keywords)
        ):
            found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {ast.unparse(node)[:80]}")
    return found


def test_only_actions_change_a_records_status():
    offenders = []
    for path in PRODUCT:
        rel = str(path.relative_to(ROOT))
        if _is_a_writer(rel) or rel.startswith(SYNTHETIC_DATA_GENERATORS):
            continue
        if rel == "frontdoor/workflow/compare_and_set.py":
            continue  # the compare-and-set every action calls
        offenders += _status_changes(path)
    assert offenders == []


def test_only_audit_actions_write_audit_rows():
    offenders = _offenders(
        r"(Event|RecordView)\.objects\.(create|bulk_create|update|get_or_create)",
        # The outbox's IntegrationEvent matches the pattern too: written only by the audit
        # writer, in the same transaction as its audit row (docs/adr/0029).
        {"frontdoor/audit/actions.py", "frontdoor/outbox/writer.py"},
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
    "frontdoor/contacts/actions/siblings.py",
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


# --- Writes only in actions (../shared/STYLE.md; issue 14) --------------------------------------
#
# Every ORM write (`save`, `delete`, `create`, `update`, `bulk_*`, `get_or_create`,
# `update_or_create`) outside an app's actions module or package is refused, except in these
# files, each for its reason. Walked through the syntax tree, so a call split over lines is seen.
WRITES_ALLOWED = {
    # The kernel's compare-and-set: the one way actions change a record's status or version.
    "frontdoor/workflow/compare_and_set.py": "the writer every action calls",
    # The audit chain's head row, made once per chain before the first audit row.
    "frontdoor/audit/chain.py": "the audit kernel's own bookkeeping",
    # Sign-in bookkeeping, like the session itself: authenticator devices, a token's last use,
    # and the answers kept for someone whose session timed out mid-form.
    "frontdoor/access/second_factor.py": "authenticator devices (django-otp) and the session",
    "frontdoor/access/tokens.py": "a token's own bookkeeping (issued, last used)",
    "frontdoor/access/kept_answers.py": "typed answers kept across a sign-out, given back once",
    # A contact officer's own unsent draft: not a record until it is submitted (by an action).
    "frontdoor/contacts/drafts.py": "a person's own unsent draft",
    # The person search index, derived from person records (rebuilt whole by a command).
    "frontdoor/matching/index.py": "the derived search index",
    # The management information's rollups, derived from the rows: kept inside each audited
    # action's transaction (the audit signal) and rebuilt whole by a command (docs/adr/0024).
    "frontdoor/rollups/tally.py": "the derived rollups of the figures",
    # The mechanics of a merge, run only by matching.actions.merge_pair / undo_merge.
    "frontdoor/matching/merging.py": "a merge's mechanics, inside the merge action",
    # (frontdoor/outbox/writer.py, the outbox row beside each published audit event, is written
    # by the audit writer in the action's transaction with an INSERT of its own, as
    # bulk/insert.py writes, not through the ORM: this walk does not see SQL run through a
    # cursor, so it is not listed here. docs/adr/0029.)
    # The webhook sender's own bookkeeping (deliveries queued, its lease, each attempt): no
    # record about a child changes; replays are actions (integration/actions.py).
    "frontdoor/integration/delivery.py": "the webhook sender's bookkeeping",
    # A spreadsheet written to memory (openpyxl), not the database.
    "frontdoor/exports/spreadsheet.py": "openpyxl's own save",
    "frontdoor/returns/annex_a.py": "openpyxl's own save (Annex A's workbook, in memory)",
}
WRITE_METHODS = {
    "save",
    "delete",
    "create",
    "update",
    "bulk_create",
    "bulk_update",
    "get_or_create",
    "update_or_create",
}
# Receivers whose `update`/`create`/`delete` are not the ORM's (a dict, a set, a session).
NOT_THE_ORM = ("data", "values", "changes", "seen", "kwargs", "fields", "request.session")


def _orm_writes(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        if node.func.attr not in WRITE_METHODS:
            continue
        receiver = ast.unparse(node.func.value)
        if receiver.startswith(NOT_THE_ORM) or receiver == "super()":
            continue
        if node.func.attr in ("save", "delete") or any(
            marker in receiver
            for marker in ("objects", "_manager", "filter(", "exclude(", ".all()", "_set")
        ):
            found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {ast.unparse(node)[:80]}")
    return found


def test_only_actions_write_to_the_database():
    offenders = []
    for path in PRODUCT:
        rel = str(path.relative_to(ROOT))
        if _is_a_writer(rel) or rel in WRITES_ALLOWED or rel.startswith(TOOLS):
            continue
        offenders += _orm_writes(path)
    assert offenders == [], "Move these writes into an action, or allow one here with its reason"


def test_the_writes_allow_list_names_only_files_that_write():
    stale = [rel for rel in WRITES_ALLOWED if not _orm_writes(ROOT / rel)]
    assert stale == []


# The demo county, benchmarks and synthetic data build their worlds in bulk (refusing a
# production database); the import contract keeps the product from importing them.
TOOLS = ("frontdoor/demo/", "frontdoor/bench/", "frontdoor/synthetic/")


def test_every_email_goes_through_the_one_notice_path():
    """Email is sent in one way (frontdoor/notices): after the commit, through the task queue,
    in one frame that keeps personal data out and links on the public address."""
    offenders = [
        line
        for line in _offenders(
            r"\b(send_mail|send_mass_mail|EmailMessage|EmailMultiAlternatives)\b", set()
        )
        if not line.startswith("frontdoor/notices/") and "import" not in line.split(": ", 1)[1]
    ]
    assert offenders == []


def test_only_actions_and_the_tools_insert_rows_in_bulk():
    """The bulk inserter skips the ORM (and so the write guard for records about a child): only
    actions that run as the system, and the synthetic-data tools, may call it."""
    offenders = [
        line
        for line in _offenders(r"\binsert_rows(_returning_ids)?\(", {"frontdoor/bulk/insert.py"})
        if not _is_a_writer(line.split(":")[0]) and not line.startswith(TOOLS)
    ]
    assert offenders == []


def test_no_migration_depends_on_another_apps_latest_migration():
    """A `__latest__` dependency moves when that app gains a migration, and every database that
    applied the dependent one then refuses to migrate ("applied before its dependency"): name
    the migration that existed when it was written (rollups 0002 did this, docs/adr/0024)."""
    floating = [
        str(path.relative_to(ROOT))
        for path in sorted(ROOT.glob("frontdoor/*/migrations/*.py"))
        if "__latest__" in path.read_text()
    ]
    assert floating == []


def test_every_test_that_migrates_goes_back_to_the_latest_migrations():
    """A test that migrates the test database to a named migration must leave it at the latest
    (the `back_to_latest_migrations` fixture in conftest.py), or every later test in its process
    runs on an old schema."""
    forgetful = [
        str(path.relative_to(ROOT))
        for path in sorted(ROOT.glob("frontdoor/*/tests/test_*.py"))
        if ".migrate(" in (text := path.read_text()) and "back_to_latest_migrations" not in text
    ]
    assert forgetful == []
