"""The professionals' referral form, for people outside social care, and the MASH's record of
feedback to the referrer. Input shape and messages only: no policy, no saving.

The referral form asks in plain words, and its messages say exactly what to do. The children
and adults pages reuse the MASH intake's forms (`contacts.forms`), whose messages are already
written that way; what differs is who is asked, and about what.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.validators import RegexValidator

from frontdoor.codelists.models import Code, CodeList
from frontdoor.contacts.forms import ChildForm
from frontdoor.govuk.forms import GovukDateField, GovukForm
from frontdoor.partners.rules import FeedbackMethod

PHONE = RegexValidator(
    r"^\+?[0-9 ()-]{7,20}$", "Enter a phone number, like 01632 960 001 or +44 7700 900 982"
)


class AboutYouForm(GovukForm):
    referrer_name = forms.CharField(
        label="Your full name",
        max_length=200,
        error_messages={"required": "Enter your full name"},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    referrer_role = forms.CharField(
        label="Your job title",
        help_text="For example, Designated safeguarding lead, or Police constable",
        max_length=200,
        error_messages={"required": "Enter your job title"},
        widget=forms.TextInput(attrs={"autocomplete": "organization-title"}),
    )
    referrer_phone = forms.CharField(
        label="A phone number the MASH can call you on today",
        max_length=40,
        validators=[PHONE],
        error_messages={"required": "Enter a phone number the MASH can call you on"},
        widget=forms.TextInput(
            attrs={"type": "tel", "autocomplete": "tel", "class": "govuk-input--width-20"}
        ),
    )
    referrer_email = forms.EmailField(
        label="Your work email address",
        error_messages={
            "required": "Enter your work email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )


class ConcernForm(GovukForm):
    narrative = forms.CharField(
        label="What are you worried about?",
        help_text=(
            "Say what you saw or were told, when, and by whom. Use the child's own words where "
            "you can. Say what you have already done"
        ),
        widget=forms.Textarea(attrs={"rows": 10}),
        max_length=20000,
        error_messages={"required": "Tell us what you are worried about"},
    )
    concern_categories = forms.ModelMultipleChoiceField(
        label="What is the worry about?",
        help_text="Select all that apply",
        queryset=Code.objects.of(CodeList.CONCERN_CATEGORY),
        to_field_name="code",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select at least one thing the worry is about"},
    )
    incident_date = GovukDateField(
        label="When did it happen? (optional)",
        help_text="Leave this blank if there was no single event. For example, 27 3 2026",
        label_for_errors="The date it happened",
        required=False,
        must_be_in_past=True,
    )
    family_knows = forms.ChoiceField(
        label="Have you told the family you are making this referral?",
        choices=[("yes", "Yes"), ("no", "No"), ("not_known", "I do not know")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether you have told the family"},
    )
    family_knows_detail = forms.CharField(
        label="What did you tell them, or why not? (optional)",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=5000,
    )


class PartnerChildForm(ChildForm):
    """The MASH intake's child form, with hints for someone who may not know every detail."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["date_of_birth"].help_text = (
            "For example, 27 3 2019. If you are not sure, give your best estimate and say so "
            "in what you are worried about. Leave blank for an unborn baby"
        )
        self.fields["expected_date_of_birth"].help_text = "For an unborn baby only"


class FeedbackForm(GovukForm):
    method = forms.ChoiceField(
        label="How was the referrer told?",
        choices=FeedbackMethod.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select how the referrer was told"},
    )
    message = forms.CharField(
        label="What were they told? (optional)",
        help_text=(
            "If they referred online, their agency sees this beside each child's outcome. "
            "Never include the rationale or what another agency said"
        ),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        required=False,
    )
