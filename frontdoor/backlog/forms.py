"""Input shape and GOV.UK error messages for the backlog and urgent review pages."""

from __future__ import annotations

from typing import Any, cast

from django import forms

from frontdoor.access.models import User
from frontdoor.access.policies import RULES
from frontdoor.backlog.backlog import OLDER_THAN_CHOICES
from frontdoor.backlog.models import ReviewOutcome
from frontdoor.contacts.models import Contact
from frontdoor.govuk.forms import GovukDateField, GovukForm


class BacklogFilterForm(GovukForm):
    """Allow-listed filters only (../shared/SECURITY.md, 7): an age and a queue slug."""

    older_than = forms.ChoiceField(
        label="Waiting longer than",
        choices=[(str(days), label) for days, label in OLDER_THAN_CHOICES],
        required=False,
    )
    queue = forms.ChoiceField(label="Queue", required=False)

    def __init__(self, *args: Any, queues: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["queue"]).choices = [("", "Every queue"), *queues]

    def older_than_days(self) -> int:
        return int(self.cleaned_data.get("older_than") or 0)


class WaitingChildren(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        family = obj.family
        # A restricted child this manager may not open is named only as such.
        name = "Restricted record" if getattr(obj, "hidden_from_viewer", False) else obj.child_name
        return f"{name} (contact {family.reference}, received {family.received_at:%-d %b %Y})"


class Workers(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.display_name} ({obj.get_role_display()})"


def reviewers() -> Any:
    return User.objects.filter(is_active=True, role__in=RULES["record_urgent_review"]).order_by(
        "last_name", "first_name"
    )


class StartUrgentReviewForm(GovukForm):
    children = WaitingChildren(
        label="Children to review",
        help_text="Every child waiting longer than you chose is selected. Untick any to leave out",
        queryset=Contact.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select at least one child to review"},
    )
    workers = Workers(
        label="Workers who will review them",
        help_text="The children are shared between them; brothers and sisters stay together",
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select at least one worker to review them"},
    )
    due_on = GovukDateField(
        label="Reviews due by",
        label_for_errors="date the reviews are due",
        help_text="For example, 27 3 2027",
        error_messages={"required": "Enter the date the reviews are due"},
    )
    reason = forms.CharField(
        label="Why are these children being reviewed?",
        max_length=500,
        error_messages={"required": "Enter why these children are being reviewed"},
    )

    def __init__(self, *args: Any, waiting: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(WaitingChildren, self.fields["children"]).queryset = waiting
        cast(Workers, self.fields["workers"]).queryset = reviewers()


class RecordUrgentReviewForm(GovukForm):
    version = forms.IntegerField(
        widget=forms.HiddenInput,
        error_messages={
            "required": "Reload the page and try again",
            "invalid": "Reload the page and try again",
        },
    )
    outcome = forms.ChoiceField(
        label="What did your review find?",
        choices=ReviewOutcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select what your review found"},
    )
    note = forms.CharField(
        label="What you found and did",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        error_messages={"required": "Enter what you found and did"},
    )
