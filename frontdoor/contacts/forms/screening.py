"""Screening a child (RAG rating, level of need, summary, recommendation, a question for each
brother or sister on record who is not in the contact, and the practice analysis), and
choosing the hub the family goes to.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django import forms

from frontdoor.codelists.models import Code, CodeList
from frontdoor.contacts.forms.fields import ApplyToSiblingsMixin, version_field
from frontdoor.contacts.models import SiblingAnswer
from frontdoor.contacts.workflow import Rag
from frontdoor.govuk.forms import GovukForm
from frontdoor.practice.forms import add_analysis_fields
from frontdoor.teams.models import Team

if TYPE_CHECKING:
    from frontdoor.contacts.sibling_prompts import SiblingPrompt


class ScreeningForm(GovukForm, ApplyToSiblingsMixin):
    version = version_field()
    rag = forms.ChoiceField(
        label="RAG rating",
        help_text="How urgent the response needs to be",
        choices=Rag.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select a RAG rating"},
    )
    level_of_need = forms.ModelChoiceField(
        label="Level of need",
        queryset=Code.objects.of(CodeList.LEVEL_OF_NEED),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": "Select the level of need"},
    )
    summary = forms.CharField(
        label="Screening summary",
        help_text="Who the child is, what is already known, and what worries you",
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=20000,
        error_messages={"required": "Enter a screening summary"},
    )
    recommendation = forms.CharField(
        label="Recommendation",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        error_messages={"required": "Enter your recommendation"},
    )

    def __init__(
        self,
        *args: Any,
        siblings: Any,
        sibling_prompts: Sequence[SiblingPrompt] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.add_siblings_field(siblings, "screen")
        self.sibling_prompts = list(sibling_prompts)
        # One question per brother or sister on record who is not in this contact.
        for prompt in self.sibling_prompts:
            born = prompt.sibling.date_of_birth
            self.fields[prompt.field_name] = forms.ChoiceField(
                label=f"{prompt.name}: what should happen?",
                help_text=(
                    f"{prompt.of_contact.child_name}'s {prompt.relationship}"
                    + (
                        f", born {born:%-d %B %Y}"
                        if born and prompt.name == prompt.sibling.full_name
                        else ""
                    )
                    + ". They are not in this contact."
                ),
                choices=SiblingAnswer.choices,
                widget=forms.RadioSelect,
                error_messages={"required": f"Select what should happen for {prompt.name}"},
            )
        add_analysis_fields(self)  # the practice model's analysis, typed once (frontdoor/practice)

    def sibling_answers(self) -> dict[str, str]:
        return {
            str(prompt.sibling.pk): self.cleaned_data[prompt.field_name]
            for prompt in self.sibling_prompts
            if self.cleaned_data.get(prompt.field_name)
        }


class SendToHubForm(GovukForm):
    hub = forms.ModelChoiceField(
        label="Which hub should work with this family?",
        queryset=Team.objects.hubs(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": "Select a hub"},
    )
