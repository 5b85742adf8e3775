"""What the decision drills share: contacts waiting for a decision, and a decision sent the way
a manager's system sends one (the API)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from drills import kit
from frontdoor.contacts.models import Contact
from frontdoor.contacts.workflow import Outcome, Status
from frontdoor.teams.models import Team


def waiting(count: int) -> list[str]:
    found = Contact.objects.filter(
        status=Status.AWAITING_DECISION, first_name__startswith="Drill"
    ).order_by("first_name")[:count]
    return [str(c.pk) for c in found]


def body() -> dict[str, object]:
    team = Team.objects.receiving_teams().first()
    assert team is not None
    return {
        "outcome": Outcome.STRATEGY_DISCUSSION,
        "rationale": "Drill: repeated domestic abuse witnessed; strategy discussion today.",
        "see_by": (timezone.now() + timedelta(days=1)).isoformat(),
        "see_by_team": team.slug,
    }


def decide(port: int, token: str, contact_id: str, payload: dict[str, object]) -> int:
    status, _ = kit.request(
        port,
        "POST",
        f"/api/contacts/children/{contact_id}/decision",
        body=payload,
        headers={"Authorization": f"Bearer {token}"},
        timeout=60,
    )
    return status
