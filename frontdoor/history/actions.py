"""The only writers of imported history: one import, row by row.

Each good row is written in its own transaction, so a bad row (reported by number and field)
never stops the good ones. The natural key is the source system and its own reference, so
importing the same file again finds every row already there, identical, and changes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, transaction
from django.db.models import Model
from django.utils import timezone

from frontdoor.access.policies import require
from frontdoor.access.records import as_the_system
from frontdoor.audit.actions import record_event
from frontdoor.history.models import EarlyHelpEpisode, ImportKind, LegacyRecord
from frontdoor.history.queries import matching_person
from frontdoor.history.rows import CHECKERS, CleanRow, Problem
from frontdoor.matching.actions import create_person
from frontdoor.people.models import Person

if TYPE_CHECKING:
    from frontdoor.access.models import User

MODELS: dict[str, type[EarlyHelpEpisode] | type[LegacyRecord]] = {
    ImportKind.EARLY_HELP: EarlyHelpEpisode,
    ImportKind.LEGACY: LegacyRecord,
}
VERBS: dict[tuple[str, str], str] = {
    (ImportKind.EARLY_HELP, "created"): "early_help_episode_imported",
    (ImportKind.EARLY_HELP, "updated"): "early_help_episode_updated",
    (ImportKind.LEGACY, "created"): "legacy_record_imported",
    (ImportKind.LEGACY, "updated"): "legacy_record_updated",
}


@dataclass
class ImportResult:
    kind: str
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    people_created: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def kind_label(self) -> str:
        return ImportKind(self.kind).label

    @property
    def rejected(self) -> int:
        return len({problem.row for problem in self.problems if problem.row})

    def as_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "rows": self.rows,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "rejected": self.rejected,
            "people_created": self.people_created,
        }


class RowRejected(Exception):
    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(str(problem))


def import_history(
    *, by: User, kind: str, rows: Sequence[tuple[int, dict[str, str]]], source: str
) -> ImportResult:
    """Import `rows` (numbered as the file or API call numbers them) of `kind`."""
    require(by, "import_history")
    today = timezone.localdate()
    result = ImportResult(kind=kind, rows=len(rows))
    first_seen: dict[tuple[str, str], int] = {}
    for number, cells in rows:
        checked = CHECKERS[ImportKind(kind)](number, cells, today)
        if isinstance(checked, list):
            result.problems.extend(checked)
            continue
        natural_key = (checked.source_system, checked.source_reference)
        if natural_key in first_seen:
            result.problems.append(
                Problem(
                    number,
                    "source_reference",
                    f"the source reference is also on row {first_seen[natural_key]}: "
                    "each record must appear once",
                )
            )
            continue
        first_seen[natural_key] = number
        try:
            # A row is matched against every child and linked to the one it is about, a
            # restricted child too (as the system: access/records.py); the importer sees
            # only counts and row numbers.
            with transaction.atomic(), as_the_system():
                outcome = _write(by, kind, checked)
        except RowRejected as exc:
            result.problems.append(exc.problem)
            continue
        except IntegrityError:
            result.problems.append(_clashed(number))
            continue
        _count(result, outcome)
    with transaction.atomic():
        record_event(actor=by, verb="history_imported", data={**result.as_json(), "source": source})
    return result


def _count(result: ImportResult, outcome: str) -> None:
    if outcome == "created+person":
        result.people_created += 1
        outcome = "created"
    setattr(result, outcome, getattr(result, outcome) + 1)


def _clashed(number: int) -> Problem:
    return Problem(
        number,
        "source_reference",
        "someone else imported this record at the same moment: import the file again",
    )


def _values(kind: str, row: CleanRow) -> dict[str, Any]:
    return {"started_on": row.started_on, "ended_on": row.ended_on, **row.values}


def _write(by: User, kind: str, row: CleanRow) -> str:
    model = MODELS[kind]
    values = _values(kind, row)
    existing: Model | None = (
        model.objects.select_for_update()
        .filter(source_system=row.source_system, source_reference=row.source_reference)
        .first()
    )
    if existing is not None:
        changed = sorted(name for name, value in values.items() if getattr(existing, name) != value)
        if not changed:
            return "unchanged"
        model.objects.filter(pk=existing.pk).update(**values)
        person = Person.objects.get(pk=existing.person_id)  # type: ignore[attr-defined]
        _event(by, kind, "updated", person, row, changed=changed)
        return "updated"
    person, made = _person_for(by, row)
    model.objects.create(
        source_system=row.source_system,
        source_reference=row.source_reference,
        person=person,
        imported_at=timezone.now(),
        imported_by=by,
        **values,
    )
    _event(by, kind, "created", person, row)
    return "created+person" if made else "created"


def _person_for(by: User, row: CleanRow) -> tuple[Person, bool]:
    """The person the row is about, by matching; a new person record if nobody on record fits,
    so that the child the other system knows is found by the next search."""
    identity = row.identity
    person = matching_person(identity)
    if person is not None:
        return person, False
    if not (identity.first_name and identity.last_name):
        raise RowRejected(
            Problem(
                row.row,
                "nhs_number",
                "no child on record has this NHS number: add their first name, last name and "
                "date of birth so that a record can be made",
            )
        )
    made = create_person(
        by=by,
        first_name=identity.first_name,
        last_name=identity.last_name,
        sex=identity.sex,
        date_of_birth=identity.date_of_birth,
        postcode=identity.postcode,
        nhs_number=identity.nhs_number,
    )
    return made, True


def _event(
    by: User,
    kind: str,
    outcome: str,
    person: Person,
    row: CleanRow,
    changed: list[str] | None = None,
) -> None:
    data: dict[str, Any] = {
        "source_system": row.source_system,
        "source_reference": row.source_reference,
        "started_on": row.started_on.isoformat(),
        "ended_on": row.ended_on.isoformat() if isinstance(row.ended_on, date) else "",
    }
    if kind == ImportKind.LEGACY:
        data["kind"] = row.values["kind"]
    if changed:
        data["changed"] = changed
    record_event(actor=by, verb=VERBS[(kind, outcome)], person=person, data=data)
