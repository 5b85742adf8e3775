"""People: children, and the adults around them.

A person record is the council's single view of one human being. Contacts are linked to it at
screening, so that everything already known about a child is found in one place.
"""

from __future__ import annotations

import uuid
from datetime import date

from django.conf import settings
from django.db import models

from frontdoor.access.records import AboutAChild


class Sex(models.TextChoices):
    # CIN census codes from 2024-25.
    MALE = "M", "Male"
    FEMALE = "F", "Female"
    UNKNOWN = "U", "Not known"


def nhs_number_is_valid(value: str) -> bool:
    """Modulus 11 check on a 10-digit NHS number (NHS Data Dictionary)."""
    if len(value) != 10 or not value.isdigit():
        return False
    total = sum(
        int(digit) * weight for digit, weight in zip(value[:9], range(10, 1, -1), strict=True)
    )
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(value[9])


class Person(AboutAChild):
    child_paths = ("",)
    placeholder_field = "first_name"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    first_name = models.CharField(max_length=100)
    middle_names = models.CharField(max_length=200, blank=True)
    last_name = models.CharField(max_length=100)
    known_as = models.CharField(max_length=100, blank=True)
    date_of_birth = models.DateField(null=True, blank=True)
    # An unborn child is recorded with an expected date of birth instead.
    expected_date_of_birth = models.DateField(null=True, blank=True)
    sex = models.CharField(max_length=1, choices=Sex.choices, default=Sex.UNKNOWN)
    nhs_number = models.CharField(max_length=10, blank=True, db_index=True)
    address = models.CharField(max_length=300, blank=True)
    postcode = models.CharField(max_length=10, blank=True, db_index=True)
    # The census's identifiers and characteristics (issue 16, docs/adr/0020), as codes from
    # the code lists; blank is "not recorded yet", which the data-quality page lists. Checked
    # by frontdoor/people/characteristics.py and written only by `record_characteristics`.
    ethnicity = models.CharField(max_length=4, blank=True)
    disabilities = models.JSONField(default=list, blank=True)
    upn = models.CharField("UPN", max_length=13, blank=True)
    former_upn = models.CharField("former UPN", max_length=13, blank=True)
    upn_unknown_reason = models.CharField(max_length=4, blank=True)
    first_language = models.CharField(max_length=3, blank=True)
    first_language_name = models.CharField(max_length=100, blank=True)
    interpreter_needed = models.BooleanField(null=True, blank=True)
    # The child's school and GP practice (issue 17), as far as known: blank is "not known yet".
    # Checked by frontdoor/people/school_and_gp.py, written by `record_school_and_gp` (and filled
    # from a merged duplicate when blank here: matching/merging.py FILLABLE).
    school = models.CharField(max_length=200, blank=True)
    school_urn = models.CharField("school URN", max_length=6, blank=True)
    gp_practice = models.CharField("GP practice", max_length=200, blank=True)
    gp_practice_code = models.CharField("GP practice code", max_length=6, blank=True)
    created_at = models.DateTimeField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Set when this record was found to be a duplicate and merged into another
    # (frontdoor/matching/merging.py). The row stays, so that the merge can be undone and so
    # that the audit trail, which can never be rewritten, still points somewhere real.
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="merged_people"
    )

    class Meta:
        indexes = [
            models.Index(fields=["last_name", "first_name"], name="person_name"),
            models.Index(fields=["date_of_birth"], name="person_dob"),
        ]
        ordering = ["last_name", "first_name"]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.first_name, self.last_name) if part)

    def age_on(self, day: date) -> int | None:
        if self.date_of_birth is None:
            return None
        born = self.date_of_birth
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


class RelationshipKind(models.TextChoices):
    PARENT = "parent", "Parent"
    STEP_PARENT = "step_parent", "Step-parent"
    CARER = "carer", "Carer"
    SIBLING = "sibling", "Brother or sister"
    HALF_SIBLING = "half_sibling", "Half-brother or half-sister"
    GRANDPARENT = "grandparent", "Grandparent"
    HOUSEHOLD_MEMBER = "household_member", "Household member"
    PARTNER_OF_PARENT = "partner_of_parent", "Parent's partner"
    ALLEGED_PERPETRATOR = "alleged_perpetrator", "Alleged perpetrator"
    OTHER = "other", "Other"

    @classmethod
    def siblings(cls) -> list[str]:
        return [cls.SIBLING, cls.HALF_SIBLING]

    @classmethod
    def of_an_adult(cls) -> list[str]:
        """What an adult may be to a child: all but brother or sister (which are recorded both
        ways, between children)."""
        return [kind for kind in cls.values if kind not in cls.siblings()]


class Relationship(AboutAChild):
    """`relative` is the `person`'s <kind>: "Jo is Amy's parent" is person=Amy, relative=Jo."""

    child_paths = ("person", "relative")

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="relationships")
    relative = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="relationships_as_relative"
    )
    kind = models.CharField(max_length=30, choices=RelationshipKind.choices)
    created_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["person", "relative", "kind"], name="relationship_unique"
            ),
            models.CheckConstraint(
                condition=~models.Q(person=models.F("relative")), name="relationship_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.relative} is {self.person}'s {self.get_kind_display().lower()}"


class Household(AboutAChild):
    """The people who live together, and every address they have lived at. A family's moves
    are part of its history: frequent moves can be a worry in themselves."""

    child_paths = ("members__person",)

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"Household {self.id.hex[:8].upper()}"


class HouseholdMember(AboutAChild):
    child_paths = ("person",)

    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="households")
    joined_on = models.DateField(null=True, blank=True)
    left_on = models.DateField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["household", "person"], name="household_member_once"),
        ]

    def __str__(self) -> str:
        return f"{self.person} in {self.household}"


class HouseholdAddress(AboutAChild):
    """One address the household lived at, from `moved_in` until `moved_out` (empty: now)."""

    child_paths = ("household__members__person",)

    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="addresses")
    address = models.CharField(max_length=300)
    postcode = models.CharField(max_length=10, blank=True)
    moved_in = models.DateField()
    moved_out = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-moved_in"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(moved_out__isnull=True)
                | models.Q(moved_out__gte=models.F("moved_in")),
                name="household_address_out_after_in",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.address} {self.postcode} from {self.moved_in:%d %b %Y}"
