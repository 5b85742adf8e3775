"""The check behind `audit.timeline.PEOPLE_KEYS`: every event the tests write names another
person only under a key declared for its verb (conftest.py runs it after every database test).
An undeclared key would let the timeline show a restricted person's details to a reader who may
not open them (frontdoor/access/timeline.py)."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from frontdoor.audit.models import Event
from frontdoor.audit.timeline import PEOPLE_KEYS


def _ids(value: Any) -> list[str]:
    values = value if isinstance(value, list) else [value]
    found = []
    for v in values:
        if isinstance(v, str) and len(v) == 36:
            try:
                found.append(str(uuid.UUID(v)))
            except ValueError:
                continue
    return found


def undeclared_people_keys(
    events: Iterable[tuple[str, Any, Any]] | None = None,
) -> list[tuple[str, str]]:
    """(verb, key) of each event data key that holds a person's id (other than the event's own
    child) without being declared in PEOPLE_KEYS: of `events` as (verb, person id, data), or of
    every event written. Two queries, whatever the number of events."""
    from frontdoor.people.models import Person

    if events is None:
        events = Event.objects.values_list("verb", "person_id", "data").iterator()
    candidates: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for verb, own, data in events:
        if not isinstance(data, dict):
            continue
        declared = PEOPLE_KEYS.get(verb, ())
        for key, value in data.items():
            if key in declared:
                continue
            for pk in _ids(value):
                if pk != str(own):
                    candidates[pk].add((verb, key))
    if not candidates:
        return []
    people = Person._base_manager.filter(pk__in=list(candidates)).values_list("pk", flat=True)
    return sorted({found for pk in people for found in candidates[str(pk)]})
