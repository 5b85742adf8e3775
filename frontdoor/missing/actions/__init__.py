"""The only writers of missing episodes: one function per intention.

Every action follows the same steps, in this order (../shared/STYLE.md):
1. check the policy;  2. check the transition is legal;  3. run the readiness guards;
4. compare-and-set status and version (a stale form or a second worker gets StaleRecord);
5. write the audit event, about the child, in the same transaction, so the child's timeline
   shows every step;  6. side effects (the repeat-missing flag) in the same transaction.

Police notifications (`notify_missing`, `notify_return`) are idempotent by the force's
reference: sending the same notification again changes nothing and returns the same episode.
`notify_missing_many` does the same for a chunk of a force's batch in a few statements.
"""

from frontdoor.missing.actions.episodes import (
    ChildAsTold,
    MissingDetails,
    PoliceNotification,
    PoliceReportDetails,
    link_missing_child,
    notify_missing,
    notify_return,
    record_police_report,
    record_return,
    report_missing,
)
from frontdoor.missing.actions.interview import (
    InterviewDetails,
    complete_rhi,
    log_contact_attempt,
    offer_rhi,
    record_rhi_answer,
)
from frontdoor.missing.actions.notified import ReturnAsTold, notify_missing_many
from frontdoor.missing.actions.repeat import respond_to_repeat_missing
from frontdoor.missing.actions.review import (
    RiskReviewDetails,
    record_risk_review,
    record_siblings_considered,
)

__all__ = [
    "ChildAsTold",
    "InterviewDetails",
    "MissingDetails",
    "PoliceNotification",
    "PoliceReportDetails",
    "ReturnAsTold",
    "RiskReviewDetails",
    "complete_rhi",
    "link_missing_child",
    "log_contact_attempt",
    "notify_missing",
    "notify_missing_many",
    "notify_return",
    "offer_rhi",
    "record_police_report",
    "record_return",
    "record_rhi_answer",
    "record_risk_review",
    "record_siblings_considered",
    "report_missing",
    "respond_to_repeat_missing",
]
