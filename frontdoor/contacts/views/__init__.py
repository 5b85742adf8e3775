"""Contact pages. Thin: parse the request, call one action or query, render or redirect.

- `queues`: home, screening_queue, queue, hubs, and claims on a queue: claim, release, claim_next
- `family`: family, send_to_hub
- `screening`: link_child, screen
- `hub`: analyse, return_to_hub
- `decision`: decide
- `intake`: new_contact, draft_step (and draft_list_step, which the partners' pages reuse)
- `page`: what the pages share (allowed methods, workflow errors, a child's form page)
"""

from frontdoor.contacts.views.decision import decide
from frontdoor.contacts.views.family import family, send_to_hub
from frontdoor.contacts.views.hub import analyse, return_to_hub
from frontdoor.contacts.views.intake import FORMS, draft_list_step, draft_step, new_contact
from frontdoor.contacts.views.queues import (
    claim,
    claim_next,
    find_contact,
    home,
    hubs,
    queue,
    release,
    screening_queue,
)
from frontdoor.contacts.views.screening import link_child, screen
from frontdoor.govuk.pages import GET_POST, WORKFLOW_ERRORS

__all__ = [
    "FORMS",
    "GET_POST",
    "WORKFLOW_ERRORS",
    "analyse",
    "claim",
    "claim_next",
    "decide",
    "draft_list_step",
    "draft_step",
    "family",
    "find_contact",
    "home",
    "hubs",
    "link_child",
    "new_contact",
    "queue",
    "release",
    "return_to_hub",
    "screen",
    "screening_queue",
    "send_to_hub",
]
