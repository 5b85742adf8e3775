"""Input shape and GOV.UK-style error messages for the police notification pages. No policy,
no saving: the actions decide."""

from __future__ import annotations

from typing import Any

from django import forms

from frontdoor.agencies.models import Agency, AgencyKind
from frontdoor.govuk.forms import GovukForm
from frontdoor.police.workflow import Kind, QualityIssue

MAX_UPLOAD_BYTES = 20 * 1024 * 1024


class UploadForm(GovukForm):
    force = forms.ModelChoiceField(
        label="Which police force sent it?",
        queryset=Agency.objects.none(),
        empty_label="Select a police force",
        error_messages={"required": "Select the police force that sent the file"},
    )
    kind = forms.ChoiceField(
        label="What does the file hold?",
        choices=Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what the file holds"},
    )
    file = forms.FileField(
        label="Upload a CSV file",
        help_text="In the format described in the police batch guidance, up to 20 MB.",
        error_messages={
            "required": "Select a CSV file",
            "empty": "The selected file is empty",
            "invalid": "The selected file must be a CSV",
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        forces = Agency.objects.filter(kind=AgencyKind.POLICE, active=True).order_by("name")
        self.fields["force"].queryset = forces  # type: ignore[attr-defined]

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".csv"):
            raise forms.ValidationError("The selected file must be a CSV")
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError("The selected file must be smaller than 20 MB")
        return upload


class ReviewForm(GovukForm):
    person = forms.ChoiceField(
        label="Which record is this child?",
        widget=forms.RadioSelect,
        error_messages={"required": "Select the child's record, or none of them"},
    )

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [*choices, ("none", "None of these records")]  # type: ignore[attr-defined]


class QualityForm(GovukForm):
    complete = forms.ChoiceField(
        label="Was the notification complete?",
        choices=[("yes", "Yes"), ("no", "No")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether the notification was complete"},
    )
    issues = forms.MultipleChoiceField(
        label="What was wrong with it? (if not complete)",
        choices=QualityIssue.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    comment = forms.CharField(
        label="Comment for the police lead (optional)",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        complete, issues = data.get("complete"), data.get("issues") or []
        if complete == "yes" and issues:
            self.add_error("issues", "Untick the problems, or answer no: it was not complete")
        if complete == "no" and not issues:
            self.add_error("issues", "Select what was wrong with the notification")
        return data
