"""The child's school and GP practice (issue 17): the two professionals almost every child has,
and the first two a MASH asks. Recorded on the person once, shown in "who is working with them",
and asked by the MASH enquiry's education and health partners.

One set of rules, in one place, for the child's record page and the API (as for the census
characteristics): each problem is keyed by the field it is about, with the GOV.UK message.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Any

# The DfE's unique reference number of a school (Get Information about Schools): six digits.
_URN = re.compile(r"^\d{6}$")
# An NHS Organisation Data Service code of a GP practice: a letter and five digits (A81001).
_GP_PRACTICE_CODE = re.compile(r"^[A-Z]\d{5}$")

FIELDS = ("school", "school_urn", "gp_practice", "gp_practice_code")


@dataclass(frozen=True)
class SchoolAndGp:
    school: str = ""
    school_urn: str = ""
    gp_practice: str = ""
    gp_practice_code: str = ""

    @classmethod
    def of(cls, person: Any) -> SchoolAndGp:
        return cls(**{name: getattr(person, name) for name in FIELDS})

    def normalised(self) -> SchoolAndGp:
        """Names with single spaces; codes in capitals without spaces."""
        return SchoolAndGp(
            school=" ".join(self.school.split()),
            school_urn="".join(self.school_urn.split()),
            gp_practice=" ".join(self.gp_practice.split()),
            gp_practice_code="".join(self.gp_practice_code.split()).upper(),
        )


def problems(details: SchoolAndGp) -> dict[str, str]:
    """Every problem with `details` (already normalised), by field, in the GOV.UK words. Each
    part may be left empty (not known yet); a code is only recorded with the name it codes."""
    found: dict[str, str] = {}
    if details.school_urn and not _URN.match(details.school_urn):
        found["school_urn"] = "Enter the school's URN as 6 numbers, like 100000"
    elif details.school_urn and not details.school:
        found["school"] = "Enter the name of the school"
    if details.gp_practice_code and not _GP_PRACTICE_CODE.match(details.gp_practice_code):
        found["gp_practice_code"] = (
            "Enter the GP practice code as a letter and 5 numbers, like A81001"
        )
    elif details.gp_practice_code and not details.gp_practice:
        found["gp_practice"] = "Enter the name of the GP practice"
    return found


def changes(before: SchoolAndGp, after: SchoolAndGp) -> dict[str, dict[str, str]]:
    """What changed, for the audit event: each field's value before and after (the names of
    a school and a practice, and their public codes: no personal data)."""
    old, new = asdict(before), asdict(after)
    return {name: {"from": old[name], "to": new[name]} for name in FIELDS if old[name] != new[name]}
