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


SIBLING_VISITED = [
    ("no", "No"),
    ("seen", "Yes, and the child was seen"),
    ("not_seen", "Yes, but the child was not seen"),
]
# What is asked of each brother or sister on the visit, in their own fields (issue 17): one
# child's words are never another's.
SIBLING_FIELDS = ("visited", "seen_alone", "childs_views", "daily_life", "not_seen_reason")


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

    def __init__(self, *args: Any, siblings: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.siblings = list(siblings)
        for sibling in self.siblings:
            self._add_sibling_fields(sibling)

    def _add_sibling_fields(self, sibling: Any) -> None:
        name = sibling.person.full_name
        key = sibling.pk.hex
        self.fields[f"{key}_visited"] = forms.ChoiceField(
            label=f"Was {name} part of this visit?",
            choices=SIBLING_VISITED,
            initial="no",
            widget=forms.RadioSelect,
            required=False,
        )
        self.fields[f"{key}_seen_alone"] = forms.ChoiceField(
            label=f"Was {name} seen alone?",
            choices=YES_NO,
            widget=forms.RadioSelect(attrs={"govuk_inline": True}),
            required=False,
        )
        self.fields[f"{key}_childs_views"] = forms.CharField(
            label=f"{name}'s views, in their own words",
            help_text="What this child said, and how they said it",
            widget=forms.Textarea(attrs={"rows": 4}),
            max_length=20000,
            required=False,
        )
        self.fields[f"{key}_daily_life"] = forms.CharField(
            label=f"What is {name}'s daily life like?",
            widget=forms.Textarea(attrs={"rows": 4}),
            max_length=20000,
            required=False,
        )
        self.fields[f"{key}_not_seen_reason"] = forms.CharField(
            label=f"Why was {name} not seen?",
            widget=forms.Textarea(attrs={"rows": 3}),
            max_length=5000,
            required=False,
        )

    def main_fields(self) -> list[Any]:
        return [self[name] for name in self.fields if not self._is_sibling_field(name)]

    def sibling_groups(self) -> list[tuple[str, list[Any]]]:
        """Each brother or sister's own questions, to be shown in their own fieldset."""
        return [
            (s.person.full_name, [self[f"{s.pk.hex}_{part}"] for part in SIBLING_FIELDS])
            for s in self.siblings
        ]

    def _is_sibling_field(self, name: str) -> bool:
        return any(name.startswith(f"{s.pk.hex}_") for s in self.siblings)

    def sibling_answers(self) -> list[tuple[Any, dict[str, Any]]]:
        """(allocation, answers) for each brother or sister who was part of the visit."""
        data = self.cleaned_data
        chosen = []
        for sibling in self.siblings:
            key = sibling.pk.hex
            visited = data.get(f"{key}_visited") or "no"
            if visited == "no":
                continue
            seen = visited == "seen"
            chosen.append(
                (
                    sibling,
                    {
                        "child_seen": seen,
                        "seen_alone": (data.get(f"{key}_seen_alone") == "yes") if seen else None,
                        "childs_views": data.get(f"{key}_childs_views", "") if seen else "",
                        "daily_life": data.get(f"{key}_daily_life", "") if seen else "",
                        "not_seen_reason": "" if seen else data.get(f"{key}_not_seen_reason", ""),
                    },
                )
            )
        return chosen

    def _clean_siblings(self, cleaned: dict[str, Any]) -> None:
        for sibling in self.siblings:
            key = sibling.pk.hex
            name = sibling.person.full_name
            visited = cleaned.get(f"{key}_visited") or "no"
            if visited == "seen":
                if not cleaned.get(f"{key}_seen_alone"):
                    self.add_error(f"{key}_seen_alone", f"Select whether {name} was seen alone")
                if not cleaned.get(f"{key}_childs_views", "").strip():
                    self.add_error(
                        f"{key}_childs_views", f"Enter {name}'s views, in their own words"
                    )
                if not cleaned.get(f"{key}_daily_life", "").strip():
                    self.add_error(f"{key}_daily_life", f"Enter what {name}'s daily life is like")
            elif visited == "not_seen" and not cleaned.get(f"{key}_not_seen_reason", "").strip():
                self.add_error(f"{key}_not_seen_reason", f"Enter why {name} was not seen")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        self._clean_siblings(cleaned)
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
