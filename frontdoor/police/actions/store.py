"""Plain multi-row INSERTs for the import's high-volume rows (contacts, the children's match
results, relationships, batch rows): each field's own conversion for this database, but no
model instance per row, which is most of what `bulk_create` costs at ten thousand rows. Rows
whose ids are needed back (adults) and rows the audit chain hashes (events) still go through
the ORM.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import connection
from django.db.models import Model


def insert_rows(model: type[Model], fields: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """INSERT `rows` of `fields` values; every other column takes its field's default."""
    if not rows:
        return
    by_name = {f.attname: f for f in model._meta.concrete_fields}
    given = [by_name[name] for name in fields]
    # Every other column gets its field's default ("" for text, None where null is allowed);
    # an automatic primary key is left to the database.
    others = [
        f
        for f in model._meta.concrete_fields
        if f not in given and not (f.primary_key and f.get_internal_type().endswith("AutoField"))
    ]
    defaults = [f.get_db_prep_save(f.get_default(), connection) for f in others]
    columns = ", ".join(connection.ops.quote_name(str(f.column)) for f in [*given, *others])
    marks = ", ".join(["%s"] * (len(given) + len(others)))
    sql = f"INSERT INTO {model._meta.db_table} ({columns}) VALUES ({marks})"  # noqa: S608
    values = [
        [f.get_db_prep_save(v, connection) for f, v in zip(given, row, strict=True)] + defaults
        for row in rows
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, values)
