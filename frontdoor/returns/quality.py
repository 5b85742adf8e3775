"""Before census day: the DfE's CIN census validation rules, as data (issue 16, docs/adr/0030).

Each rule is a row of `RULES`: its number in the DfE's validation rules ("Q" for a query the
DfE asks the council to check or explain, otherwise an error that stops the return), the field
it is about, the DfE's message in plain words, where a worker fixes it, and a pure check of one
child or one child in need episode. The checks run over exactly the rows the census file is
written from (`census.gather`: the same five statements), so the page and the file never
disagree, and the page costs the same handful of statements for a county as for one child.

Beside the DfE's numbered rules, two checks come from the year's schema itself (ethnicity and
disability are required elements), and one from the census guide (a UPN, or the reason it is
unknown). Rules that the records meet by construction (an id per child, a closure reason only
with a closure date, codes only from the census's lists, dates inside the year) are listed in
`MET_BY_CONSTRUCTION` with the reason, not checked again here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from frontdoor.access.policies import can
from frontdoor.access.queries import hidden_person_ids
from frontdoor.people.queries import visible_people
from frontdoor.returns import census
from frontdoor.timescales.calendar import is_working_day, local_date, working_days_between

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from frontdoor.access.models import User

ERROR, QUERY = "error", "query"
# Where a line's "Fix" link goes (a URL name taking the child's or the assessment's id).
CHILD_RECORD, CHARACTERISTICS, ASSESSMENT = "people:child", "people:characteristics", "assessment"


@dataclass(frozen=True)
class Episode:
    """One child in need episode in the census year, with what the census joins to it."""

    row: dict[str, Any]
    person: dict[str, Any]
    factors: list[str]
    plans: list[dict[str, Any]]
    spec: census.CensusYear
    # The day the rules are checked as of: the end of the census year, or today while the year
    # is still running (an assessment begun last week is work in progress, not an error yet).
    as_of: date

    def day(self, key: str) -> date | None:
        value = self.row[key]
        return local_date(value) if value is not None else None


@dataclass(frozen=True)
class Rule:
    number: str
    kind: str
    field: str
    message: str
    fix: str
    child: Callable[[dict[str, Any], census.CensusYear], bool] | None = None
    episode: Callable[[Episode], bool] | None = None


# --- The checks, one pure function each -----------------------------------------------------


def _no_birth_date(person: dict[str, Any], spec: census.CensusYear) -> bool:
    return person["date_of_birth"] is None and person["expected_date_of_birth"] is None


def _born_after_the_year(person: dict[str, Any], spec: census.CensusYear) -> bool:
    born = person["date_of_birth"]
    return born is not None and born > spec.ends


def _expected_outside_the_range(person: dict[str, Any], spec: census.CensusYear) -> bool:
    expected = person["expected_date_of_birth"]
    if person["date_of_birth"] is not None or expected is None:
        return False
    return not date(spec.year, 3, 1) <= expected <= date(spec.year, 12, 31)


def _no_ethnicity(person: dict[str, Any], spec: census.CensusYear) -> bool:
    return not person["ethnicity"]


def _no_disability(person: dict[str, Any], spec: census.CensusYear) -> bool:
    return not person["disabilities"]


def _no_upn_nor_reason(person: dict[str, Any], spec: census.CensusYear) -> bool:
    return not person["upn"] and not person["upn_unknown_reason"]


def _activity_after_closure(e: Episode) -> bool:
    closed = e.row["closed_on"]
    if closed is None or closed > e.spec.ends:
        return False
    s47 = "strategy_discussion__section47__"
    later = [
        e.day("assessment__started_at"),
        e.day("assessment__authorised_at"),
        e.day(s47 + "started_at"),
        e.row[s47 + "icpc_held_on"],
        *(plan["ended_on"] for plan in e.plans),
    ]
    return any(d is not None and d > closed for d in later)


def _referred_long_before_birth(e: Episode) -> bool:
    referred = e.day("referral_date")
    born = e.person["date_of_birth"] or e.person["expected_date_of_birth"]
    return referred is not None and born is not None and referred < born - timedelta(days=280)


def _assessment_ends_before_it_starts(e: Episode) -> bool:
    started, authorised = e.day("assessment__started_at"), e.day("assessment__authorised_at")
    return started is not None and authorised is not None and started > authorised


def _no_primary_need(e: Episode) -> bool:
    # A referral that went on to further action needs its primary need code, which is recorded
    # with the assessment; one that ended with no further action (ReferralNFA) needs none.
    # While the year runs, an assessment not yet due is still being done; once it is due, or
    # the year has ended, the code must be there.
    if e.row["assessment__primary_need__code"] or census.referral_nfa(e.row):
        return False
    if e.as_of >= e.spec.ends:
        return True
    due = e.day("assessment__due_at")  # none yet: the strategy discussion is still to decide
    return due is not None and due < e.as_of


def _assessment_open_too_long(e: Episode) -> bool:
    started = e.day("assessment__started_at")
    authorised = e.day("assessment__authorised_at")
    if started is None or started > e.spec.ends:
        return False
    if authorised is not None and authorised <= e.as_of:
        return False
    return working_days_between(started, e.as_of) > 45


def _no_factors_beside_factors(e: Episode) -> bool:
    return "21" in e.factors and len(e.factors) > 1


def _activity_after_referral_nfa(e: Episode) -> bool:
    if not census.referral_nfa(e.row):
        return False
    s47 = "strategy_discussion__section47__"
    return any(
        e.row[key] is not None
        for key in ("assessment__started_at", "assessment__authorised_at", s47 + "started_at")
    )


def _plan_after_referral_nfa(e: Episode) -> bool:
    return census.referral_nfa(e.row) and bool(e.plans)


def _referral_nfa_before_the_year(e: Episode) -> bool:
    if not census.referral_nfa(e.row):
        return False
    referred = e.day("referral_date")
    return referred is not None and referred < _working_day_before(e.spec.starts)


def _working_day_before(day: date) -> date:
    day -= timedelta(days=1)
    while not is_working_day(day):
        day -= timedelta(days=1)
    return day


def _plan_starts_off_the_conference(e: Episode) -> bool:
    held = e.row["strategy_discussion__section47__icpc_held_on"]
    return any(
        e.spec.starts <= plan["started_on"] <= e.spec.ends and plan["started_on"] != held
        for plan in e.plans
    )


RULES: list[Rule] = [
    Rule(
        "Schema",
        ERROR,
        "Ethnicity",
        "Ethnicity is missing: the census cannot be sent without it",
        CHARACTERISTICS,
        child=_no_ethnicity,
    ),
    Rule(
        "Schema",
        ERROR,
        "Disability",
        "Disability is missing: record the child's disabilities, or 'No disability'",
        CHARACTERISTICS,
        child=_no_disability,
    ),
    Rule(
        "Guide",
        ERROR,
        "UPN",
        "There is no UPN and no reason it is unknown",
        CHARACTERISTICS,
        child=_no_upn_nor_reason,
    ),
    Rule(
        "8520",
        ERROR,
        "Date of birth",
        "Date of birth is after the end of the census year",
        CHILD_RECORD,
        child=_born_after_the_year,
    ),
    Rule(
        "8525",
        ERROR,
        "Date of birth",
        "Either the date of birth or the expected date of birth must be recorded",
        CHARACTERISTICS,
        child=_no_birth_date,
    ),
    Rule(
        "8530Q",
        QUERY,
        "Expected date of birth",
        "Expected date of birth is outside March to December of the year the census ends",
        CHARACTERISTICS,
        child=_expected_outside_the_range,
    ),
    Rule(
        "8565",
        ERROR,
        "Closure date",
        "Activity is recorded after the child in need episode was closed",
        CHILD_RECORD,
        episode=_activity_after_closure,
    ),
    Rule(
        "8606",
        ERROR,
        "Referral date",
        "The referral date is more than 40 weeks before the date of birth or expected date "
        "of birth",
        CHILD_RECORD,
        episode=_referred_long_before_birth,
    ),
    Rule(
        "8608",
        ERROR,
        "Assessment start date",
        "The assessment start date is after its authorisation date",
        ASSESSMENT,
        episode=_assessment_ends_before_it_starts,
    ),
    Rule(
        "8610",
        ERROR,
        "Primary need",
        "The primary need code is missing for a referral that led to further action (shown "
        "once the assessment is due, or the year has ended)",
        ASSESSMENT,
        episode=_no_primary_need,
    ),
    Rule(
        "8670Q",
        QUERY,
        "Assessment authorisation date",
        "The assessment started more than 45 working days before the end of the census year "
        "(or today, while the year runs) and has not been authorised",
        ASSESSMENT,
        episode=_assessment_open_too_long,
    ),
    Rule(
        "8869",
        ERROR,
        "Factors identified at assessment",
        "'No factors identified' (21) is recorded with other factors",
        ASSESSMENT,
        episode=_no_factors_beside_factors,
    ),
    Rule(
        "2885",
        ERROR,
        "Child protection plan start date",
        "The child protection plan starts on a different day from the initial child "
        "protection conference",
        CHILD_RECORD,
        episode=_plan_starts_off_the_conference,
    ),
    Rule(
        "8569",
        ERROR,
        "Referral NFA",
        "A referral made before the working day before the census year began cannot be "
        "shown as no further action in this year",
        CHILD_RECORD,
        episode=_referral_nfa_before_the_year,
    ),
    Rule(
        "8831",
        ERROR,
        "Referral NFA",
        "An assessment or a section 47 enquiry is recorded for a referral that ended with no "
        "further action",
        CHILD_RECORD,
        episode=_activity_after_referral_nfa,
    ),
    Rule(
        "8832",
        ERROR,
        "Referral NFA",
        "A child protection plan is recorded for a referral that ended with no further action",
        CHILD_RECORD,
        episode=_plan_after_referral_nfa,
    ),
]

# The DfE's numbered rules checked here, and the ones the records meet by construction.
NUMBERED = [rule.number for rule in RULES if rule.number[0].isdigit()]
MET_BY_CONSTRUCTION = {
    "8500": "Every child has an LA child ID: the person's id",
    "8510": "LA child IDs are unique: the person's id is the primary key",
    "8590": "Every child in the file has a child in need episode: children come from episodes",
    "8614": "Factors are sent only with an assessment authorised in the year",
    "8620": "A closure date is sent only when it falls within the census year",
    "8630": "A closure reason is stored only with a closure date (a database constraint)",
    "8640": "A closure reason is one of RC1-RC9 (the only writer refuses any other)",
    "8650": "A closure date is stored only with a closure reason (the same constraint)",
    "8730": "The number of previous child protection plans is always sent",
    "8825Q": "RC8 and RC9 are set only by authorising the episode's assessment, which is sent",
    "2884": "The initial conference's date is written once, in Section47, never in CINdetails",
    "8568": "ReferralNFA is always sent, as 0 or 1, read from the strategy discussion's outcome",
}


@dataclass(frozen=True)
class Line:
    person_id: Any
    name: str
    rule: Rule
    fix_url_name: str
    fix_pk: Any


def lines(user: User | AnonymousUser, year: int, *, today: date | None = None) -> list[Line]:
    """Every child in the year's census whose record breaks a rule, for someone who may check
    the census: one line per child and rule (an episode's rule once per episode), the child's
    name read as `user` reads it; a restricted child not open to them is left out."""
    if not can(user, "check_census_quality"):
        return []
    spec = census.census_year(year)
    as_of = min(spec.ends, today or local_date(timezone.now()))
    found = census.gather(spec)
    hidden = hidden_person_ids(user)
    flagged: list[tuple[Any, Rule, str, Any]] = []
    for person_id, person in found.people.items():
        if person_id in hidden:
            continue
        for rule in RULES:
            if rule.child is not None and rule.child(person, spec):
                flagged.append((person_id, rule, rule.fix, person_id))
    for row in found.episodes:
        person_id = row["person_id"]
        if person_id in hidden:
            continue
        episode = Episode(
            row=row,
            person=found.people[person_id],
            factors=found.factors.get(row["assessment__id"], []),
            plans=found.plans.get(row["id"], []),
            spec=spec,
            as_of=as_of,
        )
        for rule in RULES:
            if rule.episode is not None and rule.episode(episode):
                flagged.append((person_id, rule, *_fix(rule, row)))
    names = _names(user, {p for p, *_ in flagged})
    return [
        Line(person_id, names.get(person_id, ""), rule, url_name, pk)
        for person_id, rule, url_name, pk in flagged
        if person_id in names
    ]


def _fix(rule: Rule, row: dict[str, Any]) -> tuple[str, Any]:
    if rule.fix == ASSESSMENT:
        if row["assessment__id"] is not None:
            return "assessments:assessment", row["assessment__id"]
        return CHILD_RECORD, row["person_id"]
    return rule.fix, row["person_id"]


def _names(user: User | AnonymousUser, ids: set[Any]) -> dict[Any, str]:
    if not ids:
        return {}
    people = visible_people(user).filter(id__in=ids).values_list("id", "first_name", "last_name")
    return {pk: f"{first} {last}".strip() for pk, first, last in people}


def current_census_year(today: date) -> int:
    """The census year that today falls in: 1 April to 31 March."""
    return today.year + 1 if today.month >= 4 else today.year
