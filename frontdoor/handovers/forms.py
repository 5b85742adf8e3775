"""Input shape for receiving, sending back and handing over again. No policy, no saving."""

from __future__ import annotations

from django import forms

from frontdoor.govuk.forms import GovukForm
from frontdoor.teams.models import Team, TeamKind


def version_field() -> forms.IntegerField:
    return forms.IntegerField(
        widget=forms.HiddenInput,
        error_messages={
            "required": "Reload the page and try again",
            "invalid": "Reload the page and try again",
        },
    )


class AcceptForm(GovukForm):
    version = version_field()


class ReturnForm(GovukForm):
    version = version_field()
    reason = forms.CharField(
        label="Why are you sending this child back to the MASH?",
        help_text="The MASH manager reads this before deciding what happens next.",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        error_messages={"required": "Enter why the child is being sent back to the MASH"},
    )


class StepUpForm(GovukForm):
    version = version_field()
    what_changed = forms.CharField(
        label="What has changed, and why does the child need the MASH now?",
        help_text="The MASH reads this with the early help history, which is added for you.",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        error_messages={"required": "Enter what has changed and why the child needs the MASH now"},
    )


class ResendForm(GovukForm):
    version = version_field()
    team = forms.ModelChoiceField(
        label="Which team should receive the child?",
        queryset=Team.objects.filter(
            kind__in=[TeamKind.AREA, TeamKind.EARLY_HELP, TeamKind.MAIN_SYSTEM], active=True
        ).order_by("kind", "order", "name"),
        empty_label="Choose a team",
        error_messages={
            "required": "Choose the team that should receive the child",
            "invalid_choice": "Choose the team that should receive the child",
        },
    )
