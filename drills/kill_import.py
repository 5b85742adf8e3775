"""Drill kill-import: kill -9 the task worker in the middle of a 5,000-row police batch sent
through the API, then send the batch again. Expect whole chunks only, a batch status that says
what happened (failed, with how far it got), and after the resend 0 duplicates and 0 lost rows."""

from __future__ import annotations

import json
import random
import time
from datetime import timedelta

from drills import kit

kit.setup_django()

from django.db.models import Count  # noqa: E402
from django.utils import timezone  # noqa: E402

from frontdoor.contacts.models import Contact  # noqa: E402
from frontdoor.police.actions import fail_stuck_batches  # noqa: E402
from frontdoor.police.models import Batch, Notification, NotificationChild  # noqa: E402

ROWS = 5000
FIRST = ["Amy", "Ben", "Cara", "Dev", "Ella", "Finn", "Gita", "Harry", "Isla", "Jay", "Kofi"]
LAST = ["Smith", "Jones", "Khan", "Taylor", "Brown", "Evans", "Patel", "Walker", "Wright"]


def rows() -> list[dict]:
    rng = random.Random(15)  # noqa: S311 (synthetic data, seeded)
    found = []
    for n in range(ROWS):
        last = rng.choice(LAST)
        found.append(
            {
                "police_reference": f"DRILL/KILL/{n:05d}",
                "incident_at": "2026-11-10T21:30:00+00:00",
                "notified_at": "2026-11-11T08:00:00+00:00",
                "location": f"{n} Drill Road",
                "postcode": "WX1 2AB",
                "victim_first_name": rng.choice(FIRST),
                "victim_last_name": last,
                "risk_tool": "dash",
                "risk_level": rng.choice(["standard", "medium", "high"]),
                "marac": False,
                "narrative": "Synthetic drill notification.",
                "children": [
                    {
                        "first_name": rng.choice(FIRST),
                        "last_name": last,
                        "date_of_birth": f"201{n % 10}-0{1 + n % 9}-1{n % 10}",
                    }
                ],
            }
        )
    return found


def send(port: int, token: str, body: dict) -> str:
    status, answer = kit.request(
        port,
        "POST",
        "/api/police/batches",
        body=body,
        headers={"Authorization": f"Bearer {token}"},
        timeout=120,
    )
    assert status == 202, (status, answer[:300])
    return str(json.loads(answer)["batch_id"])


def progress(batch_id: str) -> int:
    b = Batch.objects.get(pk=batch_id)
    return b.created + b.updated + b.unchanged + b.rejected


def main() -> bool:
    token = kit.api_token("priya")
    body = {"domestic_abuse": rows()}
    env = kit.service_env()
    web, port = kit.web(env, workers=2)
    worker = kit.worker(env, name="worker-killed")
    with kit.running(web):
        started = time.monotonic()
        first = send(port, token, body)
        accepted_s = time.monotonic() - started
        kit.wait_for(lambda: progress(first) >= 1500, seconds=240, every=0.2)
        worker.kill9()
        time.sleep(1)
        at_kill = Batch.objects.get(pk=first)
        rows_at_kill = progress(first)
        # Whole chunks only: every row the batch counts is a notification with its contact.
        whole = Notification.objects.filter(first_batch_id=first).count() == at_kill.created
        # The scheduler's rule for a stopped import, with the clock 11 minutes on.
        marked = fail_stuck_batches(now=timezone.now() + timedelta(minutes=11))
        at_kill.refresh_from_db()
        failed_status, reason = at_kill.status, at_kill.failure_reason

        again_worker = kit.worker(env, name="worker-again")
        with kit.running(again_worker):
            second = send(port, token, body)
            kit.wait_for(
                lambda: Batch.objects.get(pk=second).status in ("done", "failed"),
                seconds=300,
                every=0.5,
            )
    resent = Batch.objects.get(pk=second)
    ours = Notification.objects.filter(reference__startswith="DRILL/KILL/")
    duplicates = (
        ours.values("agency", "kind", "reference").annotate(n=Count("pk")).filter(n__gt=1).count()
    )
    children = NotificationChild.objects.filter(notification__in=ours).count()
    orphans = Contact.objects.filter(
        family__police_notification__isnull=True, first_name__in=FIRST, last_name__in=LAST
    ).count()
    lost = ROWS - ours.count()
    passed = (
        whole
        and marked == 1
        and failed_status == "failed"
        and "Send the batch again" in reason
        and resent.status == "done"
        and resent.created + resent.unchanged == ROWS
        and resent.unchanged == rows_at_kill
        and duplicates == 0
        and lost == 0
        and children == ROWS
        and orphans == 0
    )
    return kit.say(
        "kill-import",
        passed,
        rows=ROWS,
        accepted_in_s=round(accepted_s, 1),
        killed_after_rows=rows_at_kill,
        status_after_kill=failed_status,
        resent_created=resent.created,
        resent_unchanged=resent.unchanged,
        duplicates=duplicates,
        lost=lost,
        orphan_contacts=orphans,
    )


if __name__ == "__main__":
    main()
