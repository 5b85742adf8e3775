"""The only writers of police notifications: one function per intention.

- `import_batch`: a force's batch, from the API or a CSV file uploaded by MASH staff (intake.py);
- `resolve_match`: a screener says which known person a child is, or that none is (review.py);
- `rate_quality`: MASH staff rate how good a notification was (review.py).
"""

from frontdoor.police.actions.intake import import_batch
from frontdoor.police.actions.review import rate_quality, resolve_match

__all__ = ["import_batch", "rate_quality", "resolve_match"]
