"""Migration audit.0005 keys the rows written before it (plain SHA-256, as 0004 chained them),
and refuses to launder a chain that was already broken (docs/adr/0005)."""

from __future__ import annotations

import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.db import connection, transaction

from frontdoor.audit.actions import record_event, record_view
from frontdoor.audit.chain import Proof, verify
from frontdoor.audit.models import Event, RecordView

_triggers = importlib.import_module("frontdoor.audit.migrations.0002_append_only_triggers")
_0004 = importlib.import_module("frontdoor.audit.migrations.0004_chain_existing_rows")
_0005 = importlib.import_module("frontdoor.audit.migrations.0005_keyed_chain")

pytestmark = pytest.mark.django_db

# The migration only needs the schema editor's connection (the tests already run in a
# transaction, where SQLite's real schema editor cannot be opened).
EDITOR = SimpleNamespace(connection=connection)


def _raw(sql: str, params: list[object]) -> None:
    _triggers.remove_triggers(connection)
    try:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
    finally:
        _triggers.install_triggers(connection)


def _as_before_the_key(user) -> list[Event]:
    """Audit rows as they stood before 0005: chained with plain SHA-256 by 0004, no key id."""
    events = [record_event(actor=user, verb=v) for v in ("contact_received", "sent_to_hub")]
    record_view(user=user)
    _0004.chain_existing_rows(apps, EDITOR)
    _raw("UPDATE audit_event SET key_id = %s", [""])
    _raw("UPDATE audit_recordview SET key_id = %s", [""])
    return events


def test_the_upgrade_can_seal_rows_written_before_the_key(screener, settings):
    _as_before_the_key(screener)
    assert "is not sealed with an audit key" in str(verify("event"))

    _0005.seal_existing_rows(apps, EDITOR)

    assert isinstance(verify("event"), Proof) and isinstance(verify("recordview"), Proof)
    current = settings.FRONTDOOR_AUDIT_KEY_ID
    assert set(Event.objects.values_list("key_id", flat=True)) == {current}
    assert set(RecordView.objects.values_list("key_id", flat=True)) == {current}
    # The triggers are back.
    with pytest.raises(Exception, match="append-only"), transaction.atomic():
        Event.objects.all().delete()


def test_the_upgrade_cannot_seal_over_a_chain_already_broken(screener):
    first, _ = _as_before_the_key(screener)
    _raw("UPDATE audit_event SET verb = %s WHERE id = %s", ["nothing_happened", first.pk])

    refused = pytest.raises(RuntimeError, match=f"audit_event:{first.pk} has been altered")
    with refused, transaction.atomic():
        _0005.seal_existing_rows(apps, EDITOR)
    assert set(Event.objects.values_list("key_id", flat=True)) == {""}


def test_an_operator_can_let_the_upgrade_seal_over_a_recorded_break_which_stays_on_record(
    screener, settings
):
    first, _ = _as_before_the_key(screener)
    _raw("UPDATE audit_event SET verb = %s WHERE id = %s", ["nothing_happened", first.pk])
    settings.FRONTDOOR_AUDIT_RESEAL_BROKEN_CHAIN = f"audit_event:{first.pk}"

    _0005.seal_existing_rows(apps, EDITOR)

    assert isinstance(verify("event"), Proof)
    evidence = Event.objects.order_by("pk").last()
    assert (evidence.verb, evidence.severity) == ("audit_chain_break_resealed", "high")
    assert evidence.data == {
        "break": f"audit_event:{first.pk}",
        "problem": "has been altered since it was written",
    }


def test_going_back_can_return_the_rows_to_the_plain_chain(screener):
    _as_before_the_key(screener)
    _0005.seal_existing_rows(apps, EDITOR)

    _0005.unseal_existing_rows(apps, EDITOR)

    # The plain chain verifies again: sealing it once more finds no break to refuse.
    _0005.seal_existing_rows(apps, EDITOR)
    assert isinstance(verify("event"), Proof)
