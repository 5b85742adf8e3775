"""Plain multi-row INSERTs for high-volume rows (a police batch's contacts, the children's match
results, relationships and batch rows; a synthetic county's people and contacts): each field's
own conversion for this database, but no model instance per row, which is most of what
`bulk_create` costs at ten thousand rows. Rows whose ids are needed back (adults) and rows the
audit chain hashes (events) still go through the ORM. Nothing here checks access: only imports
that run as the system, and synthetic data that refuses a production database, call it.

Converting every value is itself most of the rest (a profile at 1,000 notifications: 2.7 s of
4.2 s), so each column converts a value once: text in a text column is already what the
database takes (Django's `CharField.to_python` returns a `str` unchanged), and any other value
seen before in the same column (the batch's clocks, a child's sex, a missing date) reuses its
conversion. Unhashable values (JSON) are converted every time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.db import connection
from django.db.models import CharField, Field, Model, TextField


def _plain_text(field: Field[Any, Any]) -> bool:
    """A text column whose conversion leaves a `str` as it is (no custom preparation)."""
    kind = CharField if isinstance(field, CharField) else TextField
    return isinstance(field, CharField | TextField) and all(
        getattr(type(field), name) is getattr(kind, name)
        for name in ("get_db_prep_save", "get_db_prep_value", "get_prep_value", "to_python")
    )


def _converter(field: Field[Any, Any]) -> Callable[[Any], Any]:
    """`field.get_db_prep_save`, remembering each hashable value's result for this column."""
    seen: dict[tuple[type, Any], Any] = {}
    text = _plain_text(field)

    def convert(value: Any) -> Any:
        kind = type(value)
        if text and kind is str:
            return value
        try:
            return seen[kind, value]
        except KeyError:
            seen[kind, value] = done = field.get_db_prep_save(value, connection)
            return done
        except TypeError:  # unhashable: a dict or list for a JSON column
            return field.get_db_prep_save(value, connection)

    return convert


def insert_rows(model: type[Model], fields: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    """INSERT `rows` of `fields` values (by field name or column attribute name); every other
    column takes its field's default. Returns how many rows were written."""
    rows = list(rows)
    if not rows:
        return 0
    concrete = model._meta.concrete_fields
    by_name = {f.name: f for f in concrete} | {f.attname: f for f in concrete}
    given = [by_name[name] for name in fields]
    # Every other column gets its field's default ("" for text, None where null is allowed);
    # an automatic primary key is left to the database.
    others = [
        f
        for f in model._meta.concrete_fields
        if f not in given and not (f.primary_key and f.get_internal_type().endswith("AutoField"))
    ]
    for f in others:
        if not f.has_default() and not f.null and not f.blank and not f.primary_key:
            raise RuntimeError(f"{model.__name__}.{f.name} needs a value")
    defaults = [f.get_db_prep_save(f.get_default(), connection) for f in others]
    columns = ", ".join(connection.ops.quote_name(str(f.column)) for f in [*given, *others])
    marks = ", ".join(["%s"] * (len(given) + len(others)))
    sql = f"INSERT INTO {model._meta.db_table} ({columns}) VALUES ({marks})"  # noqa: S608
    converters = [_converter(f) for f in given]
    values = [
        [convert(v) for convert, v in zip(converters, row, strict=True)] + defaults for row in rows
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, values)
    return len(values)
