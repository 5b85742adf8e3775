"""The only writers of police notifications: one function per intention.

- `receive_batch`: a force's batch, from the API or a CSV file uploaded by MASH staff, accepted
  at once; `import_received_batch` imports it (the task worker); `import_batch` does both now;
  `fail_stuck_batches` marks failed an import that stopped (the scheduler) (intake.py);
- `resolve_match`: a screener says which known person a child is, or that none is (review.py);
- `rate_quality`: MASH staff rate how good a notification was (review.py).
"""

from frontdoor.police.actions.intake import (
    fail_stuck_batches,
    import_batch,
    import_received_batch,
    receive_batch,
)
from frontdoor.police.actions.review import rate_quality, resolve_match

__all__ = [
    "fail_stuck_batches",
    "import_batch",
    "import_received_batch",
    "rate_quality",
    "receive_batch",
    "resolve_match",
]
