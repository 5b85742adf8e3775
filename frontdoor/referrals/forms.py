"""Closing a child in need episode by hand (issue 16)."""

from __future__ import annotations

from django import forms

from frontdoor.codelists.models import Code, CodeList
from frontdoor.govuk.forms import GovukDateField, GovukForm
from frontdoor.referrals.actions import CLOSED_BY_HAND


class CloseEpisodeForm(GovukForm):
    closed_on = GovukDateField(
        label="Date the episode closed",
        label_for_errors="Date the episode closed",
        must_be_in_past=True,
        error_messages={"required": "Enter the date the episode closed"},
    )
    reason = forms.ModelChoiceField(
        label="Why is the episode closing?",
        help_text=(
            "An assessment ending in no further action or early help closes the episode itself"
        ),
        queryset=Code.objects.of(CodeList.CLOSURE_REASON).filter(code__in=CLOSED_BY_HAND),
        empty_label=None,
        to_field_name="code",
        widget=forms.RadioSelect,
        error_messages={"required": "Select why the episode is closing"},
    )
