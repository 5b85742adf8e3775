"""Bulk synthetic contacts for the queue benchmark: fast to build, shaped like the real thing.

Built with bulk_create rather than the actions (which would take far longer at 100,000 rows):
the benchmark measures reading queues, not writing contacts.
"""

from __future__ import annotations

import random
import uuid
from datetime import timedelta

from django.utils import timezone

from frontdoor.access.models import Role, User
from frontdoor.codelists.models import Code, CodeList
from frontdoor.contacts.actions.references import give_references
from frontdoor.contacts.models import Contact, FamilyContact
from frontdoor.contacts.workflow import Status
from frontdoor.teams.models import Team

OPEN_MIX = [Status.AWAITING_SCREENING, Status.SCREENED, Status.IN_HUB, Status.AWAITING_DECISION]


def build(families: int, *, seed: int = 7, open_share: float = 0.05) -> User:
    """`families` family contacts over five years; `open_share` of them still open."""
    rng = random.Random(seed)
    user, _ = User.objects.get_or_create(
        username="bench-screener", defaults={"role": Role.SCREENER, "first_name": "Bench"}
    )
    source = Code.objects.get(code_list=CodeList.REFERRAL_SOURCE, code="6")
    hubs = list(Team.objects.hubs())
    now = timezone.now()
    batch_families, batch_contacts = [], []
    for index in range(families):
        is_open = rng.random() < open_share
        received = now - timedelta(minutes=rng.randint(10, 60 * 24 * (14 if is_open else 1800)))
        status = rng.choice(OPEN_MIX) if is_open else Status.DECIDED
        family = FamilyContact(
            id=uuid.UUID(int=rng.getrandbits(128)),
            received_at=received,
            recorded_at=received,
            recorded_by=user,
            referral_source=source,
            narrative="Synthetic benchmark contact.",
            family_knows="not_known",
            hub=rng.choice(hubs) if status in (Status.IN_HUB, Status.AWAITING_DECISION) else None,
        )
        batch_families.append(family)
        for position in range(rng.choice([1, 1, 2, 2, 3])):
            batch_contacts.append(
                Contact(
                    id=uuid.UUID(int=rng.getrandbits(128)),
                    family=family,
                    position=position,
                    first_name=f"Child{index}",
                    last_name=f"Family{index}",
                    status=status,
                    screening_due_at=received + timedelta(hours=4),
                    decision_due_at=received + timedelta(days=1),
                )
            )
        if len(batch_families) >= 5000:
            _flush(batch_families, batch_contacts)
    _flush(batch_families, batch_contacts)
    return user


def _flush(families: list[FamilyContact], contacts: list[Contact]) -> None:
    give_references(families)
    FamilyContact.objects.bulk_create(families)
    Contact.objects.bulk_create(contacts)
    families.clear()
    contacts.clear()
