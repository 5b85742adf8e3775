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


# The message is written as text, in ElementTree's indented form byte for byte (two spaces a
# level), straight from the rows: no tree of some twenty elements a child is built and then
# serialised. At a county's year the tree and ElementTree's serialiser (pure Python) were most
# of the census's time, and a call per element still was (docs/benchmarks.md), so each module is
# one template. Its values are codes, numbers and dates; any text is still escaped (`_s`).
N1, N2, N3, N4, N5, N6 = ("\n" + "  " * depth for depth in range(1, 7))
DECLARATION = "<?xml version='1.0' encoding='UTF-8'?>"


def _s(value: object) -> str:
    text = str(value)
    if "&" in text or "<" in text or ">" in text:
        return escape(text)
    return text


def _on(moment: datetime | None) -> date | None:
    """The London date of a stored moment (they are all aware: `local_date` without its
    check, once per value of a county's year)."""
    return moment.astimezone(LONDON).date() if moment is not None else None


def _header(spec: CensusYear, *, serial: int, now: datetime) -> str:
    stamp = now.astimezone(LONDON).replace(tzinfo=None, microsecond=0).isoformat()
    return (
        f"{N1}<Header>{N2}<CollectionDetails>{N3}<Collection>CIN</Collection>"
        f"{N3}<Year>{spec.year}</Year>{N3}<ReferenceDate>{spec.ends.isoformat()}"
        f"</ReferenceDate>{N2}</CollectionDetails>{N2}<Source>{N3}<SourceLevel>L</SourceLevel>"
        f"{N3}<LEA>{_s(settings.FRONTDOOR_DFE_LA_NUMBER)}</LEA>"
        f"{N3}<SoftwareCode>Frontdoor</SoftwareCode>"
        f"{N3}<Release>{_s(settings.FRONTDOOR_RELEASE)}</Release>"
        f"{N3}<SerialNo>{serial}</SerialNo>{N3}<DateTime>{stamp}</DateTime>{N2}</Source>"
        f"{N1}</Header>"
    )


def _identifiers(out: list[str], person: dict[str, Any]) -> None:
    """ChildIdentifiers and ChildCharacteristics; a value not recorded is left out."""
    add = out.append
    add(f"{N3}<ChildIdentifiers>{N4}<LAchildID>{person['id']}</LAchildID>")
    if person["upn"]:
        add(f"{N4}<UPN>{_s(person['upn'])}</UPN>")
    if person["former_upn"]:
        add(f"{N4}<FormerUPN>{_s(person['former_upn'])}</FormerUPN>")
    if person["upn_unknown_reason"]:
        add(f"{N4}<UPNunknown>{_s(person['upn_unknown_reason'])}</UPNunknown>")
    born = person["date_of_birth"]
    if born is not None:
        add(f"{N4}<PersonBirthDate>{born.isoformat()}</PersonBirthDate>")
    elif person["expected_date_of_birth"] is not None:
        expected = person["expected_date_of_birth"].isoformat()
        add(f"{N4}<ExpectedPersonBirthDate>{expected}</ExpectedPersonBirthDate>")
    if person["sex"]:
        add(f"{N4}<Sex>{_s(person['sex'])}</Sex>")
    add(f"{N3}</ChildIdentifiers>")
    if not person["ethnicity"] and not person["disabilities"]:
        add(f"{N3}<ChildCharacteristics />")  # neither recorded yet: the schema will say so
        return
    add(f"{N3}<ChildCharacteristics>")
    if person["ethnicity"]:
        add(f"{N4}<Ethnicity>{_s(person['ethnicity'])}</Ethnicity>")
    if person["disabilities"]:
        codes = "".join(f"{N5}<Disability>{_s(c)}</Disability>" for c in person["disabilities"])
        add(f"{N4}<Disabilities>{codes}{N4}</Disabilities>")
    add(f"{N3}</ChildCharacteristics>")


S47 = "strategy_discussion__section47__"


def _details(
    out: list[str],
    episode: dict[str, Any],
    *,
    factors: dict[Any, list[str]],
    plans: list[dict[str, Any]],
    previous: dict[Any, int],
    reviews: dict[Any, list[date]],
    spec: CensusYear,
) -> None:
    add = out.append
    referred = _on(episode["referral_date"])
    add(f"{N3}<CINdetails>{N4}<CINreferralDate>{referred}</CINreferralDate>")
    if episode["referral_source__code"]:
        add(f"{N4}<ReferralSource>{_s(episode['referral_source__code'])}</ReferralSource>")
    if episode["assessment__primary_need__code"]:
        need = _s(episode["assessment__primary_need__code"])
        add(f"{N4}<PrimaryNeedCode>{need}</PrimaryNeedCode>")
    closed = episode["closed_on"]
    if closed is not None and closed <= spec.ends:
        add(f"{N4}<CINclosureDate>{closed.isoformat()}</CINclosureDate>")
        if episode["closure_reason"]:
            add(f"{N4}<ReasonForClosure>{_s(episode['closure_reason'])}</ReasonForClosure>")
    # The ICPC's date is written once, in Section47 below: every conference here follows a
    # section 47 enquiry, and CINdetails' DateOfInitialCPC is for one that did not (DfE rule
    # 2884 rejects a conference recorded at both levels; docs/adr/0034). A referral ends with
    # no further action when its strategy discussion decided so: the census's ReferralNFA,
    # read from that outcome (docs/adr/0034).
    add(f"{N4}<ReferralNFA>{'1' if referral_nfa(episode) else '0'}</ReferralNFA>")
    _assessment(out, episode, factors, spec)
    _section47(out, episode, spec)
    for plan in plans:
        _plan(out, plan, previous, reviews.get(plan["id"], []), spec)
    add(f"{N3}</CINdetails>")


def _assessment(
    out: list[str], episode: dict[str, Any], factors: dict[Any, list[str]], spec: CensusYear
) -> None:
    started = _on(episode["assessment__started_at"])
    if started is None or started > spec.ends:
        return
    authorised = _on(episode["assessment__authorised_at"])
    if authorised is not None and authorised < spec.starts:
        return
    text = f"{N4}<Assessments>{N5}<AssessmentActualStartDate>{started}</AssessmentActualStartDate>"
    if authorised is not None and authorised <= spec.ends:
        text += f"{N5}<AssessmentAuthorisationDate>{authorised}</AssessmentAuthorisationDate>"
        codes = factors.get(episode["assessment__id"])
        if codes:
            listed = "".join(f"{N6}<AssessmentFactors>{_s(c)}</AssessmentFactors>" for c in codes)
            text += (
                f"{N5}<FactorsIdentifiedAtAssessment>{listed}{N5}</FactorsIdentifiedAtAssessment>"
            )
    out.append(f"{text}{N4}</Assessments>")


def _section47(out: list[str], episode: dict[str, Any], spec: CensusYear) -> None:
    started = _on(episode[S47 + "started_at"])
    if started is None or started > spec.ends:
        return
    concluded = _on(episode[S47 + "concluded_at"])
    held = episode[S47 + "icpc_held_on"]
    in_year = concluded is None or concluded >= spec.starts or (held and held >= spec.starts)
    if not in_year:
        return
    text = f"{N4}<Section47>{N5}<S47ActualStartDate>{started}</S47ActualStartDate>"
    due = _on(episode[S47 + "icpc_due_at"])
    if due is not None:
        text += f"{N5}<InitialCPCtarget>{due}</InitialCPCtarget>"
    if held and held <= spec.ends:
        text += f"{N5}<DateOfInitialCPC>{held.isoformat()}</DateOfInitialCPC>"
    not_required = "true" if episode[S47 + "icpc_not_required_reason"] else "false"
    out.append(f"{text}{N5}<ICPCnotRequired>{not_required}</ICPCnotRequired>{N4}</Section47>")


def _plan(
    out: list[str],
    plan: dict[str, Any],
    previous: dict[Any, int],
    held: list[date],
    spec: CensusYear,
) -> None:
    text = f"{N4}<ChildProtectionPlans>{N5}<CPPstartDate>{plan['started_on']}</CPPstartDate>"
    ended = plan["ended_on"]
    if ended is not None and ended <= spec.ends:
        text += f"{N5}<CPPendDate>{ended.isoformat()}</CPPendDate>"
    if plan["initial_category__code"]:
        initial = _s(plan["initial_category__code"])
        text += f"{N5}<InitialCategoryOfAbuse>{initial}</InitialCategoryOfAbuse>"
    if plan["latest_category__code"]:
        latest = _s(plan["latest_category__code"])
        text += f"{N5}<LatestCategoryOfAbuse>{latest}</LatestCategoryOfAbuse>"
    text += f"{N5}<NumberOfPreviousCPP>{previous[plan['id']]}</NumberOfPreviousCPP>"
    if held:
        days = "".join(f"{N6}<CPPreviewDate>{day.isoformat()}</CPPreviewDate>" for day in held)
        text += f"{N5}<Reviews>{days}{N5}</Reviews>"
    out.append(f"{text}{N4}</ChildProtectionPlans>")


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
    out = [DECLARATION, "\n<Message>", _header(spec, serial=serial, now=now or timezone.now())]
    out.append(f"{N1}<Children>")
    count = 0
    for person_id, person_episodes in _by_person(episodes):
        count += 1
        out.append(f"{N2}<Child>")
        _identifiers(out, people[person_id])
        for episode in person_episodes:
            _details(
                out,
                episode,
                factors=factors,
                plans=plans.get(episode["id"], []),
                previous=previous,
                reviews=reviews,
                spec=spec,
            )
        out.append(f"{N2}</Child>")
    out.append(f"{N1}</Children>\n</Message>" if count else f"{N1}<Children />\n</Message>")
    if not count:
        del out[-2]  # "<Children>" opened with nothing in it: ElementTree writes <Children />
    return Census(
        spec=spec, content="".join(out).encode("utf-8"), children=count, episodes=len(episodes)
    )


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
