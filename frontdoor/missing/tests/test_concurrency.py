"""Two writers at the same moment, on real concurrent connections (PostgreSQL).

- Two coordinators record the same child's return: exactly one return stands, and the other
  is told someone else changed the episode (compare-and-set on status and version).
- A police system's retry races its first request: one episode and one police report, and
  both requests get that episode back (idempotent by the force's reference).
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Callable
from datetime import timedelta

import pytest
from django.apps import apps
from django.db import connection, connections
from django.utils import timezone

from frontdoor.audit.models import Event
from frontdoor.codelists.models import Code
from frontdoor.missing import actions
from frontdoor.missing.models import Episode, PoliceReport
from frontdoor.missing.tests import factories as f
from frontdoor.missing.workflow import Status
from frontdoor.timescales.models import Timescale
from frontdoor.workflow.errors import StaleRecord

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs real concurrent connections"
    ),
]


@pytest.fixture(autouse=True)
def reference_data(transactional_db):
    """Real commits mean a flush after each test, which empties the tables that data migrations
    seeded. Put back what these tests read (the police's referral source, the timescales and
    this app's settings), the way the migrations do. Not `serialized_rollback`: after another
    transactional test has flushed and recreated the content types, restoring the serialized
    copy collides with them on PostgreSQL."""
    Code.objects.get_or_create(
        code_list="referral_source", code="6", defaults={"label": "Police", "group": "Police"}
    )
    if not Timescale.objects.filter(key="return_home_interview").exists():
        _migration("frontdoor.timescales.migrations.0002_seed_timescales").seed_timescales(
            apps, None
        )
    _migration("frontdoor.missing.migrations.0002_seed_settings").seed(apps, None)


def _migration(name: str):
    return importlib.import_module(name)


def _at_once(*work: Callable[[], str]) -> list[str]:
    start = threading.Barrier(len(work))
    results: list[str] = []

    def run(job: Callable[[], str]) -> None:
        try:
            start.wait()
            results.append(job())
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(job,)) for job in work]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return sorted(results)


def test_two_coordinators_recording_the_return_at_once_one_wins_the_other_is_told(
    make_user, manager
):
    # A hub worker without a hub: the hubs, too, were seeded by a migration that a flush undid.
    hub_worker = make_user("hamid", "hub_worker")
    episode_id = f.missing(hub_worker).pk

    def record(user, where: str) -> Callable[[], str]:
        def job() -> str:
            mine = Episode.objects.get(pk=episode_id)
            try:
                actions.record_return(
                    by=user,
                    episode=mine,
                    returned_at=timezone.now() - timedelta(minutes=5),
                    where_found=where,
                    expected_version=1,
                )
            except StaleRecord:
                return "stale"
            return "returned"

        return job

    assert _at_once(record(hub_worker, "Home"), record(manager, "School")) == ["returned", "stale"]
    episode = Episode.objects.get(pk=episode_id)
    assert episode.status == Status.RETURNED and episode.version == 2
    assert Event.objects.filter(verb="missing_return_recorded").count() == 1


def test_a_police_retry_racing_the_first_request_makes_one_episode(police_partner):
    def notify() -> str:
        episode, _ = actions.notify_missing(by=police_partner, notification=f.notification())
        return str(episode.pk)

    first, second = _at_once(notify, notify)
    assert first == second
    assert Episode.objects.count() == 1 and PoliceReport.objects.count() == 1
