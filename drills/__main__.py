"""`make drills` (scripts/drills): run every drill, or those named, each against a database of
its own made from one seeded template, and print each drill's line.

    .venv/bin/python -m drills [name ...]

The template (`frontdoor_drill_template` on the local PostgreSQL) is the demo county plus
contacts waiting for a decision; it is built on the first run (about two minutes) and again
whenever the migrations change.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import time

from drills.kit import LOGS, PYTHON, ROOT

PG = "postgres://postgres@127.0.0.1:5432"
TEMPLATE = "frontdoor_drill_template"
# name -> (module, time limit in seconds)
DRILLS = {
    "scheduler": ("drills.scheduler", 240),
    "kill-import": ("drills.kill_import", 420),
    "kill-decision": ("drills.kill_decision", 300),
    "concurrent-decisions": ("drills.concurrent_decisions", 240),
    "bad-input": ("drills.bad_input", 420),
    "load": ("drills.load", 240),
    "backup-restore": ("drills.backup_restore", 240),
    "db-down": ("drills.db_down", 360),
}


def psql(sql: str, database: str = "postgres") -> str:
    return subprocess.run(  # noqa: S603
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", database, "-tAqc", sql],  # noqa: S607
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


def exists(database: str) -> bool:
    return psql(f"SELECT 1 FROM pg_database WHERE datname = '{database}'") == "1"


def migrations_fingerprint() -> str:
    names = sorted(str(p.relative_to(ROOT)) for p in ROOT.glob("frontdoor/*/migrations/0*.py"))
    return hashlib.sha256("\n".join(names).encode()).hexdigest()[:16]


def manage(database: str, *args: str) -> None:
    env = {**os.environ, "DATABASE_URL": f"{PG}/{database}"}
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True)  # noqa: S603


def ensure_template() -> None:
    marker = LOGS / "template.fingerprint"
    fingerprint = migrations_fingerprint()
    if exists(TEMPLATE) and marker.exists() and marker.read_text() == fingerprint:
        return
    started = time.monotonic()
    print("Building the drills' template database (the demo county)…", flush=True)
    psql(f'DROP DATABASE IF EXISTS "{TEMPLATE}"')
    psql(f'CREATE DATABASE "{TEMPLATE}"')
    manage(TEMPLATE, "migrate", "--noinput", "-v", "0")
    manage(TEMPLATE, "seed_demo")
    env = {**os.environ, "DATABASE_URL": f"{PG}/{TEMPLATE}"}
    subprocess.run([PYTHON, "-m", "drills.prepare"], cwd=ROOT, env=env, check=True)  # noqa: S603
    marker.write_text(fingerprint)
    print(f"Template built in {time.monotonic() - started:.0f} s", flush=True)


def run(name: str) -> str:
    module, limit = DRILLS[name]
    database = f"frontdoor_drill_{name.replace('-', '_')}"
    psql(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
    psql(f'CREATE DATABASE "{database}" TEMPLATE "{TEMPLATE}"')
    env = {**os.environ, "DATABASE_URL": f"{PG}/{database}", "DRILL_DATABASE": database}
    started = time.monotonic()
    try:
        result = subprocess.run(  # noqa: S603
            [PYTHON, "-m", module],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=limit,
            check=False,
        )
        output = result.stdout + result.stderr
    except subprocess.TimeoutExpired as exc:
        output = f"{exc.stdout or ''}\ndrill {name} result=fail timed_out_after_s={limit}"
    (LOGS / f"{name}.out").write_text(output)
    lines = [line for line in output.splitlines() if line.startswith(f"drill {name} ")]
    line = lines[-1] if lines else f"drill {name} result=fail no_result (see var/drills/{name}.out)"
    psql(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
    return f"{line} seconds={time.monotonic() - started:.0f}"


def main(names: list[str]) -> int:
    LOGS.mkdir(parents=True, exist_ok=True)
    subprocess.run([str(ROOT / "scripts" / "ensure-postgres")], check=True)  # noqa: S603
    ensure_template()
    started = time.monotonic()
    results = []
    for name in names or list(DRILLS):
        line = run(name)
        print(line, flush=True)
        results.append(line)
    (LOGS / "results.txt").write_text("\n".join(results) + "\n")
    failed = [line for line in results if " result=pass " not in line]
    print(
        f"{len(results) - len(failed)} passed, {len(failed)} failed "
        f"in {time.monotonic() - started:.0f} s",
        flush=True,
    )
    return 1 if failed else 0


if __name__ == "__main__":
    unknown = [name for name in sys.argv[1:] if name not in DRILLS]
    if unknown:
        sys.exit(f"No such drill: {', '.join(unknown)} (drills: {', '.join(DRILLS)})")
    sys.exit(main(sys.argv[1:]))
