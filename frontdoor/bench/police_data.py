"""Synthetic police notifications for the import benchmark, drawn from a synthetic county.

Domestic abuse incidents come from the county's households: the victim and alleged perpetrator
are its adults, the children its children, so brothers and sisters arrive together. Names and
dates of birth carry the noise police systems add (typos, nicknames, a swapped or missing date
of birth), and some children are ones the council has never recorded. Each row carries the
true identities of its children (`truth`), never sent, so link precision can be measured.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from frontdoor.synthetic import noise
from frontdoor.synthetic.generator import County, Household, Identity, title

MISSING_SHARE = 0.1
NEW_BABY_SHARE = 0.1
UNKNOWN = -1
BABY_NAMES = ["Nova", "Ezra", "Ivy", "Arlo", "Luna", "Otis", "Maeve", "Rafe"]


@dataclass(frozen=True)
class BenchRow:
    kind: str
    raw: dict[str, Any]
    truth: tuple[int, ...]  # the children's true identities, in order


def _child(rng: random.Random, who: Identity, present: bool) -> dict[str, Any]:
    first, last, born = who.first_name, who.last_name, who.date_of_birth
    roll = rng.random()
    if roll < 0.1 and (short := noise.nickname(rng, first)):
        first = title(short)
    elif roll < 0.2:
        first = noise.typo(rng, first)
    if rng.random() < 0.05:
        last = noise.typo(rng, last)
    roll = rng.random()
    born_text = born.isoformat()
    if roll < 0.05 and (swapped := noise.swap_day_month(born)):
        born_text = swapped.isoformat()
    elif roll < 0.1:
        born_text = ""
    return {
        "first_name": first,
        "last_name": last,
        "date_of_birth": born_text,
        "sex": who.sex,
        "present": "yes" if present else "no",
    }


def _when(rng: random.Random, now: datetime) -> tuple[str, str]:
    incident = now - timedelta(days=rng.randint(4, 80), minutes=rng.randint(0, 1440))
    lag = timedelta(hours=rng.choice([2, 6, 12, 20, 30, 50, 75]))
    return incident.isoformat(), (incident + lag).isoformat()


def _domestic_abuse(
    rng: random.Random, ref: str, home: Household, people: dict[int, Identity], now: datetime
) -> BenchRow:
    adults = [people[n] for n in home.adults]
    children = [people[n] for n in home.children][:6]
    incident, notified = _when(rng, now)
    tool = rng.choice(["dash", "dash", "dara", "none", "other"])
    row: dict[str, Any] = {
        "police_reference": ref,
        "incident_at": incident,
        "notified_at": notified,
        "officer": f"PC {rng.randint(1000, 1400)}",
        "team": rng.choice(["North Response", "South Response", "East Response", "Safeguarding"]),
        "location": home.address,
        "postcode": home.postcode,
        "victim_first_name": adults[0].first_name,
        "victim_last_name": adults[0].last_name,
        "victim_relationship": "parent",
        "risk_tool": tool,
        "risk_level": "" if tool == "none" else rng.choice(["standard", "medium", "high"]),
        "marac": rng.choice(["yes", "no", "no"]),
        "narrative": "Police called to a domestic incident; children in the household.",
        "children": [_child(rng, who, rng.random() < 0.5) for who in children],
    }
    truth = [who.number for who in children]
    if rng.random() < NEW_BABY_SHARE and len(children) < 6:
        # A baby the council has never recorded: no record is the right answer.
        born = (now - timedelta(days=rng.randint(10, 300))).date().isoformat()
        baby = {"first_name": rng.choice(BABY_NAMES), "last_name": adults[0].last_name}
        row["children"].append({**baby, "date_of_birth": born, "sex": "U", "present": "yes"})
        truth.append(UNKNOWN)
    if len(adults) > 1:
        row["perpetrator_first_name"] = adults[1].first_name
        row["perpetrator_last_name"] = adults[1].last_name
    return BenchRow("domestic_abuse", row, tuple(truth))


def _missing(
    rng: random.Random, ref: str, home: Household, people: dict[int, Identity], now: datetime
) -> BenchRow:
    who = people[rng.choice(home.children)]
    child = _child(rng, who, True)
    reported, notified = _when(rng, now)
    row = {
        "police_reference": ref,
        "child_first_name": child["first_name"],
        "child_last_name": child["last_name"],
        "child_date_of_birth": child["date_of_birth"],
        "child_sex": who.sex,
        "postcode": home.postcode,
        "reported_missing_at": reported,
        "notified_at": notified,
        "risk_grade": rng.choice(["low", "medium", "high"]),
        "narrative": "Did not return home.",
    }
    return BenchRow("missing_person", row, (who.number,))


def notifications(county: County, count: int, *, run: str, now: datetime) -> list[BenchRow]:
    """`count` notifications with references unique to `run` (so every run imports new ones)."""
    rng = random.Random(f"{county.profile.seed}:{run}")
    people = {who.number: who for who in county.identities}
    homes = [h for h in county.households if h.children and h.adults]
    rows = []
    for number in range(count):
        home = rng.choice(homes)
        ref = f"BENCH/{run}/{number:05d}"
        make = _missing if rng.random() < MISSING_SHARE else _domestic_abuse
        rows.append(make(rng, ref, home, people, now))
    return rows
