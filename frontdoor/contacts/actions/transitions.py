"""Moving a child's contact from one status to the next, shared by the screening, hub and
decision actions: compare-and-set on status and version (a stale form or a second worker gets
StaleRecord), and the check that children acted on together belong to one family contact.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import F

from frontdoor.contacts.models import Contact
from frontdoor.contacts.workflow import NotReady, StaleRecord, next_status


def _compare_and_set(
    contact: Contact, action: str, expected_version: int | None, **changes: object
) -> Contact:
    """Move `contact` by `action`, only if nobody has changed it since it was read."""
    version = contact.version if expected_version is None else expected_version
    if version != contact.version:
        # The form was filled in against an older version: say so, rather than complain that
        # the newer state does not allow the step.
        raise StaleRecord()
    new_status = next_status(action, contact.status)
    updated = Contact.objects.filter(pk=contact.pk, status=contact.status, version=version).update(
        status=new_status, version=F("version") + 1, **changes
    )
    if updated != 1:
        raise StaleRecord()
    contact.refresh_from_db()
    return contact


def _same_family(contacts: Sequence[Contact]) -> None:
    if not contacts:
        raise NotReady(["Choose at least one child"])
    if len({c.family_id for c in contacts}) != 1:
        raise NotReady(["Choose children from the same contact"])
