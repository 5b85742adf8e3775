"""Input shape for finding a person. No policy, no saving."""

from __future__ import annotations

from django import forms

from frontdoor.govuk.forms import GovukDateField, GovukForm


class PersonSearchForm(GovukForm):
    name = forms.CharField(
        label="Name",
        help_text="First name, last name or both",
        max_length=200,
        required=False,
    )
    date_of_birth = GovukDateField(
        label="Date of birth (optional)",
        help_text="For example, 27 3 2019",
        label_for_errors="Date of birth",
        required=False,
    )

    def clean(self) -> dict[str, object]:
        cleaned = super().clean() or {}
        if not cleaned.get("name") and not cleaned.get("date_of_birth") and not self.errors:
            self.add_error("name", "Enter a name or a date of birth to search for")
        return cleaned
