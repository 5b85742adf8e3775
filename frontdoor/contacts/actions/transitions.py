"""What the screening, hub and decision actions share: the check that children acted on
together belong to one family contact. (Each moves a contact with the workflow kernel's
compare-and-set, `frontdoor.workflow.compare_and_set.move`.)
"""

from __future__ import annotations

from collections.abc import Sequence

from frontdoor.contacts.models import Contact
from frontdoor.workflow.errors import NotReady


def _same_family(contacts: Sequence[Contact]) -> None:
    if not contacts:
        raise NotReady(["Choose at least one child"])
    if len({c.family_id for c in contacts}) != 1:
        raise NotReady(["Choose children from the same contact"])
