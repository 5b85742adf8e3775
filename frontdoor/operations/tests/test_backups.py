"""A backup of the embedded database restores whole: same rows table by table, audit chain
intact; and the drill fails loudly when a table differs. (PostgreSQL's pg_dump path is proved
by `make drills`: backup-restore.)"""

from __future__ import annotations

import json

import pytest
from django.db import connection

from frontdoor.audit.actions import record_event
from frontdoor.operations.backups import latest_backup, restore_drill, take_backup

pytestmark = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="the SQLite backup API; PostgreSQL is a drill"
)


@pytest.fixture
def backups(tmp_path, monkeypatch):
    monkeypatch.setenv("FRONTDOOR_BACKUP_DIR", str(tmp_path))
    return tmp_path


@pytest.mark.django_db(transaction=True)
def test_a_backup_restores_with_every_row_and_the_audit_chain_intact(backups, screener):
    for n in range(3):
        record_event(actor=screener, verb="drill_event_recorded", data={"n": n})
    taken = take_backup()
    counts = json.loads(taken.manifest.read_text())["rows"]
    assert counts["audit_event"] >= 3 and counts["access_user"] >= 1
    result = restore_drill(latest_backup())
    assert result.passed, result.audit_said
    assert result.line().startswith("restore-drill result=pass ")
    assert "mismatched_tables=0 audit_chain=intact" in result.line()
    assert not (backups / "restore-drill.sqlite3").exists()  # the scratch copy is gone


@pytest.mark.django_db(transaction=True)
def test_the_drill_fails_when_a_table_lost_rows(backups, screener):
    take_backup()
    manifest = latest_backup()
    data = json.loads(manifest.read_text())
    data["rows"]["access_user"] += 1  # as if a row had not come back
    manifest.write_text(json.dumps(data))
    result = restore_drill(manifest)
    assert not result.passed and result.mismatched == ["access_user"]
    assert "result=fail" in result.line()
