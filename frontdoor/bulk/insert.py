"""Plain multi-row INSERTs for high-volume rows (a police batch's contacts, the children's match
results, relationships and batch rows; a synthetic county's people and contacts; the audit
events a batch writes): each field's own conversion for this database, but no model instance per
row, which is most of what `bulk_create` costs at ten thousand rows. `insert_rows_returning_ids`
gives back the database's ids, for rows others point at (audit events: their seals and
integration events name them). Nothing here checks access: only imports that run as the system,
the audit trail's writer, and synthetic data that refuses a production database, call it.

Converting every value is itself most of the rest (a profile at 1,000 notifications: 2.7 s of
4.2 s), so each column converts a value once: text in a text column is already what the
database takes (Django's `CharField.to_python` returns a `str` unchanged), and any other value
seen before in the same column (the batch's clocks, a child's sex, a missing date) reuses its
conversion. Unhashable values (JSON) are converted every time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import CharField, Field, Model, TextField

# Rows per INSERT … RETURNING statement, within each database's limit on parameters.
ROWS_PER_STATEMENT = 500


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


@dataclass(frozen=True)
class _Statement:
    """An INSERT's columns and how each value is converted: the given fields, then every other
    column with its field's default."""

    table: str
    columns: str
    width: int
    converters: list[Callable[[Any], Any]]
    defaults: list[Any]
    # PostgreSQL: each column as one array parameter, `(%s)::uuid[]`, or None where a column's
    # type cannot be one (then one parameter per value, as on SQLite).
    arrays: list[str] | None

    @classmethod
    def of(cls, model: type[Model], fields: Sequence[str]) -> _Statement:
        concrete = model._meta.concrete_fields
        by_name = {f.name: f for f in concrete} | {f.attname: f for f in concrete}
        given = [by_name[name] for name in fields]
        # Every other column gets its field's default ("" for text, None where null is
        # allowed); an automatic primary key is left to the database.
        others = [
            f
            for f in concrete
            if f not in given
            and not (f.primary_key and f.get_internal_type().endswith("AutoField"))
        ]
        for f in others:
            if not f.has_default() and not f.null and not f.blank and not f.primary_key:
                raise RuntimeError(f"{model.__name__}.{f.name} needs a value")
        quote = connection.ops.quote_name
        types = [f.db_type(connection) for f in [*given, *others]]
        arrays = (
            [f"(%s)::{kind.split('(')[0]}[]" for kind in types if kind]
            if connection.vendor == "postgresql"
            and all(types)
            and not any(hasattr(f, "get_placeholder") for f in [*given, *others])
            else None
        )
        return cls(
            table=quote(model._meta.db_table),
            columns=", ".join(quote(str(f.column)) for f in [*given, *others]),
            width=len(given) + len(others),
            converters=[_converter(f) for f in given],
            defaults=[f.get_db_prep_save(f.get_default(), connection) for f in others],
            arrays=arrays,
        )

    def values(self, row: Sequence[Any]) -> list[Any]:
        return [convert(v) for convert, v in zip(self.converters, row, strict=True)] + self.defaults

    def unnest(self, rows: list[Sequence[Any]], arrays: list[str]) -> tuple[str, list[Any]]:
        """PostgreSQL: every row in one statement with one array parameter a column
        (`INSERT ... SELECT * FROM UNNEST(...)`, as Django's own `bulk_create` writes there).
        One parameter per value made psycopg quote each one in Python: slower than the ORM.
        UNNEST yields the rows in the order given, so they are inserted, and numbered, so."""
        columns = [list(column) for column in zip(*(self.values(row) for row in rows), strict=True)]
        sql = (
            f"INSERT INTO {self.table} ({self.columns}) "  # noqa: S608
            f"SELECT * FROM UNNEST({', '.join(arrays)})"
        )
        return sql, columns


def insert_rows(model: type[Model], fields: Sequence[str], rows: Iterable[Sequence[Any]]) -> int:
    """INSERT `rows` of `fields` values (by field name or column attribute name); every other
    column takes its field's default. Returns how many rows were written."""
    rows = list(rows)
    if not rows:
        return 0
    statement = _Statement.of(model, fields)
    if statement.arrays is not None:
        sql, columns = statement.unnest(rows, statement.arrays)
        with connection.cursor() as cursor:
            cursor.execute(sql, columns)
        return len(rows)
    marks = ", ".join(["%s"] * statement.width)
    sql = f"INSERT INTO {statement.table} ({statement.columns}) VALUES ({marks})"  # noqa: S608
    values = [statement.values(row) for row in rows]
    with connection.cursor() as cursor:
        cursor.executemany(sql, values)
    return len(values)


def insert_rows_returning_ids(
    model: type[Model], fields: Sequence[str], rows: Iterable[Sequence[Any]]
) -> list[int]:
    """As `insert_rows`, for a model with an automatic integer id, in multi-row INSERT
    statements that return the ids: the new rows' ids, in the order of `rows`.

    The ids come back sorted rather than in the order RETURNING lists them, which SQLite leaves
    undefined. Both databases number the rows of one statement in the order they are
    inserted (PostgreSQL's sequence, called once per row as it is inserted, only goes up;
    SQLite's AUTOINCREMENT gives each row one more than the largest so far), so the sorted ids
    are the rows' ids in order, whoever else is writing."""
    rows = list(rows)
    if not rows:
        return []
    pk = model._meta.pk
    if pk is None or not pk.get_internal_type().endswith("AutoField"):
        raise RuntimeError(f"{model.__name__} has no automatic id to return")
    statement = _Statement.of(model, fields)
    returning = connection.ops.quote_name(str(pk.column))
    if statement.arrays is not None:
        sql, columns = statement.unnest(rows, statement.arrays)
        with connection.cursor() as cursor:
            cursor.execute(f"{sql} RETURNING {returning}", columns)
            return _in_order(cursor.fetchall(), len(rows))
    limit = connection.features.max_query_params or ROWS_PER_STATEMENT * statement.width
    per_statement = max(1, min(ROWS_PER_STATEMENT, limit // statement.width))
    one = "(" + ", ".join(["%s"] * statement.width) + ")"
    ids: list[int] = []
    with connection.cursor() as cursor:
        for start in range(0, len(rows), per_statement):
            part = rows[start : start + per_statement]
            params = [value for row in part for value in statement.values(row)]
            sql = (
                f"INSERT INTO {statement.table} ({statement.columns}) "  # noqa: S608
                f"VALUES {', '.join([one] * len(part))} RETURNING {returning}"
            )
            cursor.execute(sql, params)
            ids += _in_order(cursor.fetchall(), len(part))
    return ids


def _in_order(returned: list[tuple[Any, ...]], inserted: int) -> list[int]:
    ids = sorted(int(found) for (found,) in returned)
    if len(ids) != inserted:
        raise RuntimeError(f"{inserted} rows inserted, {len(ids)} ids returned")
    return ids
