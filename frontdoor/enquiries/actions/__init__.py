"""The only writers of consent, MASH enquiries and answers: one function per intention.

Each follows the house order (../shared/STYLE.md): policy; legal transition; guards;
compare-and-set; audit event in the same transaction; notifications after commit, as background
tasks (frontdoor/enquiries/tasks.py) carrying no personal data, only a link.

- `consent`: record_consent, authorise_without_consent, decline_without_consent
- `sending`: send_enquiries, withdraw_enquiry
- `answering`: answer_enquiry (idempotent)
- `clock`: chase_overdue_enquiries, escalate_chased_enquiries (run by `manage.py sweep`)
"""

from frontdoor.enquiries.actions.answering import AlreadyAnswered, AnswerDetails, answer_enquiry
from frontdoor.enquiries.actions.clock import chase_overdue_enquiries, escalate_chased_enquiries
from frontdoor.enquiries.actions.consent import (
    ConsentDetails,
    authorise_without_consent,
    consent_summary,
    decline_without_consent,
    record_consent,
)
from frontdoor.enquiries.actions.sending import (
    WITH_THE_HUB,
    EnquiryRequest,
    send_enquiries,
    subjects_of,
    withdraw_enquiry,
)

__all__ = [
    "WITH_THE_HUB",
    "AlreadyAnswered",
    "AnswerDetails",
    "ConsentDetails",
    "EnquiryRequest",
    "answer_enquiry",
    "authorise_without_consent",
    "chase_overdue_enquiries",
    "consent_summary",
    "decline_without_consent",
    "escalate_chased_enquiries",
    "record_consent",
    "send_enquiries",
    "subjects_of",
    "withdraw_enquiry",
]
