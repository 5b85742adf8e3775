"""Drill load: 60 seconds of 16 signed-in users on the screening queue, a child's record and
the MASH overview, with locust on loopback against gunicorn (config/gunicorn.py's workers).
Target: at least 30 requests a second, p95 under 500 ms, and no errors."""

from __future__ import annotations

import csv
import json
import os
import subprocess

from drills import kit

kit.setup_django()

from frontdoor.access.models import User  # noqa: E402
from frontdoor.access.records import reading_as  # noqa: E402
from frontdoor.people.models import Person  # noqa: E402

USERS = 16
SECONDS = 60


def main() -> bool:
    # Managers see every queue, the overview and (but the restricted child) every record.
    cookies = [kit.session_cookie(name) for name in ("maya", "mark") for _ in range(USERS // 2)]
    with reading_as(User.objects.get(username="mark")):
        children = [
            str(p.pk)
            for p in Person.objects.order_by("pk")[:200]
            if not p.is_restricted_placeholder
        ]
    env = kit.service_env()
    web, port = kit.web(env, workers=int(os.environ.get("WEB_CONCURRENCY", "0")) or 5)
    prefix = kit.LOGS / "load"
    with kit.running(web):
        # Warm each worker (first requests load templates and the URL map).
        for _ in range(20):
            kit.request(port, "GET", "/contacts/queues/screening/", headers={"Cookie": cookies[0]})
        subprocess.run(  # noqa: S603
            [
                str(kit.ROOT / ".venv" / "bin" / "locust"),
                "-f",
                str(kit.ROOT / "drills" / "locustfile.py"),
                "--headless",
                "--only-summary",
                "-u",
                str(USERS),
                "-r",
                str(USERS),
                "-t",
                f"{SECONDS}s",
                "--host",
                f"http://127.0.0.1:{port}",
                "--csv",
                str(prefix),
                "--stop-timeout",
                "10",
            ],
            cwd=kit.ROOT,
            env={
                **os.environ,
                "DRILL_COOKIES": json.dumps(cookies),
                "DRILL_CHILDREN": json.dumps(children),
            },
            capture_output=True,
            timeout=SECONDS + 60,
            check=False,
        )
    with open(f"{prefix}_stats.csv") as stats:
        rows = {row["Name"]: row for row in csv.DictReader(stats)}
    total = rows["Aggregated"]
    requests = int(total["Request Count"])
    failures = int(total["Failure Count"])
    rps = float(total["Requests/s"])
    p95 = float(total["95%"])
    per_page = " ".join(
        f"p95_{name.replace(' ', '_').replace(chr(39), '')}_ms={float(row['95%']):.0f}"
        for name, row in sorted(rows.items())
        if name != "Aggregated"
    )
    passed = rps >= 30 and p95 < 500 and failures == 0
    return kit.say(
        "load",
        passed,
        users=USERS,
        seconds=SECONDS,
        requests=requests,
        rps=f"{rps:.1f}",
        p50_ms=f"{float(total['50%']):.0f}",
        p95_ms=f"{p95:.0f}",
        errors=failures,
        **dict(part.split("=") for part in per_page.split()),
    )


if __name__ == "__main__":
    main()
