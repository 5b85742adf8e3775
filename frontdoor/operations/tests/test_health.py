"""/health/: 200 only when the database, the task worker, the scheduler's sweep and the audit
chain are all fine; otherwise 503 naming what failed. Public, and it shows no personal data."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import OperationalError
from django.utils import timezone

from frontdoor.operations import actions, health
from frontdoor.operations.models import JobRun

pytestmark = pytest.mark.django_db
EVERYTHING = ["database", "worker", "scheduler", "audit"]
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def production_like(settings):
    settings.FRONTDOOR_HEALTH_CHECKS = EVERYTHING
    settings.TASKS = DATABASE_TASKS


def _ran(job, *, ago=timedelta(seconds=10), succeeded=True, outcome="done"):
    now = timezone.now()
    run = JobRun.objects.create(
        job=job, slot=now - ago, started_at=now - ago, finished_at=now - ago
    )
    JobRun.objects.filter(pk=run.pk).update(succeeded=succeeded, outcome=outcome)


@pytest.fixture
def all_well(production_like):
    actions.beat("worker", detail="test")
    _ran("sweep")
    _ran("verify_audit", ago=timedelta(hours=3))


def test_anyone_gets_200_when_everything_is_fine(client, all_well):
    response = client.get("/health/")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok" and body["failed"] == []
    assert set(body["checks"]) == set(EVERYTHING)
    assert response["Cache-Control"].startswith("max-age=0")


def test_a_silent_worker_is_a_503_naming_it(client, all_well):
    actions.beat("worker", now=timezone.now() - timedelta(minutes=2))
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["failed"] == ["worker"]
    assert response["Retry-After"] == "30"


def test_no_worker_is_needed_when_tasks_run_at_once(client, all_well, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    actions.beat("worker", now=timezone.now() - timedelta(days=2))
    assert client.get("/health/").status_code == 200


def test_a_stale_sweep_is_a_503_naming_the_scheduler(client, all_well):
    JobRun.objects.filter(job="sweep").update(finished_at=timezone.now() - timedelta(hours=1))
    body = client.get("/health/").json()
    assert body["failed"] == ["scheduler"]
    assert "the last sweep finished 3600 seconds ago" in body["checks"]["scheduler"]["detail"]


def test_a_failed_sweep_does_not_count_as_a_sweep(client, all_well):
    JobRun.objects.filter(job="sweep").delete()
    _ran("sweep", succeeded=False, outcome="OperationalError")
    assert client.get("/health/").json()["failed"] == ["scheduler"]


def test_a_broken_audit_chain_is_a_503_naming_the_row(client, all_well):
    _ran("verify_audit", ago=timedelta(seconds=5), succeeded=False, outcome="event row 7: moved")
    body = client.get("/health/").json()
    assert body["failed"] == ["audit"]
    assert body["checks"]["audit"]["detail"] == "the last verification failed: event row 7: moved"


def test_never_verified_is_not_healthy(client, production_like):
    actions.beat("worker")
    _ran("sweep")
    assert client.get("/health/").json()["failed"] == ["audit"]


def test_an_unapplied_migration_is_a_503(client, all_well, monkeypatch):
    monkeypatch.setattr(health, "_migrations_applied", False)
    monkeypatch.setattr(
        health.MigrationExecutor, "migration_plan", lambda self, targets: [("m", False)]
    )
    body = client.get("/health/").json()
    assert body["failed"] == ["database"]
    assert body["checks"]["database"]["detail"].startswith("1 migrations not applied")


def test_a_database_that_does_not_answer_fails_every_check_without_its_error(all_well, monkeypatch):
    def refuse():
        raise OperationalError("connection to 10.0.0.5 refused for Amy Example")

    monkeypatch.setattr(health, "database", refuse)
    healthy, body = health.report(required=EVERYTHING)
    assert not healthy and body["failed"] == EVERYTHING
    assert "Amy" not in str(body) and "10.0.0.5" not in str(body)
