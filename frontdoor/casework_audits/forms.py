"""Input shape and GOV.UK error messages for case audits. No policy, no saving."""

from __future__ import annotations

from typing import Any, cast

from django import forms

from frontdoor.access.models import User
from frontdoor.access.policies import RULES
from frontdoor.casework_audits.models import AuditQuestion, AuditTemplate
from frontdoor.casework_audits.workflow import Grade, SampleKind
from frontdoor.contacts.workflow import Outcome
from frontdoor.govuk.forms import GovukDateField, GovukForm
from frontdoor.teams.models import Team, TeamKind

RELOAD = {"required": "Reload the page and try again", "invalid": "Reload the page and try again"}


class People(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.display_name)


class Person(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.display_name} ({obj.get_role_display()})"


def users_who_may(action: str) -> Any:
    return User.objects.filter(is_active=True, role__in=RULES[action]).order_by(
        "last_name", "first_name"
    )


class SampleForm(GovukForm):
    template = forms.ModelChoiceField(
        label="Audit template",
        queryset=AuditTemplate.objects.filter(active=True),
        empty_label=None,
        error_messages={"required": "Select an audit template"},
    )
    kind = forms.ChoiceField(
        label="Which cases?",
        choices=SampleKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select which cases to sample"},
    )
    start = GovukDateField(
        label="Decided from",
        label_for_errors="start of the period",
        help_text="For example, 1 3 2027",
        error_messages={"required": "Enter the start of the period"},
    )
    end = GovukDateField(
        label="Decided up to and including",
        label_for_errors="end of the period",
        help_text="For example, 31 3 2027",
        error_messages={"required": "Enter the end of the period"},
    )
    team = forms.ModelChoiceField(
        label="Hub (optional)",
        queryset=Team.objects.filter(kind=TeamKind.HUB).order_by("name"),
        required=False,
        empty_label="Every hub",
    )
    outcome = forms.ChoiceField(
        label="Outcome (optional)",
        choices=[("", "Every outcome"), *Outcome.choices],
        required=False,
    )
    size = forms.IntegerField(
        label="How many cases (a random sample only)",
        min_value=1,
        max_value=5000,
        required=False,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-5"}),
    )
    seed = forms.IntegerField(
        label="Seed (optional)",
        help_text="Leave blank for a new random sample; enter a recorded seed to draw it again",
        min_value=0,
        max_value=10**9,
        required=False,
        widget=forms.NumberInput(attrs={"class": "govuk-input--width-10"}),
    )
    auditors = People(
        label="Auditors",
        help_text="The cases are shared between them",
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select at least one auditor"},
    )
    due_on = GovukDateField(
        label="Audits due by",
        label_for_errors="date the audits are due",
        help_text="For example, 30 4 2027",
        error_messages={"required": "Enter the date the audits are due"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(People, self.fields["auditors"]).queryset = users_who_may("grade_case_audit")


class GradeForm(GovukForm):
    """One radio group per question, drawn as rows of one compact table (one screen)."""

    version = forms.IntegerField(widget=forms.HiddenInput, error_messages=RELOAD)
    grade = forms.ChoiceField(
        label="Overall grade",
        choices=Grade.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select an overall grade"},
    )
    comment = forms.CharField(
        label="Comment on the overall grade",
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=5000,
        error_messages={"required": "Enter a comment on the overall grade"},
    )

    def __init__(self, *args: Any, questions: list[AuditQuestion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questions = questions
        for number, question in enumerate(questions, start=1):
            self.fields[f"q_{question.pk}"] = forms.ChoiceField(
                label=f"{number}. {question.text}",
                choices=Grade.choices,
                widget=forms.RadioSelect,
                error_messages={"required": f"Select a grade for question {number}"},
            )
        # The questions come first on the page and in the error summary.
        self.order_fields([f"q_{q.pk}" for q in questions])

    def grid_rows(self) -> list[tuple[forms.BoundField, str]]:
        """Each question's radios, then the overall grade's, with what each radio is for."""
        rows = [(self[f"q_{q.pk}"], f"for question {n}") for n, q in enumerate(self.questions, 1)]
        return [*rows, (self["grade"], "overall")]

    def answers(self) -> dict[int, str]:
        return {q.pk: self.cleaned_data[f"q_{q.pk}"] for q in self.questions}


class ModerateForm(GovukForm):
    version = forms.IntegerField(widget=forms.HiddenInput, error_messages=RELOAD)
    grade = forms.ChoiceField(
        label="Moderated grade",
        choices=Grade.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the moderated grade"},
    )
    reason = forms.CharField(
        label="Reason",
        help_text="Required if you change the auditor's grade",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        required=False,
    )


class ActionForm(GovukForm):
    description = forms.CharField(
        label="What needs to happen",
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        error_messages={"required": "Enter what needs to happen"},
    )
    owner = Person(
        label="Owner",
        queryset=User.objects.none(),
        empty_label="Select an owner",
        error_messages={"required": "Select who owns the action"},
    )
    action_due_on = GovukDateField(
        label="Due by",
        label_for_errors="date the action is due",
        help_text="For example, 30 4 2027",
        error_messages={"required": "Enter the date the action is due"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(Person, self.fields["owner"]).queryset = users_who_may("complete_audit_action")


class CompleteActionForm(GovukForm):
    note = forms.CharField(
        label="What was done",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        error_messages={"required": "Enter what was done"},
    )
