"""What the stage forms share: the hidden record version (a stale form is refused instead of
overwriting), and "Also apply to" the other children of the same family contact.
"""

from __future__ import annotations

from typing import Any

from django import forms

from frontdoor.contacts.models import Contact


def version_field() -> forms.IntegerField:
    """The record version the user saw: a stale form is refused instead of overwriting."""
    return forms.IntegerField(
        widget=forms.HiddenInput,
        error_messages={
            "required": "Reload the page and try again",
            "invalid": "Reload the page and try again",
        },
    )


class SiblingsField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    """ "Also apply to": the other children of the same family contact, entered once."""

    def label_from_instance(self, obj: Any) -> str:
        return str(obj.child_name)


class ApplyToSiblingsMixin(forms.Form):
    def add_siblings_field(self, siblings: Any, verb: str) -> None:
        if siblings.exists():
            self.fields["also_for"] = SiblingsField(
                label=f"Also {verb} these children in the same contact",
                help_text="The same answers are recorded for each child you select",
                queryset=siblings,
                required=False,
                widget=forms.CheckboxSelectMultiple,
            )

    def also_for(self) -> list[Contact]:
        return list(self.cleaned_data.get("also_for") or [])
