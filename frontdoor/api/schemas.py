"""Field types shared by the API's schemas: strict about what a partner system may send."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from pydantic import AfterValidator, BeforeValidator, Field


def _iso_string(value: Any) -> Any:
    # Pydantic would read 0 as 1 January 1970. A date must arrive as an ISO 8601 string.
    if isinstance(value, date | datetime):
        return value
    if not isinstance(value, str):
        raise ValueError("must be a date as text, like 2019-03-27")
    return value


def _aware(value: datetime) -> datetime:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError("must include a time zone offset, like 2026-11-26T14:30:00+00:00")
    return value


def _not_future_date(value: date) -> date:
    if value > date.today():
        raise ValueError("must be today or in the past")
    return value


IsoDate = Annotated[date, BeforeValidator(_iso_string)]
PastDate = Annotated[date, BeforeValidator(_iso_string), AfterValidator(_not_future_date)]
AwareDateTime = Annotated[datetime, BeforeValidator(_iso_string), AfterValidator(_aware)]
Name = Annotated[str, Field(min_length=1, max_length=100, pattern=r"\S")]
ShortText = Annotated[str, Field(max_length=300)]
LongText = Annotated[str, Field(max_length=20000)]
