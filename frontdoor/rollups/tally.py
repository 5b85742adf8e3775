"""What each contact counts for, and the month-by-month sums the management information reads.

One definition (`_tallies`) says what a contact counts for, from its rows as they are now. It is
used twice, so the two can never disagree:

- `refresh(contact_ids)`, inside the action's own transaction: each contact's tally is worked
  out again, compared with the one kept (`ContactTally`), and only the difference is added to
  the month's sums (`FrontDoorMonth`) with an upsert that adds (INSERT ... ON CONFLICT DO UPDATE SET
  n = n + excluded.n), so two writers at once both count, on SQLite and PostgreSQL alike. It
  runs for every audit event (`on_events`, frontdoor/audit/signals.py): every change to a
  contact, its family contact, its decision or its referral is audited, so none is missed, and
  an action written tomorrow needs no call of its own.
- `rebuild()`: every tally from the rows, then every month's sums from the tallies (GROUP BY in SQL)
  (`manage.py rebuild_rollups`, the data migration, the demo and the benchmarks).

A re-referral depends on the same child's other referrals, so a refresh takes in every contact
whose referral is about the same person, before and after (a merge moves referrals).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, fields
from datetime import date, datetime, timedelta
from typing import Any
from uuid import UUID

from django.db import connection, transaction
from django.db.models import Count, Exists, Field, Model, OuterRef, Q, QuerySet

from frontdoor.assessments.workflow import AssessmentStatus
from frontdoor.contacts.models import Contact
from frontdoor.contacts.workflow import Outcome
from frontdoor.figures.shifted import Shifted
from frontdoor.referrals.models import Referral
from frontdoor.rollups.models import COUNTERS, Caseload, ContactTally, FrontDoorMonth
from frontdoor.timescales.calendar import LONDON

SCREENING_HOURS = 4
RE_REFERRAL_DAYS = 365
SOCIAL_WORK = Outcome.social_work_responses()
CHUNK = 500


def earlier_referral(outer: str = "") -> Exists:
    """An earlier referral of the same child in the 12 months (365 days) before this one."""
    return Exists(
        Referral.objects.filter(
            person_id=OuterRef(f"{outer}person_id"),
            referral_date__lt=OuterRef(f"{outer}referral_date"),
            referral_date__gte=Shifted(
                OuterRef(f"{outer}referral_date"), -timedelta(days=RE_REFERRAL_DAYS)
            ),
        )
    )


@dataclass(frozen=True)
class Tally:
    person_id: UUID | None
    source_id: int
    received_on: date
    screened_in_time: bool
    referred: bool
    decided_on: date | None
    decided_in_time: bool
    stepped_down: bool
    social_work: bool
    referral_on: date | None
    re_referral: bool
    team_id: UUID | None
    worker_id: int | None
    on_caseload: bool
    not_seen: bool

    @classmethod
    def of(cls, row: ContactTally) -> Tally:
        return cls(**{f.name: getattr(row, f.name) for f in fields(cls)})

    def columns(self) -> dict[str, Any]:
        """The tally as `ContactTally` columns. Every value is immutable (ids, dates, flags), so
        a shallow copy: `dataclasses.asdict` deep-copies each one, and a police import refreshes
        thousands of contacts at once (docs/benchmarks.md)."""
        return dict(vars(self))

    def counts(self) -> Iterator[tuple[date, int, str, int]]:
        """(month, source, counter, 1 or 0): what this contact adds to each month's sums."""
        source = self.source_id
        received = _month(self.received_on)
        yield received, source, "contacts", 1
        yield received, source, "screened_in_time", int(self.screened_in_time)
        yield received, source, "referred", int(self.referred)
        if self.decided_on is not None:
            decided = _month(self.decided_on)
            yield decided, source, "decisions", 1
            yield decided, source, "decided_in_time", int(self.decided_in_time)
            yield decided, source, "stepped_down", int(self.stepped_down)
            yield decided, source, "social_work", int(self.social_work)
        if self.referral_on is not None:
            dated = _month(self.referral_on)
            yield dated, source, "referrals", 1
            yield dated, source, "re_referrals", int(self.re_referral)

    def caseload(self) -> Iterator[tuple[UUID, int, str, int]]:
        """(team, worker, counter, 1 or 0): what this contact adds to a worker's caseload."""
        if self.on_caseload and self.team_id is not None and self.worker_id is not None:
            yield self.team_id, self.worker_id, "children", 1
            yield self.team_id, self.worker_id, "not_seen", int(self.not_seen)


def _day(moment: datetime) -> date:
    return moment.astimezone(LONDON).date()


def _month(day: date) -> date:
    """The London calendar month of a London day, as its first day."""
    return day.replace(day=1)


COLUMNS = (
    "pk",
    "family__referral_source_id",
    "family__received_at",
    "screened_at",
    "decision_due_at",
    "decision__decided_at",
    "decision__outcome",
    "referral__person_id",
    "referral__referral_date",
    "again",
    "referral__allocation__team_id",
    "referral__allocation__worker_id",
    "referral__allocation__first_seen_at",
    "referral__assessment__status",
)


def _tallies(contacts: QuerySet[Contact]) -> Iterator[tuple[UUID, Tally]]:
    """Each contact's tally, from its rows as they are now: the one definition."""
    rows = (
        contacts.annotate(again=earlier_referral("referral__"))
        .order_by()
        .values_list(*COLUMNS)
        .iterator(chunk_size=2000)
    )
    hours = timedelta(hours=SCREENING_HOURS)
    for row in rows:
        pk, source, received, screened, due, decided, outcome, person, dated, again = row[:10]
        team, worker, seen, assessment = row[10:]
        yield (
            pk,
            Tally(
                person_id=person,
                source_id=source,
                received_on=_day(received),
                screened_in_time=screened is not None and screened <= received + hours,
                referred=dated is not None,
                decided_on=_day(decided) if decided else None,
                decided_in_time=decided is not None and decided <= due,
                stepped_down=outcome == Outcome.EARLY_HELP,
                social_work=outcome in SOCIAL_WORK,
                referral_on=_day(dated) if dated else None,
                re_referral=bool(dated and again),
                team_id=team,
                worker_id=worker,
                on_caseload=worker is not None and assessment != AssessmentStatus.AUTHORISED,
                not_seen=seen is None,
            ),
        )


# --- Kept as it happens ------------------------------------------------------------------------


def on_events(sender: Any, events: list[Any], **kwargs: Any) -> None:
    """The audit trail's signal: refresh every contact the events are about (all the children of
    a family contact named, every contact of a person named on their own)."""
    contacts = {e.contact_id for e in events if e.contact_id}
    families = {e.family_contact_id for e in events if e.family_contact_id}
    persons = {
        e.person_id for e in events if e.person_id and not (e.contact_id or e.family_contact_id)
    }
    for chunk in _chunks(sorted(families)):
        contacts |= set(Contact.objects.filter(family_id__in=chunk).values_list("pk", flat=True))
    for chunk in _chunks(sorted(persons)):
        contacts |= set(Contact.objects.filter(person_id__in=chunk).values_list("pk", flat=True))
        contacts |= set(
            Referral.objects.filter(person_id__in=chunk).values_list("contact_id", flat=True)
        )
    refresh(contacts)


def _chunks(items: list[UUID]) -> Iterator[list[UUID]]:
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


def _with_same_child(ids: set[UUID]) -> set[UUID]:
    """The contacts and every contact whose referral is (or was, by the tally kept) about the
    same child: their re-referral may change with these."""
    persons: set[UUID] = set()
    for chunk in _chunks(sorted(ids)):
        persons |= set(
            Referral.objects.filter(contact_id__in=chunk).values_list("person_id", flat=True)
        )
        kept = ContactTally.objects.filter(contact_id__in=chunk, person_id__isnull=False)
        persons |= {pk for pk in kept.values_list("person_id", flat=True) if pk}
    found = set(ids)
    for chunk in _chunks(sorted(persons)):
        found |= set(
            Referral.objects.filter(person_id__in=chunk).values_list("contact_id", flat=True)
        )
        found |= set(
            ContactTally.objects.filter(person_id__in=chunk).values_list("contact_id", flat=True)
        )
    return found


def refresh(contact_ids: Iterable[UUID]) -> None:
    """Bring these contacts' tallies, and the month sums, up to date with their rows. In the
    caller's transaction (or its own)."""
    ids = set(contact_ids)
    if not ids:
        return
    with transaction.atomic():
        ordered = sorted(_with_same_child(ids))
        deltas: Counter[tuple[date, int, str]] = Counter()
        caseloads: Counter[tuple[UUID, int, str]] = Counter()
        gone: list[UUID] = []
        new: list[ContactTally] = []
        for chunk in _chunks(ordered):
            # Locked first, in one order (no deadlock); the rows are read after, so a writer
            # that held the lock is seen (PostgreSQL reads each statement afresh).
            kept = {
                row.contact_id: Tally.of(row)
                for row in ContactTally.objects.select_for_update()
                .filter(contact_id__in=chunk)
                .order_by("contact_id")
            }
            now = dict(_tallies(Contact.objects.filter(pk__in=chunk)))
            for pk in chunk:
                before, after = kept.get(pk), now.get(pk)
                if before == after:
                    continue
                if before is not None:
                    gone.append(pk)
                    _count(before, -1, deltas, caseloads)
                if after is not None:
                    new.append(ContactTally(contact_id=pk, **after.columns()))
                    _count(after, 1, deltas, caseloads)
        for chunk in _chunks(gone):
            ContactTally.objects.filter(contact_id__in=chunk).delete()
        ContactTally.objects.bulk_create(new, batch_size=CHUNK)
        _add(deltas)
        _add(caseloads, Caseload, ("team_id", "worker_id"), ("children", "not_seen"))


def _count(
    tally: Tally,
    sign: int,
    deltas: Counter[tuple[date, int, str]],
    caseloads: Counter[tuple[UUID, int, str]],
) -> None:
    for day, source, counter, n in tally.counts():
        deltas[(day, source, counter)] += sign * n
    for team, worker, counter, n in tally.caseload():
        caseloads[(team, worker, counter)] += sign * n


def _add(
    deltas: Counter[tuple[Any, int, str]],
    model: type[Model] = FrontDoorMonth,
    keys: tuple[str, str] = ("month", "source_id"),
    counters: tuple[str, ...] = COUNTERS,
) -> None:
    """Add the differences to the sums: one upsert that adds, whoever else is adding."""
    days: dict[tuple[Any, int], dict[str, int]] = {}
    for (first, second, counter), n in deltas.items():
        if n:
            days.setdefault((first, second), dict.fromkeys(counters, 0))[counter] += n
    if not days:
        return
    table = connection.ops.quote_name(model._meta.db_table)
    columns = (*keys, *counters)
    fields = [f for k in keys if isinstance(f := model._meta.get_field(k), Field)]
    added = ", ".join(f"{c} = {table}.{c} + excluded.{c}" for c in counters)
    rows = sorted(days.items())  # one order for every writer: no deadlock
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 100):
            batch = rows[start : start + 100]
            values = ", ".join(["(" + ", ".join(["%s"] * len(columns)) + ")"] * len(batch))
            params: list[Any] = []
            for key, counts in batch:
                params += [
                    f.get_db_prep_value(v, connection) for f, v in zip(fields, key, strict=True)
                ]
                params += [counts[c] for c in counters]
            cursor.execute(
                # Only our own column names and placeholders: every value is a parameter.
                f"INSERT INTO {table} ({', '.join(columns)}) VALUES {values} "  # noqa: S608
                f"ON CONFLICT ({', '.join(keys)}) DO UPDATE SET {added}",
                params,
            )


# --- Rebuilt from the rows ---------------------------------------------------------------------


def _month_sums() -> dict[tuple[date, int], dict[str, int]]:
    """Every month's sums from the tallies kept: GROUP BYs by day in SQL, folded into months."""
    yes = {c: Count("pk", filter=Q(**{c: True})) for c in COUNTERS if hasattr(ContactTally, c)}
    groups = [
        ("received_on", {"contacts": Count("pk")}, ("screened_in_time", "referred")),
        (
            "decided_on",
            {"decisions": Count("pk")},
            ("decided_in_time", "stepped_down", "social_work"),
        ),
        ("referral_on", {"referrals": Count("pk")}, ()),
    ]
    days: dict[tuple[date, int], dict[str, int]] = {}
    for field, total, flags in groups:
        counts = {**total, **{f: yes[f] for f in flags}}
        if field == "referral_on":
            counts["re_referrals"] = Count("pk", filter=Q(re_referral=True))
        found = (
            ContactTally.objects.filter(**{f"{field}__isnull": False})
            .values(field, "source_id")
            .annotate(**counts)
            .order_by()
        )
        for row in found:
            key = (_month(row[field]), row["source_id"])
            sums = days.setdefault(key, dict.fromkeys(COUNTERS, 0))
            for name in counts:
                sums[name] += row[name]
    return days


def build_if_missing(using: str = "default", **_: Any) -> None:
    """post_migrate: the rollups of the contacts already stored, when there are contacts and no
    rollups (a database upgraded from before them). From then on the actions keep them."""
    if using != connection.alias:
        return
    if ContactTally.objects.exists() or not Contact.objects.exists():
        return
    rebuild()


def rebuild() -> dict[str, int]:
    """Every tally from the rows, then every month's sums from the tallies, in one transaction:
    the page reads the old figures until the new ones are committed."""
    with transaction.atomic():
        ContactTally.objects.all().delete()
        FrontDoorMonth.objects.all().delete()
        Caseload.objects.all().delete()
        batch: list[ContactTally] = []
        written = 0
        for pk, tally in _tallies(Contact.objects.all()):
            batch.append(ContactTally(contact_id=pk, **tally.columns()))
            if len(batch) >= 5000:
                ContactTally.objects.bulk_create(batch)
                written += len(batch)
                batch = []
        ContactTally.objects.bulk_create(batch)
        written += len(batch)
        days = _month_sums()
        FrontDoorMonth.objects.bulk_create(
            [
                FrontDoorMonth(month=day, source_id=source, **sums)
                for (day, source), sums in days.items()
            ],
            batch_size=1000,
        )
        caseloads = (
            ContactTally.objects.filter(on_caseload=True)
            .values("team_id", "worker_id")
            .annotate(children=Count("pk"), not_seen=Count("pk", filter=Q(not_seen=True)))
            .order_by()
        )
        Caseload.objects.bulk_create([Caseload(**row) for row in caseloads], batch_size=1000)
    return {"contacts": written, "months": len(days)}


def differences() -> list[str]:
    """What the rollups hold that a rebuild from the rows would not (empty when right): each
    tally against its rows, and each month's sums (sums of all zeros are none) against the
    sums of the tallies worked out afresh."""
    kept = {row.contact_id: Tally.of(row) for row in ContactTally.objects.all()}
    fresh = dict(_tallies(Contact.objects.all()))
    wrong = [
        f"tally {pk}: kept {kept.get(pk)}, rows {fresh.get(pk)}"
        for pk in sorted(set(kept) | set(fresh))
        if kept.get(pk) != fresh.get(pk)
    ]
    expected: Counter[tuple[Any, int, str]] = Counter()
    for tally in fresh.values():
        for day, source, counter, n in tally.counts():
            expected[(day, source, counter)] += n
    stored: Counter[tuple[Any, int, str]] = Counter()
    for row in FrontDoorMonth.objects.all():
        for counter in COUNTERS:
            stored[(row.month, row.source_id, counter)] += getattr(row, counter)
    for tally in fresh.values():
        for team, worker, counter, n in tally.caseload():
            expected[(f"team {team}", worker, counter)] += n
    for load in Caseload.objects.all():
        for counter in ("children", "not_seen"):
            stored[(f"team {load.team_id}", load.worker_id, counter)] += getattr(load, counter)
    keys = {k for k, n in expected.items() if n} | {k for k, n in stored.items() if n}
    wrong += [
        f"{day} source {source} {counter}: kept {stored[(day, source, counter)]}, "
        f"rows {expected[(day, source, counter)]}"
        for day, source, counter in sorted(keys, key=str)
        if stored[(day, source, counter)] != expected[(day, source, counter)]
    ]
    return wrong
