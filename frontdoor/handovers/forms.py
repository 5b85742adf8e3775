"""Input shape for receiving, sending back and handing over again. No policy, no saving."""

from __future__ import annotations

from django import forms

from frontdoor.govuk.forms import GovukDateTimeField, GovukForm
from frontdoor.handovers.workflow import HowTold
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


class CouncilAnswerForm(GovukForm):
    """Another council's answer to a referral, as the MASH worker who heard it records it."""

    version = version_field()
    answer = forms.ChoiceField(
        label="What did the other council say?",
        choices=[("accepted", "They accepted the referral"), ("returned", "They sent it back")],
        widget=forms.RadioSelect(attrs={"govuk_item_conditionals": {"returned": "reason"}}),
        error_messages={"required": "Select whether the other council accepted the referral"},
    )
    reason = forms.CharField(
        label="Why did they send it back?",
        help_text="Needed when they sent it back. The MASH manager reads this before deciding "
        "what happens next.",
        widget=forms.Textarea(attrs={"rows": 4, "govuk_conditional": True}),
        max_length=2000,
        required=False,
    )
    who = forms.CharField(
        label="Who at the other council answered?",
        help_text="Their name and role, for example: Sam Patel, MASH team manager",
        max_length=200,
        error_messages={"required": "Enter who at the other council answered"},
    )
    how = forms.ChoiceField(
        label="How did they answer?",
        choices=HowTold.choices,
        widget=forms.RadioSelect(attrs={"govuk_inline": True}),
        error_messages={"required": "Select how the other council answered"},
    )
    told_at = GovukDateTimeField(
        label="When did they answer?",
        label_for_errors="When the other council answered",
        must_be_in_past=True,
        error_messages={"required": "Enter when the other council answered"},
    )

    def clean(self) -> dict[str, object]:
        cleaned = super().clean() or {}
        if cleaned.get("answer") == "returned" and not str(cleaned.get("reason", "")).strip():
            self.add_error("reason", "Enter why the other council sent the referral back")
        return cleaned
