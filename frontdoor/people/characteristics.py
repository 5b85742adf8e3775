"""A person's characteristics for the statutory returns (issue 16, docs/adr/0020): what the
CIN census's child identifiers and characteristics modules need, recorded on the person once.

One set of rules, in one place, for the child's record page, the API and screening: each
problem is keyed by the field it is about, with the GOV.UK message to show. The codes come
from the code lists (frontdoor/codelists), so a new year's list is a data migration.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from frontdoor.codelists.models import Code, CodeList
from frontdoor.people.models import Sex

# DfE: the check letter is chosen from 23 letters (no I, O or S); character 13 of a temporary
# UPN is one of the same letters.
UPN_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"
_UPN_SHAPE = re.compile(rf"^[{UPN_LETTERS}]\d{{11}}[0-9{UPN_LETTERS}]$")
UPN_EXAMPLE = "A123456789012"

# Fields that change together on the record (and are compared for the audit event).
FIELDS = (
    "sex",
    "expected_date_of_birth",
    "ethnicity",
    "disabilities",
    "upn",
    "former_upn",
    "upn_unknown_reason",
    "first_language",
    "first_language_name",
    "interpreter_needed",
)
NO_DISABILITY = "NONE"
# First languages other than English: the language itself is named beside the code.
OTHER_THAN_ENGLISH = frozenset({"OTH", "OTB"})


def upn_check_letter(upn: str) -> str:
    """The DfE check letter of a 13-character UPN: characters 2-13 weighted 2 to 13 (a letter
    at 13 counting its place in UPN_LETTERS), the sum modulo 23 picks the letter."""
    total = 0
    for weight, char in enumerate(upn[1:13], start=2):
        value = int(char) if char.isdigit() else UPN_LETTERS.index(char)
        total += value * weight
    return UPN_LETTERS[total % 23]


def upn_problem(upn: str, *, what: str = "UPN") -> str | None:
    """Why `upn` is not a UPN the DfE would accept (its validation rules 1510-1560), or None."""
    if not _UPN_SHAPE.match(upn):
        return (
            f"Enter the {what} in the correct format: a letter, 11 numbers, then a number or "
            f"letter, like {UPN_EXAMPLE}"
        )
    if upn_check_letter(upn) != upn[0]:
        return f"Enter the {what} exactly as the school has it: the check letter does not match"
    return None


@dataclass(frozen=True)
class Characteristics:
    sex: str = Sex.UNKNOWN
    expected_date_of_birth: date | None = None
    ethnicity: str = ""
    disabilities: list[str] = field(default_factory=list)
    upn: str = ""
    former_upn: str = ""
    upn_unknown_reason: str = ""
    first_language: str = ""
    first_language_name: str = ""
    interpreter_needed: bool | None = None

    @classmethod
    def of(cls, person: Any) -> Characteristics:
        return cls(**{name: getattr(person, name) for name in FIELDS})

    def normalised(self) -> Characteristics:
        """Identifiers in capitals without spaces; disabilities once each, in list order."""
        return Characteristics(
            **{
                **asdict(self),
                "upn": _compact(self.upn),
                "former_upn": _compact(self.former_upn),
                "first_language_name": self.first_language_name.strip(),
                "disabilities": sorted(set(self.disabilities)),
            }
        )


def _compact(value: str) -> str:
    return "".join(value.split()).upper()


def _codes(code_list: str) -> set[str]:
    return set(Code.objects.of(code_list).values_list("code", flat=True))


def problems(details: Characteristics, *, date_of_birth: date | None) -> dict[str, str]:
    """Every problem with `details` (already normalised), by field, in the GOV.UK words."""
    found: dict[str, str] = {}
    if details.sex not in Sex.values:
        found["sex"] = "Select the child's sex, or 'Not known'"
    if details.expected_date_of_birth and date_of_birth:
        found["expected_date_of_birth"] = (
            "An expected date of birth is only for an unborn child: this child's date of birth "
            "is recorded"
        )
    _code_problems(details, found)
    _upn_problems(details, found)
    if details.interpreter_needed and not details.first_language_name:
        found["first_language_name"] = "Enter the language the interpreter needs to speak"
    if details.first_language in OTHER_THAN_ENGLISH and not details.first_language_name:
        found["first_language_name"] = "Enter the child's first language"
    return found


def _code_problems(details: Characteristics, found: dict[str, str]) -> None:
    if details.ethnicity and details.ethnicity not in _codes(CodeList.ETHNICITY):
        found["ethnicity"] = "Select the child's ethnicity from the list"
    disabilities = set(details.disabilities)
    if disabilities - _codes(CodeList.DISABILITY):
        found["disabilities"] = "Select the child's disabilities from the list"
    elif NO_DISABILITY in disabilities and len(disabilities) > 1:
        found["disabilities"] = "Select 'No disability' on its own, or the child's disabilities"
    if details.first_language and details.first_language not in _codes(CodeList.FIRST_LANGUAGE):
        found["first_language"] = "Select the child's first language from the list"


def _upn_problems(details: Characteristics, found: dict[str, str]) -> None:
    if details.upn:
        problem = upn_problem(details.upn)
        if problem:
            found["upn"] = problem
        elif details.upn_unknown_reason:
            found["upn_unknown_reason"] = (
                "Leave the reason the UPN is unknown empty when the UPN is entered"
            )
    if details.upn_unknown_reason and details.upn_unknown_reason not in _codes(
        CodeList.UPN_UNKNOWN
    ):
        found["upn_unknown_reason"] = "Select why the UPN is unknown from the list"
    if details.former_upn:
        problem = upn_problem(details.former_upn, what="former UPN")
        if problem:
            found["former_upn"] = problem
        elif details.former_upn == details.upn:
            found["former_upn"] = "Enter a former UPN that is different from the UPN"


def changes(before: Characteristics, after: Characteristics) -> dict[str, dict[str, Any]]:
    """What changed, for the audit event: each field's value before and after (codes, dates,
    identifiers; no free text but the name of a language)."""
    old, new = asdict(before), asdict(after)
    return {
        name: {"from": _plain(old[name]), "to": _plain(new[name])}
        for name in FIELDS
        if old[name] != new[name]
    }


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value
