"""Paging through a queue, with bounds.

django-ninja's own LimitOffsetPagination accepts any `limit` and `offset`; schemathesis sent
`offset=3005641337947072064517689980223488`, which overflowed the database's integer and came
back as a 500. Here both are bounded, so an absurd page is a 422 naming the parameter.

Every list of work the API gives is paged, never cut short: a list that stopped at its 500th
row would leave the 501st child in a list nobody reads
(frontdoor/api/tests/test_lists_are_paged.py).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.db.models import QuerySet
from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

MAX_LIMIT = 100
MAX_OFFSET = 1_000_000


class Concealed:
    """Rows for the paginator whose page, once sliced, goes through `conceal` (a restricted
    child shown as a placeholder): counted and sliced in the database, concealed per page."""

    def __init__(self, rows: QuerySet[Any], conceal: Callable[[Sequence[Any]], list[Any]]):
        self.rows, self.conceal = rows, conceal

    def __len__(self) -> int:
        return self.rows.count()

    def count(self) -> int:
        return len(self)

    def __getitem__(self, key: slice) -> list[Any]:
        return self.conceal(list(self.rows[key]))


class BoundedLimitOffsetPagination(LimitOffsetPagination):
    class Input(Schema):
        limit: int = Field(50, ge=1, le=MAX_LIMIT, description="Items per page")
        offset: int = Field(0, ge=0, le=MAX_OFFSET, description="Items to skip")

    def __init__(self, **kwargs: object) -> None:
        super().__init__(max_limit=MAX_LIMIT, **kwargs)
