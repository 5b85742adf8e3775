"""The only writer of person searches: recording that a search was shown, and what it offered.

Like the record-view log, this is written when a page or an API call shows a search (a GET may
write it): the point is a faithful record of what the user saw, so that a new person record can
be traced to the search that came before it (search before create, at screening).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils import timezone

from frontdoor.access.policies import require
from frontdoor.audit.context import current_request_id
from frontdoor.matching.models import PersonSearch
from frontdoor.matching.queries import criteria_for_contact, find_people

if TYPE_CHECKING:
    from frontdoor.access.models import User
    from frontdoor.contacts.models import Contact
    from frontdoor.matching.queries import Criteria, Found


def record_search(
    *, by: User, criteria: Criteria, found: Found, contact: Contact | None = None
) -> PersonSearch:
    """Record a search as it was shown to `by`: the criteria and every candidate offered, with
    its score and the codes of its reasons (restricted records included, by id only)."""
    require(by, "search_people")
    offered = [
        {
            "person": str(ranked.person_id),
            "score": ranked.comparison.score,
            "reasons": [r.code for r in ranked.comparison.strongest_first],
        }
        for ranked in found.ranked
    ]
    return PersonSearch.objects.create(
        searched_at=timezone.now(),
        searched_by=by,
        contact=contact,
        criteria={**criteria.as_json(), "considered": found.considered},
        offered=offered,
        request_id=current_request_id(),
    )


def search_for_child(
    *, by: User, contact: Contact, criteria: Criteria | None = None
) -> tuple[PersonSearch, Found]:
    """Search for a contact's child (by the referrer's description unless `criteria` says
    otherwise) and record what was offered: the step before linking or creating at screening."""
    require(by, "link_child")
    chosen = criteria or criteria_for_contact(contact)
    found = find_people(by, chosen)
    return record_search(by=by, criteria=chosen, found=found, contact=contact), found
