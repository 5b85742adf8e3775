"""The children in need census as a handful of set-based queries (issue 16, docs/adr/0020).

The census year ending 31 March of `year` runs from 1 April the year before. A child is in it
when a child in need episode (a referral, ADR 0020 point 6) was open at any point in the year:
referred on or before 31 March and not closed before 1 April. Each module is one query over
every episode in the year, never one per child, so the county's year costs the same handful of
statements as a single child's:

1. the episodes, with their assessment and section 47 enquiry joined in (`CINdetails`,
   `Assessments`, `Section47`);
2. the factors of those assessments;
3. the children's identifiers and characteristics (`ChildIdentifiers`,
   `ChildCharacteristics`);
4. every child protection plan of those children, for the plans in the year and the number of
   earlier plans (`ChildProtectionPlans`, `NumberOfPreviousCPP`);
5. the review conferences of those plans held in the year (`Reviews`).

Nothing is typed for the return: every value is the one the work recorded. A value the work has
not recorded yet is left out rather than guessed (an unrecorded disability is not "NONE"), so
the file fails the schema where the record is incomplete; the year's schema says where, and the
data-quality page (issue 16, step 4) is where it gets fixed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from frontdoor.access.records import as_the_system
from frontdoor.assessments.models import Assessment
from frontdoor.people.models import Person
from frontdoor.referrals.models import Referral
from frontdoor.strategy.models import ChildProtectionPlan, ChildProtectionReview
from frontdoor.strategy.workflow import ends_the_referral
from frontdoor.timescales.calendar import LONDON, end_of_local_day, local_date

SCHEMAS = Path(__file__).resolve().parent / "schemas"


@dataclass(frozen=True)
class CensusYear:
    """One year's specification, as far as it shapes the file: the collection year named in the
    header, its reference date, and the schema the file must meet."""

    year: int
    schema: str

    @property
    def starts(self) -> date:
        return date(self.year - 1, 4, 1)

    @property
    def ends(self) -> date:
        return date(self.year, 3, 31)

    @property
    def schema_path(self) -> Path:
        return SCHEMAS / self.schema


# The years Frontdoor can write. For 2026-27 Frontdoor holds no change to the message or its
# code lists from 2025-26 (docs/adr/0020): it writes the 2026-27 year (its dates, its header)
# against the 2025-26 schema. A year whose specification changes the structure gets its own
# schema file here and its own branch in `build`.
YEARS = {
    2026: CensusYear(2026, "cin-census-2026.xsd"),
    2027: CensusYear(2027, "cin-census-2026.xsd"),
}


def census_year(year: int) -> CensusYear:
    try:
        return YEARS[year]
    except KeyError:
        known = ", ".join(str(y) for y in sorted(YEARS))
        raise ValueError(f"There is no CIN census specification for {year}: use {known}") from None


def _day(moment: datetime | None) -> date | None:
    return local_date(moment) if moment is not None else None


def _episodes(spec: CensusYear) -> list[dict[str, Any]]:
    """Every referral whose episode was open at some point in the year, with its assessment and
    section 47 enquiry (each at most one per referral) in the same statement."""
    rows = (
        Referral.objects.filter(_in_year(spec))
        .order_by("person_id", "referral_date", "id")
        .values(
            "id",
            "person_id",
            "referral_date",
            "referral_source__code",
            "closed_on",
            "closure_reason",
            "strategy_discussion__outcome",
            "assessment__id",
            "assessment__started_at",
            "assessment__due_at",
            "assessment__authorised_at",
            "assessment__primary_need__code",
            "strategy_discussion__section47__started_at",
            "strategy_discussion__section47__icpc_due_at",
            "strategy_discussion__section47__icpc_held_on",
            "strategy_discussion__section47__icpc_not_required_reason",
            "strategy_discussion__section47__concluded_at",
        )
    )
    return [dict(row) for row in rows]


def referral_nfa(episode: dict[str, Any]) -> bool:
    """The census's ReferralNFA for an episode row: its strategy discussion decided no further
    action (strategy.workflow.ends_the_referral), so nothing followed the referral."""
    outcome = episode["strategy_discussion__outcome"]
    return outcome is not None and ends_the_referral(outcome)


def _in_year(spec: CensusYear) -> Q:
    """The referrals the census year holds, as a filter other tables can follow."""
    return Q(referral_date__lte=end_of_local_day(spec.ends)) & (
        Q(closed_on__isnull=True) | Q(closed_on__gte=spec.starts)
    )


def _factors(spec: CensusYear) -> dict[Any, list[str]]:
    through = Assessment.factors.through
    referrals = Referral.objects.filter(_in_year(spec)).values("id")
    rows = (
        through.objects.filter(assessment__referral__in=referrals)
        .order_by("code__order", "code__code")
        .values_list("assessment_id", "code__code")
    )
    found: dict[Any, list[str]] = defaultdict(list)
    for assessment_id, code in rows:
        found[assessment_id].append(code)
    return found


def _people(spec: CensusYear) -> dict[Any, dict[str, Any]]:
    referrals = Referral.objects.filter(_in_year(spec)).values("person_id")
    return {
        row["id"]: dict(row)
        for row in Person.objects.filter(id__in=referrals).values(
            "id",
            "date_of_birth",
            "expected_date_of_birth",
            "sex",
            "ethnicity",
            "disabilities",
            "upn",
            "former_upn",
            "upn_unknown_reason",
        )
    }


def _plans(spec: CensusYear) -> tuple[dict[Any, list[dict[str, Any]]], dict[Any, int]]:
    """The plans in the year by the referral they came from, and how many plans each child had
    before each of them (`NumberOfPreviousCPP`), from one read of the children's plans."""
    people = Referral.objects.filter(_in_year(spec)).values("person_id")
    rows = (
        ChildProtectionPlan.objects.filter(person__in=people)
        .order_by("person_id", "started_on", "created_at")
        .values(
            "id",
            "person_id",
            "started_on",
            "ended_on",
            "initial_category__code",
            "latest_category__code",
            "section47__discussion__referral_id",
        )
    )
    by_referral: dict[Any, list[dict[str, Any]]] = defaultdict(list)
    previous: dict[Any, int] = {}
    seen: dict[Any, int] = defaultdict(int)
    for row in rows:
        previous[row["id"]] = seen[row["person_id"]]
        seen[row["person_id"]] += 1
        open_in_year = row["started_on"] <= spec.ends and (
            row["ended_on"] is None or row["ended_on"] >= spec.starts
        )
        if open_in_year:
            by_referral[row["section47__discussion__referral_id"]].append(dict(row))
    return by_referral, previous


def _reviews(spec: CensusYear) -> dict[Any, list[date]]:
    people = Referral.objects.filter(_in_year(spec)).values("person_id")
    rows = (
        ChildProtectionReview.objects.filter(
            plan__person__in=people, held_on__gte=spec.starts, held_on__lte=spec.ends
        )
        .order_by("held_on")
        .values_list("plan_id", "held_on")
    )
    found: dict[Any, list[date]] = defaultdict(list)
    for plan_id, held_on in rows:
        found[plan_id].append(held_on)
    return found


# Indentation by depth, as ElementTree.indent writes it (two spaces a level).
_INDENT = ["\n" + "  " * depth for depth in range(12)]


class _Message:
    """The message written as text while it is built, in ElementTree's indented form byte for
    byte, without first building a tree of some twenty elements a child and serialising it: at
    a county's year the tree and ElementTree's serialiser (pure Python) were most of the
    census's time (docs/benchmarks.md). Values here are codes, numbers and dates; text is still
    escaped."""

    def __init__(self) -> None:
        self.parts: list[str] = ["<?xml version='1.0' encoding='UTF-8'?>"]
        self.depth = 0
        self._opened: list[int] = []

    def open(self, tag: str) -> None:
        self.parts.append(f"{_INDENT[self.depth]}<{tag}>")
        self.depth += 1
        self._opened.append(len(self.parts))

    def close(self, tag: str) -> None:
        self.depth -= 1
        if self._opened.pop() == len(self.parts):  # nothing inside: <Tag />
            self.parts[-1] = f"{_INDENT[self.depth]}<{tag} />"
        else:
            self.parts.append(f"{_INDENT[self.depth]}</{tag}>")

    def text(self, tag: str, value: object) -> None:
        """An element with text, left out when the record holds nothing for it."""
        if value is None or value == "":
            return
        if value is True or value is False:
            text = "true" if value else "false"
        elif isinstance(value, date):
            text = value.isoformat()
        else:
            text = str(value)
            if "&" in text or "<" in text or ">" in text:
                text = escape(text)
        self.parts.append(f"{_INDENT[self.depth]}<{tag}>{text}</{tag}>")

    def to_bytes(self) -> bytes:
        return "".join(self.parts).encode("utf-8")


def _header(message: _Message, spec: CensusYear, *, serial: int, now: datetime) -> None:
    message.open("Header")
    message.open("CollectionDetails")
    message.text("Collection", "CIN")
    message.text("Year", spec.year)
    message.text("ReferenceDate", spec.ends)
    message.close("CollectionDetails")
    message.open("Source")
    message.text("SourceLevel", "L")
    message.text("LEA", settings.FRONTDOOR_DFE_LA_NUMBER)
    message.text("SoftwareCode", "Frontdoor")
    message.text("Release", settings.FRONTDOOR_RELEASE)
    message.text("SerialNo", serial)
    message.text("DateTime", now.astimezone(LONDON).replace(tzinfo=None, microsecond=0).isoformat())
    message.close("Source")
    message.close("Header")


def _identifiers(message: _Message, person: dict[str, Any]) -> None:
    message.open("ChildIdentifiers")
    message.text("LAchildID", person["id"])
    message.text("UPN", person["upn"])
    message.text("FormerUPN", person["former_upn"])
    message.text("UPNunknown", person["upn_unknown_reason"])
    message.text("PersonBirthDate", person["date_of_birth"])
    if person["date_of_birth"] is None:
        message.text("ExpectedPersonBirthDate", person["expected_date_of_birth"])
    message.text("Sex", person["sex"])
    message.close("ChildIdentifiers")
    message.open("ChildCharacteristics")
    message.text("Ethnicity", person["ethnicity"])
    if person["disabilities"]:
        message.open("Disabilities")
        for code in person["disabilities"]:
            message.text("Disability", code)
        message.close("Disabilities")
    message.close("ChildCharacteristics")


S47 = "strategy_discussion__section47__"


def _details(
    message: _Message,
    episode: dict[str, Any],
    *,
    factors: dict[Any, list[str]],
    plans: list[dict[str, Any]],
    previous: dict[Any, int],
    reviews: dict[Any, list[date]],
    spec: CensusYear,
) -> None:
    message.open("CINdetails")
    message.text("CINreferralDate", _day(episode["referral_date"]))
    message.text("ReferralSource", episode["referral_source__code"])
    message.text("PrimaryNeedCode", episode["assessment__primary_need__code"])
    if episode["closed_on"] is not None and episode["closed_on"] <= spec.ends:
        message.text("CINclosureDate", episode["closed_on"])
        message.text("ReasonForClosure", episode["closure_reason"])
    # The ICPC's date is written once, in Section47 below: every conference here follows a
    # section 47 enquiry, and CINdetails' DateOfInitialCPC is for one that did not (DfE rule
    # 2884 rejects a conference recorded at both levels; docs/adr/0034).
    # A referral ends with no further action when its strategy discussion decided so: the
    # census's ReferralNFA, read from that outcome (docs/adr/0034).
    message.text("ReferralNFA", "1" if referral_nfa(episode) else "0")
    _assessment(message, episode, factors, spec)
    _section47(message, episode, spec)
    for plan in plans:
        _plan(message, plan, previous, reviews.get(plan["id"], []), spec)
    message.close("CINdetails")


def _assessment(
    message: _Message, episode: dict[str, Any], factors: dict[Any, list[str]], spec: CensusYear
) -> None:
    started = _day(episode["assessment__started_at"])
    if started is None or started > spec.ends:
        return
    authorised = _day(episode["assessment__authorised_at"])
    if authorised is not None and authorised < spec.starts:
        return
    message.open("Assessments")
    message.text("AssessmentActualStartDate", started)
    if authorised is not None and authorised <= spec.ends:
        message.text("AssessmentAuthorisationDate", authorised)
        codes = factors.get(episode["assessment__id"], [])
        if codes:
            message.open("FactorsIdentifiedAtAssessment")
            for code in codes:
                message.text("AssessmentFactors", code)
            message.close("FactorsIdentifiedAtAssessment")
    message.close("Assessments")


def _section47(message: _Message, episode: dict[str, Any], spec: CensusYear) -> None:
    started = _day(episode[S47 + "started_at"])
    if started is None or started > spec.ends:
        return
    concluded = _day(episode[S47 + "concluded_at"])
    icpc_held = episode[S47 + "icpc_held_on"]
    in_year = (
        concluded is None or concluded >= spec.starts or (icpc_held and icpc_held >= spec.starts)
    )
    if not in_year:
        return
    message.open("Section47")
    message.text("S47ActualStartDate", started)
    message.text("InitialCPCtarget", _day(episode[S47 + "icpc_due_at"]))
    message.text("DateOfInitialCPC", icpc_held if icpc_held and icpc_held <= spec.ends else None)
    message.text("ICPCnotRequired", bool(episode[S47 + "icpc_not_required_reason"]))
    message.close("Section47")


def _plan(
    message: _Message,
    plan: dict[str, Any],
    previous: dict[Any, int],
    held: list[date],
    spec: CensusYear,
) -> None:
    message.open("ChildProtectionPlans")
    message.text("CPPstartDate", plan["started_on"])
    ended = plan["ended_on"]
    message.text("CPPendDate", ended if ended is not None and ended <= spec.ends else None)
    message.text("InitialCategoryOfAbuse", plan["initial_category__code"])
    message.text("LatestCategoryOfAbuse", plan["latest_category__code"])
    message.text("NumberOfPreviousCPP", previous[plan["id"]])
    if held:
        message.open("Reviews")
        for day in held:
            message.text("CPPreviewDate", day)
        message.close("Reviews")
    message.close("ChildProtectionPlans")


@dataclass(frozen=True)
class Census:
    spec: CensusYear
    content: bytes
    children: int
    episodes: int

    def write(self, path: Path | str) -> None:
        Path(path).write_bytes(self.content)

    def to_bytes(self) -> bytes:
        return self.content


@dataclass(frozen=True)
class Gathered:
    """What the year's census is written from, as the five queries read it: the data-quality
    page (frontdoor/returns/quality.py) checks the same rows the file is written from."""

    episodes: list[dict[str, Any]]
    factors: dict[Any, list[str]]
    people: dict[Any, dict[str, Any]]
    plans: dict[Any, list[dict[str, Any]]]
    previous: dict[Any, int]
    reviews: dict[Any, list[date]]


def gather(spec: CensusYear) -> Gathered:
    with as_the_system():
        episodes = _episodes(spec)
        factors = _factors(spec)
        people = _people(spec)
        plans, previous = _plans(spec)
        reviews = _reviews(spec)
    return Gathered(episodes, factors, people, plans, previous, reviews)


def build(year: int, *, serial: int = 1, now: datetime | None = None) -> Census:
    """The census for the year ending 31 March `year`, from five queries."""
    spec = census_year(year)
    return write(spec, gather(spec), serial=serial, now=now)


def write(
    spec: CensusYear, found: Gathered, *, serial: int = 1, now: datetime | None = None
) -> Census:
    """The message for what `gather` read (the benchmark's naive baseline reads the same rows
    one by one and writes them here, so the two files can be compared byte for byte)."""
    episodes, factors, people = found.episodes, found.factors, found.people
    plans, previous, reviews = found.plans, found.previous, found.reviews
    message = _Message()
    message.open("Message")
    _header(message, spec, serial=serial, now=now or timezone.now())
    message.open("Children")
    count = 0
    for person_id, person_episodes in _by_person(episodes):
        count += 1
        message.open("Child")
        _identifiers(message, people[person_id])
        for episode in person_episodes:
            _details(
                message,
                episode,
                factors=factors,
                plans=plans.get(episode["id"], []),
                previous=previous,
                reviews=reviews,
                spec=spec,
            )
        message.close("Child")
    message.close("Children")
    message.close("Message")
    return Census(spec=spec, content=message.to_bytes(), children=count, episodes=len(episodes))


def _by_person(episodes: Iterable[dict[str, Any]]) -> Iterable[tuple[Any, list[dict[str, Any]]]]:
    current: Any = None
    group: list[dict[str, Any]] = []
    for episode in episodes:
        if group and episode["person_id"] != current:
            yield current, group
            group = []
        current = episode["person_id"]
        group.append(episode)
    if group:
        yield current, group


def schema_problems(census_bytes: bytes, year: int) -> list[str]:
    """Where the file breaks its year's schema, in words with the line it is on."""
    import xmlschema

    schema = xmlschema.XMLSchema(str(census_year(year).schema_path))
    return [f"{error.reason} ({error.path})" for error in schema.iter_errors(census_bytes.decode())]
