"""The schedule fires each job once per slot, however many schedulers run; a job's run is
recorded with what it did; a broken audit chain raises an alert."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail
from django.core.management.base import CommandError

from frontdoor.operations import jobs as job_functions
from frontdoor.operations import scheduler
from frontdoor.operations.models import JobRun
from frontdoor.operations.schedule import cron_fields, jobs, slot_for

pytestmark = pytest.mark.django_db
NOON = datetime(2026, 11, 20, 12, 0, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("fired_at", "job", "slot"),
    [
        (NOON + timedelta(seconds=0.2), "sweep", NOON),
        (NOON + timedelta(seconds=59), "sweep", NOON),
        (NOON + timedelta(minutes=1, seconds=1), "sweep", NOON + timedelta(minutes=1)),
        (NOON + timedelta(hours=3), "verify_audit", NOON.replace(hour=0)),
    ],
)
def test_a_late_firing_names_the_same_slot_as_an_early_one(fired_at, job, slot):
    assert slot_for(jobs()[job], fired_at) == slot


def test_the_jobs_fire_on_wall_clock_boundaries():
    assert cron_fields(jobs()["sweep"]) == {"minute": "*/1"}
    assert cron_fields(jobs()["verify_audit"]) == {"hour": 2, "minute": 30}


def test_two_schedulers_fire_a_job_once_per_slot(monkeypatch):
    ran = []
    monkeypatch.setattr(job_functions, "sweep", lambda: ran.append(1) or "swept")
    first = scheduler.fire("sweep", now=NOON + timedelta(seconds=0.1))
    second = scheduler.fire("sweep", now=NOON + timedelta(seconds=0.9))
    assert (first, second) == (True, False)
    assert ran == [1]
    run = JobRun.objects.get(job="sweep")
    assert run.succeeded is True and run.outcome == "swept" and run.finished_at is not None


def test_the_sweep_job_runs_the_sweep(db):
    scheduler.fire("sweep", now=NOON)
    run = JobRun.objects.get(job="sweep")
    assert run.succeeded and run.outcome.startswith("Visits escalated: 0")


def test_a_job_that_fails_is_recorded_by_its_type_only(monkeypatch):
    def broken():
        raise ValueError("Amy Example")

    monkeypatch.setattr(job_functions, "sweep", broken)
    scheduler.fire("sweep", now=NOON)  # the task fails (the worker records that too)
    run = JobRun.objects.get(job="sweep")
    assert run.succeeded is False and run.outcome == "ValueError"


def test_a_broken_audit_chain_raises_an_alert(monkeypatch, settings):
    settings.FRONTDOOR_ALERT_EMAILS = ["on-call@wessex.example"]

    def broken(name, **kwargs):
        raise CommandError("Audit chain broken: event row 7: hash does not match")

    monkeypatch.setattr(job_functions, "call_command", broken)
    scheduler.fire("verify_audit", now=NOON)
    run = JobRun.objects.get(job="verify_audit")
    assert run.succeeded is False and "event row 7" in run.outcome
    assert [m.to for m in mail.outbox] == [["on-call@wessex.example"]]
    assert "event row 7" in mail.outbox[0].body


def test_the_nightly_check_passes_on_an_intact_chain():
    scheduler.fire("verify_audit", now=NOON)
    run = JobRun.objects.get(job="verify_audit")
    assert run.succeeded and "chain intact" in run.outcome


def test_start_up_catches_up_a_missed_nightly_job_once(monkeypatch):
    monkeypatch.setattr(job_functions, "clear_sessions", lambda: "cleared")
    assert sorted(scheduler.catch_up(now=NOON)) == ["clear_sessions", "verify_audit"]
    assert scheduler.catch_up(now=NOON + timedelta(minutes=30)) == []
    assert JobRun.objects.filter(job="verify_audit").count() == 1
