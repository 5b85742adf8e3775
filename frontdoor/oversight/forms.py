"""Input shape and GOV.UK error messages for management oversight. No policy, no saving: the
rules that depend on what was chosen (a reason worded for agree or challenge, an action row
half filled in) are checked by actions.py and shown the same way."""

from __future__ import annotations

from typing import Any, cast

from django import forms

from frontdoor.access.models import User
from frontdoor.access.policies import RULES
from frontdoor.contacts.models import Contact
from frontdoor.govuk.forms import GovukDateField, GovukForm
from frontdoor.oversight.actions import ActionToSet
from frontdoor.oversight.queries import contacts_to_oversee
from frontdoor.oversight.rules import Kind, Reply, Stage, Verdict
from frontdoor.people.models import Person

# A page without JavaScript offers a fixed number of action rows; blank rows are ignored.
ACTION_ROWS = 3


class ContactChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        received = f"Received {obj.family.received_at:%d %B %Y}"
        return f"{received}: {obj.get_status_display().lower()}"


class OwnerChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.display_name} ({obj.get_role_display()})"


class RecordOversightForm(GovukForm):
    kind = forms.ChoiceField(
        label="What are you recording?",
        choices=Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what you are recording"},
    )
    contact = ContactChoice(
        label="Which contact? (management oversight only)",
        queryset=Contact.objects.none(),
        required=False,
        empty_label=None,
        widget=forms.RadioSelect,
    )
    stage = forms.ChoiceField(
        label="Whose judgement are you overseeing? (management oversight only)",
        choices=Stage.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    verdict = forms.ChoiceField(
        label="Do you agree with it? (management oversight only)",
        choices=Verdict.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    reason = forms.CharField(
        label="Reason, or what was discussed in supervision",
        help_text="Say why you agree or challenge, with reference to the child's history",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=10000,
        required=False,
    )

    def __init__(self, *args: Any, person: Person, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(ContactChoice, self.fields["contact"])
        field.queryset = contacts_to_oversee(person)
        owners = User.objects.filter(
            is_active=True, role__in=RULES["complete_oversight_action"]
        ).order_by("last_name", "first_name")
        for n in range(1, ACTION_ROWS + 1):
            self.fields[f"action_{n}_what"] = forms.CharField(
                label=f"Action {n}: what needs to happen (optional)",
                widget=forms.Textarea(attrs={"rows": 2}),
                max_length=2000,
                required=False,
            )
            self.fields[f"action_{n}_owner"] = OwnerChoice(
                label=f"Action {n}: owner",
                queryset=owners,
                empty_label="Select an owner",
                required=False,
            )
            self.fields[f"action_{n}_due"] = GovukDateField(
                label=f"Action {n}: due by",
                label_for_errors=f"date action {n} is due",
                help_text="For example, 30 4 2027",
                required=False,
            )

    def action_rows(self) -> list[list[forms.BoundField]]:
        return [
            [self[f"action_{n}_{part}"] for part in ("what", "owner", "due")]
            for n in range(1, ACTION_ROWS + 1)
        ]

    def main_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in ("kind", "contact", "stage", "verdict", "reason")]

    def actions_to_set(self) -> list[ActionToSet]:
        """The rows with anything in them, renumbered in order."""
        data = self.cleaned_data
        rows = []
        for n in range(1, ACTION_ROWS + 1):
            what, owner, due = (data.get(f"action_{n}_{p}") for p in ("what", "owner", "due"))
            if what or owner or due:
                rows.append(ActionToSet(description=what or "", owner=owner, due_on=due))
        return rows


class RespondForm(GovukForm):
    reply = forms.ChoiceField(
        label="How do you respond?",
        choices=Reply.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how you respond to the challenge"},
    )
    explanation = forms.CharField(
        label="Explanation",
        help_text="What you will revise, or why the decision stands",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=10000,
        required=False,
    )


class CompleteActionForm(GovukForm):
    note = forms.CharField(
        label="What was done",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        error_messages={"required": "Enter what was done"},
    )
