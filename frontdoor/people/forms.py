"""The chronology's filter (a GET form of allow-listed kinds, so it works without JavaScript),
and the child's census characteristics."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Any, cast

from django import forms

from frontdoor.child_record.chronology import Kind
from frontdoor.codelists.models import Code, CodeList
from frontdoor.govuk.forms import GovukDateField, GovukForm
from frontdoor.people import characteristics
from frontdoor.people.characteristics import UPN_EXAMPLE, Characteristics
from frontdoor.people.models import Person, Sex


class ChronologyFilterForm(GovukForm):
    kind = forms.MultipleChoiceField(
        label="Show",
        help_text="Select the kinds of event to show. Select none to show everything.",
        choices=Kind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": "Select kinds of event from the list"},
    )


YES_NO_UNKNOWN = [("yes", "Yes"), ("no", "No"), ("", "Not known")]


def _choices(code_list: str, empty: str | None = None) -> list[tuple[str, str]]:
    codes = [(c.code, c.label) for c in Code.objects.of(code_list)]
    return [("", empty), *codes] if empty is not None else codes


class CharacteristicsForm(GovukForm):
    """The child's census characteristics, as far as they are known: every field may be left
    for later (the data-quality page lists what the census still needs)."""

    sex = forms.ChoiceField(
        label="Sex",
        choices=Sex.choices,
        widget=forms.RadioSelect(attrs={"govuk_inline": True}),
        error_messages={"required": "Select the child's sex, or 'Not known'"},
    )
    expected_date_of_birth = GovukDateField(
        label="Expected date of birth (unborn child only)",
        label_for_errors="expected date of birth",
        help_text="For example, 27 3 2026",
        required=False,
    )
    ethnicity = forms.ChoiceField(label="Ethnicity", required=False)
    disabilities = forms.MultipleChoiceField(
        label="Disabilities",
        help_text="Select all that apply, or 'No disability'",
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": "Select the child's disabilities from the list"},
    )
    upn = forms.CharField(
        label="Unique pupil number (UPN)",
        help_text=f"13 characters, like {UPN_EXAMPLE}",
        max_length=20,
        required=False,
    )
    former_upn = forms.CharField(label="Former UPN (optional)", max_length=20, required=False)
    upn_unknown_reason = forms.ChoiceField(
        label="If the UPN is not known, why not?", required=False
    )
    first_language = forms.ChoiceField(label="First language", required=False)
    first_language_name = forms.CharField(
        label="Which language?",
        help_text="Needed when the first language is not English, or an interpreter is needed",
        max_length=100,
        required=False,
    )
    interpreter_needed = forms.ChoiceField(
        label="Is an interpreter needed?",
        choices=YES_NO_UNKNOWN,
        widget=forms.RadioSelect(attrs={"govuk_inline": True}),
        required=False,
    )

    def __init__(self, *args: Any, date_of_birth: date | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.date_of_birth = date_of_birth
        fields = self.fields
        cast(forms.ChoiceField, fields["ethnicity"]).choices = _choices(
            CodeList.ETHNICITY, "Not recorded yet"
        )
        cast(forms.ChoiceField, fields["disabilities"]).choices = _choices(CodeList.DISABILITY)
        cast(forms.ChoiceField, fields["upn_unknown_reason"]).choices = _choices(
            CodeList.UPN_UNKNOWN, "The UPN is known, or not recorded yet"
        )
        cast(forms.ChoiceField, fields["first_language"]).choices = _choices(
            CodeList.FIRST_LANGUAGE, "Not recorded yet"
        )
        for name in ("ethnicity", "upn_unknown_reason", "first_language"):
            fields[name].error_messages["invalid_choice"] = "Select a value from the list"

    @staticmethod
    def initial_for(person: Person) -> dict[str, Any]:
        initial: dict[str, Any] = asdict(Characteristics.of(person))
        needed = person.interpreter_needed
        initial["interpreter_needed"] = "" if needed is None else ("yes" if needed else "no")
        return initial

    def details(self) -> Characteristics:
        data = self.cleaned_data
        needed = data.get("interpreter_needed") or ""
        return Characteristics(
            sex=data.get("sex") or Sex.UNKNOWN,
            expected_date_of_birth=data.get("expected_date_of_birth"),
            ethnicity=data.get("ethnicity") or "",
            disabilities=list(data.get("disabilities") or []),
            upn=data.get("upn") or "",
            former_upn=data.get("former_upn") or "",
            upn_unknown_reason=data.get("upn_unknown_reason") or "",
            first_language=data.get("first_language") or "",
            first_language_name=data.get("first_language_name") or "",
            interpreter_needed=None if not needed else needed == "yes",
        ).normalised()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not self.errors:
            found = characteristics.problems(self.details(), date_of_birth=self.date_of_birth)
            for name, message in found.items():
                self.add_error(name, message)
        return cleaned
