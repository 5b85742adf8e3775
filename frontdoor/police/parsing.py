"""The batch format (docs/police-batches.md): read and check every row, without the database.

A row is either a `Row` ready to import or a list of `FieldError`s, each naming the field as the
sender named it (`incident_at`, `child2_date_of_birth` in a CSV file, `children[2].date_of_birth`
in JSON) with a GOV.UK-style message that says how to put it right. The same checks serve the
CSV upload and the API, so a row means the same whichever way it came.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, fields
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from frontdoor.govuk.text import UNSTORABLE, is_one_line, is_storable, storable_values
from frontdoor.missing.workflow import RiskGrade
from frontdoor.people.models import RelationshipKind
from frontdoor.police.workflow import Kind, RiskLevel, RiskTool

LONDON = ZoneInfo("Europe/London")
MAX_CHILDREN = 6
MAX_ROWS = 20_000
REFERENCE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9/_.-]{0,59}$")
YES = {"yes", "y", "true", "1"}
NO = {"no", "n", "false", "0"}
RELATIONSHIPS = {k for k in RelationshipKind.values if k != RelationshipKind.ALLEGED_PERPETRATOR}

COMMON = ["police_reference", "notified_at", "officer", "team", "postcode", "narrative"]
DOMESTIC_ABUSE = [
    *COMMON,
    "incident_at",
    "location",
    "victim_first_name",
    "victim_last_name",
    "victim_date_of_birth",
    "victim_relationship",
    "perpetrator_first_name",
    "perpetrator_last_name",
    "perpetrator_date_of_birth",
    "risk_tool",
    "risk_level",
    "marac",
]
MISSING_PERSON = [
    *COMMON,
    "child_first_name",
    "child_last_name",
    "child_date_of_birth",
    "child_sex",
    "reported_missing_at",
    "missing_from",
    "returned_at",
    "where_found",
    "risk_grade",
]
CHILD = ["first_name", "last_name", "date_of_birth", "sex", "present"]
COLUMNS: dict[str, list[str]] = {
    Kind.DOMESTIC_ABUSE: DOMESTIC_ABUSE,
    Kind.MISSING_PERSON: MISSING_PERSON,
}
REQUIRED_COLUMNS: dict[str, list[str]] = {
    Kind.DOMESTIC_ABUSE: ["police_reference", "incident_at", "notified_at", "risk_tool"],
    Kind.MISSING_PERSON: ["police_reference", "reported_missing_at", "risk_grade"],
}


@dataclass(frozen=True)
class FieldError:
    field: str
    message: str


@dataclass(frozen=True)
class Named:
    first_name: str
    last_name: str
    date_of_birth: date | None = None
    sex: str = "U"
    present: bool = True


@dataclass(frozen=True)
class Row:
    """One notification as sent, checked and normalised (times aware, in UTC)."""

    kind: str
    reference: str
    incident_at: datetime  # the incident, or when the child was reported missing
    notified_at: datetime
    children: tuple[Named, ...]
    officer: str = ""
    team: str = ""
    postcode: str = ""
    narrative: str = ""
    location: str = ""  # where the incident was, or where the child went missing from
    victim: Named | None = None
    victim_relationship: str = ""
    perpetrator: Named | None = None
    risk_tool: str = ""
    risk_level: str = ""
    marac: bool | None = None
    returned_at: datetime | None = None
    where_found: str = ""
    risk_grade: str = ""

    def stored(self) -> dict[str, Any]:
        """The row as plain JSON values: what is hashed, compared and shown as a change."""
        # `_plain` rather than `dataclasses.asdict`, which deep-copies every value on the way
        # (a third of building a new notification); the JSON is the same.
        stored: dict[str, Any] = json.loads(json.dumps(_plain(self), default=str, sort_keys=True))
        return stored

    def content_hash(self, stored: dict[str, Any] | None = None) -> str:
        """The hash of `stored()` (pass it when already made: it is the costly part)."""
        text = json.dumps(self.stored() if stored is None else stored, sort_keys=True)
        return hashlib.sha256(text.encode()).hexdigest()


def _plain(value: Any) -> Any:
    """A row as nested dicts and lists of its own values, as `asdict` gives it."""
    if isinstance(value, Row | Named):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, tuple | list):
        return [_plain(item) for item in value]
    return value


# --- Checking a row ----------------------------------------------------------------------------


class _Checker:
    """Reads one raw row field by field, collecting every problem rather than stopping."""

    def __init__(self, raw: dict[str, Any], now: datetime) -> None:
        self.raw = raw
        self.now = now
        self.errors: list[FieldError] = []

    def fail(self, name: str, message: str) -> None:
        self.errors.append(FieldError(name, message[0].upper() + message[1:]))

    def text(self, name: str, label: str, *, required: bool = False, limit: int = 300) -> str:
        raw = self.raw.get(name, "")
        if raw is None:
            raw = ""
        if not isinstance(raw, str):
            self.fail(name, f"{label} must be text")
            return ""
        if raw == UNSTORABLE or not is_storable(raw):
            # One rule for what can be stored (frontdoor/govuk/text.py): a NUL or a lone
            # surrogate would otherwise fail the save, not the row.
            self.fail(name, f"{label} must not contain control characters")
            return ""
        value: str = raw.strip()
        if required and not value:
            self.fail(name, f"Enter {label.lower()}")
        elif len(value) > limit:
            self.fail(name, f"{label} must be {limit:,} characters or fewer")
        elif limit <= 300 and not is_one_line(value):
            self.fail(name, f"{label} must not contain control characters or line breaks")
        return value

    def choice(self, name: str, label: str, allowed: list[str], *, required: bool = True) -> str:
        value = self.text(name, label).lower().replace(" ", "_").replace("-", "_")
        if not value:
            if required and not any(e.field == name for e in self.errors):
                self.fail(name, f"Enter {label.lower()}: {_or(allowed)}")
            return ""
        if value not in allowed:
            self.fail(name, f"{label} must be {_or(allowed)}")
            return ""
        return value

    def yes_no(self, name: str, label: str, *, default: bool | None = None) -> bool | None:
        """`label` names the answer: "The MARAC referral" ("Enter the MARAC referral: yes or
        no", "The MARAC referral must be yes or no")."""
        value = self.raw.get(name, "")
        if isinstance(value, bool):
            return value
        text = self.text(name, label).lower()
        if not text:
            if default is None:
                self.fail(name, f"Enter {label[0].lower()}{label[1:]}: yes or no")
            return default
        if text in YES:
            return True
        if text in NO:
            return False
        self.fail(name, f"{label} must be yes or no")
        return default

    def when(self, name: str, label: str, *, required: bool = True) -> datetime | None:
        text = self.text(name, label)
        if not text:
            if required and not any(e.field == name for e in self.errors):
                self.fail(name, f"Enter {label.lower()}")
            return None
        try:
            value = datetime.fromisoformat(text.replace(" ", "T", 1) if "T" not in text else text)
        except (ValueError, OverflowError):
            self.fail(name, f"{label} must be a real date and time, like 2026-11-03 21:30")
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=LONDON)
        if value.year < 1990:
            self.fail(name, f"{label} must be after 1990")
            return None
        try:
            # Year 9999 with a negative offset is past the end of time in UTC.
            value = value.astimezone(ZoneInfo("UTC"))
        except OverflowError:
            value = datetime.max.replace(tzinfo=ZoneInfo("UTC"))
        if value > self.now + timedelta(minutes=5):
            self.fail(name, f"{label} must be in the past")
            return None
        return value

    def born(self, name: str, label: str) -> date | None:
        text = self.text(name, label)
        if not text:
            return None
        try:
            if "/" in text:
                day, month, year = (int(part) for part in text.split("/"))
                value = date(year, month, day)
            else:
                value = date.fromisoformat(text)
        # A year of twenty digits overflows C's integer before it is checked as a year.
        except (ValueError, OverflowError):
            self.fail(name, f"{label} must be a real date, like 2015-03-27")
            return None
        if value.year < 1900 or value > self.now.date():
            self.fail(name, f"{label} must be a real date in the past")
            return None
        return value


def _or(allowed: list[str]) -> str:
    words = [a.replace("_", " ") for a in allowed]
    return ", ".join(words[:-1]) + f" or {words[-1]}" if len(words) > 1 else words[0]


def _person(c: _Checker, prefix: str, label: str, *, required: bool) -> Named | None:
    first = c.text(f"{prefix}first_name", f"The {label}'s first name", limit=100)
    last = c.text(f"{prefix}last_name", f"The {label}'s last name", limit=100)
    born = c.born(f"{prefix}date_of_birth", f"The {label}'s date of birth")
    if not (first or last):
        if required:
            c.fail(f"{prefix}first_name", f"Enter the {label}'s first name")
            c.fail(f"{prefix}last_name", f"Enter the {label}'s last name")
        return None
    if not first:
        c.fail(f"{prefix}first_name", f"Enter the {label}'s first name")
    if not last:
        c.fail(f"{prefix}last_name", f"Enter the {label}'s last name")
    return Named(first, last, born)


def _child(c: _Checker, raw: dict[str, Any], label: str) -> Named | None:
    inner = _Checker(raw, c.now)
    first = inner.text("first_name", "The child's first name", required=True, limit=100)
    last = inner.text("last_name", "The child's last name", required=True, limit=100)
    born = inner.born("date_of_birth", "The child's date of birth")
    sex = inner.choice("sex", "The child's sex", ["m", "f", "u"], required=False).upper() or "U"
    present = inner.yes_no("present", "Whether the child was present", default=True)
    c.errors.extend(FieldError(f"{label}{e.field}", e.message) for e in inner.errors)
    return Named(first, last, born, sex, bool(present)) if not inner.errors else None


def parse_row(kind: str, raw: dict[str, Any], *, now: datetime) -> Row | list[FieldError]:
    if raw.get("_not_an_object"):
        return [FieldError("row", "Each row must be a JSON object")]
    # Every value and key storable first, so that even a message quoting a stray key can be
    # saved; a value that is not is reported against its field (frontdoor/govuk/text.py).
    c = _Checker(storable_values(raw), now)
    known = set(COLUMNS[kind]) | ({"children"} if kind == Kind.DOMESTIC_ABUSE else set())
    for name in sorted(set(c.raw) - known):
        c.fail(name, f"Remove {name}: it is not part of this format")
    reference = c.text("police_reference", "The police reference", required=True, limit=60)
    if reference and not REFERENCE.match(reference):
        c.fail(
            "police_reference",
            "The police reference must be letters, numbers, / . _ and - only, like WX/2026/0412",
        )
    row = _domestic_abuse(c, reference) if kind == Kind.DOMESTIC_ABUSE else _missing(c, reference)
    return c.errors or row  # type: ignore[return-value]


def _common(c: _Checker) -> dict[str, Any]:
    return {
        "officer": c.text("officer", "The officer's name", limit=200),
        "team": c.text("team", "The officer's team", limit=200),
        "postcode": c.text("postcode", "The postcode", limit=10).upper(),
        "narrative": c.text("narrative", "The narrative", limit=20_000),
    }


def _domestic_abuse(c: _Checker, reference: str) -> Row | None:
    incident_at = c.when("incident_at", "The incident date and time")
    notified_at = c.when("notified_at", "The date and time the MASH was notified")
    if incident_at and notified_at and notified_at < incident_at:
        c.fail("notified_at", "The date and time notified must be after the incident")
    common = _common(c)
    if not common["narrative"] and not any(e.field == "narrative" for e in c.errors):
        c.fail("narrative", "Enter the narrative: what happened, and what the children saw")
    location = c.text("location", "The location of the incident", required=True)
    victim = _person(c, "victim_", "victim", required=True)
    relationship = c.choice(
        "victim_relationship",
        "The victim's relationship to the children",
        sorted(RELATIONSHIPS),
        required=False,
    )
    perpetrator = _person(c, "perpetrator_", "alleged perpetrator", required=False)
    tool = c.choice("risk_tool", "The risk tool", list(RiskTool.values))
    level = c.choice("risk_level", "The risk level", list(RiskLevel.values), required=False)
    if tool and tool != RiskTool.NONE and not level:
        c.fail("risk_level", "Enter the risk level: standard, medium or high")
    marac = c.yes_no("marac", "The MARAC referral")
    children = _children(c)
    if c.errors or incident_at is None or notified_at is None:
        return None
    return Row(
        kind=Kind.DOMESTIC_ABUSE,
        reference=reference,
        incident_at=incident_at,
        notified_at=notified_at,
        children=tuple(children),
        location=location,
        victim=victim,
        victim_relationship=relationship or RelationshipKind.HOUSEHOLD_MEMBER,
        perpetrator=perpetrator,
        risk_tool=tool,
        risk_level=level,
        marac=marac,
        **common,
    )


def _children(c: _Checker) -> list[Named]:
    raw_children = c.raw.get("children")
    if raw_children in (None, ""):
        raw_children = []
    if not isinstance(raw_children, list):
        c.fail("children", "Children must be a list")
        return []
    if not raw_children:
        c.fail("children", "Add at least one child who was present or lives there")
    if len(raw_children) > MAX_CHILDREN:
        c.fail("children", f"A notification can name up to {MAX_CHILDREN} children")
        return []
    children = []
    for position, raw in enumerate(raw_children, 1):
        label = raw.get("_label", f"children[{position}].") if isinstance(raw, dict) else ""
        if not isinstance(raw, dict):
            c.fail(f"children[{position}]", "Each child must be a JSON object")
            continue
        extra = sorted(set(raw) - set(CHILD) - {"_label"})
        for name in extra:
            c.fail(f"{label}{name}", f"Remove {name}: it is not part of this format")
        child = _child(c, raw, label)
        if child is not None:
            children.append(child)
    return children


def _missing(c: _Checker, reference: str) -> Row | None:
    reported_at = c.when("reported_missing_at", "The date and time reported missing")
    notified_at = c.when("notified_at", "The date and time notified", required=False)
    returned_at = c.when("returned_at", "The date and time returned or found", required=False)
    if reported_at and returned_at and returned_at < reported_at:
        c.fail("returned_at", "The date and time returned must be after they were reported missing")
    if reported_at and notified_at and notified_at < reported_at:
        c.fail("notified_at", "The date and time notified must be after they were reported missing")
    where_found = c.text("where_found", "Where the child was found")
    if returned_at and not where_found:
        c.fail("where_found", "Enter where the child was found")
    if where_found and not returned_at and not any(e.field == "returned_at" for e in c.errors):
        c.fail("returned_at", "Enter the date and time the child returned or was found")
    grade = c.choice("risk_grade", "The police risk grade", list(RiskGrade.values))
    raw_child = {
        name: c.raw.get(f"child_{name}", "")
        for name in ("first_name", "last_name", "date_of_birth", "sex")
    }
    child = _child(c, raw_child, "child_")
    common = _common(c)
    missing_from = c.text("missing_from", "Where the child went missing from")
    if c.errors or reported_at is None or child is None:
        return None
    return Row(
        kind=Kind.MISSING_PERSON,
        reference=reference,
        incident_at=reported_at,
        notified_at=notified_at or reported_at,
        children=(child,),
        location=missing_from,
        returned_at=returned_at,
        where_found=where_found,
        risk_grade=grade,
        **common,
    )
