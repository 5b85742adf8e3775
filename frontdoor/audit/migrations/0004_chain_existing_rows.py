"""Chain the audit rows written before the hash chain existed.

The append-only triggers are lifted for the length of this migration only (the same helpers
as the test-only `flush`), the existing rows are hashed in id order, and the triggers go back.
From here on every row is chained as it is written (frontdoor/audit/actions.py).
"""

import importlib

from django.db import migrations

_triggers = importlib.import_module("frontdoor.audit.migrations.0002_append_only_triggers")


def chain_existing_rows(apps, schema_editor):
    from frontdoor.audit.chain import EVENT_FIELDS, VIEW_FIELDS, _canonical

    import hashlib
    import json

    ChainHead = apps.get_model("audit", "ChainHead")
    connection = schema_editor.connection
    _triggers.remove_triggers(connection)
    try:
        for name, model_name, fields in (
            ("event", "Event", EVENT_FIELDS),
            ("recordview", "RecordView", VIEW_FIELDS),
        ):
            model = apps.get_model("audit", model_name)
            prev = ""
            last_id = 0
            for row in model.objects.order_by("pk").iterator(chunk_size=2000):
                content = json.dumps(
                    {f: _canonical(getattr(row, f)) for f in fields},
                    sort_keys=True,
                    separators=(",", ":"),
                    ensure_ascii=True,
                )
                digest = hashlib.sha256(f"{prev}\n{content}".encode()).hexdigest()
                model.objects.filter(pk=row.pk).update(prev_hash=prev, row_hash=digest)
                prev, last_id = digest, row.pk
            ChainHead.objects.update_or_create(
                name=name, defaults={"last_id": last_id, "last_hash": prev}
            )
    finally:
        _triggers.install_triggers(connection)


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_hash_chain")]
    operations = [migrations.RunPython(chain_existing_rows, migrations.RunPython.noop)]
