"""Drill kill-decision: kill -9 the web server (master and workers) three times while eight
clients record decisions through the API. Expect no decision without its audit event, no
decided contact without its decision, no referral without its decision, and the audit chain
intact."""

from __future__ import annotations

import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

from drills import kit

kit.setup_django()

from django.db.models import Exists, OuterRef  # noqa: E402

from drills.decisions import body, decide, waiting  # noqa: E402
from frontdoor.audit.models import Event  # noqa: E402
from frontdoor.contacts.models import Contact, Decision  # noqa: E402
from frontdoor.contacts.workflow import Status  # noqa: E402
from frontdoor.referrals.models import Referral  # noqa: E402

CLIENTS = 8
KILLS = 3


def main() -> bool:
    contacts = waiting(200)
    token = kit.api_token("maya")
    payload = body()
    env = kit.service_env()
    queue = list(contacts)
    lock = threading.Lock()
    port_box: dict[str, int] = {}
    stop = threading.Event()
    answers: Counter[int] = Counter()

    def client(_: int) -> None:
        while not stop.is_set():
            with lock:
                if not queue:
                    return
                contact = queue.pop()
            try:
                answers[decide(port_box["port"], token, contact, payload)] += 1
            except OSError:
                # The server is down (or was killed mid-request): try this one again later.
                answers[0] += 1
                with lock:
                    queue.insert(0, contact)
                time.sleep(0.3)

    web, port_box["port"] = kit.web(env, workers=3, name="web-0")
    kills = 0
    with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
        futures = [pool.submit(client, n) for n in range(CLIENTS)]
        for n in range(KILLS):
            time.sleep(6)
            web.kill9()
            kills += 1
            web, port_box["port"] = kit.web(env, workers=3, name=f"web-{n + 1}")
        time.sleep(3)
        stop.set()
        for future in futures:
            future.result()
    web.stop()

    ours = Contact.objects.filter(pk__in=contacts)
    decided = ours.filter(status=Status.DECIDED)
    event = Event.objects.filter(verb="decision_recorded", contact_id=OuterRef("pk"))
    decided_without_decision = decided.filter(decision__isnull=True).count()
    decided_without_event = decided.filter(~Exists(event)).count()
    decisions = Decision.objects.filter(contact__in=ours)
    decision_on_undecided = decisions.exclude(contact__status=Status.DECIDED).count()
    referral_without_decision = (
        Referral.objects.filter(contact__in=ours).filter(contact__decision__isnull=True).count()
    )
    intact = kit.verify_audit()
    passed = (
        decided.count() > 0
        and decided_without_decision == 0
        and decided_without_event == 0
        and decision_on_undecided == 0
        and referral_without_decision == 0
        and intact
    )
    return kit.say(
        "kill-decision",
        passed,
        kills=kills,
        decided=decided.count(),
        answers=",".join(f"{s}x{n}" for s, n in sorted(answers.items())),
        decision_without_event=decided_without_event,
        decided_without_decision=decided_without_decision,
        decision_on_undecided_contact=decision_on_undecided,
        referral_without_decision=referral_without_decision,
        audit_chain="intact" if intact else "BROKEN",
    )


if __name__ == "__main__":
    main()
