"""Drill concurrent-decisions: 16 clients decide the same 50 contacts at once, through the API
and gunicorn's workers. Expect each contact decided exactly once, and no 5xx."""

from __future__ import annotations

from collections import Counter
from concurrent.futures import ThreadPoolExecutor

from drills import kit

kit.setup_django()

from django.db.models import Count  # noqa: E402

from drills.decisions import body, decide, waiting  # noqa: E402
from frontdoor.audit.models import Event  # noqa: E402
from frontdoor.contacts.models import Decision  # noqa: E402
from frontdoor.referrals.models import Referral  # noqa: E402

CLIENTS = 16
CONTACTS = 50


def main() -> bool:
    contacts = waiting(CONTACTS)
    assert len(contacts) == CONTACTS
    # Two tokens for the same manager: two clients' systems, as far as the server can tell.
    tokens = [kit.api_token("maya") for _ in range(2)]
    payload = body()
    env = kit.service_env()
    web, port = kit.web(env, workers=4)
    statuses: Counter[int] = Counter()
    with kit.running(web):

        def client(n: int) -> list[int]:
            # Every client goes through all 50, each starting at a different one.
            order = contacts[n * 3 % CONTACTS :] + contacts[: n * 3 % CONTACTS]
            return [decide(port, tokens[n % 2], c, payload) for c in order]

        with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
            for answers in pool.map(client, range(CLIENTS)):
                statuses.update(answers)
    decisions = Decision.objects.filter(contact_id__in=contacts)
    doubles = (
        Event.objects.filter(verb="decision_recorded", contact_id__in=contacts)
        .values("contact_id")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
        .count()
    )
    referrals = Referral.objects.filter(contact_id__in=contacts).count()
    server_errors = sum(n for status, n in statuses.items() if status >= 500)
    passed = (
        decisions.count() == CONTACTS
        and doubles == 0
        and statuses[200] == CONTACTS
        and server_errors == 0
        and referrals == CONTACTS
    )
    return kit.say(
        "concurrent-decisions",
        passed,
        clients=CLIENTS,
        contacts=CONTACTS,
        requests=sum(statuses.values()),
        decided=decisions.count(),
        double_decisions=doubles,
        answers=",".join(f"{s}x{n}" for s, n in sorted(statuses.items())),
        server_errors=server_errors,
    )


if __name__ == "__main__":
    main()
