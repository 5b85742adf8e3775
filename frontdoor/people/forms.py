"""The chronology's filter (a GET form of allow-listed kinds, so it works without JavaScript),
the child's census characteristics, and their school and GP practice."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Any, cast

from django import forms

from frontdoor.child_record.chronology import Kind
from frontdoor.codelists.models import Code, CodeList
from frontdoor.govuk.forms import GovukDateField, GovukForm
from frontdoor.people import characteristics, school_and_gp
from frontdoor.people.characteristics import UPN_EXAMPLE, Characteristics
from frontdoor.people.models import Person, RelationshipKind, Sex
from frontdoor.people.school_and_gp import SchoolAndGp


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


class SchoolAndGpForm(GovukForm):
    """The child's school and GP practice, as far as they are known: each may be left empty."""

    school = forms.CharField(
        label="School or nursery",
        help_text="Leave empty if the child has none or it is not known",
        max_length=200,
        required=False,
    )
    school_urn = forms.CharField(
        label="School's unique reference number (URN) (optional)",
        help_text="6 numbers, like 100000. It is on Get Information about Schools",
        max_length=20,
        required=False,
    )
    gp_practice = forms.CharField(
        label="GP practice",
        help_text="Leave empty if the child is not registered with a GP or it is not known",
        max_length=200,
        required=False,
    )
    gp_practice_code = forms.CharField(
        label="GP practice code (optional)",
        help_text="A letter and 5 numbers, like A81001",
        max_length=20,
        required=False,
    )

    @staticmethod
    def initial_for(person: Person) -> dict[str, Any]:
        return asdict(SchoolAndGp.of(person))

    def details(self) -> SchoolAndGp:
        data = self.cleaned_data
        return SchoolAndGp(
            **{name: data.get(name) or "" for name in school_and_gp.FIELDS}
        ).normalised()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not self.errors:
            for name, message in school_and_gp.problems(self.details()).items():
                self.add_error(name, message)
        return cleaned


NEW_PERSON = "new"


def _described(person: Person) -> str:
    born = (
        f"born {person.date_of_birth:%-d %B %Y}"
        if person.date_of_birth
        else "date of birth not known"
    )
    where = " ".join(part for part in (person.address, person.postcode) if part)
    return ", ".join(part for part in (person.full_name, born, where) if part)


_RELOAD = {
    "required": "Reload the page and try again",
    "invalid": "Reload the page and try again",
}


class NamedAdultForm(GovukForm):
    """Who an adult named in a contact is (their own person record: one found by the search on
    the referrer's details, or a new one) and what they are to the child, as several
    relationships if need be. Once linked, only the relationships are asked."""

    person = forms.ChoiceField(
        label="Which person record is theirs?",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select the adult's person record, or create a new one",
            "invalid_choice": "Select the adult's person record, or create a new one",
        },
    )
    # The adult's version the worker saw: linked or unlinked by someone else since, the form is
    # refused ("someone else changed this") rather than linking over their change.
    version = forms.IntegerField(widget=forms.HiddenInput, error_messages=_RELOAD)
    kinds = forms.MultipleChoiceField(
        label="What are they to the child?",
        help_text="Select all that apply",
        choices=[(kind, RelationshipKind(kind).label) for kind in RelationshipKind.of_an_adult()],
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Select how this adult is related to the child",
            "invalid_choice": "Select the relationships from the list",
        },
    )

    def __init__(
        self,
        *args: Any,
        candidates: list[Person] | None,
        adult_name: str,
        child_name: str,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        fields = self.fields
        if candidates is None:  # already linked
            del fields["person"]
        else:
            fields["person"].label = f"Which person record is for {adult_name}?"
            cast(forms.ChoiceField, fields["person"]).choices = [
                *((str(person.pk), _described(person)) for person in candidates),
                (
                    NEW_PERSON,
                    "None of these: create a new person record from the referrer's details",
                ),
            ]
        fields["kinds"].label = f"What is {adult_name} to {child_name}?"
        fields["kinds"].error_messages["required"] = (
            f"Select how {adult_name} is related to {child_name}"
        )


class UnlinkAdultForm(GovukForm):
    """Undo a link to the wrong person record (issue 17): why, for the audit trail."""

    reason = forms.CharField(
        label="Why is this the wrong person record?",
        help_text="For example, a different date of birth on the police record",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": "Enter why the adult was linked to the wrong record"},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, error_messages=_RELOAD)
