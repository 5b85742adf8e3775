"""Input shape and GOV.UK-style error messages for the missing children pages. No policy, no
saving: the actions decide."""

from __future__ import annotations

from typing import Any

from django import forms

from frontdoor.agencies.models import Agency, AgencyKind
from frontdoor.contacts.forms import version_field
from frontdoor.govuk.forms import GovukDateField, GovukDateTimeField, GovukForm
from frontdoor.missing.queries import SiblingRow
from frontdoor.missing.workflow import (
    Answer,
    AttemptMethod,
    AttemptResult,
    FlagDecision,
    RiskGrade,
    RiskLevel,
)


def _when(label: str, errors_label: str, required: str = "", **kwargs: Any) -> GovukDateTimeField:
    """A date and time in the past (UK time), with the GOV.UK date messages."""
    return GovukDateTimeField(
        label=label,
        help_text=kwargs.pop("help_text", "For example, 27 3 2026 and 14:30"),
        label_for_errors=errors_label,
        must_be_in_past=True,
        error_messages={"required": required} if required else {},
        required=bool(required),
        **kwargs,
    )


def police_forces() -> Any:
    return Agency.objects.filter(kind=AgencyKind.POLICE, active=True).order_by("name")


class FindChildForm(GovukForm):
    name = forms.CharField(
        label="Child's name",
        max_length=200,
        error_messages={"required": "Enter the child's name"},
    )
    date_of_birth = GovukDateField(
        label="Date of birth (optional)", label_for_errors="Date of birth", required=False
    )


class ReportMissingForm(GovukForm):
    started_at = _when(
        "When was the child last seen?",
        "Date the child was last seen",
        "Enter the date and time the child was last seen",
    )
    missing_from = forms.CharField(
        label="Where did they go missing from? (optional)",
        help_text="For example, home, their foster home, or school",
        max_length=300,
        required=False,
    )
    reported_to_police_at = _when(
        "When were they reported missing to the police? (optional)",
        "Date they were reported to the police",
    )
    police_force = forms.ModelChoiceField(
        label="Police force (optional)",
        queryset=Agency.objects.none(),
        required=False,
        empty_label="Not reported to a listed force yet",
    )
    police_reference = forms.CharField(
        label="Police reference (optional)",
        max_length=60,
        required=False,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-20", "autocomplete": "off"}),
    )
    risk_grade = forms.ChoiceField(
        label="Police risk grade (optional)",
        choices=[("", "Not known yet"), *RiskGrade.choices],
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        force = self.fields["police_force"]
        assert isinstance(force, forms.ModelChoiceField)
        force.queryset = police_forces()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        police = [
            cleaned.get("police_force"),
            cleaned.get("police_reference"),
            cleaned.get("risk_grade"),
        ]
        if any(police) and not all(police):
            # A report is linked by its force and reference, and its grade is the point of it.
            if not cleaned.get("police_force"):
                self.add_error("police_force", "Choose the police force that holds the report")
            if not cleaned.get("police_reference"):
                self.add_error("police_reference", "Enter the police reference")
            if not cleaned.get("risk_grade"):
                self.add_error("risk_grade", "Select the police risk grade")
        return cleaned


class PoliceReportForm(GovukForm):
    version = version_field()
    police_force = forms.ModelChoiceField(
        label="Police force",
        queryset=Agency.objects.none(),
        empty_label="Choose a police force",
        error_messages={"required": "Choose the police force that holds the report"},
    )
    police_reference = forms.CharField(
        label="Police reference",
        max_length=60,
        widget=forms.TextInput(attrs={"class": "govuk-input--width-20", "autocomplete": "off"}),
        error_messages={"required": "Enter the police reference"},
    )
    risk_grade = forms.ChoiceField(
        label="Police risk grade",
        choices=RiskGrade.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the police risk grade"},
    )
    reported_at = _when(
        "When was the child reported missing to the police?",
        "Date the child was reported to the police",
        "Enter the date and time the child was reported to the police",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        force = self.fields["police_force"]
        assert isinstance(force, forms.ModelChoiceField)
        force.queryset = police_forces()


class ReturnForm(GovukForm):
    version = version_field()
    returned_at = _when(
        "When did the child return?",
        "Date the child returned",
        "Enter the date and time the child returned",
    )
    where_found = forms.CharField(
        label="Where was the child found?",
        help_text="For example, at a friend's flat in Westbury, or returned home by themselves",
        max_length=300,
        error_messages={"required": "Enter where the child was found"},
    )


class AttemptForm(GovukForm):
    attempted_at = _when(
        "When did you try to reach the child?",
        "Date of the attempt",
        "Enter the date and time of the attempt",
    )
    method = forms.ChoiceField(
        label="How did you try to reach them?",
        choices=AttemptMethod.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how you tried to reach the child"},
    )
    result = forms.ChoiceField(
        label="What happened?",
        choices=AttemptResult.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what happened"},
    )
    note = forms.CharField(
        label="Notes (optional)",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        required=False,
    )


class OfferForm(GovukForm):
    version = version_field()
    offered_at = _when(
        "When was the interview offered?",
        "Date the interview was offered",
        "Enter the date and time the interview was offered",
    )
    offered_by = forms.CharField(
        label="Who offered it?",
        help_text="Their name and role, for example Sam Lee, return home interview worker",
        max_length=200,
        error_messages={"required": "Enter who offered the interview"},
    )
    answer = forms.ChoiceField(
        label="What did the child say?",
        choices=[*Answer.choices, ("", "They have not answered yet")],
        widget=forms.RadioSelect,
        required=False,
    )


class AnswerForm(GovukForm):
    version = version_field()
    answer = forms.ChoiceField(
        label="Did the child accept the interview?",
        choices=Answer.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether the child accepted or declined the interview"},
    )


class InterviewForm(GovukForm):
    version = version_field()
    completed_at = _when(
        "When did the interview take place?",
        "Date of the interview",
        "Enter the date and time of the interview",
    )
    completed_by = forms.CharField(
        label="Who did the interview?",
        max_length=200,
        error_messages={"required": "Enter the name of the person who did the interview"},
    )
    organisation = forms.CharField(
        label="Their organisation (optional)",
        help_text="For example, the commissioned return home interview service",
        max_length=200,
        required=False,
    )
    independent = forms.BooleanField(
        label="They are independent of the child's care: not their social worker, carer or teacher",
        error_messages={
            "required": (
                "Confirm that the person who did the interview is independent of the child's care"
            )
        },
    )
    summary = forms.CharField(
        label="What did the child say? (optional)",
        help_text="The risk review that follows records what was learned",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=20000,
        required=False,
    )


class SiblingsForm(GovukForm):
    version = version_field()

    def __init__(self, *args: Any, rows: list[SiblingRow], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # One field per brother or sister, in the order of `rows` (the view maps them back).
        for index, row in enumerate(rows):
            self.fields[f"sibling_{index}"] = forms.CharField(
                label=row.sibling.label,
                help_text="Are they at risk too? Who has spoken to them, and what happens next?",
                widget=forms.Textarea(attrs={"rows": 3}),
                max_length=5000,
                initial=row.considered.note if row.considered else "",
                error_messages={"required": f"Enter what was considered for {row.sibling.name}"},
            )


EXPLOITATION = [
    ("cse", "Child sexual exploitation (CSE)"),
    ("cce", "Child criminal exploitation (CCE), including county lines"),
    ("none", "None identified"),
]


class RiskReviewForm(GovukForm):
    version = version_field()
    push_factors = forms.CharField(
        label="Push factors: what made the child leave?",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=20000,
        error_messages={"required": "Enter the push factors: what made the child leave"},
    )
    pull_factors = forms.CharField(
        label="Pull factors: what drew the child away?",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=20000,
        error_messages={"required": "Enter the pull factors: what drew the child away"},
    )
    where_went = forms.CharField(
        label="Where did the child go?",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        error_messages={"required": "Enter where the child went"},
    )
    with_whom = forms.CharField(
        label="Who were they with?",
        help_text="Names, ages and how the child knows them, or 'Not known'",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        error_messages={"required": "Enter who the child was with, or 'Not known'"},
    )
    exploitation = forms.MultipleChoiceField(
        label="Are there signs of exploitation?",
        help_text="Select all that apply",
        choices=EXPLOITATION,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select any signs of exploitation, or 'None identified'"},
    )
    exploitation_detail = forms.CharField(
        label="What are the signs? (optional)",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        required=False,
    )
    risk_level = forms.ChoiceField(
        label="What is the level of risk now?",
        choices=RiskLevel.choices,
        widget=forms.RadioSelect(attrs={"govuk_inline": True}),
        error_messages={"required": "Select the level of risk now"},
    )
    plan_update = forms.CharField(
        label="How has the child's plan been updated?",
        help_text="What will be done differently to keep the child safe, and by whom",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=20000,
        error_messages={"required": "Enter how the child's plan has been updated"},
    )

    def clean_exploitation(self) -> list[str]:
        chosen: list[str] = self.cleaned_data["exploitation"]
        if "none" in chosen and len(chosen) > 1:
            raise forms.ValidationError(
                "Select 'None identified' only when there are no signs of exploitation"
            )
        return chosen


class RepeatDecisionForm(GovukForm):
    version = version_field()
    decision = forms.ChoiceField(
        label="Will there be a strategy discussion?",
        choices=FlagDecision.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether to hold a strategy discussion"},
    )
    rationale = forms.CharField(
        label="Reason for your decision",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=20000,
        error_messages={"required": "Enter the reason for your decision"},
    )
