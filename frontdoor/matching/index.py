"""The search index: every person's search keys, stored in `matching.PersonKey`.

Derived data, like a database index, so it is not written through an action: there is no user
intention behind it and nothing to audit. Whatever writes a person's name, date of birth, NHS
number or postcode calls `index_people([person])` in the same transaction (today:
`matching.actions.create_person`; a merge or an import must do the same). `manage.py
index_people` rebuilds everything, or only the people without keys (`--missing`), so a key
scheme change or a bulk load is one command.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from django.db import connection, transaction

from frontdoor.matching.facts import Facts, facts
from frontdoor.matching.keys import index_keys
from frontdoor.matching.models import PersonKey
from frontdoor.people.models import Person

# The person columns matching reads, in this order, for `facts_from_row`.
PERSON_COLUMNS = (
    "id",
    "first_name",
    "middle_names",
    "last_name",
    "known_as",
    "date_of_birth",
    "expected_date_of_birth",
    "sex",
    "nhs_number",
    "postcode",
    "address",
)

Row = Sequence[Any]


def facts_from_row(row: Row) -> Facts:
    """Facts from a `values_list(*PERSON_COLUMNS)` row; the person's id goes in `ref`."""
    pk, first, middle, last, known_as, born, expected, sex, nhs, postcode, address = row
    return facts(
        first_name=first,
        middle_names=middle,
        last_name=last,
        known_as=known_as,
        born=born,
        expected=expected,
        sex=sex,
        nhs_number=nhs,
        postcode=postcode,
        address=address,
        ref=pk,
    )


def facts_for(person: Person) -> Facts:
    return facts_from_row([getattr(person, column) for column in PERSON_COLUMNS])


def index_people(people: Iterable[Person]) -> int:
    """File these people under their current keys, replacing any old ones. Returns the number
    of keys written."""
    people = list(people)
    if not people:
        return 0
    rows = [(key, person.pk) for person in people for key in index_keys(facts_for(person))]
    with transaction.atomic():
        PersonKey.objects.filter(person__in=[p.pk for p in people]).delete()
        PersonKey.objects.bulk_create(
            [PersonKey(key=key, person_id=pk) for key, pk in rows], batch_size=2000
        )
    return len(rows)


def _rows(people: Iterator[Row]) -> Iterator[tuple[str, Any]]:
    for row in people:
        for key in index_keys(facts_from_row(row)):
            yield key, row[0]


@contextmanager
def bulk_loading() -> Iterator[None]:
    """For a bulk load on SQLite, a page cache big enough to hold the indexes being filled
    (the default 2 MB makes every insert into a million-row index read from disk): about twice
    as fast. The connection's own setting comes back afterwards. PostgreSQL needs nothing."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        (before,) = cursor.fetchone()
        cursor.execute("PRAGMA cache_size = -262144")  # 256 MB, in KiB
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {int(before)}")


def rebuild(
    *,
    only_missing: bool = False,
    chunk: int = 20_000,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Recompute every person's keys (or only those of people with none). For a million people
    it streams them in chunks and writes with the database's bulk path (COPY on PostgreSQL),
    sorted by key so the index is filled in order. Returns the number of keys written."""
    with bulk_loading():
        return _rebuild(only_missing=only_missing, chunk=chunk, progress=progress)


def _rebuild(*, only_missing: bool, chunk: int, progress: Callable[[int], None] | None) -> int:
    people = Person.objects.order_by()
    if only_missing:
        people = people.exclude(pk__in=PersonKey.objects.values("person_id"))
    elif PersonKey.objects.exists():
        PersonKey.objects.all().delete()
    written = 0
    done = 0
    batch: list[Row] = []
    for row in people.values_list(*PERSON_COLUMNS).iterator(chunk_size=chunk):
        batch.append(row)
        if len(batch) >= chunk:
            written += _write(sorted(_rows(iter(batch))))
            done += len(batch)
            batch.clear()
            if progress:
                progress(done)
    if batch:
        written += _write(sorted(_rows(iter(batch))))
        done += len(batch)
        if progress:
            progress(done)
    return written


def _write(rows: list[tuple[str, Any]]) -> int:
    """Insert (key, person id) rows as fast as the database allows, in one transaction."""
    table = PersonKey._meta.db_table
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            buffer = io.StringIO("".join(f"{key}\t{pk}\n" for key, pk in rows))
            with cursor.cursor.copy(f"COPY {table} (key, person_id) FROM STDIN") as copy:
                copy.write(buffer.getvalue())
        else:
            # SQLite keeps UUIDs as 32 hex characters, as Django writes them.
            cursor.executemany(
                f"INSERT INTO {table} (key, person_id) VALUES (%s, %s)",  # noqa: S608
                [(key, pk.hex) for key, pk in rows],
            )
    return len(rows)


def keys_for(person: Person) -> set[str]:
    """The keys a person should be filed under, from their record as it is now."""
    return index_keys(facts_for(person))


def keys_of(person: Person) -> set[str]:
    """The keys a person is filed under in the table now."""
    return set(PersonKey.objects.filter(person=person).values_list("key", flat=True))
