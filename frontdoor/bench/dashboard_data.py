"""What the management information benchmark adds to the queue benchmark's contacts: screening
times and managers' decisions for the contacts already decided, so that the timeliness and
step-down measures count real rows. Bulk-written once (skipped when decisions exist), like
queue_data: the benchmark measures reading figures, not writing decisions.

Only the outcomes without a social work response are written (no further action, information
and advice, early help): a referral needs a person record and clocks that the queue data does
not have, so the referral measures count the queue data's none.
"""

from __future__ import annotations

import random
import uuid
from datetime import timedelta

from django.db.models import F

from frontdoor.access.models import Role, User
from frontdoor.contacts.models import Contact, Decision
from frontdoor.contacts.workflow import Outcome, Status

OUTCOMES = [Outcome.NO_FURTHER_ACTION, Outcome.INFORMATION_AND_ADVICE, Outcome.EARLY_HELP]
BATCH = 5000


def manager() -> User:
    user, _ = User.objects.get_or_create(
        username="bench-manager", defaults={"role": Role.MANAGER, "first_name": "Bench"}
    )
    return user


def enrich(*, seed: int = 11) -> int:
    """Give every decided contact a screening time and a decision. Returns decisions written."""
    if Decision.objects.exists():
        return 0
    rng = random.Random(seed)
    by = manager()
    decided = Contact.objects.filter(status=Status.DECIDED)
    # Screened 2 hours after receipt (the queue data's screening clock is receipt + 4 hours).
    decided.filter(screened_at__isnull=True).update(
        screened_at=F("screening_due_at") - timedelta(hours=2)
    )
    written, batch = 0, []
    for pk, received in decided.values_list("pk", "family__received_at").iterator():
        batch.append(
            Decision(
                id=uuid.UUID(int=rng.getrandbits(128)),
                contact_id=pk,
                outcome=rng.choice(OUTCOMES),
                rationale="Synthetic benchmark decision.",
                decided_from=Status.SCREENED,
                decided_by=by,
                decided_at=received + timedelta(hours=rng.randint(1, 40)),
            )
        )
        if len(batch) >= BATCH:
            written += len(Decision.objects.bulk_create(batch))
            batch.clear()
    written += len(Decision.objects.bulk_create(batch))
    return written
