"""Input shape and GOV.UK error messages for the guardrail pages and the decision questions."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django import forms

from frontdoor.govuk.forms import GovukForm, govuk_error_messages
from frontdoor.guardrails.indicators import Found
from frontdoor.guardrails.models import RiskIndicator

QUESTION_PREFIX = "indicator_"


class IndicatorChoices(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.label[0].upper()}{obj.label[1:]}"


class RecordIndicatorsForm(GovukForm):
    indicators = IndicatorChoices(
        label="Which risk indicators apply to this child?",
        help_text=(
            "Select all that apply. Indicators the system finds by itself (earlier contacts, "
            "plans, missing episodes, age) are listed above and need not be selected"
        ),
        queryset=RiskIndicator.objects.filter(active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    note = forms.CharField(
        label="Where this comes from (optional)",
        help_text="For example, the police notification of 3 March",
        required=False,
        max_length=500,
    )


class SecondReviewForm(GovukForm):
    version = forms.IntegerField(
        widget=forms.HiddenInput,
        error_messages={
            "required": "Reload the page and try again",
            "invalid": "Reload the page and try again",
        },
    )
    agrees = forms.ChoiceField(
        label="Do you agree with the decision?",
        choices=[("yes", "Yes, I agree"), ("no", "No, I disagree")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether you agree with the decision"},
    )
    reasons = forms.CharField(
        label="Your reasons",
        help_text="If you disagree, say what response the child needs and what happens next",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=20000,
        error_messages={"required": "Enter your reasons"},
    )


def add_indicator_questions(form: forms.Form, questions: Sequence[Found]) -> None:
    """One required answer per indicator pointing above the chosen outcome, after the
    rationale, so the manager answers each one in the rationale."""
    for found in questions:
        form.fields[f"{QUESTION_PREFIX}{found.code}"] = forms.CharField(
            label=f"Why does {found.label} not need {found.minimum_phrase}?",
            help_text=found.why,
            widget=forms.Textarea(attrs={"rows": 3}),
            max_length=5000,
            error_messages={"required": found.question},
        )
    if questions:
        names = list(form.fields)
        after = names.index("rationale") + 1 if "rationale" in names else len(names)
        added = [n for n in names if n.startswith(QUESTION_PREFIX)]
        rest = [n for n in names if not n.startswith(QUESTION_PREFIX)]
        form.order_fields([*rest[:after], *added, *rest[after:]])
        govuk_error_messages(form)


def indicator_answers(cleaned: Mapping[str, Any]) -> dict[str, str]:
    return {
        name.removeprefix(QUESTION_PREFIX): str(value)
        for name, value in cleaned.items()
        if name.startswith(QUESTION_PREFIX)
    }
