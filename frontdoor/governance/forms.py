"""The information governance questions, as GOV.UK forms. No policy, no saving."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms

from frontdoor.access.models import User
from frontdoor.govuk.forms import GovukDateField, GovukForm


class _Between(GovukForm):
    date_from = GovukDateField(
        label="From",
        help_text="For example, 1 3 2026",
        label_for_errors="From date",
        error_messages={"required": "Enter the first date to search from"},
    )
    date_to = GovukDateField(
        label="To",
        help_text="For example, 31 3 2026. This day is included.",
        label_for_errors="To date",
        error_messages={"required": "Enter the last date to search to"},
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if isinstance(start, date) and isinstance(end, date) and end < start:
            self.add_error("date_to", "The to date must be the same as or after the from date")
        return cleaned


class ChildViewsForm(_Between):
    """Who viewed this child between two dates: the search by name. Sent by POST only, so the
    name never lands in a URL, a server's access log or a Referer header."""

    name = forms.CharField(
        label="Child's name",
        help_text="First name, last name or both",
        max_length=200,
        error_messages={"required": "Enter the child's name"},
    )

    field_order = ["name", "date_from", "date_to"]


class ChildViewsDatesForm(_Between):
    """The dates alone, for the page of one child chosen from the search (the child is in its
    URL by id only), so the dates can be changed without searching again."""


class UserActivityForm(_Between):
    """Everything this user viewed or exported."""

    user = forms.ModelChoiceField(
        label="Member of staff or partner",
        queryset=User.objects.order_by("last_name", "first_name", "username"),
        to_field_name="username",
        empty_label="Choose a person",
        error_messages={"required": "Select the person whose activity you want to see"},
    )

    field_order = ["user", "date_from", "date_to"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"].label_from_instance = lambda u: f"{u.display_name} ({u.username})"  # type: ignore[attr-defined]
