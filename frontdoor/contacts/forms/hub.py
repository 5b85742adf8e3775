"""The hub's risk, need and strength analysis with a 0 to 10 scale and a proposed outcome, and
a manager's reason for sending the proposal back to the hub.
"""

from __future__ import annotations

from typing import Any

from django import forms

from frontdoor.contacts.forms.fields import ApplyToSiblingsMixin, version_field
from frontdoor.contacts.workflow import Outcome
from frontdoor.govuk.forms import GovukForm


class AnalysisForm(GovukForm, ApplyToSiblingsMixin):
    version = version_field()
    worries = forms.CharField(
        label="What are we worried about?",
        help_text="Harm that has happened, and the danger of future harm",
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=20000,
        error_messages={"required": "Enter what we are worried about"},
    )
    working_well = forms.CharField(
        label="What is working well?",
        help_text="Strengths and safety, including what the family and network are doing",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=20000,
        error_messages={"required": "Enter what is working well"},
    )
    needs_to_happen = forms.CharField(
        label="What needs to happen?",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=20000,
        error_messages={"required": "Enter what needs to happen"},
    )
    scale = forms.TypedChoiceField(
        label="On a scale of 0 to 10, how safe is the child?",
        help_text=(
            "0 means the child will be harmed again; "
            "10 means everyone is confident the child is safe"
        ),
        choices=[(str(n), str(n)) for n in range(11)],
        coerce=int,
        widget=forms.RadioSelect(attrs={"inline": True}),
        error_messages={"required": "Select a number from 0 to 10"},
    )
    proposed_outcome = forms.ChoiceField(
        label="What outcome do you propose?",
        choices=Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the outcome you propose"},
    )

    def __init__(self, *args: Any, siblings: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.add_siblings_field(siblings, "record this analysis for")


class ReturnToHubForm(GovukForm):
    version = version_field()
    reason = forms.CharField(
        label="Why are you sending this back to the hub?",
        help_text="Say what more is needed before you can decide",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        error_messages={"required": "Enter why the contact is going back to the hub"},
    )
