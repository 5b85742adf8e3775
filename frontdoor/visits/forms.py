"""Input shape for allocating and visiting. No policy, no saving."""

from __future__ import annotations

from typing import Any

from django import forms

from frontdoor.access.models import Role, User
from frontdoor.govuk.forms import GovukDateTimeField, GovukForm

YES_NO = [("yes", "Yes"), ("no", "No")]


def version_field() -> forms.IntegerField:
    return forms.IntegerField(
        widget=forms.HiddenInput,
        error_messages={
            "required": "Reload the page and try again",
            "invalid": "Reload the page and try again",
        },
    )


class WorkerField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        team = f" ({obj.team.name})" if obj.team else ""
        return f"{obj.display_name}{team}"


class AllocateForm(GovukForm):
    version = version_field()
    worker = WorkerField(
        label="Which social worker will see the child?",
        queryset=User.objects.filter(is_active=True, role__in=[Role.AREA_WORKER, Role.HUB_WORKER])
        .select_related("team")
        .order_by("team__name", "last_name"),
        empty_label="Choose a social worker",
        error_messages={"required": "Choose the social worker"},
    )


class VisitForm(GovukForm):
    version = version_field()
    visited_at = GovukDateTimeField(
        label="When was the visit?",
        label_for_errors="Date of the visit",
        must_be_in_past=True,
        error_messages={"required": "Enter the date and time of the visit"},
    )
    location = forms.CharField(
        label="Where did the visit take place?",
        help_text="For example, the family home, school, or a relative's home",
        max_length=300,
        error_messages={"required": "Enter where the visit took place"},
    )
    child_seen = forms.ChoiceField(
        label="Was the child seen?",
        choices=YES_NO,
        widget=forms.RadioSelect(attrs={"govuk_inline": True}),
        error_messages={"required": "Select whether the child was seen"},
    )
    seen_alone = forms.ChoiceField(
        label="Was the child seen alone?",
        choices=YES_NO,
        help_text="Needed when the child was seen",
        widget=forms.RadioSelect(attrs={"govuk_inline": True, "govuk_conditional": True}),
        required=False,
    )
    others_present = forms.CharField(
        label="Who else was present? (optional)", max_length=500, required=False
    )
    childs_views = forms.CharField(
        label="The child's views, in their own words",
        help_text=(
            "What the child said, and how they said it. "
            "For a baby or a child who does not speak, what you observed"
        ),
        widget=forms.Textarea(attrs={"rows": 5, "govuk_conditional": True}),
        max_length=20000,
        required=False,
    )
    daily_life = forms.CharField(
        label="What is the child's daily life like?",
        help_text=(
            "Their day, who cares for them, school or nursery, friends, "
            "what they enjoy and what worries them"
        ),
        widget=forms.Textarea(attrs={"rows": 5, "govuk_conditional": True}),
        max_length=20000,
        required=False,
    )
    not_seen_reason = forms.CharField(
        label="Why was the child not seen?",
        help_text="Needed when the child was not seen",
        widget=forms.Textarea(attrs={"rows": 3, "govuk_conditional": True}),
        max_length=5000,
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("child_seen") == "yes":
            if not cleaned.get("seen_alone"):
                self.add_error("seen_alone", "Select whether the child was seen alone")
            if not cleaned.get("childs_views", "").strip():
                self.add_error("childs_views", "Enter the child's views, in their own words")
            if not cleaned.get("daily_life", "").strip():
                self.add_error("daily_life", "Enter what the child's daily life is like")
        elif cleaned.get("child_seen") == "no" and not cleaned.get("not_seen_reason", "").strip():
            self.add_error("not_seen_reason", "Enter why the child was not seen")
        return cleaned
