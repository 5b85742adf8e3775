"""Missing children pages (frontdoor/missing/urls.py)."""

from frontdoor.missing.views.episode import (
    answer,
    complete,
    episode,
    link,
    log_attempt,
    offer,
    police_report,
    record_return,
    review,
    siblings,
)
from frontdoor.missing.views.lists import (
    child_history,
    find_child,
    information,
    information_children,
    now_missing,
    queue,
    repeat_decision,
    repeat_list,
    report_child,
)

__all__ = [
    "answer",
    "child_history",
    "complete",
    "episode",
    "find_child",
    "information",
    "information_children",
    "link",
    "log_attempt",
    "now_missing",
    "offer",
    "police_report",
    "queue",
    "record_return",
    "repeat_decision",
    "repeat_list",
    "report_child",
    "review",
    "siblings",
]
