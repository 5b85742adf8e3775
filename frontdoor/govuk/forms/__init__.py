"""GOV.UK form rendering, wired in through Django's form-rendering API.

settings.FORM_RENDERER points at GovukFormRenderer, so `{{ form }}`, `{{ formset }}` and
`{{ field.as_field_group }}` all render GOV.UK Design System markup from the project-owned
templates in frontdoor/govuk/templates/govuk/. See frontdoor/govuk/README.md.
"""

from pathlib import Path
from typing import Any

import django.forms
from django.forms.renderers import TemplatesSetting
from django.template.backends.jinja2 import Jinja2
from django.utils.functional import cached_property

from .base import GovukForm, GovukFormMixin, GovukModelForm, govuk_error_messages
from .boundfield import GovukBoundField, error_link_id
from .dates import GovukDateField, GovukDateTimeField
from .time import GovukTimeField
from .widgets import GovukDateInput, GovukDateTimeInput, GovukTimeInput


class GovukFormRenderer(TemplatesSetting):
    """Renders with the project's template engine (so app templates can be found), and makes
    every form's fields GovukBoundFields."""

    form_template_name = "govuk/form.html"
    formset_template_name = "govuk/formset.html"
    field_template_name = "govuk/fields/input.html"
    bound_field_class = GovukBoundField

    def get_template(self, template_name: str) -> Any:
        # Django's own widgets (an <input>, a <select> and its options) through the Jinja2
        # copies Django ships of the same templates: a select of 22 referral sources was an
        # {% include %} per option in Django's template language, about a tenth of a queue
        # page's CPU (docs/benchmarks.md, queue page, fourth pass). The GOV.UK field
        # templates around them, and the project's own widgets, stay Django templates.
        if template_name.startswith(_DJANGO_WIDGETS):
            return self._django_widgets.get_template(template_name)
        return super().get_template(template_name)

    @cached_property
    def _django_widgets(self) -> Jinja2:
        # Autoescaped (Django's backend sets it), found only in Django's own jinja2 folder so
        # that no app's template can stand in for a widget here. A widget of the project's own
        # names its own template (GovukDateInput); to override one of Django's, change this.
        return Jinja2(
            {
                "APP_DIRS": False,
                "DIRS": [Path(django.forms.__file__).parent / "jinja2"],
                "NAME": "govuk-widgets",
                "OPTIONS": {},
            }
        )


_DJANGO_WIDGETS = "django/forms/widgets/"


__all__ = [
    "GovukBoundField",
    "GovukDateField",
    "GovukDateInput",
    "GovukDateTimeField",
    "GovukDateTimeInput",
    "GovukForm",
    "GovukFormMixin",
    "GovukFormRenderer",
    "GovukModelForm",
    "GovukTimeField",
    "GovukTimeInput",
    "error_link_id",
    "govuk_error_messages",
]
