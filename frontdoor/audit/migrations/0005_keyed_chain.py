"""Seal the audit chain with the audit key (issue 13; docs/adr/0005).

Until now each row's hash was a plain SHA-256, which anyone able to write to the database could
recompute after dropping the triggers. From here on it is an HMAC-SHA256 under a key held
outside the database, and each row records the id of that key (`key_id`).

The rows written before are re-sealed here, in id order, with the current key
(FRONTDOOR_AUDIT_KEY_ID), so that every row is keyed afterwards and `verify_audit` can refuse
any unkeyed row. Accepting old unkeyed rows instead would leave a loophole: a forger could
rewrite the whole trail as "old" rows.

Re-sealing must not launder tampering done before the upgrade, so the plain chain is checked
first, row by row and against its head. A broken chain stops the migration and names the first
broken row. After recording the incident (and keeping a copy of the database as evidence), an
operator can let it go on by setting FRONTDOOR_AUDIT_RESEAL_BROKEN_CHAIN to the break it named
(e.g. `audit_event:123`); the break is then written into the re-sealed trail as a high-severity
`audit_chain_break_resealed` event, so the evidence outlives the old hashes.

The triggers are lifted for the length of this migration only (as in 0004) and put back: on
SQLite, adding a column with a default rebuilds the table, which loses them anyway.

Going back below this migration checks the keyed chain with the configured keys and chains
the rows with plain SHA-256 again (0004's function), so the code of that time can verify them.

The hashing is frozen here as it was when this migration was written (fields, canonical form,
both formulas): a later change to the chain must come with a migration of its own.
"""

import hashlib
import hmac
import importlib
import json
from datetime import UTC, datetime

from django.conf import settings
from django.db import migrations, models
from django.utils import timezone

_triggers = importlib.import_module("frontdoor.audit.migrations.0002_append_only_triggers")

EVENT_FIELDS = (
    "occurred_at",
    "actor_id",
    "verb",
    "severity",
    "person_id",
    "family_contact_id",
    "contact_id",
    "data",
    "reason",
    "request_id",
)
VIEW_FIELDS = (
    "viewed_at",
    "user_id",
    "role",
    "organisation",
    "person_id",
    "family_contact_id",
    "kind",
    "request_id",
    "path",
)
CHAINS = (("event", "Event", EVENT_FIELDS), ("recordview", "RecordView", VIEW_FIELDS))
BATCH = 1000


def _canonical(value):
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    if value is None:
        return None
    if isinstance(value, dict | list | str | int | float | bool):
        return value
    return str(value)


def _content(row, fields):
    content = {name: _canonical(getattr(row, name)) for name in fields}
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=True)


def _unkeyed(prev, content):
    return hashlib.sha256(f"{prev}\n{content}".encode()).hexdigest()


def _keyed(key, prev, content):
    message = f"{key.id}\n{prev}\n{content}".encode()
    return hmac.new(key.secret, message, hashlib.sha256).hexdigest()


def _batches(model):
    # By id ranges, each read to the end before it is written: updating a table while a cursor
    # over it is still open is undefined on SQLite.
    last = 0
    while batch := list(model.objects.filter(pk__gt=last).order_by("pk")[:BATCH]):
        yield batch
        last = batch[-1].pk


def _reseal(model, fields, head, key):
    """Check the plain chain and re-seal it with `key` in one pass. Returns the first break of
    the plain chain (or None), the new head hash and the last id."""
    table = model._meta.db_table
    old_prev, new_prev, last_id, first_break = "", "", 0, None
    for batch in _batches(model):
        for row in batch:
            content = _content(row, fields)
            if first_break is None and row.prev_hash != old_prev:
                first_break = (f"{table}:{row.pk}", "does not follow the row before it")
            elif first_break is None and row.row_hash != _unkeyed(old_prev, content):
                first_break = (f"{table}:{row.pk}", "has been altered since it was written")
            old_prev = row.row_hash
            row.key_id, row.prev_hash = key.id, new_prev
            row.row_hash = new_prev = _keyed(key, new_prev, content)
            last_id = row.pk
        model.objects.bulk_update(batch, ["key_id", "prev_hash", "row_hash"])
    if first_break is None and (head.last_hash, head.last_id) != (old_prev, last_id):
        first_break = (f"{table}:{last_id}", "rows after this one have been removed")
    return first_break, new_prev, last_id


def _refuse_unless_acknowledged(where, problem):
    acknowledged = {
        b.strip() for b in settings.FRONTDOOR_AUDIT_RESEAL_BROKEN_CHAIN.split(",") if b.strip()
    }
    if where not in acknowledged:
        raise RuntimeError(
            f"The audit chain was already broken before it was keyed: {where} {problem}. "
            "Re-sealing it would hide that. Treat it as a security incident and keep a copy of "
            "the database; to re-seal anyway, set "
            f"FRONTDOOR_AUDIT_RESEAL_BROKEN_CHAIN={where} (see docs/how-to/rotate-the-audit-key.md)."
        )


def _record_break(apps, key, where, problem):
    """The acknowledged break, as a keyed event at the end of the re-sealed chain."""
    ChainHead = apps.get_model("audit", "ChainHead")
    Event = apps.get_model("audit", "Event")
    head = ChainHead.objects.get(pk="event")
    event = Event(
        occurred_at=timezone.now(),
        verb="audit_chain_break_resealed",
        severity="high",
        data={"break": where, "problem": problem},
        reason="The plain audit chain was broken before migration audit.0005 keyed it.",
        key_id=key.id,
        prev_hash=head.last_hash,
    )
    event.row_hash = _keyed(key, head.last_hash, _content(event, EVENT_FIELDS))
    event.save(force_insert=True)
    ChainHead.objects.filter(pk="event").update(last_id=event.pk, last_hash=event.row_hash)


def seal_existing_rows(apps, schema_editor):
    from frontdoor.audit.keys import current_key

    ChainHead = apps.get_model("audit", "ChainHead")
    connection = schema_editor.connection
    _triggers.remove_triggers(connection)
    try:
        breaks = []
        for name, model_name, fields in CHAINS:
            model = apps.get_model("audit", model_name)
            if not model.objects.exists():
                continue
            key = current_key()  # refuses, clearly, when no usable key is configured
            head = ChainHead.objects.filter(pk=name).first() or ChainHead(name=name)
            first_break, last_hash, last_id = _reseal(model, fields, head, key)
            ChainHead.objects.update_or_create(
                name=name, defaults={"last_id": last_id, "last_hash": last_hash}
            )
            if first_break:
                _refuse_unless_acknowledged(*first_break)
                breaks.append(first_break)
        for where, problem in breaks:
            _record_break(apps, current_key(), where, problem)
    finally:
        _triggers.install_triggers(connection)


def unseal_existing_rows(apps, schema_editor):
    """Going back: check the keyed chain with the configured keys, then chain the rows with
    plain SHA-256 again (0004), so the code of that time can verify them. Refuses a broken or
    unverifiable keyed chain rather than launder it into a plain one."""
    from frontdoor.audit.keys import AuditKey, verification_keys

    keys = verification_keys()
    for _name, model_name, fields in CHAINS:
        model = apps.get_model("audit", model_name)
        table = model._meta.db_table
        prev = ""
        for batch in _batches(model):
            for row in batch:
                secret = keys.get(row.key_id)
                key = AuditKey(row.key_id, secret) if secret else None
                if row.prev_hash != prev or key is None or not hmac.compare_digest(
                    row.row_hash, _keyed(key, prev, _content(row, fields))
                ):
                    raise RuntimeError(
                        f"{table} row {row.pk} does not verify with the configured audit "
                        "keys: run manage.py verify_audit. The chain is left keyed."
                    )
                prev = row.row_hash
    _0004 = importlib.import_module("frontdoor.audit.migrations.0004_chain_existing_rows")
    _0004.chain_existing_rows(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [("audit", "0004_chain_existing_rows")]
    operations = [
        migrations.AddField(
            model_name="event",
            name="key_id",
            field=models.CharField(blank=True, max_length=16),
        ),
        migrations.AddField(
            model_name="recordview",
            name="key_id",
            field=models.CharField(blank=True, max_length=16),
        ),
        migrations.RunPython(seal_existing_rows, unseal_existing_rows),
    ]
