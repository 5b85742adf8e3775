"""Input shape for recording strategy discussions and conferences. No policy, no saving."""

from __future__ import annotations

from typing import Any

from django import forms

from frontdoor.codelists.models import Code, CodeList
from frontdoor.govuk.forms import GovukDateField, GovukDateTimeField, GovukForm
from frontdoor.strategy.models import Agency, PlanEndReason
from frontdoor.strategy.workflow import DiscussionOutcome

ACTION_ROWS = 4
FORMATS = [
    ("meeting", "Meeting in person"),
    ("conference_call", "Conference call"),
    ("video_call", "Video call"),
    ("phone", "Phone calls between agencies"),
]


def version_field() -> forms.IntegerField:
    return forms.IntegerField(
        widget=forms.HiddenInput,
        error_messages={
            "required": "Reload the page and try again",
            "invalid": "Reload the page and try again",
        },
    )


class SiblingDiscussionsField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        born = obj.person.date_of_birth
        return f"{obj.person.full_name}, born {born:%-d %B %Y}" if born else obj.person.full_name


class StrategyDiscussionForm(GovukForm):
    version = version_field()
    held_at = GovukDateTimeField(
        label="When was the strategy discussion held?",
        label_for_errors="Date the discussion was held",
        must_be_in_past=True,
        error_messages={"required": "Enter the date and time the discussion was held"},
    )
    format = forms.ChoiceField(
        label="How was it held?",
        choices=FORMATS,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how the discussion was held"},
    )
    outcome = forms.ChoiceField(
        label="What was decided?",
        choices=DiscussionOutcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the decision of the strategy discussion"},
    )
    rationale = forms.CharField(
        label="Reasons for the decision",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=20000,
        error_messages={"required": "Enter the reasons for the decision"},
    )
    information_shared = forms.CharField(
        label="Summary of the information shared (optional)",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=20000,
        required=False,
    )

    def __init__(self, *args: Any, siblings: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if siblings is not None and siblings.exists():
            # One discussion about a family, recorded for each child chosen (issue 17).
            self.fields["also_for"] = SiblingDiscussionsField(
                label="Also record this discussion for these children in the same family",
                help_text=(
                    "The same discussion is recorded on each child's own record, with its "
                    "own audit entry"
                ),
                queryset=siblings,
                required=False,
                widget=forms.CheckboxSelectMultiple,
            )
        for agency in Agency:
            a = agency.value
            self.fields[f"invited_{a}"] = forms.BooleanField(label="Invited", required=False)
            self.fields[f"attended_{a}"] = forms.BooleanField(label="Attended", required=False)
            self.fields[f"name_{a}"] = forms.CharField(
                label="Name and role (optional)", max_length=200, required=False
            )
            self.fields[f"shared_{a}"] = forms.CharField(
                label="Information this agency shared (optional)",
                widget=forms.Textarea(attrs={"rows": 2}),
                max_length=10000,
                required=False,
            )
        for i in range(ACTION_ROWS):
            self.fields[f"action_{i}"] = forms.CharField(
                label="Action", max_length=500, required=False
            )
            self.fields[f"action_owner_{i}"] = forms.CharField(
                label="Who will do it", max_length=200, required=False
            )
            self.fields[f"action_due_{i}"] = GovukDateField(
                label="By when", label_for_errors="Date the action is due", required=False
            )

    def siblings_chosen(self) -> list[Any]:
        return list(self.cleaned_data.get("also_for") or [])

    def agency_rows(self) -> list[tuple[str, list[Any]]]:
        return [
            (
                agency.label,
                [self[f"{p}_{agency.value}"] for p in ("invited", "attended", "name", "shared")],
            )
            for agency in Agency
        ]

    def action_rows(self) -> list[list[Any]]:
        return [
            [self[f"action_{i}"], self[f"action_owner_{i}"], self[f"action_due_{i}"]]
            for i in range(ACTION_ROWS)
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not any(cleaned.get(f"attended_{a.value}") for a in Agency):
            self.add_error("attended_council", "Record who attended")
        for agency in Agency:
            if cleaned.get(f"attended_{agency.value}") and not cleaned.get(
                f"invited_{agency.value}"
            ):
                cleaned[f"invited_{agency.value}"] = (
                    True  # whoever attended was, in effect, invited
                )
        for i in range(ACTION_ROWS):
            parts = [
                cleaned.get(f"action_{i}"),
                cleaned.get(f"action_owner_{i}"),
                cleaned.get(f"action_due_{i}"),
            ]
            if any(parts) and not all(parts):
                self.add_error(f"action_{i}", "Give each action a description, an owner and a date")
        return cleaned


class CirculationForm(GovukForm):
    circulated_at = GovukDateTimeField(
        label="When was the record sent to those who took part?",
        label_for_errors="Date the record was circulated",
        must_be_in_past=True,
        error_messages={"required": "Enter the date and time the record was circulated"},
    )


class ConferenceForm(GovukForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["held_on"].widget.attrs["govuk_conditional"] = True

    version = version_field()
    held = forms.ChoiceField(
        label="Was an initial child protection conference held?",
        choices=[("yes", "Yes"), ("not_required", "No, a conference is not required")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether a conference was held"},
    )
    held_on = GovukDateField(
        label="Date of the conference",
        help_text="Needed when a conference was held",
        label_for_errors="Date of the conference",
        required=False,
        must_be_in_past=True,
    )
    child_protection_plan = forms.ChoiceField(
        label="Is the child now subject to a child protection plan?",
        choices=[("yes", "Yes"), ("no", "No")],
        widget=forms.RadioSelect(attrs={"govuk_inline": True, "govuk_conditional": True}),
        required=False,
    )
    abuse_category = forms.ModelChoiceField(
        label="Category of abuse",
        help_text="Needed when the child is subject to a child protection plan",
        queryset=Code.objects.of(CodeList.ABUSE_CATEGORY),
        required=False,
        empty_label="Choose a category",
        widget=forms.Select(attrs={"govuk_conditional": True}),
    )
    not_required_reason = forms.CharField(
        label="Why is a conference not required?",
        help_text="Needed when no conference was held",
        widget=forms.Textarea(attrs={"rows": 3, "govuk_conditional": True}),
        max_length=5000,
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("held") == "yes":
            if not cleaned.get("held_on") and "held_on" not in self.errors:
                self.add_error("held_on", "Enter the date of the conference")
            if not cleaned.get("child_protection_plan"):
                self.add_error(
                    "child_protection_plan",
                    "Select whether the child is subject to a child protection plan",
                )
            elif cleaned["child_protection_plan"] == "yes" and not cleaned.get("abuse_category"):
                self.add_error("abuse_category", "Select the category of abuse")
        elif (
            cleaned.get("held") == "not_required"
            and not cleaned.get("not_required_reason", "").strip()
        ):
            self.add_error("not_required_reason", "Enter why a conference is not required")
        return cleaned


class ReviewConferenceForm(GovukForm):
    held_on = GovukDateField(
        label="Date of the review conference",
        label_for_errors="Date of the review conference",
        must_be_in_past=True,
        error_messages={"required": "Enter the date of the review conference"},
    )
    category = forms.ModelChoiceField(
        label="Category of abuse decided at the review",
        queryset=Code.objects.of(CodeList.ABUSE_CATEGORY),
        empty_label="Choose a category",
        error_messages={"required": "Select the category of abuse"},
    )
    plan_continues = forms.ChoiceField(
        label="Does the child protection plan continue?",
        choices=[("yes", "Yes"), ("no", "No, the plan ends")],
        widget=forms.RadioSelect(attrs={"govuk_conditional": True}),
        error_messages={"required": "Select whether the plan continues"},
    )
    end_reason = forms.ChoiceField(
        label="Why is the plan ending?",
        help_text="Needed when the plan ends",
        choices=[("", "Choose a reason"), *PlanEndReason.choices],
        required=False,
        widget=forms.Select(attrs={"govuk_conditional": True}),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("plan_continues") == "no" and not cleaned.get("end_reason"):
            self.add_error("end_reason", "Select why the plan is ending")
        return cleaned
