"""Migration audit.0006 moves the links the writers made into seals, verbatim, and going back
chains the rows in id order again (docs/adr/0023)."""

from __future__ import annotations

import hashlib
import hmac
import json
from datetime import UTC

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from frontdoor.audit import triggers
from frontdoor.audit.chain import Break, Proof, verify
from frontdoor.audit.keys import current_key

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("empty_database_first", "back_to_latest_migrations"),
]

BEFORE = [("audit", "0005_keyed_chain")]
AFTER = [("audit", "0006_seals_after_commit")]


def _migrate(target):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(target)
    executor.loader.build_graph()
    return executor.loader.project_state(target).apps


def _content(row) -> str:
    """As frontdoor/audit/chain.py frames an event (no actor, person or contact here)."""
    fields = ("occurred_at", "actor_id", "verb", "severity", "person_id", "family_contact_id")
    value = {name: getattr(row, name) for name in (*fields, "contact_id", "data", "reason")}
    value["request_id"] = row.request_id
    value["occurred_at"] = row.occurred_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=True)


def _chained_as_before(apps, verbs: list[str]) -> list[int]:
    """Events as the writers chained them before 0006: each row its own link, in id order."""
    Event = apps.get_model("audit", "Event")
    ChainHead = apps.get_model("audit", "ChainHead")
    key = current_key()
    prev, ids = "", []
    for verb in verbs:
        row = Event(occurred_at=timezone.now(), verb=verb, key_id=key.id, prev_hash=prev)
        message = f"{key.id}\n{prev}\n{_content(row)}".encode()
        row.row_hash = prev = hmac.new(key.secret, message, hashlib.sha256).hexdigest()
        row.save(force_insert=True)
        ids.append(row.pk)
    ChainHead.objects.update_or_create(
        name="event", defaults={"last_id": ids[-1], "last_hash": prev}
    )
    return ids


def test_the_upgrade_moves_each_link_into_a_seal_and_the_chain_still_verifies():
    try:
        old = _migrate(BEFORE)
        ids = _chained_as_before(old, ["contact_received", "screening_recorded", "sent_to_hub"])
        new = _migrate(AFTER)
        seals = list(new.get_model("audit", "EventSeal").objects.order_by("position"))
        assert [(s.position, s.event_id) for s in seals] == [(1, ids[0]), (2, ids[1]), (3, ids[2])]
        result = verify("event")
        assert isinstance(result, Proof) and result.rows == 3
        # The triggers are on the rows and on the seals.
        with connection.cursor() as cursor, pytest.raises(Exception, match="append-only"):
            cursor.execute("DELETE FROM audit_eventseal")
    finally:
        _migrate(AFTER)


def test_the_upgrade_launders_nothing_a_row_altered_before_it_is_still_named():
    try:
        old = _migrate(BEFORE)
        ids = _chained_as_before(old, ["contact_received", "screening_recorded"])
        rows = ("audit_event", "audit_recordview")
        with triggers.lifted(connection, rows), connection.cursor() as cursor:
            cursor.execute("UPDATE audit_event SET verb = 'nothing' WHERE id = %s", [ids[0]])
        _migrate(AFTER)
        assert verify("event") == Break(
            "audit_event", ids[0], "has been altered since it was written"
        )
    finally:
        _migrate(AFTER)


def test_going_back_chains_the_rows_in_id_order_again():
    try:
        old = _migrate(BEFORE)
        ids = _chained_as_before(old, ["contact_received", "screening_recorded"])
        _migrate(AFTER)
        back = _migrate(BEFORE)
        rows = list(back.get_model("audit", "Event").objects.order_by("pk"))
        assert [r.pk for r in rows] == ids
        assert rows[0].prev_hash == "" and rows[1].prev_hash == rows[0].row_hash
        head = back.get_model("audit", "ChainHead").objects.get(pk="event")
        assert (head.last_id, head.last_hash) == (ids[-1], rows[-1].row_hash)
    finally:
        _migrate(AFTER)
