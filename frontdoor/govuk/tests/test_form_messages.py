"""Every form names its errors the GOV.UK way: never "This field is required."."""

from __future__ import annotations

import pytest
from django import forms
from django.core.exceptions import ImproperlyConfigured

from frontdoor.govuk.forms import GovukDateField, GovukForm, GovukFormMixin


class Vague(GovukForm):
    first_name = forms.CharField(label="Child's first name")


def test_a_required_field_without_its_own_message_fails_in_tests():
    with pytest.raises(ImproperlyConfigured, match=r"Vague.first_name is required"):
        Vague()


def test_outside_tests_it_falls_back_to_a_message_naming_the_field(settings):
    settings.FRONTDOOR_STRICT_FORM_ERRORS = False

    class Choosy(GovukForm):
        first_name = forms.CharField(label="Child's first name")
        team = forms.ChoiceField(label="Team", choices=[("a", "A")])
        urgent = forms.ChoiceField(
            label="Is it urgent?", choices=[("y", "Yes")], widget=forms.RadioSelect
        )

    form = Choosy(data={})
    assert form.errors == {
        "first_name": ["Enter child's first name"],
        "team": ["Select team"],
        "urgent": ["Answer “Is it urgent?”"],
    }


def test_the_strict_setting_wins(settings):
    settings.FRONTDOOR_STRICT_FORM_ERRORS = True
    with pytest.raises(ImproperlyConfigured):
        Vague()


class Named(GovukForm):
    first_name = forms.CharField(
        label="Child's first name",
        max_length=5,
        min_length=2,
        error_messages={"required": "Enter the child's first name"},
    )
    team = forms.ChoiceField(
        label="Team", choices=[("a", "A")], error_messages={"required": "Select a team"}
    )
    date_of_birth = GovukDateField(label_for_errors="date of birth")
    note = forms.CharField(label="Note", required=False)
    locked = forms.CharField(label="Locked", disabled=True)


def test_required_messages_are_used():
    form = Named(data={})
    assert form.errors["first_name"] == ["Enter the child's first name"]
    assert form.errors["team"] == ["Select a team"]
    assert form.errors["date_of_birth"] == ["Enter date of birth"]
    assert "note" not in form.errors


def test_length_and_choice_messages_name_the_field():
    form = Named(data={"first_name": "Alexandra", "team": "z"})
    assert form.errors["first_name"] == ["Child's first name must be 5 characters or less"]
    assert form.errors["team"] == ["Select team from the list"]
    assert Named(data={"first_name": "A"}).errors["first_name"] == [
        "Child's first name must be 2 characters or more"
    ]


def test_messages_are_per_form_instance():
    Named(data={})
    assert "max_length" not in Named.base_fields["first_name"].error_messages


def test_no_browser_validation():
    assert "required" not in str(Named())


def test_the_mixin_works_with_a_model_form():
    from frontdoor.access.models import User

    class UserForm(GovukFormMixin, forms.ModelForm):
        class Meta:
            model = User
            fields = ("username", "job_title")
            error_messages = {"username": {"required": "Enter a username"}}  # noqa: RUF012

    form = UserForm(data={})
    assert form.fields["username"].error_messages["required"] == "Enter a username"
    assert (
        form.fields["job_title"].error_messages["max_length"]
        == "Job title must be 200 characters or less"
    )
