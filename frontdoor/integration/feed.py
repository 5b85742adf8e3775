"""The feed of integration events: ordered, resumable, paged, gap-aware, and filtered to what
the reader may see. The pull API and the webhook dispatcher both read through `feed_for`, so
a subscription is sent exactly what its account could pull (docs/adr/0029).

Gap-aware: PostgreSQL hands out ids when a row is inserted, not when it commits, so an event
with a lower id can become visible after a higher one. A cursor that had moved past it would
skip it for ever. So the feed is ordered by (writing transaction id, id) and serves only the
events of transactions older than every transaction of this database still running: no event
can ever appear behind a cursor it has handed out. On SQLite one transaction writes at a
time, so ids commit in order and `txid` is 0.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import connection
from django.db.models import BooleanField, Q, QuerySet
from django.db.models.expressions import RawSQL

from frontdoor.access.policies import can
from frontdoor.access.queries import hidden_person_ids
from frontdoor.outbox.models import IntegrationEvent
from frontdoor.outbox.types import CHILD_KEYS

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from frontdoor.access.models import User

MAX_LIMIT = 1000

# Served: rows of transactions that had ended when this statement's snapshot was taken, i.e.
# below the lowest transaction the snapshot still counts as running (`pg_snapshot_xip`), or
# below its `xmax` if none. A running transaction of *another database* on the same server
# cannot write these rows, so it is left out of that lowest (known from pg_stat_activity;
# anything not known to be elsewhere counts, so a race only makes the feed wait, never skip).
# The reader's own transaction is let through too: it has nothing uncommitted but what it
# wrote itself (a test, or a command that writes and reads in one transaction).
_SETTLED = """
txid < COALESCE(
    (SELECT min(x::text::bigint) FROM pg_snapshot_xip(pg_current_snapshot()) AS x
     WHERE mod(x::text::bigint, 4294967296) NOT IN (
         SELECT backend_xid::text::bigint FROM pg_stat_activity
         WHERE datname IS DISTINCT FROM current_database() AND backend_xid IS NOT NULL)),
    pg_snapshot_xmax(pg_current_snapshot())::text::bigint)
OR txid = COALESCE(pg_current_xact_id_if_assigned()::text::bigint, -1)
"""


def settled(events: QuerySet[IntegrationEvent]) -> QuerySet[IntegrationEvent]:
    if connection.vendor != "postgresql":
        return events
    # A constant: no input reaches this SQL (S611).
    return events.filter(RawSQL(f"({_SETTLED})", [], output_field=BooleanField()))  # noqa: S611


def visible_events(user: User | AnonymousUser) -> QuerySet[IntegrationEvent]:
    """Every event the user may read: none without the policy, and none about a child they may
    not open (ADR 0016: a restricted child's events exist only for those allowed to see them)."""
    if not can(user, "read_integration_events"):
        return IntegrationEvent.objects.none()
    events = IntegrationEvent.objects.all()
    hidden = hidden_person_ids(user)
    if hidden:
        ids = [str(pk) for pk in hidden]
        events = events.exclude(person_id__in=hidden)
        # Nor an event that names one as another child it is about (`previous_child` of a
        # *.child_linked event, `merged` of child.merged, `other_child` of child.unmerged):
        # every such key is declared on its type (outbox/types.py CHILD_KEYS), so a new one
        # cannot be forgotten here. (A missing key is NULL in SQL, which NOT IN would also
        # drop: kept by name.)
        for key in CHILD_KEYS:
            events = events.filter(
                Q(**{f"data__{key}__isnull": True}) | ~Q(**{f"data__{key}__in": ids})
            )
    return events


def feed_for(
    user: User | AnonymousUser, *, after: tuple[int, int] | None, limit: int
) -> list[IntegrationEvent]:
    """The next `limit` events after the cursor (txid, id), in feed order."""
    events = settled(visible_events(user))
    if after is not None:
        txid, pk = after
        events = events.filter(Q(txid__gt=txid) | Q(txid=txid, id__gt=pk))
    return list(events.order_by("txid", "id")[: max(1, min(limit, MAX_LIMIT))])
