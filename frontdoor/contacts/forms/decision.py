"""A manager's decision: the outcome, its rationale, and for a social work response the date
and time by which the child must be seen and the team that will see them.
"""

from __future__ import annotations

from typing import Any

from django import forms

from frontdoor.codelists.models import Code
from frontdoor.contacts.forms.fields import ApplyToSiblingsMixin, version_field
from frontdoor.contacts.workflow import Outcome
from frontdoor.govuk.forms import GovukDateTimeField, GovukForm
from frontdoor.practice.forms import add_analysis_fields
from frontdoor.teams.models import Team


class DecisionForm(GovukForm, ApplyToSiblingsMixin):
    version = version_field()
    outcome = forms.ChoiceField(
        label="What is your decision?",
        choices=Outcome.choices,
        # "Which council?" is revealed under its answer (shown as well without JavaScript).
        widget=forms.RadioSelect(
            attrs={"govuk_item_conditionals": {Outcome.OTHER_COUNCIL: "other_council"}}
        ),
        error_messages={"required": "Select the outcome"},
    )
    rationale = forms.CharField(
        label="Rationale",
        help_text="Why this is the right response for this child, given what is known",
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=20000,
        error_messages={"required": "Enter the rationale for your decision"},
    )
    see_by = GovukDateTimeField(
        label="Child to be seen by",
        help_text=(
            "Needed for an assessment or a strategy discussion. "
            "Proposed from the RAG rating: confirm or change it"
        ),
        label_for_errors="Date the child must be seen by",
        required=False,
        must_be_in_future=True,
    )
    see_by_team = forms.ModelChoiceField(
        label="Team that will see the child",
        help_text="Needed for an assessment or a strategy discussion",
        queryset=Team.objects.receiving_teams(),
        required=False,
        empty_label="Choose a team",
        widget=forms.Select(attrs={"govuk_conditional": True}),
    )
    other_council = forms.ModelChoiceField(
        label="Which council?",
        help_text="Needed to refer the child to another council: where the child lives now",
        queryset=Code.objects.none(),  # every council but this one, read when the form is built
        to_field_name="code",
        required=False,
        empty_label="Choose a council",
        widget=forms.Select(attrs={"govuk_conditional": True}),
        error_messages={"invalid_choice": "Select the council the child is referred to"},
    )
    strategy_same_day = forms.BooleanField(
        label="Serious injury or recent sexual abuse: hold the strategy discussion today",
        help_text="Otherwise it is due within 24 hours",
        required=False,
    )

    def __init__(self, *args: Any, siblings: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.add_siblings_field(siblings, "record this decision for")
        self.fields["see_by"].widget.attrs["govuk_conditional"] = True
        self.fields["other_council"].queryset = Code.objects.other_councils()  # type: ignore[attr-defined]
        add_analysis_fields(self)  # the practice model's analysis, typed once (frontdoor/practice)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("outcome") in Outcome.social_work_responses():
            if not cleaned.get("see_by") and "see_by" not in self.errors:
                self.add_error("see_by", "Enter the date and time by which the child must be seen")
            if not cleaned.get("see_by_team"):
                self.add_error("see_by_team", "Choose the team that will see the child")
        if (
            cleaned.get("outcome") == Outcome.OTHER_COUNCIL
            and not cleaned.get("other_council")
            and "other_council" not in self.errors
        ):
            self.add_error("other_council", "Select the council the child is referred to")
        return cleaned
