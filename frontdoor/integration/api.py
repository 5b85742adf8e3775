"""The pull feed: `GET /api/events/?after=<cursor>&limit=<n>` (docs/integration.md).

Ordered, resumable (pass back `next`), paged (`limit`, at most 1000), gap-aware (a cursor never
passes an event still being written: frontdoor/integration/feed.py) and filtered to what the
account may see (a restricted child's events only to those allowed to open that child)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from frontdoor.access.policies import require
from frontdoor.access.queries import signed_in_user
from frontdoor.api.schemas import READ_ERRORS, field_error
from frontdoor.integration.feed import MAX_LIMIT, feed_for
from frontdoor.outbox.envelope import cursor_of, envelope, parse_cursor

router = Router(tags=["events"])


class FeedQuery(Schema):
    after: str = Field(
        default="",
        max_length=60,
        description="The `next` of the page before (empty: from the beginning)",
    )
    limit: int = Field(default=100, ge=1, le=MAX_LIMIT)


class FeedOut(Schema):
    events: list[dict[str, Any]] = Field(description="CloudEvents 1.0 envelopes, in feed order")
    next: str = Field(description="Pass as `after` for the next page (unchanged if none)")
    more: bool = Field(description="True if the next page may already hold events")


@router.get(
    "/", response={200: FeedOut, **READ_ERRORS}, summary="Integration events after a cursor"
)
def feed(request: HttpRequest, query: Query[FeedQuery]) -> dict[str, Any]:
    user = signed_in_user(request)
    require(user, "read_integration_events")
    after = None
    if query.after:
        after = parse_cursor(query.after)
        if after is None:
            raise _bad_cursor()
    events = feed_for(user, after=after, limit=query.limit)
    return {
        "events": [envelope(e) for e in events],
        "next": cursor_of(events[-1]) if events else (query.after or "0-0"),
        "more": len(events) == query.limit,
    }


def _bad_cursor() -> Exception:
    error = field_error("after", msg="must be a cursor the feed handed out, like 0-1200")
    error.errors[0]["loc"] = ["query", "after"]
    return error
