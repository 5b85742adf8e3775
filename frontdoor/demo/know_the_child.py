"""Demo history from other systems, households that moved, and duplicates awaiting review.

Synthetic. Early help episodes and old social care records are imported through the real
import (frontdoor/history/actions.py) as rows like the documented sample files; three children
are given a second, misspelt record, and the real duplicate job files them for a manager.
"""

from __future__ import annotations

import random
from datetime import timedelta

from django.utils import timezone

from frontdoor.access.models import User
from frontdoor.history.actions import import_history
from frontdoor.history.models import ImportKind
from frontdoor.matching.actions import record_duplicate_pairs
from frontdoor.matching.duplicates import likely_duplicates
from frontdoor.matching.index import index_people, rebuild
from frontdoor.people.actions import record_household_move, set_up_household
from frontdoor.people.models import Person, Relationship, RelationshipKind

LEADS = [
    ("Joanne Pike", "Riverside Family Hub"),
    ("Sam Whitfield", "Oakfield Primary School"),
    ("Priya Nair", "Health visiting team"),
    ("Dan Ellis", "Youth Service"),
]
REASONS = [
    "Parenting support after a house move",
    "School attendance and emotional wellbeing",
    "Parental mental health",
    "Risk of exclusion from school",
]
OUTCOMES = ["Family plan completed: needs met", "Closed: family declined further support", ""]
LEGACY = [
    ("referral", "Domestic abuse incident notified by police", "Child and family assessment"),
    ("assessment", "Child and family assessment", "Child in need plan"),
    ("child_protection_plan", "Category of abuse: neglect (NEG)", "Plan ended: child in need"),
    ("period_in_care", "Section 20 voluntary accommodation", "Returned home to parents"),
]
MISSPELT = {"a": "e", "e": "a", "i": "y", "y": "i", "o": "u", "n": "nn", "l": "ll"}


def seed_know_the_child(users: dict[str, User], rng: random.Random) -> None:
    rebuild(only_missing=True)  # the demo's people are made directly: make them findable
    children = list(
        Person.objects.filter(
            pk__in=Relationship.objects.filter(kind=RelationshipKind.PARENT).values("person")
        ).order_by("created_at", "id")[:60]
    )
    screener = users["alice"]
    import_history(
        by=screener, kind=ImportKind.EARLY_HELP, rows=_early_help(children[:24], rng), source="demo"
    )
    import_history(
        by=screener, kind=ImportKind.LEGACY, rows=_legacy(children[24:36], rng), source="demo"
    )
    _households(screener, children[36:48], rng)
    _duplicates(children[48:51])
    record_duplicate_pairs(likely_duplicates())


def _identity(person: Person) -> dict[str, str]:
    return {
        "first_name": person.first_name,
        "last_name": person.last_name,
        "date_of_birth": person.date_of_birth.isoformat() if person.date_of_birth else "",
        "sex": person.sex,
        "postcode": person.postcode,
    }


def _early_help(children: list[Person], rng: random.Random) -> list[tuple[int, dict[str, str]]]:
    today = timezone.localdate()
    rows = []
    for number, child in enumerate(children, 2):
        start = today - timedelta(days=rng.randint(60, 1500))
        end = start + timedelta(days=rng.randint(60, 300))
        lead, organisation = rng.choice(LEADS)
        rows.append(
            (
                number,
                {
                    "source_system": "EHM",
                    "source_reference": f"EH-DEMO-{number:04d}",
                    **_identity(child),
                    "start_date": start.isoformat(),
                    "end_date": "" if end >= today or number % 4 == 0 else end.isoformat(),
                    "lead_professional": lead,
                    "organisation": organisation,
                    "reason": rng.choice(REASONS),
                    "outcome": "" if end >= today else rng.choice(OUTCOMES),
                },
            )
        )
    return rows


def _legacy(children: list[Person], rng: random.Random) -> list[tuple[int, dict[str, str]]]:
    today = timezone.localdate()
    rows = []
    for number, child in enumerate(children, 2):
        kind, detail, outcome = LEGACY[number % len(LEGACY)]
        born = child.date_of_birth or today - timedelta(days=3000)
        start = born + timedelta(days=rng.randint(30, max(31, (today - born).days - 30)))
        end = min(today, start + timedelta(days=rng.randint(20, 400)))
        rows.append(
            (
                number,
                {
                    "source_system": "CareFirst",
                    "source_reference": f"CF-DEMO-{number:04d}",
                    "record_type": kind,
                    **_identity(child),
                    "start_date": start.isoformat(),
                    "end_date": end.isoformat(),
                    "detail": detail,
                    "outcome": outcome,
                },
            )
        )
    return rows


def _households(by: User, children: list[Person], rng: random.Random) -> None:
    today = timezone.localdate()
    for child in children:
        first = today - timedelta(days=rng.randint(900, 2500))
        household = set_up_household(
            by=by,
            members=[child],
            address=f"{rng.randint(1, 90)} Mill Lane, Westbury",
            postcode="WX1 4AB",
            moved_in=first,
        )
        record_household_move(
            by=by,
            household=household,
            address=child.address or "9 Quay Street, Westbury",
            postcode=child.postcode or "WX1 5CD",
            moved_in=first + timedelta(days=rng.randint(200, 800)),
        )


def _duplicates(children: list[Person]) -> None:
    """A second record for each child, as another worker might have typed it."""
    made = []
    for child in children:
        first = child.first_name
        letter = next((c for c in first[1:] if c in MISSPELT), "")
        misspelt = first[0] + first[1:].replace(letter, MISSPELT[letter], 1) if letter else first
        made.append(
            Person.objects.create(
                first_name=misspelt,
                last_name=child.last_name,
                date_of_birth=child.date_of_birth,
                sex=child.sex,
                address=child.address,
                postcode=child.postcode,
                created_at=child.created_at + timedelta(days=40),
            )
        )
    index_people(made)
