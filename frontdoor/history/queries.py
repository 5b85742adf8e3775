"""The readers of imported history: who a row is about, and what is known about a child."""

from __future__ import annotations

from typing import TYPE_CHECKING

from frontdoor.history.models import EarlyHelpEpisode, LegacyRecord
from frontdoor.history.rows import Identity
from frontdoor.matching.facts import facts
from frontdoor.matching.queries import rank
from frontdoor.people.models import Person

if TYPE_CHECKING:
    from collections.abc import Iterable

# How alike a name-and-date-of-birth row must be to a person on record to be linked without a
# person checking: the same date of birth and names that agree (a twin with another first name
# scores about 78, so is never taken for their brother or sister).
LINK_SCORE = 90
REQUIRED_REASON = "dob_same"


def matching_person(identity: Identity) -> Person | None:
    """The person on record this row is about: the same NHS number first; failing that, the
    best name-and-date-of-birth match, if it is a near-certain one. None if nobody fits."""
    if identity.nhs_number:
        by_number = (
            Person.objects.filter(nhs_number=identity.nhs_number, merged_into__isnull=True)
            .order_by("created_at", "id")
            .first()
        )
        if by_number is not None:
            return by_number
    if not (identity.first_name and identity.last_name and identity.date_of_birth):
        return None
    query = facts(
        first_name=identity.first_name,
        last_name=identity.last_name,
        born=identity.date_of_birth,
        sex=identity.sex,
        postcode=identity.postcode,
    )
    ranked, _ = rank(query, limit=2)
    for candidate in ranked:
        comparison = candidate.comparison
        codes = {reason.code for reason in comparison.reasons}
        conflicting_number = identity.nhs_number and "nhs_different" in codes
        if comparison.score >= LINK_SCORE and REQUIRED_REASON in codes and not conflicting_number:
            return Person.objects.filter(pk=candidate.person_id).first()
    return None


def early_help_for(person: Person) -> list[EarlyHelpEpisode]:
    return list(EarlyHelpEpisode.objects.filter(person=person).order_by("-started_on", "id"))


def legacy_records_for(person: Person) -> list[LegacyRecord]:
    return list(LegacyRecord.objects.filter(person=person).order_by("-started_on", "id"))


def open_early_help(people: Iterable[Person]) -> set[object]:
    """The ids of those among `people` with an early help episode still open (search results
    say so, so the screener knows a lead professional is already involved)."""
    ids = [person.pk for person in people]
    return set(
        EarlyHelpEpisode.objects.filter(person_id__in=ids, ended_on__isnull=True).values_list(
            "person_id", flat=True
        )
    )
