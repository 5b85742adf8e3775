"""Who may do what: decided once, here.

Each action name maps to the roles allowed to take it. Reads are scoped separately by the
`visible_*(user)` querysets in each app's queries.py: a record outside a user's scope is a 404
(its existence is not leaked); a visible record the user may not act on is a 403.

Templates ask `can(user, action)`; actions call `require(user, action)` before anything else.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied

from frontdoor.access.models import Role

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from frontdoor.access.models import User

R = Role

# The staff who work inside the MASH and see its contacts.
MASH_STAFF = frozenset({R.CONTACT_OFFICER, R.SCREENER, R.HUB_WORKER, R.MANAGER})
# Staff who may open a child's record (need to know: contact officers record, but do not read
# case history).
CASE_READERS = frozenset({R.SCREENER, R.HUB_WORKER, R.MANAGER, R.AREA_WORKER})

RULES: dict[str, frozenset[Role]] = {
    # Reading.
    "view_queues": MASH_STAFF,
    "view_contact": MASH_STAFF,
    "view_child": CASE_READERS,
    "search_people": CASE_READERS | {R.CONTACT_OFFICER},
    "view_overview": frozenset({R.MANAGER, R.SENIOR_LEADER}),
    # Acting on a contact (workflow.py names the transitions).
    "receive_contact": MASH_STAFF,
    "link_child": frozenset({R.SCREENER, R.HUB_WORKER, R.MANAGER}),
    "create_person": frozenset({R.SCREENER, R.HUB_WORKER, R.MANAGER}),
    "record_screening": frozenset({R.SCREENER, R.MANAGER}),
    "send_to_hub": frozenset({R.SCREENER, R.MANAGER}),
    "record_analysis": frozenset({R.HUB_WORKER, R.MANAGER}),
    "return_to_hub": frozenset({R.MANAGER}),
    "record_decision": frozenset({R.MANAGER}),
    # Administration: users, teams, code lists, timescales. Not case records.
    "administer": frozenset({R.ADMIN}),
    "issue_api_token": frozenset({R.ADMIN}),
}


def can(user: User | AnonymousUser | None, action: str) -> bool:
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    allowed = RULES.get(action)
    if allowed is None:
        # An action missing from RULES is a programming error, never an implicit allow.
        raise KeyError(f"No access rule for action {action!r}")
    return getattr(user, "role", None) in allowed


def require(user: User | AnonymousUser | None, action: str) -> None:
    if not can(user, action):
        raise PermissionDenied(f"Your role does not allow you to {action.replace('_', ' ')}.")
