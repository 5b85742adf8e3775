"""A batch's status says what happened, throughout: queued when accepted, importing with live
counts, done, or failed with the reason; a batch whose import stopped is marked failed by the
scheduler, and sending it again finishes the job (issue 15)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from frontdoor.audit.models import Event
from frontdoor.police.actions import (
    fail_stuck_batches,
    import_batch,
    import_received_batch,
    intake,
    receive_batch,
)
from frontdoor.police.models import Batch, Notification, QueuedRows
from frontdoor.police.tests.conftest import sample
from frontdoor.police.workflow import BATCH_TRANSITIONS, BatchStatus, Kind, Source, batch_is_stuck

NOON = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
TEN_MINUTES = timedelta(minutes=10)


@pytest.mark.parametrize(
    ("status", "progress_at", "stuck"),
    [
        (BatchStatus.IMPORTING, NOON - timedelta(minutes=11), True),
        (BatchStatus.IMPORTING, NOON - timedelta(minutes=9), False),
        (BatchStatus.IMPORTING, None, True),
        (BatchStatus.QUEUED, NOON - timedelta(days=1), False),  # waits for a worker
        (BatchStatus.DONE, NOON - timedelta(days=1), False),
        (BatchStatus.FAILED, NOON - timedelta(days=1), False),
    ],
)
def test_only_an_import_that_made_no_progress_is_stuck(status, progress_at, stuck):
    assert batch_is_stuck(status, progress_at, NOON, TEN_MINUTES) is stuck


def test_the_batch_transitions_fit_on_one_screen():
    assert {step: to for step, (_, to) in BATCH_TRANSITIONS.items()} == {
        "start_import": BatchStatus.IMPORTING,
        "finish_import": BatchStatus.DONE,
        "fail_import": BatchStatus.FAILED,
    }
    assert BatchStatus.DONE not in BATCH_TRANSITIONS["fail_import"][0]


def _receive(by, force):
    rows = sample(Kind.DOMESTIC_ABUSE)
    return receive_batch(by=by, force=force, rows=rows, source=Source.CSV, queue=False)


@pytest.mark.django_db
def test_a_received_batch_is_queued_with_its_rows_until_imported(screener, police_agency):
    batch = _receive(screener, police_agency)
    assert batch.status == BatchStatus.QUEUED and batch.rows_total == 5
    assert QueuedRows.objects.filter(batch=batch).exists()
    assert Event.objects.filter(verb="police_batch_received").count() == 1
    done = import_received_batch(batch.pk)
    assert (done.status, done.created, done.rejected) == (BatchStatus.DONE, 3, 2)
    assert not QueuedRows.objects.filter(batch=batch).exists()  # no second copy lingers
    # A second worker (or a retried task) finds it finished and does nothing.
    assert import_received_batch(batch.pk).created == 3
    assert Notification.objects.count() == 3


@pytest.mark.django_db
def test_the_counts_move_on_with_each_chunk(screener, police_agency, monkeypatch):
    monkeypatch.setattr(intake, "CHUNK", 2)
    seen = []
    real = intake._import_chunk

    def watching(*args):
        seen.append(Batch.objects.values_list("status", "created", "rejected").get())
        real(*args)

    monkeypatch.setattr(intake, "_import_chunk", watching)
    import_received_batch(_receive(screener, police_agency).pk)
    assert [s[0] for s in seen] == [BatchStatus.IMPORTING] * 3
    assert [s[1] + s[2] for s in seen] == [0, 2, 4]


@pytest.mark.django_db
def test_a_bug_half_way_fails_the_batch_saying_how_far_it_got(screener, police_agency, monkeypatch):
    monkeypatch.setattr(intake, "CHUNK", 2)
    calls = []
    real = intake._import_chunk

    def breaking(*args):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("Amy Example")
        real(*args)

    monkeypatch.setattr(intake, "_import_chunk", breaking)
    batch = _receive(screener, police_agency)
    with pytest.raises(RuntimeError):
        import_received_batch(batch.pk)
    batch.refresh_from_db()
    assert batch.status == BatchStatus.FAILED
    assert batch.failure_reason.startswith(
        "The import stopped at an unexpected error after 2 of 5 rows."
    )
    assert "Amy" not in batch.failure_reason
    assert Event.objects.filter(verb="police_batch_failed").count() == 1


@pytest.mark.django_db
def test_the_scheduler_fails_a_stuck_batch_and_sending_it_again_finishes_the_job(
    screener, police_agency, monkeypatch
):
    # A worker killed after the first chunk: the batch is left importing, two rows in.
    monkeypatch.setattr(intake, "CHUNK", 2)
    real = intake._import_chunk
    calls = []

    def killed(*args):
        calls.append(1)
        if len(calls) == 2:
            raise SystemExit(-9)  # not an Exception: nothing marks the batch
        real(*args)

    monkeypatch.setattr(intake, "_import_chunk", killed)
    batch = _receive(screener, police_agency)
    with pytest.raises(SystemExit):
        import_received_batch(batch.pk)
    monkeypatch.setattr(intake, "_import_chunk", real)
    batch.refresh_from_db()
    assert batch.status == BatchStatus.IMPORTING and batch.created + batch.rejected == 2

    assert fail_stuck_batches(now=timezone.now() + timedelta(minutes=5)) == 0  # still in time
    assert fail_stuck_batches(now=timezone.now() + timedelta(minutes=11)) == 1
    batch.refresh_from_db()
    assert batch.status == BatchStatus.FAILED
    assert "after 2 of 5 rows" in batch.failure_reason

    again = import_batch(
        by=screener, force=police_agency, rows=sample(Kind.DOMESTIC_ABUSE), source=Source.CSV
    )
    assert again.status == BatchStatus.DONE
    assert Notification.objects.count() == 3  # none lost, none doubled
    assert again.created + again.unchanged == 3
