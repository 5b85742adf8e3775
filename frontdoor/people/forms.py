"""The chronology's filter: a GET form of allow-listed kinds, so it works without JavaScript."""

from __future__ import annotations

from django import forms

from frontdoor.child_record.chronology import Kind
from frontdoor.govuk.forms import GovukForm


class ChronologyFilterForm(GovukForm):
    kind = forms.MultipleChoiceField(
        label="Show",
        help_text="Select the kinds of event to show. Select none to show everything.",
        choices=Kind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": "Select kinds of event from the list"},
    )
