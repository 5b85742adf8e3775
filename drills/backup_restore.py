"""Drill backup-restore: while rows are being written (audit events, one after another), `make
backup` takes a backup; `make restore-drill` restores it into a scratch database and compares every
table's rows with the backup's own counts, and verifies the audit chain on the copy."""

from __future__ import annotations

import os
import subprocess
import tempfile
import threading

from drills import kit

kit.setup_django()


def write_until(stop: threading.Event, written: list[int]) -> None:
    from django.db import connection

    from frontdoor.audit.actions import record_event

    while not stop.is_set():
        record_event(actor=None, verb="drill_row_written", data={"n": written[0]})
        written[0] += 1
    connection.close()


def main() -> bool:
    stop, written = threading.Event(), [0]
    writer = threading.Thread(target=write_until, args=(stop, written))
    writer.start()
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "FRONTDOOR_BACKUP_DIR": folder}
        taken = subprocess.run(  # noqa: S603
            [kit.PYTHON, "manage.py", "backup"],
            cwd=kit.ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        stop.set()
        writer.join()
        drill = subprocess.run(  # noqa: S603
            [kit.PYTHON, "manage.py", "restore_drill"],
            cwd=kit.ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
    line = next((x for x in drill.stdout.splitlines() if x.startswith("restore-drill ")), "")
    figures = dict(part.split("=", 1) for part in line.split()[1:] if "=" in part)
    passed = taken.returncode == 0 and drill.returncode == 0 and figures.get("result") == "pass"
    return kit.say(
        "backup-restore",
        passed,
        format="pg_dump-custom",
        rows_written_during=written[0],
        tables=figures.get("tables", "?"),
        rows=figures.get("rows", "?"),
        mismatched_tables=figures.get("mismatched_tables", "?"),
        audit_chain=figures.get("audit_chain", "?"),
    )


if __name__ == "__main__":
    main()
