"""Answering and chasing at the same moment, on real concurrent connections (PostgreSQL).

A police officer double-clicks, or the force's system retries while the first request is still
running: both arrive together with the same key. Exactly one answer is saved and both get it
back. Two sweeps running at once chase an overdue request once.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.db import connection, connections
from django.utils import timezone

from frontdoor.audit.models import Event
from frontdoor.enquiries import actions
from frontdoor.enquiries.models import Answer, Enquiry
from frontdoor.enquiries.tests import factories as ef

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("empty_database_first"),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs real concurrent connections"
    ),
]


def _at_once(work: Callable[[], Any], times: int = 2) -> list[Any]:
    start = threading.Barrier(times)
    results: list[Any] = []

    def run() -> None:
        try:
            start.wait()
            results.append(work())
        except Exception as exc:  # noqa: BLE001 (the test reads what each thread got)
            results.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(times)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    return results


def test_a_double_submitted_answer_is_saved_once(
    manager, police_partner, child_protection_hub, police_agency
):
    enquiry = ef.sent(manager, child_protection_hub, police_agency)
    details = actions.AnswerDetails(
        known="no", summary="Not known to Wessex Police.", idempotency_key="double-click"
    )

    def answer() -> tuple[str, bool]:
        mine = Enquiry.objects.get(pk=enquiry.pk)
        saved, created = actions.answer_enquiry(by=police_partner, enquiry=mine, details=details)
        return str(saved.pk), created

    results = _at_once(answer)
    assert sorted(created for _, created in results) == [False, True]
    assert len({pk for pk, _ in results}) == 1
    assert Answer.objects.filter(enquiry=enquiry).count() == 1
    assert Event.objects.filter(verb="enquiry_answered").count() == 1


def test_two_sweeps_at_once_chase_an_overdue_request_once(
    manager, child_protection_hub, police_agency
):
    enquiry = ef.sent(manager, child_protection_hub, police_agency)
    Enquiry.objects.filter(pk=enquiry.pk).update(due_at=timezone.now() - timedelta(minutes=1))
    results = _at_once(actions.chase_overdue_enquiries, times=3)
    assert sorted(results) == [0, 0, 1]
    assert Event.objects.filter(verb="enquiry_chased").count() == 1
