"""The bound field that renders every form field as a GOV.UK component.

The renderer makes every form use `GovukBoundField`, which picks a template by widget:

    TextInput, EmailInput, NumberInput, …   govuk/fields/input.html
    GovukTimeInput                          govuk/fields/time.html
    Textarea                                govuk/fields/textarea.html
    Select                                  govuk/fields/select.html
    RadioSelect                             govuk/fields/radios.html
    CheckboxSelectMultiple                  govuk/fields/checkboxes.html
    CheckboxInput (a BooleanField)          govuk/fields/checkbox.html
    GovukDateInput, GovukDateTimeInput      govuk/fields/date.html

A field's own `template_name` wins. Per-field options are widget attrs whose names start with
`govuk_`; they are read here and never rendered as HTML attributes:

    govuk_label_size     "s", "m", "l" or "xl": the label (or legend) size
    govuk_page_heading   True: the label (or legend) is the page's <h1> (size "l" by default)
    govuk_inline         True: radios or checkboxes side by side (for 2 short options)
    govuk_small          True: small radios or checkboxes (for filters and dense pages)
    govuk_item_hints     {value: "hint"}: a hint under individual radios or checkboxes
    govuk_item_conditionals  {value: "other_field"}: GOV.UK conditional reveal: the other field
                         of the form is rendered under that radio (hidden until chosen when
                         JavaScript runs; always shown without it, so the server validates it)
    govuk_prefix         text before an input, like "£"
    govuk_suffix         text after an input, like "hours"

Input width is a plain class: `attrs={"class": "govuk-input--width-10"}` (or
`govuk-!-width-one-half`).
"""

from __future__ import annotations

import copy
from typing import Any

from django import forms
from django.forms.boundfield import BoundField
from django.utils.functional import cached_property
from django.utils.safestring import SafeString

from .widgets import ERROR_PARTS_ATTR, GovukTimeInput, _GovukPartsInput

OPTION_PREFIX = "govuk_"

# The first matching widget class decides the kind, so subclasses come before their bases
# (CheckboxSelectMultiple is a RadioSelect; RadioSelect is not a Select).
_KINDS: list[tuple[type[forms.Widget], str]] = [
    (forms.HiddenInput, "hidden"),
    (_GovukPartsInput, "date"),
    (GovukTimeInput, "time"),
    (forms.CheckboxSelectMultiple, "checkboxes"),
    (forms.RadioSelect, "radios"),
    (forms.CheckboxInput, "checkbox"),
    (forms.Textarea, "textarea"),
    (forms.Select, "select"),
    (forms.FileInput, "file"),
]

# The class every control of a kind gets, and the class it adds when the field is in error.
_CONTROL_CLASSES = {
    "input": ("govuk-input", "govuk-input--error"),
    "time": ("govuk-input", "govuk-input--error"),
    "textarea": ("govuk-textarea", "govuk-textarea--error"),
    "select": ("govuk-select", "govuk-select--error"),
    "file": ("govuk-file-upload", "govuk-file-upload--error"),
    "checkbox": ("govuk-checkboxes__input", ""),
}

_SIZES = {"s", "m", "l", "xl"}


def widget_kind(widget: forms.Widget) -> str:
    for cls, kind in _KINDS:
        if isinstance(widget, cls):
            return kind
    return "input"


def options_of(widget: forms.Widget) -> dict[str, Any]:
    return {
        key[len(OPTION_PREFIX) :]: value
        for key, value in widget.attrs.items()
        if key.startswith(OPTION_PREFIX)
    }


def without_options(widget: forms.Widget) -> forms.Widget:
    """A shallow copy of the widget without the govuk_ options, so they are never rendered."""
    if not any(key.startswith(OPTION_PREFIX) for key in widget.attrs):
        return widget
    clean = copy.copy(widget)
    clean.attrs = {k: v for k, v in widget.attrs.items() if not k.startswith(OPTION_PREFIX)}
    return clean


def error_parts(bound_field: BoundField) -> tuple[str, ...]:
    """The parts of a split field (day, month, year, time) that the first error is about."""
    for error in bound_field.errors.as_data():
        params = getattr(error, "params", None) or {}
        return tuple(params.get("parts", ()))
    return ()


def error_link_id(bound_field: BoundField) -> str:
    """The id of the input that an error summary link for this field should focus."""
    auto_id = bound_field.auto_id
    if not auto_id or bound_field.is_hidden:
        return ""
    widget = bound_field.field.widget
    if isinstance(widget, _GovukPartsInput):
        parts = error_parts(bound_field)
        first = next((p for p in widget.parts if p in parts), widget.parts[0])
        return f"{auto_id}_{first}"
    if isinstance(widget, forms.MultiWidget):
        return f"{auto_id}_0"
    return auto_id


class GovukBoundField(BoundField):
    @cached_property
    def kind(self) -> str:
        return widget_kind(self.field.widget)

    @cached_property
    def options(self) -> dict[str, Any]:
        return options_of(self.field.widget)

    @property
    def template_name(self) -> str:
        # Field.template_name (Django 5.0+) is missing from django-stubs.
        own: str | None = getattr(self.field, "template_name", None)
        return own or f"govuk/fields/{self.kind}.html"

    # --- rendering the control --------------------------------------------------------------

    def as_widget(
        self,
        widget: forms.Widget | None = None,
        attrs: dict[str, Any] | None = None,
        only_initial: bool = False,
    ) -> SafeString:
        attrs = dict(attrs or {})
        if self.kind == "date" and self.errors:
            attrs[ERROR_PARTS_ATTR] = error_parts(self) or self.field.widget.parts
        return super().as_widget(without_options(widget or self.field.widget), attrs, only_initial)

    def build_widget_attrs(
        self, attrs: dict[str, Any], widget: forms.Widget | None = None
    ) -> dict[str, Any]:
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        kind = widget_kind(widget)
        if kind in _CONTROL_CLASSES:
            base, error = _CONTROL_CLASSES[kind]
            classes = [base, widget.attrs.get("class", ""), attrs.get("class", "")]
            if self.errors:
                classes.append(error)
            attrs["class"] = " ".join(c for c in classes if c)
        return attrs

    # --- ids and text the templates use -----------------------------------------------------

    @property
    def hint_id(self) -> str:
        return f"{self.auto_id}_helptext" if self.auto_id and self.help_text else ""

    @property
    def error_id(self) -> str:
        return f"{self.auto_id}_error" if self.auto_id and self.errors else ""

    @property
    def described_by(self) -> str:
        """For a fieldset's aria-describedby (a single input gets it from build_widget_attrs)."""
        return " ".join(i for i in (self.hint_id, self.error_id) if i)

    @property
    def error_message(self) -> str:
        # GOV.UK shows one message per field: the first is the one to fix first.
        return str(self.errors[0]) if self.errors else ""

    @property
    def error_link_id(self) -> str:
        return error_link_id(self)

    @property
    def label_text(self) -> str:
        label = str(self.label)
        # A field required only for some answers (its hint says when) is not "optional".
        conditional = bool(self.options.get("conditional"))
        if (
            not self.field.required
            and self.kind != "checkbox"
            and not conditional
            and "(optional)" not in label
        ):
            return f"{label} (optional)"
        return label

    @property
    def is_page_heading(self) -> bool:
        return bool(self.options.get("page_heading"))

    @property
    def size(self) -> str:
        size = self.options.get("label_size") or ("l" if self.is_page_heading else "")
        if size and size not in _SIZES:
            raise ValueError(f"govuk_label_size must be one of {sorted(_SIZES)}, not {size!r}")
        return size

    @property
    def label_classes(self) -> str:
        return f"govuk-label govuk-label--{self.size}" if self.size else "govuk-label"

    @property
    def legend_classes(self) -> str:
        base = "govuk-fieldset__legend"
        return f"{base} {base}--{self.size}" if self.size else base

    @property
    def prefix(self) -> str:
        return str(self.options.get("prefix") or "")

    @property
    def suffix(self) -> str:
        return str(self.options.get("suffix") or "")

    @property
    def choices_classes(self) -> str:
        """Classes for the govuk-radios / govuk-checkboxes wrapper."""
        block = "govuk-checkboxes" if self.kind in ("checkboxes", "checkbox") else "govuk-radios"
        classes = [block]
        if self.options.get("inline"):
            classes.append(f"{block}--inline")
        if self.options.get("small"):
            classes.append(f"{block}--small")
        return " ".join(classes)

    @property
    def revealed_under_another(self) -> bool:
        """True when another field of the form reveals this one under one of its radios: it is
        rendered there, so the form's own loop skips it."""
        for field in self.form.fields.values():
            reveals = options_of(field.widget).get("item_conditionals") or {}
            if self.name in reveals.values():
                return True
        return False

    @property
    def items(self) -> list[dict[str, Any]]:
        """Radios or checkboxes, with GOV.UK ids: the first is the field's id, then -2, -3…"""
        hints = {str(k): v for k, v in (self.options.get("item_hints") or {}).items()}
        reveals = {str(k): v for k, v in (self.options.get("item_conditionals") or {}).items()}
        items: list[dict[str, Any]] = []
        for subwidget in self.subwidgets:
            data = subwidget.data
            if data["value"] in ("", None):
                continue  # a "---------" blank choice means nothing as a radio or checkbox
            n = len(items) + 1
            item_id = self.auto_id if n == 1 else f"{self.auto_id}-{n}"
            hint = hints.get(str(data["value"]), "")
            items.append(
                {
                    "id": item_id if self.auto_id else "",
                    "name": data["name"],
                    "value": data["value"],
                    "label": data["label"],
                    "checked": bool(data["selected"]),
                    "disabled": bool(data["attrs"].get("disabled")),
                    "hint": hint,
                    "hint_id": f"{item_id}-item-hint" if hint and self.auto_id else "",
                    "conditional": (
                        self.form[reveals[str(data["value"])]]
                        if str(data["value"]) in reveals
                        else None
                    ),
                    "conditional_id": f"conditional-{item_id}" if self.auto_id else "",
                }
            )
        return items
