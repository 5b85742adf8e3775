"""The CloudEvents 1.0 envelope (JSON format) of an integration event, as the feed and the
webhooks send it. `partitionkey` (the CloudEvents partitioning extension) is the child's id,
the unit in which events are delivered in order; `sequence` is the event's place in the feed
(the cursor to resume after it)."""

from __future__ import annotations

from typing import Any

from django.conf import settings

from frontdoor.outbox.models import IntegrationEvent


def cursor_of(event: IntegrationEvent) -> str:
    return f"{event.txid}-{event.pk}"


def parse_cursor(cursor: str) -> tuple[int, int] | None:
    """(txid, id) from a cursor the feed handed out, or None if it is not one."""
    txid, sep, pk = cursor.strip().partition("-")
    if not sep or not txid.isdigit() or not pk.isdigit():
        return None
    return int(txid), int(pk)


def envelope(event: IntegrationEvent) -> dict[str, Any]:
    body: dict[str, Any] = {
        "specversion": "1.0",
        "id": str(event.event_id),
        "source": settings.FRONTDOOR_EVENT_SOURCE,
        "type": event.type,
        "subject": event.subject,
        "time": event.occurred_at.isoformat().replace("+00:00", "Z"),
        "datacontenttype": "application/json",
        "sequence": cursor_of(event),
        "data": event.data,
    }
    if event.person_id:
        body["partitionkey"] = str(event.person_id)
    return body
