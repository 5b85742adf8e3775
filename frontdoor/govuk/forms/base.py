"""A base form that makes every error message name its field, the GOV.UK way.

GOV.UK error messages say what went wrong and how to fix it: "Enter the child's first name",
"Select the type of concern". Django's generic "This field is required." says neither, so:

- a required field must have its own `error_messages["required"]`. In tests (and wherever
  settings.FRONTDOOR_STRICT_FORM_ERRORS is true) a form that lacks one raises
  ImproperlyConfigured when it is built, so the gap is found by the first test that uses the
  form. In production the form falls back to "Enter <label>" / "Select <label>" instead.
- the generic "too long" and "not one of the choices" messages are rewritten with the label.

It also turns off the browser's own validation (`required` attributes): GOV.UK services
validate on the server only, so every user gets the same, well-written messages.
"""

from __future__ import annotations

import os
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.datastructures import MultiValueDict

from frontdoor.access import kept_answers

from .boundfield import widget_kind
from .text import lower_first

_GENERIC_REQUIRED = str(forms.Field.default_error_messages["required"])
_GENERIC_INVALID_CHOICE = {
    str(forms.ChoiceField.default_error_messages["invalid_choice"]),
    str(forms.ModelChoiceField.default_error_messages["invalid_choice"]),
    str(forms.MultipleChoiceField.default_error_messages["invalid_choice"]),
    str(forms.ModelMultipleChoiceField.default_error_messages["invalid_choice"]),
}
_CHOOSING_KINDS = {"radios", "checkboxes", "checkbox", "select"}


def strict_form_errors() -> bool:
    """True in tests: a required field without its own message is a bug to fix, not paper over."""
    configured = getattr(settings, "FRONTDOOR_STRICT_FORM_ERRORS", None)
    if configured is not None:
        return bool(configured)
    return "PYTEST_CURRENT_TEST" in os.environ


def _label(field: forms.Field, name: str) -> str:
    return str(field.label or name.replace("_", " ")).rstrip("?:").strip()


def govuk_error_messages(form: forms.BaseForm) -> None:
    """Give every field of the form GOV.UK error messages (see the module docstring)."""
    for name, field in form.fields.items():
        if field.disabled or field.widget.is_hidden:
            continue
        label = _label(field, name)
        _required_message(form, name, field, label)
        _limits_messages(field, label)


def _required_message(form: forms.BaseForm, name: str, field: forms.Field, label: str) -> None:
    if not field.required or str(field.error_messages.get("required")) != _GENERIC_REQUIRED:
        return
    if strict_form_errors():
        raise ImproperlyConfigured(
            f"{type(form).__name__}.{name} is required but has Django's generic message. Give "
            f'it error_messages={{"required": "…"}} that says what to do, like '
            f'"Enter the child\'s first name" or "Select the type of concern".'
        )
    field.error_messages["required"] = _fallback_required(field, label)


def _fallback_required(field: forms.Field, label: str) -> str:
    if str(field.label or "").strip().endswith("?"):
        return f"Answer “{str(field.label).strip()}”"
    verb = "Select" if widget_kind(field.widget) in _CHOOSING_KINDS else "Enter"
    return f"{verb} {lower_first(label)}"


def _limits_messages(field: forms.Field, label: str) -> None:
    messages = field.error_messages
    if "invalid_choice" in messages and str(messages["invalid_choice"]) in _GENERIC_INVALID_CHOICE:
        # S608 is a false alarm: this is an error message, not SQL ("Select … from the list").
        messages["invalid_choice"] = f"Select {lower_first(label)} from the list"  # noqa: S608
    max_length = getattr(field, "max_length", None)
    if max_length and "max_length" not in messages:
        messages["max_length"] = f"{label} must be {max_length} characters or less"
    min_length = getattr(field, "min_length", None)
    if min_length and "min_length" not in messages:
        messages["min_length"] = f"{label} must be {min_length} characters or more"


def take_back_kept_answers(form: forms.BaseForm) -> None:
    """A form built without data takes the answers a timeout kept for this user on this page,
    if they are its own: bound as if sent, shown as typed, with any errors, to send again."""
    if form.is_bound:
        return
    kept = kept_answers.given_back(form)
    if kept is not None:
        form.is_bound = True
        form.data = kept
        form.files = MultiValueDict()


class GovukFormMixin:
    """Mix into any Form or ModelForm (before the Django class).

    A form built without data takes back the answers a timeout kept for this user on this page
    (frontdoor/access/kept_answers.py), so every form in the service keeps typed work across a
    sign-out without its view doing anything."""

    use_required_attribute = False

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        govuk_error_messages(self)  # type: ignore[arg-type]
        take_back_kept_answers(self)  # type: ignore[arg-type]


class GovukForm(GovukFormMixin, forms.Form):
    pass


class GovukModelForm(GovukFormMixin, forms.ModelForm):  # type: ignore[type-arg]
    pass
