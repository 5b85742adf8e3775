"""The audit trail carries a hash chain, and `verify_audit` proves it or names the first broken
row, even when the tampering is done directly in the database (../shared/SECURITY.md, 10)."""

from __future__ import annotations

import importlib
import threading

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, connections

from frontdoor.audit.actions import record_event, record_view
from frontdoor.audit.chain import Proof, verify
from frontdoor.audit.models import Event

_triggers = importlib.import_module("frontdoor.audit.migrations.0002_append_only_triggers")

pytestmark = pytest.mark.django_db


def _raw(sql: str, params: list[object]) -> None:
    """Tamper as a database administrator would: lift the triggers, change, put them back."""
    _triggers.remove_triggers(connection)
    try:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
    finally:
        _triggers.install_triggers(connection)


def _three_events(user):
    return [
        record_event(actor=user, verb=v)
        for v in ("contact_received", "screening_recorded", "sent_to_hub")
    ]


def test_each_row_holds_the_hash_of_the_one_before(screener):
    first, second, third = _three_events(screener)
    assert first.prev_hash == ""
    assert second.prev_hash == first.row_hash and third.prev_hash == second.row_hash
    assert len({first.row_hash, second.row_hash, third.row_hash}) == 3


def test_verify_audit_proves_an_untouched_chain(screener, capsys):
    _three_events(screener)
    record_view(user=screener)
    call_command("verify_audit")
    out = capsys.readouterr().out
    assert "audit_event: 3 rows, chain intact" in out
    assert "audit_recordview: 1 rows, chain intact" in out


def test_verify_audit_names_a_row_altered_in_the_database(screener):
    _, second, _ = _three_events(screener)
    _raw("UPDATE audit_event SET verb = %s WHERE id = %s", ["nothing_happened", second.pk])
    with pytest.raises(CommandError, match=f"audit_event row {second.pk}: has been altered"):
        call_command("verify_audit")


def test_verify_audit_notices_a_row_deleted_in_the_database(screener):
    _, second, third = _three_events(screener)
    _raw("DELETE FROM audit_event WHERE id = %s", [second.pk])
    with pytest.raises(CommandError, match=f"audit_event row {third.pk}: does not follow"):
        call_command("verify_audit")


def test_verify_audit_notices_the_newest_rows_cut_off(screener):
    first, second, third = _three_events(screener)
    _raw("DELETE FROM audit_event WHERE id = %s", [third.pk])
    with pytest.raises(CommandError, match=f"audit_event row {second.pk}: rows after this one"):
        call_command("verify_audit")


def test_verify_audit_notices_a_recomputed_hash_that_breaks_the_next_link(screener):
    """Even someone holding the audit key who edits a row and recomputes its hash still breaks
    the next row's link. (Without the key: test_audit_key.py.)"""
    from frontdoor.audit.chain import hash_of
    from frontdoor.audit.keys import current_key

    first, second, third = _three_events(screener)
    second.reason = "edited afterwards"
    forged = hash_of(second.prev_hash, second, current_key())
    _raw(
        "UPDATE audit_event SET reason = %s, row_hash = %s WHERE id = %s",
        ["edited afterwards", forged, second.pk],
    )
    with pytest.raises(CommandError, match=f"audit_event row {third.pk}: does not follow"):
        call_command("verify_audit")


def test_a_view_altered_in_the_database_is_found(screener):
    view = record_view(user=screener, path="/children/x/")
    _raw("UPDATE audit_recordview SET path = %s WHERE id = %s", ["/elsewhere/", view.pk])
    result = verify("recordview")
    assert str(result) == f"audit_recordview row {view.pk}: has been altered since it was written"


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.usefixtures("empty_database_first")
def test_concurrent_writers_keep_one_unbroken_chain(screener):
    if connection.vendor != "postgresql":
        pytest.skip("real concurrent writers need PostgreSQL")
    errors: list[BaseException] = []

    def write(n: int) -> None:
        try:
            for _ in range(10):
                record_event(actor=screener, verb=f"writer_{n}")
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert Event.objects.count() == 60
    assert isinstance(verify("event"), Proof)
