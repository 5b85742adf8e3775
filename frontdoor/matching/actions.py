"""The writers of person matching: recording that a search was shown and what it offered; and
for duplicates, filing the job's findings, a reviewer's answer, a merge and its undoing.

Like the record-view log, this is written when a page or an API call shows a search (a GET may
write it): the point is a faithful record of what the user saw, so that a new person record can
be traced to the search that came before it (search before create, at screening).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from frontdoor.access.policies import require
from frontdoor.access.queries import restricted_among
from frontdoor.audit.actions import record_event
from frontdoor.audit.context import current_request_id
from frontdoor.matching.duplicates import Likely, already_paired
from frontdoor.matching.index import index_people
from frontdoor.matching.merging import fill_blanks, move_rows, restore_rows, unfill
from frontdoor.matching.models import DuplicatePair, Merge, PersonKey, PersonSearch
from frontdoor.matching.queries import criteria_for_contact, find_people
from frontdoor.matching.workflow import PAIR, merge_blockers
from frontdoor.people.models import Person
from frontdoor.workflow.compare_and_set import move
from frontdoor.workflow.errors import NotReady, StaleRecord

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


# --- Duplicates: the job's findings, a reviewer's answer, a merge and its undoing --------------


def record_duplicate_pairs(found: Sequence[Likely]) -> int:
    """File the job's likely duplicates for review, each pair once ever (a pair a reviewer has
    answered is not offered again). Returns how many were new."""
    seen = already_paired()
    now = timezone.now()
    new = [
        DuplicatePair(
            first_id=likely.first,
            second_id=likely.second,
            score=likely.score,
            reasons=[r.text for r in likely.comparison.strongest_first],
            found_at=now,
        )
        for likely in found
        if (likely.first, likely.second) not in seen
    ]
    with transaction.atomic():
        DuplicatePair.objects.bulk_create(new, batch_size=1000, ignore_conflicts=True)
        record_event(actor=None, verb="duplicates_found", data={"new_pairs": len(new)})
    return len(new)


def reject_pair(*, by: User, pair: DuplicatePair, expected_version: int | None = None) -> None:
    """The reviewer says these are two different people."""
    require(by, "review_duplicates")
    with transaction.atomic():
        move(
            pair, PAIR, "reject_pair", expected_version, reviewed_by=by, reviewed_at=timezone.now()
        )
        for person, other in ((pair.first, pair.second), (pair.second, pair.first)):
            record_event(
                actor=by,
                verb="duplicate_rejected",
                person=person,
                data={"other": str(other.pk), "score": pair.score},
            )


def merge_pair(
    *, by: User, pair: DuplicatePair, keep: Person, expected_version: int | None = None
) -> Merge:
    """The reviewer confirms one person: every row of the other record moves to `keep`."""
    require(by, "merge_people")
    if keep.pk not in (pair.first_id, pair.second_id):
        raise NotReady(["Choose which of the two records to keep"])
    merged = pair.second if keep.pk == pair.first_id else pair.first
    keep.refresh_from_db()
    merged.refresh_from_db()
    problems = merge_blockers(
        same=keep.pk == merged.pk,
        already_merged=bool(keep.merged_into_id or merged.merged_into_id),
        restricted=bool(restricted_among([keep.pk, merged.pk])),
    )
    if problems:
        raise NotReady(problems)
    now = timezone.now()
    with transaction.atomic():
        move(pair, PAIR, "merge_pair", expected_version, reviewed_by=by, reviewed_at=now)
        moved, set_aside = move_rows(merged, keep)
        filled = fill_blanks(merged, keep)
        Person.objects.filter(pk=merged.pk).update(merged_into=keep)
        index_people([keep])
        PersonKey.objects.filter(person=merged).delete()  # no longer offered by search
        merge = Merge.objects.create(
            pair=pair,
            kept=keep,
            merged=merged,
            moved=moved,
            set_aside=set_aside,
            filled=filled,
            merged_by=by,
            merged_at=now,
        )
        summary = {
            "merge": str(merge.pk),
            "rows_moved": sum(len(group["pks"]) for group in moved),
            "rows_set_aside": len(set_aside),
        }
        record_event(
            actor=by, verb="person_merged", person=keep, data={**summary, "merged": str(merged.pk)}
        )
        record_event(
            actor=by,
            verb="person_merged_away",
            person=merged,
            data={**summary, "kept": str(keep.pk)},
        )
    return merge


def undo_merge(*, by: User, merge: Merge) -> None:
    """Put every row back on the record it came from, and the pair back in the queue."""
    require(by, "merge_people")
    with transaction.atomic():
        locked = Merge.objects.select_for_update().get(pk=merge.pk)
        if locked.undone_at is not None:
            raise StaleRecord("merge")
        move(locked.pair, PAIR, "undo_merge", None, reviewed_by=None, reviewed_at=None)
        kept, merged = locked.kept, locked.merged
        restore_rows(merged, kept, locked.moved, locked.set_aside)
        unfill(kept, locked.filled)
        Person.objects.filter(pk=merged.pk).update(merged_into=None)
        merged.refresh_from_db()
        index_people([kept, merged])
        Merge.objects.filter(pk=locked.pk).update(undone_by=by, undone_at=timezone.now())
        for person, other in ((kept, merged), (merged, kept)):
            record_event(
                actor=by,
                verb="person_unmerged",
                person=person,
                data={"merge": str(locked.pk), "other": str(other.pk), "kept": person == kept},
            )


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
