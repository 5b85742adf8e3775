"""Backups that restore (../shared/SECURITY.md, 30; docs/operations.md).

`take_backup` makes a consistent copy of the configured database, and beside it a manifest:
each table's row count *in the same snapshot*, so that a restore can be checked exactly.

- PostgreSQL: `pg_dump --format=custom` of a snapshot exported by a repeatable-read transaction
  that also counted the rows, so dump and counts are one moment, whatever is being written.
- SQLite: the online backup API (`sqlite3.Connection.backup`), which copies page by page under
  the database's own locking. A plain `cp` during writes gave a corrupt copy 1 time in 5
  (issue 15); the backup API gave 10 good copies in 10. The counts are read from the copy.

`restore_drill` restores the latest backup into a scratch database, compares the row counts
table by table, runs `verify_audit` on the copy (it needs the audit keys, as a real restore
does), drops the scratch database, and says what it found.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.db import connection


def backup_dir() -> Path:
    return Path(os.environ.get("FRONTDOOR_BACKUP_DIR", settings.BASE_DIR / "var" / "backups"))


def _tables() -> list[str]:
    with connection.cursor() as cursor:
        return sorted(connection.introspection.table_names(cursor))


def _count(cursor: Any, tables: list[str]) -> dict[str, int]:
    counts = {}
    for table in tables:
        cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
        counts[table] = int(cursor.fetchone()[0])
    return counts


@dataclass(frozen=True)
class Backup:
    path: Path
    manifest: Path
    rows: int
    tables: int


def take_backup(*, into: Path | None = None) -> Backup:
    folder = into or backup_dir()
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    if connection.vendor == "postgresql":
        path, counts = _pg_backup(folder / f"frontdoor-{stamp}.dump")
    elif connection.vendor == "sqlite":
        path, counts = _sqlite_backup(folder / f"frontdoor-{stamp}.sqlite3")
    else:
        raise RuntimeError(f"No backup method for {connection.vendor}")
    manifest = path.with_suffix(".json")
    manifest.write_text(
        json.dumps(
            {"taken_at": stamp, "vendor": connection.vendor, "file": path.name, "rows": counts},
            indent=1,
            sort_keys=True,
        )
    )
    return Backup(path, manifest, sum(counts.values()), len(counts))


def _pg_environment(url_database: str | None = None) -> tuple[list[str], dict[str, str]]:
    """pg_dump/pg_restore connection arguments for the configured database."""
    db = settings.DATABASES["default"]
    args = ["-h", str(db.get("HOST") or "127.0.0.1"), "-p", str(db.get("PORT") or 5432)]
    args += ["-U", str(db.get("USER") or "postgres")]
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return args, env


def _pg_backup(path: Path) -> tuple[Path, dict[str, int]]:
    tables = _tables()
    args, env = _pg_environment()
    name = str(settings.DATABASES["default"]["NAME"])
    connection.ensure_connection()
    with connection.cursor() as cursor:
        # One snapshot for the counts and the dump: the transaction stays open until pg_dump
        # has taken the snapshot over.
        cursor.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
        try:
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            counts = _count(cursor, tables)
            subprocess.run(  # noqa: S603 (pg_dump, with our own arguments)
                [
                    shutil.which("pg_dump") or "pg_dump",
                    *args,
                    "--format=custom",
                    f"--snapshot={snapshot}",
                    "--file",
                    str(path),
                    name,
                ],
                env=env,
                check=True,
            )
        finally:
            cursor.execute("COMMIT")
    return path, counts


def _sqlite_backup(path: Path) -> tuple[Path, dict[str, int]]:
    connection.ensure_connection()
    source = connection.connection
    target = sqlite3.connect(str(path))
    try:
        source.backup(target)
    finally:
        target.close()
    copy = sqlite3.connect(str(path))
    try:
        tables = [
            row[0]
            for row in copy.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        counts = {
            t: int(copy.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0])  # noqa: S608
            for t in sorted(tables)
        }
    finally:
        copy.close()
    return path, counts


def latest_backup(folder: Path | None = None) -> Path:
    manifests = sorted((folder or backup_dir()).glob("frontdoor-*.json"))
    if not manifests:
        raise FileNotFoundError(f"No backup in {folder or backup_dir()}: run make backup first")
    return manifests[-1]


@dataclass(frozen=True)
class DrillResult:
    backup: str
    tables: int
    rows: int
    mismatched: list[str]
    audit_intact: bool
    audit_said: str

    @property
    def passed(self) -> bool:
        return not self.mismatched and self.audit_intact

    def line(self) -> str:
        return (
            f"restore-drill result={'pass' if self.passed else 'fail'} backup={self.backup} "
            f"tables={self.tables} rows={self.rows} mismatched_tables={len(self.mismatched)} "
            f"audit_chain={'intact' if self.audit_intact else 'BROKEN'}"
        )


def restore_drill(manifest_path: Path | None = None) -> DrillResult:
    manifest_path = manifest_path or latest_backup()
    manifest = json.loads(manifest_path.read_text())
    backup = manifest_path.parent / manifest["file"]
    expected: dict[str, int] = manifest["rows"]
    if manifest["vendor"] == "postgresql":
        url, restored, drop = _pg_restore_scratch(backup)
    else:
        url, restored, drop = _sqlite_restore_scratch(backup)
    try:
        mismatched = sorted(
            t for t in set(expected) | set(restored) if expected.get(t) != restored.get(t)
        )
        intact, said = _verify_audit(url)
    finally:
        drop()
    return DrillResult(backup.name, len(expected), sum(expected.values()), mismatched, intact, said)


def _verify_audit(url: str) -> tuple[bool, str]:
    result = subprocess.run(  # noqa: S603 (our own interpreter and manage.py)
        [sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), "verify_audit"],
        env={**os.environ, "DATABASE_URL": url},
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    return result.returncode == 0, (result.stdout + result.stderr).strip()


def _sqlite_restore_scratch(backup: Path) -> tuple[str, dict[str, int], Any]:
    scratch = backup.with_name("restore-drill.sqlite3")
    # Restoring is copying the file back: the backup is itself a whole, consistent database.
    source = sqlite3.connect(str(backup))
    target = sqlite3.connect(str(scratch))
    try:
        source.backup(target)
        problem = target.execute("PRAGMA integrity_check").fetchone()[0]
        if problem != "ok":
            raise RuntimeError(f"The restored copy fails its integrity check: {problem}")
        tables = [
            r[0]
            for r in target.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        counts = {
            t: int(target.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0])  # noqa: S608
            for t in tables
        }
    finally:
        source.close()
        target.close()
    return f"sqlite:///{scratch}", counts, lambda: scratch.unlink(missing_ok=True)


def _pg_restore_scratch(backup: Path) -> tuple[str, dict[str, int], Any]:
    import psycopg

    args, env = _pg_environment()
    db = settings.DATABASES["default"]
    scratch = f"{db['NAME']}_restore_drill"
    admin = psycopg.connect(
        host=db.get("HOST") or "127.0.0.1",
        port=db.get("PORT") or 5432,
        user=db.get("USER") or "postgres",
        password=db.get("PASSWORD") or None,
        dbname="postgres",
        autocommit=True,
    )
    admin.execute(f'DROP DATABASE IF EXISTS "{scratch}"')
    admin.execute(f'CREATE DATABASE "{scratch}"')

    def drop() -> None:
        admin.execute(f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)')
        admin.close()

    try:
        subprocess.run(  # noqa: S603 (pg_restore, with our own arguments)
            [
                shutil.which("pg_restore") or "pg_restore",
                *args,
                "--no-owner",
                "--exit-on-error",
                "-d",
                scratch,
                str(backup),
            ],
            env=env,
            check=True,
        )
        with psycopg.connect(
            host=db.get("HOST") or "127.0.0.1",
            port=db.get("PORT") or 5432,
            user=db.get("USER") or "postgres",
            password=db.get("PASSWORD") or None,
            dbname=scratch,
        ) as copy:
            tables = [
                r[0]
                for r in copy.execute(
                    "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
                ).fetchall()
            ]
            counts = {}
            for t in tables:
                found = copy.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()  # noqa: S608
                counts[t] = int(found[0]) if found else 0
    except Exception:
        drop()
        raise
    parts = urlsplit(os.environ.get("DATABASE_URL", ""))
    url = urlunsplit(parts._replace(path=f"/{scratch}"))
    return url, counts, drop
