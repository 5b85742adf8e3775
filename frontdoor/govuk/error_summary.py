"""The errors a page's GOV.UK error summary lists, gathered from its forms and formsets.

Order follows the page: for each form, its non-field errors (which have nowhere else to show),
then one error per field in field order, each linking to the field's first input (for a date,
to the part that is wrong). Formsets add their own non-form errors, then each form's.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypedDict

from django import forms

from .forms.boundfield import error_link_id


class SummaryError(TypedDict):
    text: str
    href: str


def summary_errors(*forms_or_formsets: Any) -> list[SummaryError]:
    errors: list[SummaryError] = []
    for item in _flatten(forms_or_formsets):
        if isinstance(item, forms.BaseFormSet):
            errors.extend(_formset_errors(item))
        elif isinstance(item, forms.BaseForm):
            errors.extend(_form_errors(item))
    return errors


def has_errors(*forms_or_formsets: Any) -> bool:
    return bool(summary_errors(*forms_or_formsets))


def _flatten(items: Iterable[Any]) -> Iterable[Any]:
    for item in items:
        if isinstance(item, (list, tuple)):
            yield from _flatten(item)
        elif item is not None and item != "":
            yield item


def _formset_errors(formset: forms.BaseFormSet[Any]) -> list[SummaryError]:
    if not formset.is_bound:
        return []
    errors = [SummaryError(text=str(e), href="") for e in formset.non_form_errors()]
    for form in formset.forms:
        errors.extend(_form_errors(form))
    return errors


def _form_errors(form: forms.BaseForm) -> list[SummaryError]:
    if not form.is_bound or not form.errors:
        return []
    errors = [SummaryError(text=str(e), href="") for e in form.non_field_errors()]
    for name in form.fields:
        if name not in form.errors:
            continue
        bound_field = form[name]
        link = error_link_id(bound_field)
        errors.append(
            SummaryError(text=str(bound_field.errors[0]), href=f"#{link}" if link else "")
        )
    return errors
