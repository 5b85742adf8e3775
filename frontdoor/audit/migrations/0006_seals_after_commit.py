"""The audit chain sealed after commit (docs/adr/0023).

Until now each row held its own link of the chain (`prev_hash`, `row_hash`), made by the writer
under a lock of the chain's head held for the writer's whole transaction. From here, a row holds
its own MAC, and its link is a seal (EventSeal, ViewSeal) made by one sealer after the row
commits.

The links already made move verbatim into seals, in id order (the order they were chained in),
with the same key ids and hashes: nothing is re-sealed, so nothing done to the trail before the
upgrade is laundered, and `verify_audit` checks the old links exactly as before. Their rows'
`row_hash` becomes their `mac` column: for a sealed row it is never read again.

The triggers are lifted for the length of this migration only and put back on the rows and on
the seals (on SQLite, removing a column rebuilds the table, which loses them anyway).

Going back checks nothing and re-chains the rows in id order with the current key, in the form
0005 made, so the code of that time can verify them (rows sealed out of id order would
otherwise not follow each other there).
"""

import hashlib
import hmac
import json
from datetime import UTC, datetime

import django.db.models.deletion
from django.db import migrations, models
from django.utils import timezone

from frontdoor.audit import triggers

ROWS = ("audit_event", "audit_recordview")
# Frozen as at this migration, as in 0005: the chains, their fields and the link's formula.
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
CHAINS = (
    ("event", "Event", "EventSeal", "event", EVENT_FIELDS),
    ("recordview", "RecordView", "ViewSeal", "view", VIEW_FIELDS),
)
BATCH = 2000


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


def _keyed(key, prev, content):
    message = f"{key.id}\n{prev}\n{content}".encode()
    return hmac.new(key.secret, message, hashlib.sha256).hexdigest()


def _batches(queryset):
    last = 0
    while batch := list(queryset.filter(pk__gt=last).order_by("pk")[:BATCH]):
        yield batch
        last = batch[-1].pk


def move_links_into_seals(apps, schema_editor):
    ChainHead = apps.get_model("audit", "ChainHead")
    now = timezone.now()
    for name, model_name, seal_name, link, _fields in CHAINS:
        model = apps.get_model("audit", model_name)
        seal_model = apps.get_model("audit", seal_name)
        position, last_id = 0, 0
        for batch in _batches(model.objects.all()):
            seals = []
            for row in batch:
                position += 1
                seals.append(
                    seal_model(
                        position=position,
                        key_id=row.key_id,
                        prev_hash=row.prev_hash,
                        row_hash=row.row_hash,
                        sealed_at=now,
                        **{f"{link}_id": row.pk},
                    )
                )
                last_id = row.pk
            seal_model.objects.bulk_create(seals)
        ChainHead.objects.filter(pk=name).update(last_position=position, last_id=last_id)
    if schema_editor.connection.vendor == "postgresql":
        # Check the seals' foreign keys now: PostgreSQL will not alter a table (below) while
        # checks deferred to the commit are pending on it.
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def chain_rows_again(apps, schema_editor):
    from frontdoor.audit.keys import current_key

    # The triggers are off here (the step after this one, going back, lifted them all).
    ChainHead = apps.get_model("audit", "ChainHead")
    for name, model_name, seal_name, _link, fields in CHAINS:
        model = apps.get_model("audit", model_name)
        apps.get_model("audit", seal_name).objects.all().delete()
        prev, last_id = "", 0
        for batch in _batches(model.objects.all()):
            key = current_key()
            for row in batch:
                row.key_id, row.prev_hash = key.id, prev
                row.row_hash = prev = _keyed(key, prev, _content(row, fields))
                last_id = row.pk
            model.objects.bulk_update(batch, ["key_id", "prev_hash", "row_hash"])
        ChainHead.objects.filter(pk=name).update(last_id=last_id, last_hash=prev)
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def lift(apps, schema_editor):
    triggers.remove(schema_editor.connection, ROWS)


def put_back(apps, schema_editor):
    triggers.install(schema_editor.connection)


def lift_all(apps, schema_editor):
    triggers.remove(schema_editor.connection)


def put_back_on_rows(apps, schema_editor):
    triggers.install(schema_editor.connection, ROWS)


def _seal(model_name, row_model, link):
    return migrations.CreateModel(
        name=model_name,
        fields=[
            ("position", models.BigIntegerField(primary_key=True, serialize=False)),
            ("key_id", models.CharField(max_length=16)),
            ("prev_hash", models.CharField(blank=True, max_length=64)),
            ("row_hash", models.CharField(max_length=64)),
            ("sealed_at", models.DateTimeField()),
            (
                link,
                models.OneToOneField(
                    on_delete=django.db.models.deletion.PROTECT,
                    related_name="seal",
                    to=f"audit.{row_model}",
                ),
            ),
        ],
        options={"abstract": False},
    )


class Migration(migrations.Migration):
    dependencies = [("audit", "0005_keyed_chain")]

    operations = [
        migrations.AddField(
            model_name="chainhead", name="last_position", field=models.BigIntegerField(default=0)
        ),
        migrations.AddField(
            model_name="chainhead",
            name="gaps",
            field=models.JSONField(blank=True, default=list),
        ),
        _seal("EventSeal", "event", "event"),
        _seal("ViewSeal", "recordview", "view"),
        migrations.RunPython(lift, put_back_on_rows),
        migrations.RunPython(move_links_into_seals, chain_rows_again),
        migrations.RemoveField(model_name="event", name="prev_hash"),
        migrations.RemoveField(model_name="recordview", name="prev_hash"),
        migrations.RenameField(model_name="event", old_name="row_hash", new_name="mac"),
        migrations.RenameField(model_name="recordview", old_name="row_hash", new_name="mac"),
        migrations.RunPython(put_back, lift_all),
    ]
