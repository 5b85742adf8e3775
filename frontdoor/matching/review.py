"""The readers for duplicate review: the queue, one pair, one merge. Managers only; a pair
involving a restricted record is never shown here (it is the information governance lead's)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Count, Q, QuerySet

from frontdoor.access.policies import require
from frontdoor.access.queries import restricted_person_ids
from frontdoor.access.records import open_record
from frontdoor.matching.models import DuplicatePair, Merge, PairStatus
from frontdoor.people.models import Person

if TYPE_CHECKING:
    from frontdoor.access.models import User


def _reviewable(user: User) -> QuerySet[DuplicatePair]:
    require(user, "review_duplicates")
    restricted = restricted_person_ids()
    return (
        DuplicatePair.objects.read_as(user)
        .exclude(Q(first_id__in=restricted) | Q(second_id__in=restricted))
        .select_related("first", "second")
    )


def pairs_awaiting_review(user: User, limit: int = 100) -> list[DuplicatePair]:
    return list(_reviewable(user).filter(status=PairStatus.AWAITING_REVIEW)[:limit])


def recent_merges(user: User, limit: int = 20) -> list[Merge]:
    require(user, "review_duplicates")
    return list(
        Merge.objects.filter(undone_at__isnull=True)
        .select_related("kept", "merged", "merged_by")
        .order_by("-merged_at")[:limit]
    )


def get_pair_for(user: User, pk: uuid.UUID) -> DuplicatePair:
    return open_record(user, _reviewable(user), pk, log=False)


def get_merge_for(user: User, pk: uuid.UUID) -> Merge:
    require(user, "merge_people")
    merges = Merge.objects.read_as(user).filter(undone_at__isnull=True).select_related("pair")
    return open_record(user, merges, pk, log=False)


@dataclass(frozen=True)
class Side:
    person: Person
    contacts: int
    relationships: int


def sides(pair: DuplicatePair) -> list[Side]:
    """What each record holds, so the reviewer can choose which to keep."""
    people = Person.objects.filter(pk__in=[pair.first_id, pair.second_id]).annotate(
        n_contacts=Count("contacts", distinct=True),
        n_relationships=Count("relationships", distinct=True),
    )
    by_id = {person.pk: person for person in people}
    return [
        Side(by_id[pk], by_id[pk].n_contacts, by_id[pk].n_relationships)
        for pk in (pair.first_id, pair.second_id)
    ]
