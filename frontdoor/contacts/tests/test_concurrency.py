"""Two managers decide the same contact at the same moment: exactly one decision stands.

Run with real concurrent connections. On PostgreSQL the second UPDATE waits for the first
transaction's row lock, then finds the version changed and updates nothing (StaleRecord).
"""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from django.db import connection, connections
from django.utils import timezone

from frontdoor.contacts.models import Contact, Decision
from frontdoor.contacts.tests import factories as f
from frontdoor.contacts.workflow import Outcome
from frontdoor.decisions import actions as decision_actions
from frontdoor.referrals.models import Referral
from frontdoor.workflow.errors import StaleRecord

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("empty_database_first"),
]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs real concurrent connections")
def test_two_managers_deciding_at_once_one_wins_the_other_is_told(
    manager, second_manager, screener, area_team
):
    family = f.screened(screener)
    contact_id = f.only_child(family).pk
    start = threading.Barrier(2)
    outcomes: dict[str, str] = {}

    def decide(user, name):
        try:
            mine = Contact.objects.select_related("family").get(pk=contact_id)
            start.wait()  # both have read the same version before either writes
            decision_actions.record_decision(
                by=user,
                contacts=[mine],
                details=decision_actions.DecisionDetails(
                    outcome=Outcome.STRATEGY_DISCUSSION,
                    rationale=f"{name}'s rationale",
                    see_by=timezone.now() + timedelta(hours=20),
                    see_by_team=area_team,
                ),
            )
            outcomes[name] = "decided"
        except StaleRecord:
            outcomes[name] = "stale"
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=decide, args=(manager, "maya")),
        threading.Thread(target=decide, args=(second_manager, "mark")),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert sorted(outcomes.values()) == ["decided", "stale"]
    assert Decision.objects.filter(contact_id=contact_id).count() == 1
    assert Referral.objects.filter(contact_id=contact_id).count() == 1
