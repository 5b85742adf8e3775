"""The management information benchmark's data: a profile's synthetic county (its persons, from
frontdoor/synthetic) and five years of front door work about its children, up to now.

- contacts (the profile's number, one for each child named), from every CIN census referral
  source, the police, schools and health most often;
- screening times (about one in seven late) and a manager's decision for every decided contact,
  with every outcome: no further action, information and advice, step-down to early help, and
  about a fifth accepted as referrals (assessment or strategy discussion), more of them for
  contacts from early help (step-up);
- a referral for each of those, about 22% of them children referred in the 12 months before
  (re-referrals), each with its allocation to an area team; recent ones are the workers'
  caseloads, older ones have an authorised assessment;
- contacts still open, most received in the last days, a few stuck for weeks (the backlog);
- decisions below the indicators, most not sampled, the rest awaiting, agreed or disagreed.

Bulk-written (model instances built as the ORM would, written by `frontdoor.bulk.insert_rows`
in batches; the persons through synthetic.load's row insert), from a fixed seed, once: a database
that already has contacts is left as it is. Persons get no search
keys: the dashboard does not search, and the keys would add minutes to the build.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.db import connection, transaction
from django.db.models import Model
from django.utils import timezone

from frontdoor.access.models import Role, User
from frontdoor.assessments.models import Assessment
from frontdoor.assessments.workflow import AssessmentStatus
from frontdoor.bulk.insert import insert_rows
from frontdoor.codelists.models import Code, CodeList
from frontdoor.contacts.actions.references import give_references
from frontdoor.contacts.models import Contact, Decision, FamilyContact
from frontdoor.contacts.workflow import OPEN_STATES, Outcome, Status
from frontdoor.guardrails.models import BelowIndicatorDecision
from frontdoor.guardrails.workflow import ReviewStatus
from frontdoor.people.models import Person
from frontdoor.referrals.models import Referral
from frontdoor.synthetic.generator import PROFILES, County, build_county
from frontdoor.synthetic.load import PERSON_FIELDS, _person_row
from frontdoor.teams.models import Team, TeamKind
from frontdoor.timescales.calendar import LONDON, add_working_days
from frontdoor.visits.models import Allocation
from frontdoor.visits.workflow import AllocationStatus

BATCH = 5000
YEARS = 5
SOURCES = {"6": 30, "2A": 16, "3A": 5, "3B": 4, "3E": 4, "3F": 3, "5D": 8, "1A": 6, "5A": 4}
OTHER_SOURCE_WEIGHT = 1
NOT_REFERRED = [Outcome.NO_FURTHER_ACTION, Outcome.INFORMATION_AND_ADVICE, Outcome.EARLY_HELP]
REFERRAL_SHARE = 0.19  # of families; 0.27 for contacts from early help (step-up)
RE_REFERRAL_SHARE = 0.22
TEAMS, WORKERS_PER_TEAM = 4, 12
CHILDREN_NAMED = [1, 1, 1, 2, 2, 3]  # in one family contact, at most the household's

Progress = Callable[[str], None]


def _quiet(message: str) -> None:
    pass


def manager() -> User:
    user, _ = User.objects.get_or_create(
        username="bench-manager", defaults={"role": Role.MANAGER, "first_name": "Bench"}
    )
    return user


def build(profile: str, *, seed: int = 11, progress: Progress = _quiet) -> dict[str, int]:
    """The profile's persons and front door work, built once. Returns rows written by kind."""
    stored = Person.objects.count()
    if stored not in (0, PROFILES[profile].persons):
        raise RuntimeError(
            f"This database has {stored} persons, not the {profile} profile's "
            f"{PROFILES[profile].persons} (an interrupted build?): drop it and run again."
        )
    with _sqlite_for_a_bulk_load():
        return _build(profile, stored, seed, progress)


@contextmanager
def _sqlite_for_a_bulk_load() -> Iterator[None]:
    """On SQLite, for the build only: a page cache big enough for the indexes being filled
    (random UUID keys touch pages all over each index; the default cache is 2 MB), and no
    sync on commit (a crash loses only benchmark data, which a rerun rebuilds: see the refusal
    above). Put back as the settings leave them before anything is timed."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size = -1048576")  # KiB: 1 GiB
        cursor.execute("PRAGMA synchronous = OFF")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA cache_size = -2000")  # SQLite's default
            cursor.execute("PRAGMA synchronous = NORMAL")  # config/settings.py


def _build(profile: str, stored: int, seed: int, progress: Progress) -> dict[str, int]:
    written: dict[str, int] = {}
    county: County | None = None
    if not stored:
        progress(f"Building the {profile} county's persons…")
        county = build_county(profile)
        written["persons"] = store_persons(county, random.Random(seed))
    if not Contact.objects.exists():
        county = county or build_county(profile)
        progress(f"Building {PROFILES[profile].contacts} contacts over {YEARS} years…")
        with transaction.atomic():  # all or nothing: an interrupted build leaves no contacts
            history = FrontDoorHistory(county, random.Random(seed + 1), timezone.now())
            written |= history.build(progress)
    return written


def store_persons(county: County, rng: random.Random) -> int:
    start = timezone.now() - timedelta(days=YEARS * 365)
    for at in range(0, len(county.records), BATCH):
        rows = [
            _person_row(r, start + timedelta(seconds=rng.randint(0, YEARS * 365 * 86400)))
            for r in county.records[at : at + BATCH]
        ]
        with transaction.atomic():
            insert_rows(Person, PERSON_FIELDS, rows)
    return len(county.records)


@dataclass
class _Batch:
    rows: dict[type[Model], list[Any]] = field(default_factory=dict)
    written: dict[str, int] = field(default_factory=dict)

    def add(self, row: Model) -> None:
        self.rows.setdefault(type(row), []).append(row)

    def flush(self) -> None:
        with transaction.atomic():
            for model, rows in self.rows.items():  # in insertion order: parents first
                if model is FamilyContact:
                    give_references(rows)
                _insert(model, rows)
                key = model._meta.model_name or ""
                self.written[key] = self.written.get(key, 0) + len(rows)
                rows.clear()


def _insert(model: type[Model], rows: list[Any]) -> None:
    """What `bulk_create` would write for these instances (each field's `pre_save`, as it
    does), through `insert_rows` (one executemany, each column's conversion remembered).
    Checked against bulk_create on `tiny` at a frozen time: every table the same row for row
    (but the ids of the users and teams each database makes for itself). With the SQLite cache
    below, the `county-ci` build's CPU went from 146 s to 54 s (docs/benchmarks.md)."""
    fields = model._meta.concrete_fields
    insert_rows(
        model,
        [f.attname for f in fields],
        ([f.pre_save(row, True) for f in fields] for row in rows),
    )


class FrontDoorHistory:
    """Contacts in time order, so that a re-referral can pick a child referred in the year
    before."""

    def __init__(
        self, county: County, rng: random.Random, now: datetime, *, years: int = YEARS
    ) -> None:
        self.rng, self.now, self.years = rng, now, years
        first: dict[int, uuid.UUID] = {}
        for record in county.records:
            first.setdefault(record.identity, record.id)
        self.homes = [
            [first[c] for c in h.children if c in first]
            for h in county.households
            if any(c in first for c in h.children)
        ]
        self.target = county.profile.contacts
        self.referred: list[tuple[datetime, list[uuid.UUID]]] = []  # (referral date, children)
        self.oldest_recent = 0
        self.working_days: dict[tuple[date, int], datetime] = {}
        self.batch = _Batch()

    def _due(self, start: datetime, days: int) -> datetime:
        """Working-day clocks, computed once for each London day."""
        key = (start.astimezone(LONDON).date(), days)
        if key not in self.working_days:
            self.working_days[key] = add_working_days(start, days)
        return self.working_days[key]

    def _cast(self) -> None:
        screener, _ = User.objects.get_or_create(
            username="bench-screener", defaults={"role": Role.SCREENER, "first_name": "Bench"}
        )
        self.screener, self.manager = screener, manager()
        self.second, _ = User.objects.get_or_create(
            username="bench-manager-2", defaults={"role": Role.MANAGER, "first_name": "Second"}
        )
        codes = {c.code: c for c in Code.objects.filter(code_list=CodeList.REFERRAL_SOURCE)}
        self.sources = list(codes.values())
        self.source_weights = [SOURCES.get(c, OTHER_SOURCE_WEIGHT) for c in codes]
        self.hubs = list(Team.objects.hubs())
        self.teams: list[tuple[Team, list[User]]] = []
        for t in range(TEAMS):
            team, _ = Team.objects.get_or_create(
                name=f"Bench area team {t + 1}",
                defaults={"kind": TeamKind.AREA, "order": t, "slug": f"bench-area-{t + 1}"},
            )
            workers = [
                User.objects.get_or_create(
                    username=f"bench-worker-{t + 1}-{w + 1}",
                    defaults={
                        "role": Role.AREA_WORKER,
                        "first_name": f"Worker {w + 1}",
                        "last_name": f"Team {t + 1}",
                    },
                )[0]
                for w in range(WORKERS_PER_TEAM)
            ]
            self.teams.append((team, workers))

    def build(self, progress: Progress) -> dict[str, int]:
        self._cast()
        span = self.years * 365 * 86400
        # Families in time order, as many as give about the profile's contacts (children named
        # a family: estimated from a sample of the same draw, with its own seed).
        sample = random.Random(0)
        mean = sum(
            min(len(sample.choice(self.homes)), sample.choice(CHILDREN_NAMED)) for _ in range(5000)
        )
        times = sorted(
            self.now - timedelta(seconds=self.rng.randint(60, span))
            for _ in range(round(self.target * 5000 / mean))
        )
        made = 0
        for received in times:
            made += self._family(received)
            if sum(len(r) for r in self.batch.rows.values()) >= BATCH:
                self.batch.flush()
        self.batch.flush()
        progress(f"  {made} contacts")
        return self.batch.written

    def _recent_child(self, received: datetime) -> list[uuid.UUID] | None:
        """A child referred in the 12 months before `received` (with siblings), or None."""
        while self.oldest_recent < len(self.referred) and self.referred[self.oldest_recent][
            0
        ] < received - timedelta(days=360):
            self.oldest_recent += 1
        if self.oldest_recent >= len(self.referred):
            return None
        return self.referred[self.rng.randrange(self.oldest_recent, len(self.referred))][1]

    def _family(self, received: datetime) -> int:
        rng = self.rng
        source = rng.choices(self.sources, self.source_weights)[0]
        share = REFERRAL_SHARE * (1.4 if source.code == "5D" else 1)
        referred = rng.random() < share
        again = self._recent_child(received) if rng.random() < RE_REFERRAL_SHARE else None
        home = again if referred and again else rng.choice(self.homes)
        named = rng.sample(home, min(len(home), rng.choice(CHILDREN_NAMED)))
        age = self.now - received
        status = Status.DECIDED
        if age < timedelta(days=1) and rng.random() < 0.7:
            status = rng.choice(sorted(OPEN_STATES))
        elif age < timedelta(days=21) and rng.random() < 0.08:
            status = rng.choice(sorted(OPEN_STATES - {Status.AWAITING_SCREENING}))
        late = rng.random() < 0.14
        screened = received + timedelta(
            minutes=rng.randint(250, 1800) if late else rng.randint(5, 239)
        )
        decided = screened + timedelta(
            minutes=rng.randint(30, 600) if rng.random() < 0.85 else rng.randint(600, 6000)
        )
        if status == Status.DECIDED and decided > self.now:
            status = Status.AWAITING_DECISION
        family = FamilyContact(
            id=uuid.UUID(int=rng.getrandbits(128), version=4),
            received_at=received,
            recorded_at=received,
            recorded_by=self.screener,
            referral_source=source,
            narrative="Synthetic benchmark contact.",
            family_knows="not_known",
            hub=rng.choice(self.hubs)
            if status in (Status.IN_HUB, Status.AWAITING_DECISION)
            else None,
        )
        self.batch.add(family)
        outcome = rng.choice(NOT_REFERRED)
        if referred:
            outcome = Outcome.ASSESSMENT if rng.random() < 0.75 else Outcome.STRATEGY_DISCUSSION
            if status == Status.DECIDED:
                self.referred.append((received, named))
        for position, person_id in enumerate(named):
            contact = Contact(
                id=uuid.UUID(int=rng.getrandbits(128), version=4),
                family=family,
                position=position,
                first_name=f"Child{position}",
                last_name="Synthetic",
                person_id=person_id,
                status=status,
                screening_due_at=received + timedelta(hours=4),
                decision_due_at=self._due(received, 1),
                screened_at=None if status == Status.AWAITING_SCREENING else screened,
                screened_by=None if status == Status.AWAITING_SCREENING else self.screener,
            )
            if contact.screened_at and contact.screened_at > self.now:
                contact.screened_at, contact.status = None, Status.AWAITING_SCREENING
            self.batch.add(contact)
            if status == Status.DECIDED:
                self._decision(contact, person_id, family, outcome, decided)
        return len(named)

    def _decision(
        self,
        contact: Contact,
        person_id: uuid.UUID,
        family: FamilyContact,
        outcome: str,
        decided: datetime,
    ) -> None:
        rng = self.rng
        social_work = outcome in Outcome.social_work_responses()
        team, workers = rng.choice(self.teams)
        decision = Decision(
            id=uuid.UUID(int=rng.getrandbits(128), version=4),
            contact=contact,
            outcome=outcome,
            rationale="Synthetic benchmark decision.",
            see_by=decided + timedelta(days=1) if social_work else None,
            see_by_team=team if social_work else None,
            decided_from=Status.AWAITING_DECISION,
            decided_by=self.manager,
            decided_at=decided,
        )
        self.batch.add(decision)
        if not social_work:
            if rng.random() < 0.06:
                self._below(contact, decision)
            return
        referral = Referral(
            id=uuid.UUID(int=rng.getrandbits(128), version=4),
            contact=contact,
            person_id=person_id,
            referral_source=family.referral_source,
            referral_date=family.received_at,
            decision_due_at=contact.decision_due_at,
            decided_at=decided,
            assessment_due_at=self._due(family.received_at, 45),
            created_at=decided,
        )
        self.batch.add(referral)
        age = self.now - decided
        allocated = age > timedelta(days=2) or rng.random() < 0.5
        seen = allocated and (age > timedelta(days=10) or rng.random() < 0.5)
        assert decision.see_by is not None
        self.batch.add(
            Allocation(
                id=uuid.UUID(int=rng.getrandbits(128), version=4),
                referral=referral,
                person_id=person_id,
                team=team,
                worker=rng.choice(workers) if allocated else None,
                status=(
                    AllocationStatus.SEEN
                    if seen
                    else AllocationStatus.ALLOCATED
                    if allocated
                    else AllocationStatus.AWAITING_ALLOCATION
                ),
                transferred_at=decided,
                see_by=decision.see_by,
                allocated_at=decided + timedelta(hours=4) if allocated else None,
                first_seen_at=decided + timedelta(hours=rng.randint(5, 60)) if seen else None,
            )
        )
        if age > timedelta(days=60):  # assessed and authorised: off the caseload
            authorised = decided + timedelta(days=rng.randint(20, 58))
            self.batch.add(
                Assessment(
                    id=uuid.UUID(int=rng.getrandbits(128), version=4),
                    referral=referral,
                    person_id=person_id,
                    status=AssessmentStatus.AUTHORISED,
                    started_at=decided,
                    due_at=referral.assessment_due_at,
                    submitted_at=authorised - timedelta(days=1),
                    authorised_at=authorised,
                    authorised_by=self.manager,
                )
            )

    def _below(self, contact: Contact, decision: Decision) -> None:
        rng = self.rng
        status = rng.choices(
            [
                ReviewStatus.NOT_SAMPLED,
                ReviewStatus.AWAITING,
                ReviewStatus.AGREED,
                ReviewStatus.DISAGREED,
            ],
            [70, 5, 20, 5],
        )[0]
        reviewed = status in (ReviewStatus.AGREED, ReviewStatus.DISAGREED)
        self.batch.add(
            BelowIndicatorDecision(
                id=uuid.UUID(int=rng.getrandbits(128), version=4),
                decision=decision,
                contact=contact,
                outcome=decision.outcome,
                suggested=Outcome.ASSESSMENT,
                decided_by=self.manager,
                decided_at=decision.decided_at,
                review_status=status,
                reviewed_by=self.second if reviewed else None,
                reviewed_at=decision.decided_at + timedelta(hours=6) if reviewed else None,
                review_reasons="Synthetic second review." if reviewed else "",
            )
        )
