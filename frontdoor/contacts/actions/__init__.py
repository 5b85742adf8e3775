"""The only writers of contacts: one function per intention.

Every action follows the same steps, in this order (../shared/STYLE.md):
1. check the policy;  2. check the transition is legal;  3. run the readiness guards;
4. compare-and-set status and version (a stale form or a second worker gets StaleRecord);
5. write the audit event in the same transaction;  6. run side effects on commit.

- `intake`: receive_contact (and require_intake, shared with the drafts)
- `linking`: link_child (a police match review links a child too)
- `screening`: create_person_for_child, record_screening, send_to_hub
- `hub`: record_analysis, return_to_hub
- `transitions`: the same-family check the steps share

A manager's decision and its consequences are run by `frontdoor.decisions`, above the
domain apps.
"""

from frontdoor.contacts.actions.hub import Analysis, record_analysis, return_to_hub
from frontdoor.contacts.actions.intake import (
    AdultDetails,
    ChildDetails,
    ContactDetails,
    receive_contact,
    require_intake,
)
from frontdoor.contacts.actions.linking import link_child
from frontdoor.contacts.actions.screening import (
    Screening,
    create_person_for_child,
    record_screening,
    send_to_hub,
)

__all__ = [
    "AdultDetails",
    "Analysis",
    "ChildDetails",
    "ContactDetails",
    "Screening",
    "create_person_for_child",
    "link_child",
    "receive_contact",
    "record_analysis",
    "record_screening",
    "require_intake",
    "return_to_hub",
    "send_to_hub",
]
