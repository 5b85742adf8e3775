"""Store a synthetic county: its person records, their hidden true identities, a history of
contacts about its children, and the search index.

Bulk inserts rather than the actions: a million people through `create_person` one by one would
take hours, and what a benchmark measures is reading them. Everything stored is exactly what the
generator made, so two loads of one profile are the same.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, time, timedelta
from typing import Any

from django.db import connection, transaction

from frontdoor.access.models import Role, User
from frontdoor.bulk.insert import insert_rows
from frontdoor.codelists.models import Code, CodeList
from frontdoor.contacts.actions.references import give_references
from frontdoor.contacts.models import Contact, FamilyContact
from frontdoor.contacts.workflow import Status
from frontdoor.matching import index
from frontdoor.people.models import Person
from frontdoor.rollups.tally import rebuild
from frontdoor.synthetic.generator import AS_OF, County, Record
from frontdoor.synthetic.models import TrueIdentity

BATCH = 5_000
LOADER = "synthetic-loader"

Progress = Callable[[str], None]


def _quiet(message: str) -> None:
    pass


def _created(rng: random.Random) -> datetime:
    day = AS_OF - timedelta(days=rng.randint(1, 5 * 365))
    return datetime.combine(day, time(9), tzinfo=UTC) + timedelta(minutes=rng.randint(0, 480))


PERSON_FIELDS = (
    "id",
    "first_name",
    "middle_names",
    "last_name",
    "known_as",
    "date_of_birth",
    "sex",
    "nhs_number",
    "postcode",
    "address",
    "created_at",
)


def _person_row(record: Record, created: datetime) -> tuple[Any, ...]:
    return (
        record.id,
        record.first_name,
        record.middle_names,
        record.last_name,
        record.known_as,
        record.date_of_birth,
        record.sex,
        record.nhs_number,
        record.postcode,
        record.address,
        created,
    )


def _batches(items: list[Record]) -> Iterator[list[Record]]:
    for start in range(0, len(items), BATCH):
        yield items[start : start + BATCH]


def load(
    county: County, *, with_contacts: bool = True, progress: Progress = _quiet
) -> dict[str, int]:
    """Store the county in an empty database (refuses one that already has people).
    `with_contacts=False` leaves out the contact history (person search does not read it)."""
    if Person.objects.exists():
        raise RuntimeError("This database already has people: load a county into an empty one.")
    with index.bulk_loading():
        return _load(county, with_contacts=with_contacts, progress=progress)


def _load(county: County, *, with_contacts: bool, progress: Progress) -> dict[str, int]:
    rng = random.Random(county.profile.seed + 2)
    loaded = 0
    for batch in _batches(county.records):
        with transaction.atomic():
            insert_rows(Person, PERSON_FIELDS, [_person_row(r, _created(rng)) for r in batch])
            insert_rows(
                TrueIdentity,
                ("person_id", "identity", "profile"),
                [(r.id, r.identity, county.profile.name) for r in batch],
            )
        loaded += len(batch)
        if loaded % 100_000 < BATCH:
            progress(f"  {loaded} people")
    contacts = _contacts(county, rng, progress) if with_contacts else 0
    progress("  search index…")
    keys = index.rebuild(progress=lambda done: None)
    _analyse()
    return {"persons": loaded, "contacts": contacts, "keys": keys}


def _analyse() -> None:
    """Fresh planner statistics (and, on PostgreSQL, the visibility map that lets a key lookup
    read the index alone), as a nightly maintenance job would leave them."""
    # VACUUM cannot run inside a transaction (a test's, say); ANALYZE alone can.
    vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if vacuum else "ANALYZE")


def _contacts(county: County, rng: random.Random, progress: Progress) -> int:
    """Past contacts about the county's children, decided long ago, each child linked to their
    first person record. Spread over five years."""
    loader, _ = User.objects.get_or_create(
        username=LOADER, defaults={"role": Role.CONTACT_OFFICER, "is_active": False}
    )
    source = Code.objects.get(code_list=CodeList.REFERRAL_SOURCE, code="6")
    first_record: dict[int, Record] = {}
    for record in county.records:
        first_record.setdefault(record.identity, record)
    homes = [h for h in county.households if any(c in first_record for c in h.children)]
    made = 0
    families: list[FamilyContact] = []
    children: list[Contact] = []
    while made < county.profile.contacts and homes:
        home = rng.choice(homes)
        received = _created(rng)
        family = FamilyContact(
            id=uuid.UUID(int=rng.getrandbits(128), version=4),
            received_at=received,
            recorded_at=received,
            recorded_by=loader,
            referral_source=source,
            narrative="Synthetic contact.",
            family_knows="not_known",
        )
        families.append(family)
        named = [c for c in home.children if c in first_record]
        for position, number in enumerate(rng.sample(named, rng.randint(1, len(named)))):
            record = first_record[number]
            children.append(
                Contact(
                    id=uuid.UUID(int=rng.getrandbits(128), version=4),
                    family=family,
                    position=position,
                    first_name=record.first_name,
                    last_name=record.last_name,
                    date_of_birth=record.date_of_birth,
                    sex=record.sex,
                    postcode=record.postcode,
                    person_id=record.id,
                    status=Status.DECIDED,
                    screening_due_at=received + timedelta(hours=4),
                    decision_due_at=received + timedelta(days=1),
                )
            )
            made += 1
        if len(children) >= BATCH:
            _flush(families, children)
    _flush(families, children)
    progress(f"  {made} contacts")
    # Written straight to the tables: the management information's rollups from the rows.
    rebuild()
    return made


def _flush(families: list[FamilyContact], children: list[Contact]) -> None:
    with transaction.atomic():
        give_references(families)
        FamilyContact.objects.bulk_create(families)
        Contact.objects.bulk_create(children)
    families.clear()
    children.clear()
