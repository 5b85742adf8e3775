"""Ofsted's Annex A lists 1-7 (ILACS), as set-based queries scoped to the person producing them.

At the start of an inspection of local authority children's services Ofsted asks for the
"Annex A" lists: child-level lists of the six months before a date (issue 16, docs/adr/0030).
Frontdoor holds what lists 1-7 need (contacts, early help, referrals, assessments, section 47
enquiries and conferences, children in need, child protection); lists 8 onwards are about
children in care and care leavers, which Frontdoor does not hold.

- **Each list is one statement** (its counts and last dates are subqueries in the same
  statement), so the lists cost the same handful of statements for a county's six months as for
  one child's.
- **Scoped to the person producing them** (`frontdoor/access`): only someone the policy lets
  produce statutory returns gets rows at all, and a child whose record is restricted and not
  open to them is left out of every list, exactly as their own lists leave the child out.
- **Ofsted's codes** (checked against the best public source we hold, docs/adr/0034): gender
  as "a) Male", "b) Female", "c) Not stated/recorded"; ethnicity as the lettered DfE code
  ("a) WBRI"); answers lettered ("a) Yes", "b) No", a disability not recorded "c) Unknown");
  sources lettered ("q) 6: Police"); codes with their words ("N1 - Abuse or neglect"); dates as
  dates (shown dd/mm/yyyy); the age in whole years at the date asked for, -1 for an unborn child
  or one whose date of birth is not known.
- **No cell is ever a formula**: every text cell is written explicitly as a string (with
  Excel's quote prefix on text that starts like a formula), so a child called
  "=HYPERLINK(...)" is a name, not a link.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Exists, F, IntegerField, Max, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from frontdoor.access.policies import can
from frontdoor.access.queries import hidden_restrictions
from frontdoor.assessments.models import Assessment
from frontdoor.assessments.workflow import AssessmentOutcome
from frontdoor.codelists.models import Code, CodeList
from frontdoor.contacts.models import Contact
from frontdoor.exports.spreadsheet import FORMULA_STARTS, MARKING
from frontdoor.handovers.models import Handover
from frontdoor.handovers.workflow import HandoverKind, HandoverStatus
from frontdoor.history.models import EarlyHelpEpisode
from frontdoor.referrals.models import Referral
from frontdoor.strategy.models import ChildProtectionPlan, ChildProtectionReview, Section47Enquiry
from frontdoor.strategy.workflow import ends_the_referral
from frontdoor.timescales.calendar import LONDON, end_of_local_day, local_date
from frontdoor.visits.models import Visit

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from frontdoor.access.models import User

DATE_FORMAT = "dd/mm/yyyy"
GENDER = {"M": "a) Male", "F": "b) Female", "U": "c) Not stated/recorded"}
# Ofsted's lettered ethnicity list, in its order (the DfE's main codes).
ETHNICITY = [
    "WBRI", "WIRI", "WIRT", "WOTH", "WROM", "MWBC", "MWBA", "MWAS", "MOTH", "AIND",
    "APKN", "ABAN", "AOTH", "BCRB", "BAFR", "BOTH", "CHNE", "OOTH", "REFU", "NOBT",
]  # fmt: skip
LETTERED_ETHNICITY = {code: f"{chr(ord('a') + i)}) {code}" for i, code in enumerate(ETHNICITY)}
NOT_OBTAINED = LETTERED_ETHNICITY["NOBT"]
# Ofsted's answers are lettered too ("a) Yes"), as its template's drop-downs give them.
LETTERED_YES, LETTERED_NO, LETTERED_UNKNOWN = "a) Yes", "b) No", "c) Unknown"
# The CIN census referral sources, lettered as Ofsted's Contact Source and Referral Source
# columns give them ("q) 6: Police"): the letter, and the source's group in words.
SOURCE_LETTERS = {
    "1A": ("a", "Individual"), "1B": ("b", "Individual"), "1C": ("c", "Individual"),
    "1D": ("d", "Individual"), "2A": ("e", "Schools"), "2B": ("f", "Education services"),
    "3A": ("g", "Health services"), "3B": ("h", "Health services"),
    "3C": ("i", "Health services"), "3D": ("j", "Health services"),
    "3E": ("k", "Health services"), "3F": ("l", "Health services"), "4": ("m", "Housing"),
    "5A": ("n", "LA services"), "5B": ("o", "LA services"), "5C": ("p", "LA services"),
    "5D": ("p1", "LA services"), "6": ("q", "Police"), "7": ("r", "Other legal agency"),
    "8": ("s", "Other"), "9": ("t", "Anonymous"), "10": ("u", "Unknown"),
}  # fmt: skip
CATEGORY = {
    "NEG": "a) Neglect",
    "PHY": "b) Physical abuse",
    "SAB": "c) Sexual abuse",
    "EMO": "d) Emotional abuse",
    "MUL": "e) Multiple/not recommended",
}

CHILD = ["Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Age of Child (Years)"]
DISABILITY = "Does the Child have a Disability"
ALLOCATED = ["Allocated Team", "Allocated Worker"]


@dataclass(frozen=True)
class Period:
    """The six months before (and including) the date Ofsted gives."""

    as_of: date

    @property
    def starts(self) -> date:
        return months_before(self.as_of, 6)

    @property
    def start_moment(self) -> datetime:
        return datetime.combine(self.starts, time.min, tzinfo=LONDON).astimezone(UTC)

    @property
    def end_moment(self) -> datetime:
        return end_of_local_day(self.as_of)

    @property
    def words(self) -> str:
        return f"{self.starts:%-d %B %Y} to {self.as_of:%-d %B %Y}"


def months_before(day: date, months: int) -> date:
    """The same day `months` months earlier, or that month's last day (31 August -> 28 or 29
    February), plus one day: six months before 30 June is 31 December to 30 June inclusive."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    for last in (31, 30, 29, 28):
        try:
            earlier = date(year, month, min(day.day, last))
            break
        except ValueError:
            continue
    return date.fromordinal(earlier.toordinal() + 1)


@dataclass(frozen=True)
class AnnexList:
    number: int
    title: str
    headings: Sequence[str]
    rows: list[list[Any]]

    @property
    def sheet_name(self) -> str:
        return f"List {self.number}"


# --- Scope --------------------------------------------------------------------------------------


def _scoped(queryset: QuerySet[Any], user: User | AnonymousUser, person: str) -> QuerySet[Any]:
    """Only for those the policy lets produce returns; never a child hidden from them."""
    if not can(user, "download_returns"):
        return queryset.none()
    hidden = hidden_restrictions(user).filter(person_id=OuterRef(person))
    return queryset.exclude(Exists(hidden))


# --- The child's columns ------------------------------------------------------------------------


def age_on(born: date | None, on: date) -> int:
    if born is None or born > on:
        return -1
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _child(row: dict[str, Any], period: Period, *, prefix: str = "person__") -> list[Any]:
    born = row.get(prefix + "date_of_birth")
    ethnicity = row.get(prefix + "ethnicity") or ""
    return [
        str(row[prefix + "id"] if prefix + "id" in row else row["person_id"]),
        GENDER.get(row.get(prefix + "sex") or "U", GENDER["U"]),
        LETTERED_ETHNICITY.get(ethnicity, ethnicity or NOT_OBTAINED),
        born,
        age_on(born, period.as_of),
    ]


def _disability(codes: list[str] | None) -> str:
    if not codes:
        return LETTERED_UNKNOWN
    return LETTERED_NO if codes == ["NONE"] else LETTERED_YES


def _source(code: str | None, label: str | None) -> str:
    """A referral source as Ofsted letters it ("q) 6: Police"); one it does not list, as the
    census code and its words."""
    if code in SOURCE_LETTERS:
        letter, group = SOURCE_LETTERS[code]
        return f"{letter}) {code}: {group}"
    return f"{code or ''} {label or ''}".strip()


def _coded(code: str | None, label: str | None) -> str:
    """A census code with its words, as Ofsted's lists give them ("N1 - Abuse or neglect")."""
    return f"{code} - {label}" if code and label else code or ""


def _worker(first: str | None, last: str | None, username: str | None) -> str:
    name = f"{first or ''} {last or ''}".strip()
    return name or (username or "")


CHILD_FIELDS = ["person__id", "person__sex", "person__ethnicity", "person__date_of_birth"]


def _day(moment: datetime | None) -> date | None:
    return local_date(moment) if moment is not None else None


def _yes_no(value: bool | None) -> str:
    if value is None:
        return ""
    return LETTERED_YES if value else LETTERED_NO


# --- The lists ----------------------------------------------------------------------------------


def list_1_contacts(user: User | AnonymousUser, period: Period) -> AnnexList:
    """Every contact received in the six months, a row per child in it."""
    rows = (
        _scoped(Contact.objects.all(), user, "person_id")
        .filter(
            family__received_at__gte=period.start_moment,
            family__received_at__lte=period.end_moment,
        )
        .order_by("family__received_at", "family__reference", "position")
        .values(
            "id",
            "person_id",
            "sex",
            "date_of_birth",
            "person__ethnicity",
            "family__received_at",
            "family__referral_source__code",
            "family__referral_source__label",
        )
    )
    out = []
    for row in rows:
        born = row["date_of_birth"]
        ethnicity = row["person__ethnicity"] or ""
        out.append(
            [
                str(row["person_id"] or row["id"]),
                GENDER.get(row["sex"] or "U", GENDER["U"]),
                LETTERED_ETHNICITY.get(ethnicity, NOT_OBTAINED),
                born,
                age_on(born, period.as_of),
                _day(row["family__received_at"]),
                _source(
                    row["family__referral_source__code"], row["family__referral_source__label"]
                ),
            ]
        )
    return AnnexList(1, "Contacts", [*CHILD, "Date of Contact", "Contact Source"], out)


def list_2_early_help(user: User | AnonymousUser, period: Period) -> AnnexList:
    """Early help in the six months: episodes from the early help system open at any point in
    them, and children stepped down to early help whose early help team received them."""
    episodes = (
        _scoped(EarlyHelpEpisode.objects.all(), user, "person_id")
        .filter(started_on__lte=period.as_of)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=period.starts))
        .order_by("started_on", "id")
        .values(*CHILD_FIELDS, "person__disabilities", "started_on", "ended_on", "organisation")
    )
    step_downs = (
        _scoped(Handover.objects.all(), user, "person_id")
        .filter(kind=HandoverKind.STEP_DOWN, status=HandoverStatus.ACCEPTED)
        .filter(answered_at__gte=period.start_moment, answered_at__lte=period.end_moment)
        .order_by("answered_at", "id")
        .values(*CHILD_FIELDS, "person__disabilities", "answered_at", "team__name")
    )
    out = [
        [
            *_child(row, period),
            _disability(row["person__disabilities"]),
            row["started_on"],
            row["ended_on"] if row["ended_on"] and row["ended_on"] <= period.as_of else None,
            row["organisation"],
        ]
        for row in episodes
    ]
    out += [
        [
            *_child(row, period),
            _disability(row["person__disabilities"]),
            _day(row["answered_at"]),
            None,
            row["team__name"],
        ]
        for row in step_downs
    ]
    headings = [
        *CHILD,
        DISABILITY,
        "Early Help Start Date",
        "Early Help End Date",
        "Organisation Providing Early Help",
    ]
    return AnnexList(2, "Early help", headings, out)


def _referrals_before(outer_person: str, outer_date: str, months: int = 12) -> Subquery:
    """How many referrals the child had in the 12 months before this one (this one not
    counted): Ofsted's re-referral column."""
    earlier = (
        Referral.objects.filter(
            person_id=OuterRef(outer_person),
            referral_date__lt=OuterRef(outer_date),
            referral_date__gte=OuterRef(outer_date) - _months(months),
        )
        .order_by()
        .values("person_id")
        .annotate(n=Count("id"))
        .values("n")
    )
    return Subquery(earlier, output_field=IntegerField())


def _months(months: int) -> timedelta:
    # A year as 365 days: the re-referral window the DfE's own tables use.
    return timedelta(days=round(365 * months / 12))


def _allocation(prefix: str) -> list[str]:
    return [
        prefix + "allocation__team__name",
        prefix + "allocation__worker__first_name",
        prefix + "allocation__worker__last_name",
        prefix + "allocation__worker__username",
    ]


def _allocated(row: dict[str, Any], prefix: str) -> list[str]:
    return [
        row[prefix + "allocation__team__name"] or "",
        _worker(
            row[prefix + "allocation__worker__first_name"],
            row[prefix + "allocation__worker__last_name"],
            row[prefix + "allocation__worker__username"],
        ),
    ]


def list_3_referrals(user: User | AnonymousUser, period: Period) -> AnnexList:
    rows = (
        _scoped(Referral.objects.all(), user, "person_id")
        .filter(referral_date__gte=period.start_moment, referral_date__lte=period.end_moment)
        .annotate(earlier=Coalesce(_referrals_before("person_id", "referral_date"), 0))
        .order_by("referral_date", "id")
        .values(
            *CHILD_FIELDS,
            "referral_date",
            "referral_source__code",
            "referral_source__label",
            "strategy_discussion__outcome",
            "earlier",
            *_allocation(""),
        )
    )
    out = [
        [
            *_child(row, period),
            _day(row["referral_date"]),
            _source(row["referral_source__code"], row["referral_source__label"]),
            # The census's ReferralNFA: its strategy discussion decided no further action
            # (docs/adr/0034), read from that outcome.
            _yes_no(ends_the_referral(row["strategy_discussion__outcome"] or "")),
            row["earlier"],
            *_allocated(row, ""),
        ]
        for row in rows
    ]
    headings = [
        *CHILD,
        "Date of referral",
        "Referral Source",
        "Referral NFA?",
        "Number of Referrals in Last 12 Months",
        *ALLOCATED,
    ]
    return AnnexList(3, "Referrals", headings, out)


NEEDS_NO_SUPPORT = {AssessmentOutcome.NO_FURTHER_ACTION, AssessmentOutcome.EARLY_HELP}


def list_4_assessments(user: User | AnonymousUser, period: Period) -> AnnexList:
    """Assessments started in the six months, or authorised in them, or still open."""
    rows = (
        _scoped(Assessment.objects.all(), user, "person_id")
        .filter(started_at__lte=period.end_moment)
        .filter(Q(authorised_at__isnull=True) | Q(authorised_at__gte=period.start_moment))
        # An assessment never authorised whose episode was closed before the six months is
        # not open work (the episode's closure ended it).
        .exclude(referral__closed_on__lt=period.starts)
        .order_by("started_at", "id")
        .values(
            *CHILD_FIELDS,
            "person__disabilities",
            "started_at",
            "authorised_at",
            "outcome",
            *_allocation("referral__"),
        )
    )
    out = []
    for row in rows:
        authorised = _day(row["authorised_at"])
        if authorised is not None and authorised > period.as_of:
            authorised = None
        requires = ""
        if authorised is not None and row["outcome"]:
            requires = _yes_no(row["outcome"] not in NEEDS_NO_SUPPORT)
        out.append(
            [
                *_child(row, period),
                _disability(row["person__disabilities"]),
                _day(row["started_at"]),
                authorised,
                requires,
                *_allocated(row, "referral__"),
            ]
        )
    headings = [
        *CHILD,
        DISABILITY,
        "Continuous Assessment Start Date",
        "Continuous Assessment Date of Authorisation",
        "Was the child assessed as requiring LA children's social care support?",
        *ALLOCATED,
    ]
    return AnnexList(4, "Assessments", headings, out)


def _count_before(model: Any, extra: Q, outer_date: str) -> Subquery:
    earlier = (
        model.objects.filter(extra, person_id=OuterRef("person_id"))
        .filter(
            started_at__lt=OuterRef(outer_date),
            started_at__gte=OuterRef(outer_date) - _months(12),
        )
        .order_by()
        .values("person_id")
        .annotate(n=Count("id"))
        .values("n")
    )
    return Subquery(earlier, output_field=IntegerField())


def list_5_section_47(user: User | AnonymousUser, period: Period) -> AnnexList:
    """Section 47 enquiries started in the six months, and those still open."""
    rows = (
        _scoped(Section47Enquiry.objects.all(), user, "person_id")
        .filter(started_at__lte=period.end_moment)
        .filter(
            Q(started_at__gte=period.start_moment)
            | Q(concluded_at__isnull=True)
            | Q(concluded_at__gte=period.start_moment)
        )
        .exclude(discussion__referral__closed_on__lt=period.starts)
        .annotate(
            earlier=Coalesce(_count_before(Section47Enquiry, Q(), "started_at"), 0),
            earlier_icpcs=Coalesce(
                _count_before(Section47Enquiry, Q(icpc_held_on__isnull=False), "started_at"), 0
            ),
        )
        .order_by("started_at", "id")
        .values(
            *CHILD_FIELDS,
            "person__disabilities",
            "started_at",
            "icpc_not_required_reason",
            "icpc_held_on",
            "child_protection_plan",
            "earlier",
            "earlier_icpcs",
            *_allocation("discussion__referral__"),
        )
    )
    out = []
    for row in rows:
        held = row["icpc_held_on"]
        if held is not None and held > period.as_of:
            held = None
        out.append(
            [
                *_child(row, period),
                _disability(row["person__disabilities"]),
                _day(row["started_at"]),
                _yes_no(bool(row["icpc_not_required_reason"])),
                held,
                _yes_no(row["child_protection_plan"]) if held is not None else "",
                row["earlier"],
                row["earlier_icpcs"],
                *_allocated(row, "discussion__referral__"),
            ]
        )
    headings = [
        *CHILD,
        DISABILITY,
        "Strategy discussion initiating Section 47 Enquiry Start Date",
        "Was an Initial Child Protection Conference deemed unnecessary?",
        "Date of Initial Child Protection Conference",
        "Did the Initial Child Protection Conference Result in a Child Protection Plan",
        "Number of Section 47 Enquiries in the last 12 months",
        "Number of ICPCs in the last 12 months",
        *ALLOCATED,
    ]
    return AnnexList(5, "Section 47 enquiries and ICPCs", headings, out)


def _case_status(row: dict[str, Any], period: Period) -> str:
    closed = row["closed_on"]
    # Ofsted's lettered statuses; "a) Looked after child" is about records Frontdoor does not
    # hold, and an open episode that is neither a plan nor an assessment is a child in need.
    if closed is not None and closed <= period.as_of:
        return "e) Closed episode"
    if row["open_plan"]:
        return "b) Child Protection plan"
    authorised = row["assessment__authorised_at"]
    if row["assessment__id"] and (authorised is None or local_date(authorised) > period.as_of):
        return "d) Open assessment"
    return "c) Child in need plan"


def list_6_children_in_need(user: User | AnonymousUser, period: Period) -> AnnexList:
    """Every child in need episode open at any point in the six months."""
    open_plan = ChildProtectionPlan.objects.filter(
        person_id=OuterRef("person_id"), started_on__lte=period.as_of
    ).filter(Q(ended_on__isnull=True) | Q(ended_on__gt=period.as_of))
    rows = (
        _scoped(Referral.objects.all(), user, "person_id")
        .filter(referral_date__lte=period.end_moment)
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gte=period.starts))
        .annotate(open_plan=Exists(open_plan))
        .order_by("referral_date", "id")
        .values(
            *CHILD_FIELDS,
            "person__disabilities",
            "referral_date",
            "assessment__id",
            "assessment__authorised_at",
            "assessment__primary_need__code",
            "assessment__primary_need__label",
            "open_plan",
            "closed_on",
            "closure_reason",
            *_allocation(""),
        )
    )
    reasons = dict(
        Code.objects.of(CodeList.CLOSURE_REASON).values_list("code", "label")
    )  # one statement for the list, however many rows
    out = []
    for row in rows:
        closed = row["closed_on"] if row["closed_on"] and row["closed_on"] <= period.as_of else None
        reason = row["closure_reason"] if closed else ""
        out.append(
            [
                *_child(row, period),
                _disability(row["person__disabilities"]),
                _day(row["referral_date"]),
                _coded(
                    row["assessment__primary_need__code"], row["assessment__primary_need__label"]
                ),
                closed,
                _coded(reason, reasons.get(reason)),
                _case_status(row, period),
                *_allocated(row, ""),
            ]
        )
    headings = [
        *CHILD,
        DISABILITY,
        "CIN Start Date",
        "Primary Need Code",
        "CIN Closure Date",
        "Reason for Closure",
        "Case Status",
        *ALLOCATED,
    ]
    return AnnexList(6, "Children in need", headings, out)


def list_7_child_protection(user: User | AnonymousUser, period: Period) -> AnnexList:
    """Every child protection plan open at any point in the six months."""
    referral = "section47__discussion__referral__"
    last_visit = (
        Visit.objects.filter(
            allocation__referral_id=OuterRef("section47__discussion__referral_id"),
            visited_at__lte=period.end_moment,
        )
        .order_by()
        .values("allocation__referral_id")
        .annotate(last=Max("visited_at"))
        .values("last")
    )
    last_review = (
        ChildProtectionReview.objects.filter(plan_id=OuterRef("id"), held_on__lte=period.as_of)
        .order_by()
        .values("plan_id")
        .annotate(last=Max("held_on"))
        .values("last")
    )
    previous = (
        ChildProtectionPlan.objects.filter(
            person_id=OuterRef("person_id"), started_on__lt=OuterRef("started_on")
        )
        .order_by()
        .values("person_id")
        .annotate(n=Count("id"))
        .values("n")
    )
    rows = (
        _scoped(ChildProtectionPlan.objects.all(), user, "person_id")
        .filter(started_on__lte=period.as_of)
        .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=period.starts))
        .annotate(
            last_visit=Subquery(last_visit),
            last_review=Subquery(last_review),
            previous=Coalesce(Subquery(previous, output_field=IntegerField()), 0),
        )
        .order_by("started_on", F("created_at"), "id")
        .values(
            *CHILD_FIELDS,
            "person__disabilities",
            "started_on",
            "initial_category__code",
            "latest_category__code",
            "last_visit",
            "last_review",
            "ended_on",
            "previous",
            *_allocation(referral),
        )
    )
    out = []
    for row in rows:
        ended = row["ended_on"] if row["ended_on"] and row["ended_on"] <= period.as_of else None
        out.append(
            [
                *_child(row, period),
                _disability(row["person__disabilities"]),
                row["started_on"],
                CATEGORY.get(row["initial_category__code"], row["initial_category__code"]),
                CATEGORY.get(row["latest_category__code"], row["latest_category__code"]),
                _day(row["last_visit"]),
                row["last_review"],
                ended,
                row["previous"],
                *_allocated(row, referral),
            ]
        )
    headings = [
        *CHILD,
        DISABILITY,
        "Child Protection Plan Start Date",
        "Initial Category of Abuse",
        "Latest Category of Abuse",
        "Date of the Last Statutory Visit",
        "Date of latest review conference",
        "Child Protection Plan End Date",
        "Number of Previous Child Protection Plans",
        *ALLOCATED,
    ]
    return AnnexList(7, "Child protection", headings, out)


LISTS: list[Callable[[Any, Period], AnnexList]] = [
    list_1_contacts,
    list_2_early_help,
    list_3_referrals,
    list_4_assessments,
    list_5_section_47,
    list_6_children_in_need,
    list_7_child_protection,
]


def build(user: User | AnonymousUser, as_of: date) -> list[AnnexList]:
    period = Period(as_of)
    return [make(user, period) for make in LISTS]


# --- The workbook -------------------------------------------------------------------------------


def _cell(sheet: WriteOnlyWorksheet, value: Any) -> Any:
    """A cell whose type is set by us, never guessed from its text: dates are dates, numbers are
    numbers, and text is a string however it starts."""
    if value is None:
        return None
    if isinstance(value, bool):
        return _yes_no(value)
    if isinstance(value, date | datetime):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = DATE_FORMAT
        return cell
    if isinstance(value, int | float):
        return value
    text = ILLEGAL_CHARACTERS_RE.sub("", str(value))
    cell = WriteOnlyCell(sheet, value=text)
    cell.data_type = "s"  # openpyxl reads "=..." as a formula: say it is text
    if text.startswith(FORMULA_STARTS):
        cell.quotePrefix = True  # and tell the spreadsheet program so too
    return cell


def workbook_bytes(lists: Iterable[AnnexList], period: Period) -> bytes:
    book = Workbook(write_only=True)
    for annex in lists:
        sheet = book.create_sheet(annex.sheet_name)
        marking = WriteOnlyCell(sheet, value=MARKING)
        marking.font = Font(bold=True)
        sheet.append([marking])
        sheet.append([_cell(sheet, f"{annex.sheet_name}: {annex.title}, {period.words}")])
        sheet.append([_cell(sheet, h) for h in annex.headings])
        for row in annex.rows:
            sheet.append([_cell(sheet, v) for v in row])
        sheet.oddHeader.center.text = MARKING
        sheet.oddFooter.center.text = MARKING
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
