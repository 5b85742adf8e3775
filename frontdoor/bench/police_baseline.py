"""The naive baseline for the police import benchmark: what a first attempt looks like.

One row at a time, each in its own transaction (a commit per row): look the reference up,
match each child with the same matcher, record the contact through `receive_contact` (an ORM
`save()` per record and an audit event per child), link each confident match with `link_child`,
and save the notification and its children one by one. The same checks and the same matching
as the real import, so the difference measured is the writing.
"""

from __future__ import annotations

import uuid
from collections import Counter
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from frontdoor.contacts.actions import (
    AdultDetails,
    ChildDetails,
    ContactDetails,
    link_child,
    receive_contact,
)
from frontdoor.matching.index import PERSON_COLUMNS, facts_from_row
from frontdoor.matching.keys import search_keys
from frontdoor.matching.models import PersonKey
from frontdoor.matching.queries import BROAD_KEY_CAP
from frontdoor.people.models import Person, RelationshipKind
from frontdoor.police.actions.build import Receipt, notification_fields, open_missing_episode
from frontdoor.police.matching import (
    SCORED,
    ChildMatch,
    child_facts,
    decide,
    match_child,
)
from frontdoor.police.models import Batch, Notification, NotificationChild
from frontdoor.police.parsing import Named, Row, parse_row
from frontdoor.police.workflow import Kind, MatchStatus, Source

if TYPE_CHECKING:
    from frontdoor.access.models import User
    from frontdoor.agencies.models import Agency
    from frontdoor.bench.police_data import BenchRow


def _adult(person: Named, kind: str, children: int) -> AdultDetails:
    return AdultDetails(
        first_name=person.first_name,
        last_name=person.last_name,
        date_of_birth=person.date_of_birth,
        relationships=dict.fromkeys(range(children), kind),
    )


def _details(row: Row, receipt: Receipt) -> ContactDetails:
    adults = []
    if row.victim is not None:
        adults.append(_adult(row.victim, row.victim_relationship, len(row.children)))
    if row.perpetrator is not None:
        perpetrator = RelationshipKind.ALLEGED_PERPETRATOR
        adults.append(_adult(row.perpetrator, perpetrator, len(row.children)))
    return ContactDetails(
        received_at=receipt.received_at,
        referral_source=receipt.police_source,
        narrative=row.narrative,
        family_knows="not_known",
        children=[
            ChildDetails(c.first_name, c.last_name, c.sex, c.date_of_birth, postcode=row.postcode)
            for c in row.children
        ],
        incident_date=row.incident_at.date(),
        concern_categories=[receipt.concerns[row.kind]],
        adults=adults,
    )


def naive_match(child: Named, postcode: str) -> ChildMatch:
    """One child matched the plain way, to check the import's batched matcher against: each key
    looked up on its own through the ORM (a broad key capped as person search caps it), every
    person counted by the keys that found them, the likeliest read one at a time and scored."""
    query = child_facts(child, postcode)
    keys = search_keys(query)
    hits: Counter[uuid.UUID] = Counter()
    for key in keys.selective:
        hits.update(PersonKey.objects.filter(key=key).values_list("person_id", flat=True))
    for key in keys.broad:
        found = PersonKey.objects.filter(key=key).values_list("person_id", flat=True)
        hits.update(found[:BROAD_KEY_CAP])
    likeliest = sorted(hits.items(), key=lambda item: (-item[1], item[0]))[:SCORED]
    rows = [
        Person.objects.filter(pk=person).values_list(*PERSON_COLUMNS).get()
        for person, _ in likeliest
    ]
    return decide(query, [facts_from_row(row) for row in rows])


def naive_import(by: User, force: Agency, rows: list[BenchRow]) -> None:
    receipt = Receipt.starting(timezone.now())
    batch = Batch.objects.create(
        agency=force, source=Source.API, received_at=receipt.received_at, received_by=by
    )
    for item in rows:
        row = parse_row(item.kind, item.raw, now=receipt.received_at)
        if not isinstance(row, Row):
            continue
        with transaction.atomic():
            if Notification.objects.filter(agency=force, reference=row.reference).exists():
                continue
            matches = [match_child(child, row.postcode) for child in row.children]
            episode = None
            if row.kind == Kind.MISSING_PERSON:
                episode = open_missing_episode(by, force, row, matches[0])
            family = receive_contact(by=by, details=_details(row, receipt))
            notification = Notification(
                agency=force,
                kind=row.kind,
                reference=row.reference,
                first_batch=batch,
                received_at=receipt.received_at,
                family=family,
                episode_id=episode,
                screening_due_at=receipt.screening_due_at,
                **notification_fields(row, receipt.received_at, receipt),
            )
            notification.save()
            for contact, child, match in zip(
                family.contacts.all(), row.children, matches, strict=True
            ):
                if match.status == MatchStatus.AUTO_LINKED and match.person_id is not None:
                    link_child(
                        by=by, contact=contact, person=Person.objects.get(pk=match.person_id)
                    )
                NotificationChild(
                    notification=notification,
                    contact=contact,
                    position=contact.position,
                    first_name=child.first_name,
                    last_name=child.last_name,
                    date_of_birth=child.date_of_birth,
                    sex=child.sex,
                    present=child.present,
                    match_status=match.status,
                    candidates=match.candidates,
                ).save()
