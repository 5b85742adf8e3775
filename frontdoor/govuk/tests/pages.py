"""Test-only pages: a form with every GOV.UK field kind, the base page, and pages that fail.

Used by tests/urls.py for the view, middleware and browser (axe) tests.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template import engines
from django.views.decorators.http import require_http_methods

from frontdoor.access.models import Role, User
from frontdoor.govuk.forms import GovukDateField, GovukDateTimeField, GovukForm, GovukTimeField


class KitchenSinkForm(GovukForm):
    first_name = forms.CharField(
        label="Child's first name",
        max_length=35,
        help_text="As the person who made the contact gave it",
        error_messages={"required": "Enter the child's first name"},
        widget=forms.TextInput(attrs={"class": "govuk-input--width-20", "autocomplete": "off"}),
    )
    date_of_birth = GovukDateField(
        label="Date of birth",
        label_for_errors="date of birth",
        error_messages={"required": "Enter the child's date of birth"},
        help_text="For example, 27 3 2019",
        must_be_in_past=True,
    )
    received_at = GovukDateTimeField(
        label="When was the contact received?",
        label_for_errors="date and time the contact was received",
        help_text="For example, 27 3 2024 and 14:30",
        must_be_in_past=True,
    )
    seen_at = GovukTimeField(
        label="What time was the child seen?",
        label_for_errors="the time the child was seen",
        help_text="Use the 24-hour clock, for example 14:30",
        required=False,
    )
    urgent = forms.ChoiceField(
        label="Is a child at immediate risk?",
        choices=[("yes", "Yes"), ("no", "No")],
        widget=forms.RadioSelect(attrs={"govuk_inline": True}),
        error_messages={"required": "Select yes if a child is at immediate risk"},
    )
    source = forms.ChoiceField(
        label="Who made the contact?",
        choices=[("police", "Police"), ("school", "School"), ("health", "Health")],
        widget=forms.RadioSelect(attrs={"govuk_item_hints": {"police": "Including a PPN"}}),
        error_messages={"required": "Select who made the contact"},
    )
    concerns = forms.MultipleChoiceField(
        label="What are the concerns?",
        choices=[("neglect", "Neglect"), ("physical", "Physical abuse"), ("dv", "Domestic abuse")],
        widget=forms.CheckboxSelectMultiple(attrs={"govuk_small": True}),
        error_messages={"required": "Select at least one concern"},
    )
    team = forms.ChoiceField(
        label="Team",
        choices=[("", "Choose a team"), ("north", "North"), ("south", "South")],
        error_messages={"required": "Select a team"},
    )
    summary = forms.CharField(
        label="Summary of the concern",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter a summary of the concern"},
    )
    hours = forms.IntegerField(
        label="Hours spent",
        required=False,
        widget=forms.TextInput(attrs={"govuk_suffix": "hours", "class": "govuk-input--width-3"}),
    )
    consent = forms.BooleanField(
        label="The family agreed to information being shared",
        required=False,
        help_text="Leave unticked if consent was not asked for",
    )

    def clean(self):  # type: ignore[no-untyped-def]
        cleaned = super().clean()
        if cleaned.get("urgent") == "yes" and cleaned.get("source") == "school":
            raise forms.ValidationError("Call the police first when a child is at immediate risk")
        return cleaned


_FORM_PAGE = """{% extends "base.html" %}{% load govuk %}
{% block title %}New contact{% endblock %}
{% block content %}
<div class="govuk-grid-row"><div class="govuk-grid-column-two-thirds">
{% govuk_error_summary form %}
<h1 class="govuk-heading-l">New contact</h1>
<form method="post" novalidate>{% csrf_token %}
{{ form }}
<button type="submit" class="govuk-button" data-module="govuk-button">Save</button>
</form>
</div></div>
{% endblock %}"""

_PLAIN_PAGE = """{% extends "base.html" %}{% load govuk %}
{% block title %}Screening queue{% endblock %}
{% block before_content %}{% include "govuk/back_link.html" with href="/" %}{% endblock %}
{% block content %}<h1 class="govuk-heading-l">Screening queue</h1>
{% responsive_table %}<table class="govuk-table frontdoor-table--compact">
<caption class="govuk-table__caption govuk-table__caption--m">Contacts to screen</caption>
<thead class="govuk-table__head"><tr class="govuk-table__row">
<th scope="col" class="govuk-table__header">Child</th>
<th scope="col" class="govuk-table__header frontdoor-numeric">Hours left</th></tr></thead>
<tbody class="govuk-table__body"><tr class="govuk-table__row">
<td class="govuk-table__cell">Alex Example
<strong class="govuk-tag govuk-tag--red">Urgent</strong></td>
<td class="govuk-table__cell frontdoor-numeric">3</td></tr></tbody></table>{% endresponsive_table %}
{% endblock %}"""


def _render(request: HttpRequest, source: str, context: dict, status: int = 200) -> HttpResponse:
    template = engines["django"].from_string(source)
    return HttpResponse(template.render(context, request), status=status)


@login_not_required
@require_http_methods(["GET", "POST"])
def form_page(request: HttpRequest) -> HttpResponse:
    form = KitchenSinkForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        messages.success(request, "Contact saved")
    return _render(request, _FORM_PAGE, {"form": form}, status=200)


def signed_in_as(request: HttpRequest) -> None:
    # An unsaved user: the page needs a name and a role, not the database.
    request.user = User(username="sam", first_name="Sam", last_name="Screener", role=Role.SCREENER)


@login_not_required
def signed_in_page(request: HttpRequest) -> HttpResponse:
    signed_in_as(request)
    messages.success(request, "Contact sent to the hub")
    messages.info(request, "The system will be down for maintenance on Saturday")
    return _render(request, _PLAIN_PAGE, {})


@login_not_required
def database_down(request: HttpRequest) -> HttpResponse:
    raise OperationalError("connection to server at 127.0.0.1 failed: Connection refused")


@login_not_required
def database_dropped(request: HttpRequest) -> HttpResponse:
    raise InterfaceError("connection already closed")


@login_not_required
def broken(request: HttpRequest) -> HttpResponse:
    raise ValueError("a bug, with a child's name in the message: Alex Example")


@login_not_required
def placeholder(request: HttpRequest) -> HttpResponse:
    return HttpResponse("placeholder")
