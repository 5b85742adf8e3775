"""What a person search asks for, with GOV.UK error messages. No policy, no saving."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils import timezone

from frontdoor.govuk.forms import GovukDateField, GovukDateInput, GovukForm
from frontdoor.matching.facts import PartialDate, normal_postcode
from frontdoor.matching.queries import Criteria
from frontdoor.people.models import Sex, nhs_number_is_valid

# A UK postcode, loosely: the outward code, then the inward code (digit and two letters).
_POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}$")
NOT_ENOUGH = "Enter a first name and last name, a date of birth, an NHS number or a postcode"


class PartialDateInput(GovukDateInput):
    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        # A PartialDate is a tuple in (year, month, day) order; the boxes are day, month, year.
        if isinstance(value, PartialDate):
            value = self.decompress(value)
        return super().get_context(name, value, attrs)

    def decompress(self, value: Any) -> list[str | None]:
        if value is None:
            return [None, None, None]
        if isinstance(value, PartialDate):
            return [
                str(value.day) if value.day else None,
                str(value.month) if value.month else None,
                str(value.year),
            ]
        return super().decompress(value)


class PartialDateField(GovukDateField):
    """A date that may be known only in part: a year, a month and year, or the whole date.
    Returns a `PartialDate`."""

    widget = PartialDateInput

    def clean(self, value: Any) -> Any:
        if isinstance(value, PartialDate):
            return value  # an initial value, already clean
        return super().clean(value)

    # A partial date is not a `date`: this field returns a PartialDate by design.
    def to_python_parts(self, raw: dict[str, str]) -> PartialDate:  # type: ignore[override]
        if not raw["year"]:
            raise self.error(f"{self.subject} must include a year", "incomplete", ("year",))
        if raw["day"] and not raw["month"]:
            raise self.error(f"{self.subject} must include a month", "incomplete", ("month",))
        if raw["day"] and raw["month"]:
            whole = self.parse_date(raw)
            self.check_date_window(whole)
            return PartialDate.of(whole)
        if not raw["year"].isdigit() or len(raw["year"]) != 4:
            raise self.error("Year must include 4 numbers", "invalid_year", ("year",))
        year = int(raw["year"])
        month = None
        if raw["month"]:
            month = self._month_number(raw["month"])
        if year > timezone.localdate().year:
            raise self.error(f"{self.subject} must be today or in the past", "in_future")
        return PartialDate(year, month)

    def _month_number(self, text: str) -> int:
        # Reuse the full date parser's month handling (numbers or names) on a stand-in day.
        try:
            return self.parse_date({"day": "1", "month": text, "year": "2000"}).month
        except forms.ValidationError:
            raise self.error(f"{self.subject} must be a real date", "invalid", ("month",)) from None


class PersonSearchForm(GovukForm):
    first_name = forms.CharField(label="First name", max_length=100, required=False)
    last_name = forms.CharField(label="Last name", max_length=100, required=False)
    date_of_birth = PartialDateField(
        label="Date of birth",
        label_for_errors="Date of birth",
        help_text="For example, 27 3 2019. If you know only the year, or the month and year, "
        "enter what you know.",
        required=False,
        must_be_in_past=True,
    )
    nhs_number = forms.CharField(
        label="NHS number",
        help_text="10 digits, for example 485 777 3456",
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "inputmode": "numeric"}),
    )
    postcode = forms.CharField(
        label="Postcode",
        max_length=10,
        required=False,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10"}),
    )
    address = forms.CharField(
        label="Address", help_text="House number and street", max_length=300, required=False
    )
    sex = forms.ChoiceField(
        label="Sex",
        choices=[(Sex.FEMALE, "Female"), (Sex.MALE, "Male"), ("", "Not known")],
        required=False,
        widget=forms.RadioSelect(attrs={"govuk_inline": True, "govuk_small": True}),
    )

    def clean_nhs_number(self) -> str:
        digits = "".join(str(self.cleaned_data.get("nhs_number") or "").split())
        if not digits:
            return ""
        if not digits.isdigit() or len(digits) != 10:
            raise forms.ValidationError(
                "Enter an NHS number in the correct format, like 485 777 3456"
            )
        if not nhs_number_is_valid(digits):
            raise forms.ValidationError("Enter a real NHS number: this one fails its check digit")
        return digits

    def clean_postcode(self) -> str:
        postcode = normal_postcode(str(self.cleaned_data.get("postcode") or ""))
        if postcode and not _POSTCODE.match(postcode):
            raise forms.ValidationError("Enter a real postcode, like WX1 2AB")
        return f"{postcode[:-3]} {postcode[-3:]}" if postcode else ""

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not self.errors and not self.criteria(cleaned).searchable:
            self.add_error("first_name", NOT_ENOUGH)
        return cleaned

    @staticmethod
    def criteria(cleaned: dict[str, Any]) -> Criteria:
        return Criteria(
            first_name=(cleaned.get("first_name") or "").strip(),
            last_name=(cleaned.get("last_name") or "").strip(),
            date_of_birth=cleaned.get("date_of_birth"),
            sex=cleaned.get("sex") or "",
            nhs_number=cleaned.get("nhs_number") or "",
            postcode=cleaned.get("postcode") or "",
            address=(cleaned.get("address") or "").strip(),
        )

    @classmethod
    def initial_from(cls, criteria: Criteria) -> dict[str, Any]:
        return {
            "first_name": criteria.first_name,
            "last_name": criteria.last_name,
            "date_of_birth": criteria.date_of_birth,
            "nhs_number": criteria.nhs_number,
            "postcode": criteria.postcode,
            "address": criteria.address,
            "sex": criteria.sex,
        }
