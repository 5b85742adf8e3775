from __future__ import annotations

from django import forms

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
