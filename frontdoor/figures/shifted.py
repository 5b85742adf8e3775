"""A stored time moved by whole seconds, in SQL (both databases' own date arithmetic)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db.models import DateTimeField, Expression, F, Func


class Shifted(Func):
    """A stored time moved by whole seconds, in SQL, exact to the microsecond. On SQLite,
    Django's own `F(...) + timedelta` calls a Python function for every row (slow over a year of
    contacts); this is the database's own date arithmetic: the time to the second moved, then
    its fraction of a second as stored (times are stored as UTC text, `YYYY-MM-DD HH:MM:SS` and
    `.ffffff` when not whole)."""

    output_field = DateTimeField()

    def __init__(self, expression: Expression | F, by: timedelta) -> None:
        super().__init__(expression)
        assert by == timedelta(seconds=int(by.total_seconds())), "whole seconds only"
        self.seconds = int(by.total_seconds())

    def as_sql(  # type: ignore[override]
        self, compiler: Any, connection: Any, **extra: Any
    ) -> tuple[str, tuple[Any, ...]]:
        sql, params = compiler.compile(self.source_expressions[0])
        return f"({sql} + make_interval(secs => %s))", (*params, self.seconds)

    def as_sqlite(
        self, compiler: Any, connection: Any, **extra: Any
    ) -> tuple[str, tuple[Any, ...]]:
        sql, params = compiler.compile(self.source_expressions[0])
        moved = f"strftime('%%Y-%%m-%%d %%H:%%M:%%S', {sql}, %s)"
        return f"({moved} || substr({sql}, 20))", (*params, f"{self.seconds:+d} seconds", *params)
