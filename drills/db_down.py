"""Drill db-down: stop PostgreSQL under load, then start it again. Expect 503s while it is down
(a GOV.UK page for pages, JSON for the API, each with Retry-After) and no 500; recovery without
restarting anything; no half-written rows; and each write that failed, sent again with its
Idempotency-Key, saved once.

The database is a PostgreSQL cluster of the drill's own (pg_createcluster, port 55432), never
the machine's main one, which other work is using. It is removed afterwards."""

from __future__ import annotations

import json
import os
import subprocess
import threading
import time
import uuid
from collections import Counter

from drills import kit

VERSION = os.environ.get("DRILL_PG_VERSION", "15")
CLUSTER = "frontdoor_drill"
PORT = int(os.environ.get("DRILL_PG_PORT", "55432"))
SOURCE = os.environ["DRILL_DATABASE"]  # the drill's copy of the template on the main cluster
URL = f"postgres://postgres@127.0.0.1:{PORT}/frontdoor"
DOWN_SECONDS = 15


def sh(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, capture_output=True, text=True, check=check)  # noqa: S603


def make_cluster() -> None:
    drop_cluster()
    sh("pg_createcluster", "--user", "postgres", "-p", str(PORT), VERSION, CLUSTER)
    hba = f"/etc/postgresql/{VERSION}/{CLUSTER}/pg_hba.conf"
    with open(hba, "w") as conf:  # loopback only, trust: a throwaway cluster
        conf.write("local all all trust\nhost all all 127.0.0.1/32 trust\n")
    start()
    sh(
        "psql",
        "-h",
        "127.0.0.1",
        "-p",
        str(PORT),
        "-U",
        "postgres",
        "-qc",
        "CREATE DATABASE frontdoor",
    )
    dump = subprocess.Popen(  # noqa: S603
        ["pg_dump", "-h", "127.0.0.1", "-p", "5432", "-U", "postgres", "-Fc", SOURCE],  # noqa: S607
        stdout=subprocess.PIPE,
    )
    subprocess.run(  # noqa: S603
        [
            "pg_restore",
            "-h",
            "127.0.0.1",
            "-p",
            str(PORT),
            "-U",
            "postgres",
            "--no-owner",  # noqa: S607
            "-d",
            "frontdoor",
        ],
        stdin=dump.stdout,
        check=True,
        capture_output=True,
    )
    dump.wait()


def start() -> None:
    sh("pg_ctlcluster", "--skip-systemctl-redirect", VERSION, CLUSTER, "start")


def stop() -> None:
    # Immediate: as a crash or a pulled plug, no goodbye to the clients.
    sh("pg_ctlcluster", "--skip-systemctl-redirect", VERSION, CLUSTER, "stop", "-m", "immediate")


def drop_cluster() -> None:
    sh("pg_dropcluster", "--stop", VERSION, CLUSTER, check=False)


def main() -> bool:
    make_cluster()
    os.environ["DATABASE_URL"] = URL
    kit.setup_django()
    try:
        return drill()
    finally:
        from django.db import connections

        connections.close_all()
        drop_cluster()


def drill() -> bool:
    from frontdoor.audit.models import Event
    from frontdoor.contacts.models import Contact, FamilyContact

    cookie = kit.session_cookie("maya")
    token = kit.api_token("priya")
    env = kit.service_env(DATABASE_URL=URL)
    web, port = kit.web(env, workers=3)
    master = web.popen.pid
    phase = ["before"]
    answers: dict[str, Counter[str]] = {"before": Counter(), "down": Counter(), "after": Counter()}
    keys: dict[str, int] = {}  # Idempotency-Key -> the last status its request got
    bad_503 = [0]
    lock = threading.Lock()
    stop_load = threading.Event()

    def note(status: int, kind: str, headers_ok: bool) -> None:
        with lock:
            answers[phase[0]][f"{kind}{status}"] += 1
            if status == 503 and not headers_ok:
                bad_503[0] += 1

    def page_user() -> None:
        while not stop_load.is_set():
            try:
                status, body = kit.request(
                    port,
                    "GET",
                    "/contacts/queues/screening/",
                    headers={"Cookie": cookie},
                    timeout=20,
                )
                ok = status != 503 or b"Sorry, there is a problem with the service" in body
                note(status, "page", ok)
            except OSError:
                note(0, "page", True)
            time.sleep(0.05)

    def api_user() -> None:
        while not stop_load.is_set():
            key = str(uuid.uuid4())
            body = {
                "referrer_name": "Drill Down",
                "concern_categories": ["DA"],
                "narrative": "Drill: the database went away.",
                "family_knows": "no",
                "children": [
                    {
                        "first_name": "Dee",
                        "last_name": "Down",
                        "sex": "F",
                        "date_of_birth": "2018-04-04",
                    }
                ],
            }
            try:
                status, answer = kit.request(
                    port,
                    "POST",
                    "/api/partners/contacts",
                    body=body,
                    timeout=20,
                    headers={"Authorization": f"Bearer {token}", "Idempotency-Key": key},
                )
                ok = status != 503 or json.loads(answer).get("detail", "").startswith("Service")
                note(status, "api", ok)
            except (OSError, ValueError):
                status = 0
                note(0, "api", True)
            with lock:
                keys[key] = status
            time.sleep(0.05)

    threads = [threading.Thread(target=page_user) for _ in range(3)]
    threads += [threading.Thread(target=api_user) for _ in range(3)]
    with kit.running(web):
        for thread in threads:
            thread.start()
        time.sleep(8)
        phase[0] = "down"
        stop()
        time.sleep(DOWN_SECONDS)
        start()
        back = time.monotonic()
        phase[0] = "after"

        def serving() -> bool:
            try:
                return (
                    kit.request(
                        port,
                        "GET",
                        "/contacts/queues/screening/",
                        headers={"Cookie": cookie},
                        timeout=10,
                    )[0]
                    == 200
                )
            except OSError:
                return False

        recovered = kit.wait_for(serving, seconds=60, every=0.5)
        recovery_s = time.monotonic() - back
        time.sleep(8)
        stop_load.set()
        for thread in threads:
            thread.join()
        # Each write that did not get its 201 is sent again with the same key, as a client would.
        retried = [k for k, s in keys.items() if s != 201]
        for key in retried:
            kit.request(
                port,
                "POST",
                "/api/partners/contacts",
                timeout=20,
                headers={"Authorization": f"Bearer {token}", "Idempotency-Key": key},
                body={
                    "referrer_name": "Drill Down",
                    "concern_categories": ["DA"],
                    "narrative": "Drill: the database went away.",
                    "family_knows": "no",
                    "children": [
                        {
                            "first_name": "Dee",
                            "last_name": "Down",
                            "sex": "F",
                            "date_of_birth": "2018-04-04",
                        }
                    ],
                },
            )
        same_master = web.popen.poll() is None and web.popen.pid == master
    from django.db import connection

    connection.close()
    families = FamilyContact.objects.filter(referrer_name="Drill Down")
    # Stored as "<user id>:<key>" (contacts/actions/intake.py).
    keyed = [
        k.split(":", 1)[1]
        for k in families.exclude(idempotency_key=None).values_list("idempotency_key", flat=True)
    ]
    duplicates = len(keyed) - len(set(keyed)) + families.filter(idempotency_key=None).count()
    without_child = families.filter(contacts__isnull=True).count()
    without_event = (
        Contact.objects.filter(family__in=families)
        .exclude(pk__in=Event.objects.filter(verb="contact_received").values("contact_id"))
        .count()
    )
    lost = len([k for k in keys if k not in set(keyed)])
    intact = kit.verify_audit()
    down = answers["down"]
    errors_500 = sum(
        n for k, n in (answers["before"] + down + answers["after"]).items() if k.endswith("500")
    )
    passed = (
        down["page503"] > 0
        and down["api503"] > 0
        and errors_500 == 0
        and bad_503[0] == 0
        and recovered
        and same_master
        and duplicates == 0
        and lost == 0
        and without_child == 0
        and intact
    )
    return kit.say(
        "db-down",
        passed,
        down_s=DOWN_SECONDS,
        page_503=down["page503"],
        api_503=down["api503"],
        http_500=errors_500,
        recovered_in_s=round(recovery_s, 1) if recovered else "never",
        restarted=0 if same_master else 1,
        writes=len(keys),
        resent=len(retried),
        duplicates=duplicates,
        lost=lost,
        half_written=without_child + without_event,
        audit_chain="intact" if intact else "BROKEN",
    )


if __name__ == "__main__":
    main()
