"""The only writers of person records."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from frontdoor.access.policies import require
from frontdoor.audit.actions import record_event
from frontdoor.matching.index import index_people
from frontdoor.people.models import Person, Relationship, RelationshipKind

if TYPE_CHECKING:
    from frontdoor.access.models import User
    from frontdoor.matching.models import PersonSearch


def create_person(
    *,
    by: User,
    first_name: str,
    last_name: str,
    sex: str,
    date_of_birth: date | None = None,
    expected_date_of_birth: date | None = None,
    address: str = "",
    postcode: str = "",
    nhs_number: str = "",
    after_search: PersonSearch | None = None,
) -> Person:
    """A new person record, filed in the search index at once so the next search finds them.
    `after_search` is the search shown before it was made (at screening), for the audit event."""
    require(by, "create_person")
    with transaction.atomic():
        person = Person.objects.create(
            first_name=first_name.strip(),
            last_name=last_name.strip(),
            sex=sex,
            date_of_birth=date_of_birth,
            expected_date_of_birth=expected_date_of_birth,
            address=address.strip(),
            postcode=postcode.strip().upper(),
            nhs_number=nhs_number,
            created_at=timezone.now(),
            created_by=by,
        )
        index_people([person])
        record_event(
            actor=by,
            verb="person_created",
            person=person,
            data=_search_summary(after_search) if after_search else None,
        )
    return person


def _search_summary(search: PersonSearch) -> dict[str, object]:
    """What the creator was shown first: the search, how many it offered and the best score."""
    offered = search.offered or []
    return {
        "search": str(search.pk),
        "offered": len(offered),
        "best_score": max((int(item.get("score", 0)) for item in offered), default=0),
    }


def record_relationship(*, by: User, person: Person, relative: Person, kind: str) -> Relationship:
    """Record that `relative` is `person`'s <kind>. Brothers and sisters are recorded both ways."""
    require(by, "create_person")
    with transaction.atomic():
        now = timezone.now()
        relationship, _ = Relationship.objects.get_or_create(
            person=person, relative=relative, kind=kind, defaults={"created_at": now}
        )
        if kind in RelationshipKind.siblings():
            Relationship.objects.get_or_create(
                person=relative, relative=person, kind=kind, defaults={"created_at": now}
            )
        record_event(
            actor=by,
            verb="relationship_recorded",
            person=person,
            data={"relative": str(relative.pk), "kind": kind},
        )
    return relationship
