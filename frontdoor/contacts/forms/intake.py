"""The questions of a new contact's journey: who referred and when, what the concern is, each
child (a date of birth, or an expected one for an unborn child) and each adult with their
relationship to every child. The partners' referral form reuses the child form.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.validators import RegexValidator

from frontdoor.agencies.models import Agency
from frontdoor.codelists.models import Code, CodeList
from frontdoor.contacts.models import FamilyKnows
from frontdoor.govuk.forms import GovukDateField, GovukDateTimeField, GovukForm
from frontdoor.people.models import RelationshipKind, Sex

POSTCODE = RegexValidator(
    r"^[A-Za-z]{1,2}[0-9][A-Za-z0-9]? ?[0-9][A-Za-z]{2}$",
    "Enter a real postcode, like SW1A 1AA",
)
YES_NO = [("yes", "Yes"), ("no", "No")]


def referral_source_choices() -> list[tuple[str, Any]]:
    groups: dict[str, list[tuple[str, str]]] = {}
    for code in Code.objects.of(CodeList.REFERRAL_SOURCE):
        groups.setdefault(code.group or "Other", []).append(
            (code.code, f"{code.code} – {code.label}")
        )
    return [("", "Choose a referral source"), *groups.items()]


class ReferrerForm(GovukForm):
    received_at = GovukDateTimeField(
        label="When was the contact received?",
        help_text="For example, 27 3 2026 and 14:30",
        label_for_errors="Date the contact was received",
        must_be_in_past=True,
        error_messages={"required": "Enter the date and time the contact was received"},
    )
    referral_source = forms.ChoiceField(
        label="Referral source",
        help_text="The CIN census code for who raised the concern",
        error_messages={"required": "Choose the referral source"},
    )
    agency = forms.ModelChoiceField(
        label="Agency (optional)",
        queryset=Agency.objects.filter(active=True),
        required=False,
        empty_label="Not from a listed agency",
        to_field_name="pk",
    )
    referrer_is_public = forms.ChoiceField(
        label="Is the referrer a member of the public?",
        help_text="Their identity is then shown only to those who need it",
        choices=YES_NO,
        widget=forms.RadioSelect(attrs={"inline": True}),
        error_messages={"required": "Select yes if the referrer is a member of the public"},
    )
    referrer_name = forms.CharField(
        label="Referrer's name",
        max_length=200,
        error_messages={"required": "Enter the referrer's name, or 'Anonymous'"},
    )
    referrer_role = forms.CharField(
        label="Referrer's role (optional)", max_length=200, required=False
    )
    referrer_organisation = forms.CharField(
        label="Referrer's organisation (optional)", max_length=200, required=False
    )
    referrer_phone = forms.CharField(
        label="Phone number (optional)",
        max_length=40,
        required=False,
        widget=forms.TextInput(
            attrs={"type": "tel", "autocomplete": "off", "class": "govuk-input--width-20"}
        ),
    )
    referrer_email = forms.EmailField(
        label="Email address (optional)",
        required=False,
        error_messages={
            "invalid": "Enter an email address in the correct format, like name@example.com"
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        source = self.fields["referral_source"]
        assert isinstance(source, forms.ChoiceField)
        source.choices = referral_source_choices()


class ConcernForm(GovukForm):
    incident_date = GovukDateField(
        label="When did the incident happen? (optional)",
        help_text="Leave blank if there was no single incident. For example, 27 3 2026",
        label_for_errors="Incident date",
        required=False,
        must_be_in_past=True,
    )
    concern_categories = forms.ModelMultipleChoiceField(
        label="What is the concern about?",
        help_text="Select all that apply",
        queryset=Code.objects.of(CodeList.CONCERN_CATEGORY),
        to_field_name="code",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select at least one kind of concern"},
    )
    narrative = forms.CharField(
        label="Describe the concern",
        help_text="What happened, what the referrer saw or was told, and what worries them",
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=20000,
        error_messages={"required": "Describe the concern"},
    )
    family_knows = forms.ChoiceField(
        label="Does the family know about this contact?",
        choices=FamilyKnows.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether the family knows about this contact"},
    )
    family_knows_detail = forms.CharField(
        label="What has the family been told? (optional)",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=5000,
    )


class ChildForm(GovukForm):
    first_name = forms.CharField(
        label="First name",
        max_length=100,
        error_messages={"required": "Enter the child's first name"},
    )
    last_name = forms.CharField(
        label="Last name",
        max_length=100,
        error_messages={"required": "Enter the child's last name"},
    )
    date_of_birth = GovukDateField(
        label="Date of birth",
        help_text="Leave blank for an unborn child and give the expected date of birth instead",
        label_for_errors="Date of birth",
        required=False,
        must_be_in_past=True,
    )
    expected_date_of_birth = GovukDateField(
        label="Expected date of birth",
        help_text="For an unborn child only",
        label_for_errors="Expected date of birth",
        required=False,
    )
    sex = forms.ChoiceField(
        label="Sex",
        choices=Sex.choices,
        widget=forms.RadioSelect(attrs={"inline": True}),
        error_messages={"required": "Select the child's sex, or 'Not known'"},
    )
    address = forms.CharField(label="Address (optional)", max_length=300, required=False)
    postcode = forms.CharField(
        label="Postcode (optional)",
        max_length=10,
        required=False,
        validators=[POSTCODE],
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "autocomplete": "off"}),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        born, expected = cleaned.get("date_of_birth"), cleaned.get("expected_date_of_birth")
        if "date_of_birth" in cleaned and "expected_date_of_birth" in cleaned:
            if born is None and expected is None:
                self.add_error(
                    "date_of_birth",
                    "Enter the child's date of birth, "
                    "or an expected date of birth for an unborn child",
                )
            elif born is not None and expected is not None:
                self.add_error(
                    "expected_date_of_birth",
                    "Leave the expected date of birth blank when the child has been born",
                )
        return cleaned


class AdultForm(GovukForm):
    first_name = forms.CharField(
        label="First name",
        max_length=100,
        error_messages={"required": "Enter the adult's first name"},
    )
    last_name = forms.CharField(
        label="Last name",
        max_length=100,
        error_messages={"required": "Enter the adult's last name"},
    )
    date_of_birth = GovukDateField(
        label="Date of birth (optional)",
        label_for_errors="Date of birth",
        required=False,
        must_be_in_past=True,
    )
    address = forms.CharField(label="Address (optional)", max_length=300, required=False)

    def __init__(self, *args: Any, children: list[dict[str, Any]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # One set of checkboxes per child: an adult may be several things to one child, e.g.
        # the mother's partner and the alleged perpetrator (issue 17).
        self.children = [f"{child['first_name']} {child['last_name']}" for child in children]
        for index, name in enumerate(self.children):
            self.fields[f"relationship_{index}"] = forms.MultipleChoiceField(
                label=f"What is this adult to {name}?",
                help_text="Select all that apply",
                choices=RelationshipKind.choices,
                widget=forms.CheckboxSelectMultiple,
                required=False,  # asked in `clean`, to name the adult in the message
                error_messages={"invalid_choice": "Select the relationships from the list"},
            )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        adult = " ".join(
            part for part in (cleaned.get("first_name"), cleaned.get("last_name")) if part
        )
        for index, name in enumerate(self.children):
            field = f"relationship_{index}"
            if field in cleaned and not cleaned[field]:
                self.add_error(field, f"Select how {adult or 'this adult'} is related to {name}")
        return cleaned

    def relationships(self) -> dict[str, list[str]]:
        return {
            name.removeprefix("relationship_"): list(value)
            for name, value in self.cleaned_data.items()
            if name.startswith("relationship_")
        }
