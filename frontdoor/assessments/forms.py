"""Input shape for submitting and authorising assessments. No policy, no saving."""

from __future__ import annotations

from typing import Any

from django import forms

from frontdoor.assessments.workflow import AssessmentOutcome
from frontdoor.codelists.models import Code, CodeList
from frontdoor.govuk.forms import GovukForm


def version_field() -> forms.IntegerField:
    return forms.IntegerField(
        widget=forms.HiddenInput,
        error_messages={
            "required": "Reload the page and try again",
            "invalid": "Reload the page and try again",
        },
    )


class FactorField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.code} {obj.label}"


class CodeField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.code} {obj.label}"


class SubmitAssessmentForm(GovukForm):
    version = version_field()
    factors = FactorField(
        label="Factors identified at the end of the assessment",
        help_text="CIN census assessment factors. Select all that apply",
        queryset=Code.objects.of(CodeList.ASSESSMENT_FACTOR),
        widget=forms.CheckboxSelectMultiple(attrs={"govuk_small": True}),
        error_messages={"required": "Select the factors identified, or '21 No factors identified'"},
    )
    primary_need = CodeField(
        label="The child's primary need",
        help_text="CIN census primary need code: the main reason the child needs services",
        queryset=Code.objects.of(CodeList.PRIMARY_NEED),
        widget=forms.RadioSelect(attrs={"govuk_small": True}),
        empty_label=None,
        error_messages={"required": "Select the child's primary need"},
    )
    outcome = forms.ChoiceField(
        label="Outcome of the assessment",
        choices=AssessmentOutcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the outcome of the assessment"},
    )
    summary = forms.CharField(
        label="Analysis and summary",
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=50000,
        error_messages={"required": "Enter the analysis and summary of the assessment"},
    )
    late_reason = forms.CharField(
        label="Why is the assessment late?",
        help_text="Needed when it is past 45 working days from the referral",
        widget=forms.Textarea(attrs={"rows": 3, "govuk_conditional": True}),
        max_length=5000,
        required=False,
    )


class AuthoriseAssessmentForm(GovukForm):
    version = version_field()
    decision = forms.ChoiceField(
        label="Do you authorise this assessment?",
        choices=[("authorise", "Yes, authorise it"), ("return", "No, return it to the worker")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether you authorise the assessment"},
    )
    reason = forms.CharField(
        label="What does the worker need to do?",
        help_text="Needed when you return the assessment",
        widget=forms.Textarea(attrs={"rows": 3, "govuk_conditional": True}),
        max_length=5000,
        required=False,
    )
    late_reason = forms.CharField(
        label="Why is the assessment late?",
        help_text="Needed when it is past 45 working days and the worker has not said why",
        widget=forms.Textarea(attrs={"rows": 3, "govuk_conditional": True}),
        max_length=5000,
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("decision") == "return" and not cleaned.get("reason", "").strip():
            self.add_error("reason", "Enter what the worker needs to do")
        return cleaned
