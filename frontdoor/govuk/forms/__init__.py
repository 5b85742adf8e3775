"""GOV.UK form rendering, wired in through Django's form-rendering API.

settings.FORM_RENDERER points at GovukFormRenderer, so `{{ form }}`, `{{ formset }}` and
`{{ field.as_field_group }}` all render GOV.UK Design System markup from the project-owned
templates in frontdoor/govuk/templates/govuk/. See frontdoor/govuk/README.md.
"""

from django.forms.renderers import TemplatesSetting

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
