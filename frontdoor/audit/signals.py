"""Told of every audit event as it is written, inside the action's own transaction.

An app that keeps something derived from the records (the management information's rollups,
frontdoor/rollups, docs/adr/0024) listens here rather than in every action: every change to a
record about a child is audited (../shared/SECURITY.md), so every change passes this point once.
The audit trail knows nothing of its listeners (it is the kernel; they are above it).
"""

from django.dispatch import Signal

# Sent with `events`: the Event rows just written, in the writer's transaction.
events_recorded = Signal()
