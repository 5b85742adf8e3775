"""Police notifications in the demo: thirteen weeks of batches from the force, the latest week a
spike, with rows the force got wrong, children to match (some certain, some to review, some
never known), and a few quality ratings. Through the real import, at the moments it happened.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone

from frontdoor.access.models import User
from frontdoor.agencies.models import Agency, AgencyKind
from frontdoor.demo.seed import at
from frontdoor.matching.index import rebuild
from frontdoor.people.models import Person
from frontdoor.police.actions import import_batch, rate_quality
from frontdoor.police.models import Notification
from frontdoor.police.workflow import Kind, Source
from frontdoor.synthetic.generator import title
from frontdoor.synthetic.noise import nickname

TEAMS = ["North Response", "South Response", "Safeguarding Hub", "Night Patrol"]
OFFICERS = ["PC 4411 Dean", "PC 2190 Khan", "PC 3012 Ellis", "DC 1187 Osei", "PC 2750 Moss"]
NARRATIVES = [
    "Neighbour called police after hearing shouting and something breaking. The children were upstairs.",
    "Verbal argument after drinking; the victim says it has happened before. The children were asleep.",
    "The victim was pushed against a wall in front of the children. The alleged perpetrator left before police arrived.",
    "Repeated texts and threats after separation; the children are collected from school by the victim.",
]


def _families() -> list[tuple[list[Person], list[Person]]]:
    """Households (by address): adults and children, as the demo seeded them."""
    today = timezone.localdate()
    homes: dict[str, tuple[list[Person], list[Person]]] = {}
    for person in Person.objects.exclude(address="").order_by("address", "date_of_birth"):
        adults, children = homes.setdefault(person.address, ([], []))
        born = person.date_of_birth or today
        (children if (today - born).days < 18 * 365 else adults).append(person)
    return [(a, c) for a, c in homes.values() if a and c]


def _child(rng: random.Random, person: Person, noisy: bool) -> dict[str, Any]:
    first = person.first_name
    if noisy:
        # The name the police know the child by (a short form, never a name cut short: issue
        # 17), and no date of birth, so the match is for a person to review.
        first = title(nickname(rng, first) or first)
    born = person.date_of_birth.isoformat() if person.date_of_birth and not noisy else ""
    return {
        "first_name": first,
        "last_name": person.last_name,
        "date_of_birth": born,
        "sex": person.sex,
        "present": rng.choice(["yes", "no"]),
    }


def _incident(
    rng: random.Random, ref: str, family: tuple[list[Person], list[Person]], moment: datetime
) -> dict[str, Any]:
    adults, children = family
    hours_late = rng.choice([3, 8, 14, 20, 30, 52])
    incident = moment - timedelta(hours=hours_late + rng.randint(1, 6))
    tool = rng.choice(["dash", "dash", "dash", "dara", "none", "other"])
    row: dict[str, Any] = {
        "police_reference": ref,
        "incident_at": incident.isoformat(),
        "notified_at": (incident + timedelta(hours=hours_late)).isoformat(),
        "officer": rng.choice(OFFICERS),
        "team": rng.choice(TEAMS),
        "location": adults[0].address,
        "postcode": adults[0].postcode,
        "victim_first_name": adults[0].first_name,
        "victim_last_name": adults[0].last_name,
        "victim_relationship": "parent",
        "risk_tool": tool,
        "risk_level": "" if tool == "none" else rng.choice(["standard", "medium", "high"]),
        "marac": rng.choice(["yes", "no", "no"]),
        "narrative": rng.choice(NARRATIVES),
        "children": [_child(rng, c, rng.random() < 0.15) for c in children[:6]],
    }
    if len(adults) > 1:
        row["perpetrator_first_name"] = adults[1].first_name
        row["perpetrator_last_name"] = adults[1].last_name
    if rng.random() < 0.1:
        baby = timezone.localdate() - timedelta(days=rng.randint(20, 200))
        row["children"].append(
            {"first_name": "Baby", "last_name": adults[0].last_name, "date_of_birth": str(baby)}
        )
    return row


def _mistakes(moment: datetime) -> list[dict[str, Any]]:
    """Rows the force got wrong: each is reported by row and column, and the rest import."""
    return [
        {"police_reference": "WX/DEMO/BAD1", "incident_at": "yesterday", "risk_tool": "dash"},
        {"police_reference": "", "notified_at": moment.isoformat(), "risk_tool": "maybe"},
    ]


def seed_police(users: dict[str, User], rng: random.Random) -> None:
    force = Agency.objects.filter(kind=AgencyKind.POLICE).order_by("name").first()
    families = _families()
    if force is None or len(families) < 40:
        return
    rebuild(only_missing=True)  # the demo's people are made directly: make them findable
    importer = users["colin"]
    now = timezone.now()
    number = 0
    for weeks_ago in range(12, -1, -1):
        moment = now - timedelta(weeks=weeks_ago, hours=rng.randint(1, 8))
        count = 24 if weeks_ago == 0 else rng.randint(3, 7)
        rows = []
        for _ in range(count):
            number += 1
            rows.append(_incident(rng, f"WX/DEMO/{number:04d}", rng.choice(families), moment))
        if weeks_ago == 0:
            rows.extend(_mistakes(moment))
        with at(moment):
            import_batch(
                by=importer,
                force=force,
                rows=[(Kind.DOMESTIC_ABUSE, n, row) for n, row in enumerate(rows, 2)],
                source=Source.CSV,
                filename=f"wessex-police-{moment:%Y-%m-%d}.csv",
                kind=Kind.DOMESTIC_ABUSE,
            )
    _ratings(users["alice"], rng)


def _ratings(by: User, rng: random.Random) -> None:
    for notification in Notification.objects.order_by("received_at")[:30]:
        if notification.dash_absent or notification.late:
            issues = ["missing_dash"] if notification.dash_absent else []
            issues += ["late"] if notification.late else []
            if rng.random() < 0.3:
                issues.append("unclear_narrative")
            rate_quality(by=by, notification=notification, complete=False, issues=issues)
        else:
            rate_quality(by=by, notification=notification, complete=True)
