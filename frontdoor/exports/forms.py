"""Why an export is needed: asked before every export, kept with its audit event."""

from __future__ import annotations

from django import forms

from frontdoor.govuk.forms import GovukForm


class ExportReasonForm(GovukForm):
    reason = forms.CharField(
        label="Why do you need this export?",
        help_text="Your reason is kept with the record of the export. For example, a subject "
        "access request, reference SAR-2026-014.",
        min_length=10,
        max_length=1000,
        error_messages={
            "required": "Enter why you need this export",
            "min_length": "The reason must be at least 10 characters",
            "max_length": "The reason must be 1000 characters or fewer",
        },
        widget=forms.Textarea(attrs={"rows": 3}),
    )
