"""The import upload form: which kind of history, and the file."""

from __future__ import annotations

from django import forms

from frontdoor.govuk.forms import GovukForm
from frontdoor.history.models import ImportKind


class ImportForm(GovukForm):
    kind = forms.ChoiceField(
        label="What does the file hold?",
        choices=ImportKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what the file holds"},
    )
    file = forms.FileField(
        label="Upload a CSV file",
        help_text="Saved as CSV UTF-8, with the columns in docs/imports.md",
        error_messages={
            "required": "Select a CSV file",
            "empty": "The selected file is empty",
        },
    )

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".csv"):
            raise forms.ValidationError("The selected file must be a CSV")
        return upload
