"""Adding to a child's analysis: input shape and GOV.UK error messages only."""

from __future__ import annotations

from typing import Any

from django import forms

from frontdoor.govuk.forms import GovukForm
from frontdoor.practice.actions import Extension, NewEntry
from frontdoor.practice.rules import SCALE_QUESTION, Section

HINTS = {
    Section.WORRIES: "Harm that has happened, the danger of future harm, and complicating "
    "factors. Add only what is new: what is already recorded stays in the analysis.",
    Section.WORKING_WELL: "Strengths and safety, including what the family and their network "
    "are doing",
    Section.NEEDS_TO_HAPPEN: "What the family, the network and professionals need to do",
}


class ExtendForm(GovukForm):
    worries = forms.CharField(
        label="Add a worry",
        help_text=HINTS[Section.WORRIES],
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=20000,
        required=False,
    )
    working_well = forms.CharField(
        label="Add something that is working well",
        help_text=HINTS[Section.WORKING_WELL],
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=20000,
        required=False,
    )
    needs_to_happen = forms.CharField(
        label="Add something that needs to happen",
        help_text=HINTS[Section.NEEDS_TO_HAPPEN],
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=20000,
        required=False,
    )
    score = forms.TypedChoiceField(
        label=SCALE_QUESTION,
        help_text="Optional. Each stage's number is kept, so the change over time shows.",
        choices=[(str(n), str(n)) for n in range(11)],
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect(attrs={"inline": True}),
        error_messages={"invalid_choice": "Select a number from 0 to 10"},
    )
    score_reason = forms.CharField(
        label="Why this number?",
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (data.get("score_reason") or "").strip() and data.get("score") is None:
            self.add_error("score", "Select a number from 0 to 10 for the reason you gave")
        typed = any((data.get(s.value) or "").strip() for s in Section)
        if not typed and data.get("score") is None and not self.has_error("score"):
            self.add_error(
                None,
                "Enter a worry, something working well or something that needs to happen, "
                "or select a number on the scale",
            )
        return data

    def extension(self, stage: str) -> Extension:
        data = self.cleaned_data
        return Extension(
            stage=stage,
            entries=[NewEntry(s.value, data.get(s.value) or "") for s in Section],
            score=data.get("score"),
            score_reason=data.get("score_reason") or "",
        )


class WithdrawForm(GovukForm):
    reason = forms.CharField(
        label="Why does this no longer apply?",
        help_text="The entry stays in the analysis, marked as no longer applying, with your reason",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": "Enter why this no longer applies"},
    )


# A stage's own form (screening, the decision) carries these optional fields; the stage's
# action adds what is typed to the child's one analysis in its own transaction. They are the
# same entries the "Add to the analysis" page makes: nothing is kept or typed twice.
STAGE_FIELDS = {
    Section.WORRIES: ("practice_worries", "Add a worry to the analysis"),
    Section.WORKING_WELL: (
        "practice_working_well",
        "Add something that is working well",
    ),
    Section.NEEDS_TO_HAPPEN: (
        "practice_needs_to_happen",
        "Add something that needs to happen",
    ),
}


def add_analysis_fields(form: forms.BaseForm) -> None:
    for section, (name, label) in STAGE_FIELDS.items():
        form.fields[name] = forms.CharField(
            label=label,
            help_text=HINTS[section].split(".")[0]
            + ". It joins the child's risk, need and strength analysis.",
            widget=forms.Textarea(attrs={"rows": 3}),
            max_length=20000,
            required=False,
        )


def analysis_texts(cleaned_data: dict[str, Any]) -> dict[str, str]:
    return {
        section.value: cleaned_data.get(name) or "" for section, (name, _) in STAGE_FIELDS.items()
    }
