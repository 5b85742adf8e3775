"""The mechanics of merging two person records and undoing it, for every table at once.

Which rows belong to a person is read from Django's model registry, not listed by hand: every
foreign key to Person, in every app, is moved by a merge, unless it is in `NOT_MOVED` with the
reason. A foreign key added later is therefore moved without anyone remembering to, and
tests/…/test_merging.py fails if a relation is neither moved nor explained.

A row that cannot move (the kept record already has the same relationship, or it would relate
the kept record to itself) is set aside: serialised into the Merge and deleted, and put back
exactly as it was when the merge is undone. Called only from `matching.actions`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db import IntegrityError, models, transaction

from frontdoor.people.models import Person

# (app_label.model, field) -> why it does not move.
NOT_MOVED: dict[tuple[str, str], str] = {
    ("audit.event", "person"): "The audit trail is append-only; the kept record's timeline "
    "shows the merged record's events through merged_into.",
    ("audit.recordview", "person"): "Who viewed which record is history: it is never rewritten.",
    ("people.person", "merged_into"): "The merge itself: set and cleared by the merge.",
    ("matching.personkey", "person"): "Derived search keys, rebuilt for both records.",
    ("matching.duplicatepair", "first"): "The pair under review names both records.",
    ("matching.duplicatepair", "second"): "The pair under review names both records.",
    ("matching.merge", "kept"): "The merge's own record of which was kept.",
    ("matching.merge", "merged"): "The merge's own record of which was merged.",
    ("access.restrictedrecord", "person"): "Restricted records are never merged (the action "
    "refuses), so an allow-list never silently covers a second record.",
}

# Blank details of the kept record that the merged record can fill.
FILLABLE = (
    "middle_names",
    "known_as",
    "date_of_birth",
    "nhs_number",
    "address",
    "postcode",
    "school",
    "school_urn",
    "gp_practice",
    "gp_practice_code",
)


@dataclass(frozen=True)
class PersonLink:
    model: type[models.Model]
    field: str

    @property
    def key(self) -> tuple[str, str]:
        return (self.model._meta.label_lower, self.field)


def person_links() -> Iterator[PersonLink]:
    """Every foreign key (and one-to-one) to Person in the project, hidden ones included."""
    for relation in Person._meta.get_fields(include_hidden=True):
        if relation.auto_created and not relation.concrete and relation.is_relation:
            field = relation.field  # type: ignore[union-attr]
            if not relation.many_to_many:
                yield PersonLink(field.model, field.name)


def links_to_move() -> list[PersonLink]:
    return [link for link in person_links() if link.key not in NOT_MOVED]


def move_rows(merged: Person, kept: Person) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Point every movable row at `kept`. Returns what moved (model, field, primary keys) and
    the rows set aside (serialised), for `restore_rows`."""
    moved: list[dict[str, Any]] = []
    set_aside: list[dict[str, Any]] = []
    for link in links_to_move():
        manager = link.model._default_manager
        pks = list(manager.filter(**{link.field: merged}).values_list("pk", flat=True))
        done = []
        for pk in pks:
            try:
                with transaction.atomic():
                    manager.filter(pk=pk).update(**{link.field: kept})
                done.append(str(pk))
            except IntegrityError:
                row = manager.get(pk=pk)
                set_aside.append(_serialise(row))
                row.delete()
        if done:
            moved.append({"model": link.model._meta.label_lower, "field": link.field, "pks": done})
    return moved, set_aside


def _serialise(row: models.Model) -> dict[str, Any]:
    """A row as JSON-safe text, every value exact (Django's JSON serialiser rounds times to the
    millisecond, and an undone merge must leave the row exactly as it was)."""
    fields = {}
    for field in row._meta.concrete_fields:
        value = getattr(row, field.attname)
        if hasattr(value, "isoformat"):
            value = value.isoformat()
        elif not isinstance(value, bool | int | str | dict | list | None):
            value = str(value)  # a UUID or a Decimal: its text is exact
        fields[field.attname] = value
    return {"model": row._meta.label_lower, "fields": fields}


def _restore(data: dict[str, Any]) -> None:
    model = apps.get_model(data["model"])
    values = {
        field.attname: field.to_python(data["fields"][field.attname])
        for field in model._meta.concrete_fields
    }
    model(**values).save(force_insert=True)


def restore_rows(
    merged: Person, kept: Person, moved: list[dict[str, Any]], set_aside: list[dict[str, Any]]
) -> None:
    """Undo `move_rows`: the moved rows point back at `merged`, the set-aside rows return."""
    for group in moved:
        model = apps.get_model(group["model"])
        model._default_manager.filter(pk__in=group["pks"], **{group["field"]: kept}).update(
            **{group["field"]: merged}
        )
    for data in set_aside:
        _restore(data)


def fill_blanks(merged: Person, kept: Person) -> dict[str, Any]:
    """Copy details the kept record lacks from the merged one. Returns the fields filled, with
    their JSON-safe values before (all blank), for undoing."""
    filled: dict[str, Any] = {}
    for name in FILLABLE:
        if not getattr(kept, name) and getattr(merged, name):
            filled[name] = None if name == "date_of_birth" else ""
            setattr(kept, name, getattr(merged, name))
    if filled:
        kept.save(update_fields=list(filled))
    return filled


def unfill(kept: Person, filled: dict[str, Any]) -> None:
    for name, before in filled.items():
        setattr(kept, name, before)
    if filled:
        kept.save(update_fields=list(filled))
