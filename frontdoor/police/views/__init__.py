from frontdoor.police.views.figures import quality, quality_list, volume, volume_week
from frontdoor.police.views.intake import (
    batch,
    batches,
    notification,
    rate,
    review,
    review_list,
    triage,
    upload,
)

__all__ = [
    "batch",
    "batches",
    "notification",
    "quality",
    "quality_list",
    "rate",
    "review",
    "review_list",
    "triage",
    "upload",
    "volume",
    "volume_week",
]
