"""What the API accepts and how it says no: strict input types, and the one error shape.

A partner system's mistakes must come back as a 422 that names the field, never as a guess that
is saved (../shared/SECURITY.md, 6 and 23). So, for every request body:

- unknown keys are refused, not ignored: `"role": "admin"` or a misspelt `date_of_brith` is a
  422 naming the key, and nothing is saved;
- dates and times must be ISO 8601 text. Pydantic on its own reads `0` or `"0"` as 1 January
  1970 and `"1700000000"` as a Unix time; a date of birth must never arrive that way;
- a time must carry its offset (a naive time is ambiguous across the GMT/BST change), and both
  dates and times must fall in a plausible range, so that converting to UTC cannot overflow;
- text must be storable: PostgreSQL refuses NUL characters and UTF-8 cannot encode a lone
  surrogate, and either would otherwise surface as a 500 half-way through a save. The rule is
  published in the OpenAPI document as a `pattern`, and checked here with a plain message.

Messages are written for the developer of the partner system: they say what is wrong and give
an example of what is right.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from django.utils import timezone
from ninja import Schema
from ninja.errors import ValidationError
from pydantic import AfterValidator, BeforeValidator, ConfigDict, Field, field_validator
from pydantic_core import PydanticCustomError

from frontdoor.govuk.text import (
    LINE_PATTERN,
    TEXT_PATTERN,
    UNSTORABLE_MESSAGE,
    is_one_line,
    is_storable,
)

# The apps' schemas take the patterns from here, with the types that use them.
__all__ = ["LINE_PATTERN", "TEXT_PATTERN"]

EARLIEST = date(1900, 1, 1)
LATEST = date(2100, 12, 31)

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ISO_DATETIME = re.compile(
    r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|z|[+-]\d{2}:?\d{2})?"
)
# What text can be stored is one rule, shared with the import parsers (frontdoor/govuk/text.py).
NAME_PATTERN = r"^[^\x00-\x1f]*[^\s\x00-\x1f][^\x00-\x1f]*$"


def input_problem(message: str) -> PydanticCustomError:
    """A validation error whose message is exactly `message` (Pydantic would prefix a plain
    ValueError's with "Value error, ")."""
    return PydanticCustomError("value_error", message)


def _iso_date_text(value: Any) -> Any:
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
        raise input_problem("must be a date as text in the form YYYY-MM-DD, like 2019-03-27")
    return value


def _iso_datetime_text(value: Any) -> Any:
    if isinstance(value, datetime):
        return value
    if not isinstance(value, str) or not _ISO_DATETIME.fullmatch(value):
        raise input_problem(
            "must be a date and time as ISO 8601 text, like 2026-11-26T14:30:00+00:00"
        )
    return value


def _plausible_date(value: date) -> date:
    if not EARLIEST <= value <= LATEST:
        raise input_problem(f"must be between {EARLIEST.isoformat()} and {LATEST.isoformat()}")
    return value


def _not_future_date(value: date) -> date:
    # "Today" is the council's today (Europe/London), not the server's or UTC's.
    if value > timezone.localdate():
        raise input_problem("must be today or in the past")
    return value


def _aware(value: datetime) -> datetime:
    if value.tzinfo is None or value.utcoffset() is None:
        raise input_problem("must include a time zone offset, like 2026-11-26T14:30:00+00:00")
    if not EARLIEST <= value.date() <= LATEST:
        raise input_problem(f"must be between {EARLIEST.year} and {LATEST.year}")
    return value


def _storable(value: str) -> str:
    if not is_storable(value):
        raise input_problem(UNSTORABLE_MESSAGE)
    return value


def _one_line(value: str) -> str:
    if not is_one_line(value):
        raise input_problem("must be on one line, without control characters")
    return value


# The same shape the forms accept (contacts/forms/intake.py): "WX1 2AB", "sw1a1aa".
_UK_POSTCODE = re.compile(r"[A-Za-z]{1,2}[0-9][A-Za-z0-9]? ?[0-9][A-Za-z]{2}")


def _email(value: str) -> str:
    # Empty is "not given"; anything else must be an address an email could go to (issue 15).
    if value.strip():
        try:
            validate_email(value.strip())
        except DjangoValidationError:
            raise input_problem("must be an email address, like name@example.com") from None
    return value


def _postcode(value: str) -> str:
    if value.strip() and not _UK_POSTCODE.fullmatch(value.strip()):
        raise input_problem("must be a UK postcode, like WX1 2AB")
    return value


def _not_blank(value: str) -> str:
    if not value.strip():
        raise input_problem("must not be blank")
    return value


def _text(max_length: int, pattern: str = TEXT_PATTERN) -> Any:
    return Field(max_length=max_length, json_schema_extra={"pattern": pattern})


IsoDate = Annotated[date, BeforeValidator(_iso_date_text), AfterValidator(_plausible_date)]
PastDate = Annotated[IsoDate, AfterValidator(_not_future_date)]
AwareDateTime = Annotated[datetime, BeforeValidator(_iso_datetime_text), AfterValidator(_aware)]

Name = Annotated[
    str,
    Field(min_length=1, max_length=100, json_schema_extra={"pattern": NAME_PATTERN}),
    AfterValidator(_one_line),
    AfterValidator(_not_blank),
]
Line = Annotated[str, _text(300, LINE_PATTERN), AfterValidator(_one_line)]
ShortLine = Annotated[str, _text(40, LINE_PATTERN), AfterValidator(_one_line)]
Email = Annotated[str, _text(254, LINE_PATTERN), AfterValidator(_one_line), AfterValidator(_email)]
Postcode = Annotated[
    str, _text(10, LINE_PATTERN), AfterValidator(_one_line), AfterValidator(_postcode)
]
LongText = Annotated[str, _text(20000), AfterValidator(_storable)]
RequiredText = Annotated[
    str,
    Field(min_length=1, max_length=20000, json_schema_extra={"pattern": TEXT_PATTERN}),
    AfterValidator(_storable),
    AfterValidator(_not_blank),
]
Code = Annotated[
    str,
    Field(min_length=1, max_length=20, json_schema_extra={"pattern": LINE_PATTERN}),
    AfterValidator(_one_line),
]
Slug = Annotated[str, Field(min_length=1, max_length=60, pattern=r"^[a-z0-9-]+$")]
# The version of a record the client read (compare-and-set). Bounded so that it always fits the
# database's integer column: a huge number is a 422, not an overflow.
Version = Annotated[int, Field(ge=1, le=2_147_483_647)]
IdempotencyKey = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[\x21-\x7e]+$")]


class InputSchema(Schema):
    """Base for every request body: unknown keys are refused, and (a net under the types above,
    for any plain `str` field added later) no text may hold unstorable characters."""

    model_config = ConfigDict(extra="forbid")

    @field_validator("*", mode="after")
    @classmethod
    def _every_text_is_storable(cls, value: Any) -> Any:
        for text in value if isinstance(value, list) else [value]:
            if isinstance(text, str):
                _storable(text)
        return value


class ErrorOut(Schema):
    detail: Any = Field(
        description=(
            "Either a sentence (400, 401, 403, 404, 409) or, for 422, a list of problems, each "
            "with `loc` (where: body, path, query or header, then the field), `msg` and `type`."
        )
    )


# Every operation documents every answer it can give, so that a client (and schemathesis) can
# rely on the document. 400 is a body that is not JSON at all; 422 is JSON that does not fit.
READ_ERRORS: dict[int, type[ErrorOut]] = {
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    422: ErrorOut,
}
ERRORS: dict[int, type[ErrorOut]] = {**READ_ERRORS, 400: ErrorOut, 409: ErrorOut}


def field_error(*loc: str | int, msg: str) -> ValidationError:
    """A 422 about one field, shaped like the ones Pydantic produces, for checks that need the
    database (an unknown code, hub, team or person)."""
    return ValidationError([{"type": "value_error", "loc": ["body", "payload", *loc], "msg": msg}])
