"""Paging through a queue, with bounds.

django-ninja's own LimitOffsetPagination accepts any `limit` and `offset`; schemathesis sent
`offset=3005641337947072064517689980223488`, which overflowed the database's integer and came
back as a 500. Here both are bounded, so an absurd page is a 422 naming the parameter.
"""

from __future__ import annotations

from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

MAX_LIMIT = 100
MAX_OFFSET = 1_000_000


class BoundedLimitOffsetPagination(LimitOffsetPagination):
    class Input(Schema):
        limit: int = Field(50, ge=1, le=MAX_LIMIT, description="Families per page")
        offset: int = Field(0, ge=0, le=MAX_OFFSET, description="Families to skip")

    def __init__(self, **kwargs: object) -> None:
        super().__init__(max_limit=MAX_LIMIT, **kwargs)
