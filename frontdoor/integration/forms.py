from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from frontdoor.access.forms import ServiceAccountChoice
from frontdoor.access.models import User
from frontdoor.govuk.forms import GovukForm
from frontdoor.outbox.envelope import parse_cursor


class ReplayForm(GovukForm):
    cursor = forms.CharField(
        label="Send again every event after this cursor",
        help_text=(
            "A cursor is an event's `sequence`, like 0-1200. The receiver gets every event "
            "after it again, in order; enter 0-0 to send everything from the beginning."
        ),
        max_length=60,
        error_messages={"required": "Enter the cursor to replay from"},
    )

    def clean_cursor(self) -> str:
        cursor: str = self.cleaned_data["cursor"].strip()
        if parse_cursor(cursor) is None:
            raise forms.ValidationError("Enter a cursor in the form 0-1200")
        return cursor


class NewSubscriptionForm(GovukForm):
    name = forms.CharField(
        label="Name",
        help_text="The receiving system, as the people who look after it call it. For example, "
        "Main case system (Liquidlogic)",
        max_length=100,
        error_messages={
            "required": "Enter a name for the subscription",
            "max_length": "The name must be 100 characters or fewer",
        },
    )
    url = forms.CharField(
        label="Address to send events to",
        help_text="The receiving system's webhook address, starting with https://",
        max_length=500,
        error_messages={
            "required": "Enter the address to send events to",
            "max_length": "The address must be 500 characters or fewer",
        },
    )
    account = ServiceAccountChoice(
        label="Service account",
        help_text="The receiving system's account. It is sent only the events this account may "
        "see: a restricted child's events go only to an account allowed to open that child.",
        queryset=User.objects.filter(is_service_account=True, is_active=True).order_by("username"),
        to_field_name="username",
        empty_label="Choose a service account",
        error_messages={
            "required": "Select the service account the events are sent as",
            "invalid_choice": "Select the service account the events are sent as",
        },
    )

    def clean_url(self) -> str:
        url: str = self.cleaned_data["url"].strip()
        try:
            URLValidator(schemes=["https", "http"])(url)
        except ValidationError:
            raise forms.ValidationError(
                "Enter the address in the correct format, like https://cases.example.gov.uk/hooks"
            ) from None
        return url
