"""The tests' flush (after each transactional test) empties every table, the audit trail
included, and leaves the audit trail append-only again afterwards."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from frontdoor.audit.actions import record_event, record_view
from frontdoor.audit.management.commands.flush import tables_with_rows
from frontdoor.audit.models import Event
from frontdoor.teams.models import Team

pytestmark = pytest.mark.django_db


def _django_tables() -> list[str]:
    return connection.introspection.django_table_names(only_existing=True, include_views=False)


def test_tables_with_rows_names_only_the_tables_that_hold_rows(screener):
    record_event(actor=screener, verb="contact_received")
    holding = set(tables_with_rows(connection, _django_tables()))
    assert {"audit_event", Team._meta.db_table, screener._meta.db_table} <= holding
    assert "audit_recordview" not in holding
    assert tables_with_rows(connection, []) == []


def test_the_tests_flush_empties_every_table_including_the_audit_trail(screener):
    record_event(actor=screener, verb="contact_received")
    record_view(user=screener)
    assert Team.objects.exists()  # reference data from the migrations

    call_command(
        "flush",
        interactive=False,
        reset_sequences=False,
        inhibit_post_migrate=True,
        verbosity=0,
    )

    assert tables_with_rows(connection, _django_tables()) == []


def test_the_audit_trail_is_append_only_again_after_the_flush(screener):
    call_command(
        "flush",
        interactive=False,
        reset_sequences=False,
        inhibit_post_migrate=True,
        verbosity=0,
    )
    screener_again = type(screener).objects.create_user(username="alice2", role=screener.role)
    event = record_event(actor=screener_again, verb="contact_received")
    with pytest.raises(DatabaseError), transaction.atomic():
        Event.objects.filter(pk=event.pk).delete()
    assert Event.objects.filter(pk=event.pk).exists()


def test_the_tests_flush_runs_the_post_migrate_hooks_unless_told_not_to(screener):
    from django.contrib.contenttypes.models import ContentType

    call_command("flush", interactive=False, reset_sequences=False, verbosity=0)

    assert ContentType.objects.filter(app_label="audit", model="event").exists()
    assert not Team.objects.exists()


def test_content_types_keep_their_ids_when_the_post_migrate_hooks_will_run(screener):
    """A later test's serialized_rollback restores content types by id: recreated under new
    ids, they would collide with the restored ones on their unique names."""
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType

    before = dict(ContentType.objects.values_list("pk", "model"))
    permissions = Permission.objects.count()

    call_command("flush", interactive=False, reset_sequences=False, verbosity=0)

    assert dict(ContentType.objects.values_list("pk", "model")) == before
    assert Permission.objects.count() == permissions
    assert not type(screener).objects.exists()
