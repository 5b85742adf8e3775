"""What a statutory return is for, and which: the census year or Annex A's date, with the reason
every download needs (../shared/SECURITY.md 12)."""

from __future__ import annotations

import datetime as dt

from django import forms

from frontdoor.exports.forms import ExportReasonForm
from frontdoor.govuk.forms import GovukDateField
from frontdoor.returns.census import YEARS


def _year_choices() -> list[tuple[str, str]]:
    return [
        (str(year), f"1 April {year - 1} to 31 March {year} (census {year - 1} to {year})")
        for year in sorted(YEARS)
    ]


class CensusForm(ExportReasonForm):
    year = forms.TypedChoiceField(
        label="Which census year?",
        choices=_year_choices,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select the census year",
            "invalid_choice": "Select the census year",
        },
    )
    field_order = ["year", "reason"]


class AnnexAForm(ExportReasonForm):
    as_of = GovukDateField(
        label="What date has Ofsted given?",
        label_for_errors="date Ofsted has given",
        help_text="The lists cover the six months up to and including this date. "
        "For example, 30 6 2026",
        error_messages={"required": "Enter the date Ofsted has given"},
    )
    field_order = ["as_of", "reason"]

    def __init__(self, *args: object, today: dt.date, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.today = today

    def clean_as_of(self) -> dt.date:
        as_of: dt.date = self.cleaned_data["as_of"]
        if as_of > self.today:
            raise forms.ValidationError("The date Ofsted has given must be today or in the past")
        return as_of
