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

import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from frontdoor.access.records import as_the_system
from frontdoor.assessments.models import Assessment
from frontdoor.people.models import Person
from frontdoor.referrals.models import Referral
from frontdoor.strategy.models import ChildProtectionPlan, ChildProtectionReview
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


def _text(parent: ET.Element, tag: str, value: object) -> None:
    """A child element, left out when the record holds nothing for it."""
    if value is None or value == "":
        return
    element = ET.SubElement(parent, tag)
    if isinstance(value, bool):
        element.text = "true" if value else "false"
    elif isinstance(value, date):
        element.text = value.isoformat()
    else:
        element.text = str(value)


def _header(message: ET.Element, spec: CensusYear, *, serial: int, now: datetime) -> None:
    header = ET.SubElement(message, "Header")
    details = ET.SubElement(header, "CollectionDetails")
    _text(details, "Collection", "CIN")
    _text(details, "Year", spec.year)
    _text(details, "ReferenceDate", spec.ends)
    source = ET.SubElement(header, "Source")
    _text(source, "SourceLevel", "L")
    _text(source, "LEA", settings.FRONTDOOR_DFE_LA_NUMBER)
    _text(source, "SoftwareCode", "Frontdoor")
    _text(source, "Release", settings.FRONTDOOR_RELEASE)
    _text(source, "SerialNo", serial)
    _text(
        source, "DateTime", now.astimezone(LONDON).replace(tzinfo=None, microsecond=0).isoformat()
    )


def _identifiers(child: ET.Element, person: dict[str, Any]) -> None:
    identifiers = ET.SubElement(child, "ChildIdentifiers")
    _text(identifiers, "LAchildID", person["id"])
    _text(identifiers, "UPN", person["upn"])
    _text(identifiers, "FormerUPN", person["former_upn"])
    _text(identifiers, "UPNunknown", person["upn_unknown_reason"])
    _text(identifiers, "PersonBirthDate", person["date_of_birth"])
    if person["date_of_birth"] is None:
        _text(identifiers, "ExpectedPersonBirthDate", person["expected_date_of_birth"])
    _text(identifiers, "Sex", person["sex"])
    characteristics = ET.SubElement(child, "ChildCharacteristics")
    _text(characteristics, "Ethnicity", person["ethnicity"])
    if person["disabilities"]:
        disabilities = ET.SubElement(characteristics, "Disabilities")
        for code in person["disabilities"]:
            _text(disabilities, "Disability", code)


def _details(
    child: ET.Element,
    episode: dict[str, Any],
    *,
    factors: dict[Any, list[str]],
    plans: list[dict[str, Any]],
    previous: dict[Any, int],
    reviews: dict[Any, list[date]],
    spec: CensusYear,
) -> None:
    details = ET.SubElement(child, "CINdetails")
    s47 = "strategy_discussion__section47__"
    _text(details, "CINreferralDate", _day(episode["referral_date"]))
    _text(details, "ReferralSource", episode["referral_source__code"])
    _text(details, "PrimaryNeedCode", episode["assessment__primary_need__code"])
    if episode["closed_on"] is not None and episode["closed_on"] <= spec.ends:
        _text(details, "CINclosureDate", episode["closed_on"])
        _text(details, "ReasonForClosure", episode["closure_reason"])
    icpc_held = episode[s47 + "icpc_held_on"]
    _text(details, "DateOfInitialCPC", icpc_held if icpc_held and icpc_held <= spec.ends else None)
    # A referral here is a manager's decision to assess or to hold a strategy discussion, so
    # none ends at the referral with no further action yet (that ends with RC8 after assessment).
    _text(details, "ReferralNFA", "0")

    started = _day(episode["assessment__started_at"])
    authorised = _day(episode["assessment__authorised_at"])
    if (
        started is not None
        and started <= spec.ends
        and (authorised is None or authorised >= spec.starts)
    ):
        assessment = ET.SubElement(details, "Assessments")
        _text(assessment, "AssessmentActualStartDate", started)
        if authorised is not None and authorised <= spec.ends:
            _text(assessment, "AssessmentAuthorisationDate", authorised)
            codes = factors.get(episode["assessment__id"], [])
            if codes:
                identified = ET.SubElement(assessment, "FactorsIdentifiedAtAssessment")
                for code in codes:
                    _text(identified, "AssessmentFactors", code)

    s47_started = _day(episode[s47 + "started_at"])
    concluded = _day(episode[s47 + "concluded_at"])
    if (
        s47_started is not None
        and s47_started <= spec.ends
        and (
            concluded is None
            or concluded >= spec.starts
            or (icpc_held and icpc_held >= spec.starts)
        )
    ):
        section47 = ET.SubElement(details, "Section47")
        _text(section47, "S47ActualStartDate", s47_started)
        _text(section47, "InitialCPCtarget", _day(episode[s47 + "icpc_due_at"]))
        _text(
            section47,
            "DateOfInitialCPC",
            icpc_held if icpc_held and icpc_held <= spec.ends else None,
        )
        _text(section47, "ICPCnotRequired", bool(episode[s47 + "icpc_not_required_reason"]))

    for plan in plans:
        element = ET.SubElement(details, "ChildProtectionPlans")
        _text(element, "CPPstartDate", plan["started_on"])
        ended = plan["ended_on"]
        _text(element, "CPPendDate", ended if ended is not None and ended <= spec.ends else None)
        _text(element, "InitialCategoryOfAbuse", plan["initial_category__code"])
        _text(element, "LatestCategoryOfAbuse", plan["latest_category__code"])
        _text(element, "NumberOfPreviousCPP", previous[plan["id"]])
        held = reviews.get(plan["id"], [])
        if held:
            element_reviews = ET.SubElement(element, "Reviews")
            for day in held:
                _text(element_reviews, "CPPreviewDate", day)


@dataclass(frozen=True)
class Census:
    spec: CensusYear
    message: ET.Element
    children: int
    episodes: int

    def write(self, path: Path | str) -> None:
        tree = ET.ElementTree(self.message)
        ET.indent(tree)
        tree.write(path, encoding="UTF-8", xml_declaration=True)

    def to_bytes(self) -> bytes:
        ET.indent(self.message)
        return bytes(ET.tostring(self.message, encoding="UTF-8", xml_declaration=True))


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
    message = ET.Element("Message")
    _header(message, spec, serial=serial, now=now or timezone.now())
    children = ET.SubElement(message, "Children")
    count = 0
    for person_id, person_episodes in _by_person(episodes):
        count += 1
        child = ET.SubElement(children, "Child")
        _identifiers(child, people[person_id])
        for episode in person_episodes:
            _details(
                child,
                episode,
                factors=factors,
                plans=plans.get(episode["id"], []),
                previous=previous,
                reviews=reviews,
                spec=spec,
            )
    return Census(spec=spec, message=message, children=count, episodes=len(episodes))


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
