"""Input shape and GOV.UK-style messages for consent, enquiries and answers. No policy, no saving.

The answer form is filled in by people outside social care (police, health, schools), so its
words are plain and its messages say exactly what to do.
"""

from __future__ import annotations

import uuid
from typing import Any

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile

from frontdoor.agencies.models import Agency
from frontdoor.enquiries.models import KnownToAgency, ListedReason, ReasonList
from frontdoor.enquiries.uploads import (
    ALLOWED_WORDS,
    CheckedFile,
    UploadRefused,
    check_file,
    check_size,
)
from frontdoor.enquiries.workflow import ConsentPosition
from frontdoor.govuk.forms import GovukDateTimeField, GovukForm


def one_time_key() -> forms.CharField:
    """A key made when the form is shown: sending the same form twice does the work once."""
    return forms.CharField(
        widget=forms.HiddenInput,
        max_length=64,
        error_messages={"required": "Reload the page and try again"},
    )


def new_key() -> str:
    return uuid.uuid4().hex


def optional_version() -> forms.IntegerField:
    return forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)


class ReasonChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.text)


class ConsentForm(GovukForm):
    version = optional_version()
    position = forms.ChoiceField(
        label="Has the family given consent for information to be shared?",
        choices=[
            (ConsentPosition.GIVEN, "Yes, consent was given"),
            (ConsentPosition.REFUSED, "No, consent was refused"),
            (ConsentPosition.NOT_SOUGHT, "Consent was not sought"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether consent was given, refused or not sought"},
    )
    person_asked = forms.CharField(
        label="Who was asked?",
        help_text="Needed if consent was sought. For example, Jo Smith (mother)",
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"govuk_conditional": True}),
    )
    decided_at = GovukDateTimeField(
        label="When?",
        help_text=(
            "When consent was given or refused, or when it was decided not to seek it. "
            "For example, 27 3 2026 and 14:30"
        ),
        label_for_errors="Date consent was decided",
        must_be_in_past=True,
        error_messages={"required": "Enter when consent was given, refused or decided on"},
    )
    without_consent_reason = ReasonChoiceField(
        label="Lawful reason for proceeding without consent",
        help_text="Needed if consent was refused or not sought. A manager must then authorise",
        queryset=ListedReason.objects.none(),
        required=False,
        empty_label=None,
        widget=forms.RadioSelect(attrs={"govuk_conditional": True}),
    )
    without_consent_detail = forms.CharField(
        label="Why does this reason apply to this family?",
        help_text="Needed if consent was refused or not sought",
        widget=forms.Textarea(attrs={"rows": 4, "govuk_conditional": True}),
        max_length=5000,
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        reasons = self.fields["without_consent_reason"]
        assert isinstance(reasons, forms.ModelChoiceField)
        reasons.queryset = ListedReason.objects.filter(
            reason_list=ReasonList.WITHOUT_CONSENT, active=True
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        position = cleaned.get("position")
        if (
            position in (ConsentPosition.GIVEN, ConsentPosition.REFUSED)
            and not cleaned.get("person_asked", "").strip()
        ):
            self.add_error("person_asked", "Enter who was asked for consent")
        if position in (ConsentPosition.REFUSED, ConsentPosition.NOT_SOUGHT):
            if not cleaned.get("without_consent_reason"):
                self.add_error(
                    "without_consent_reason",
                    "Select the lawful reason for proceeding without consent",
                )
            if not cleaned.get("without_consent_detail", "").strip():
                self.add_error(
                    "without_consent_detail",
                    "Enter why proceeding without consent is justified for this family",
                )
        return cleaned


class AuthoriseForm(GovukForm):
    version = optional_version()
    decision = forms.ChoiceField(
        label="Do you authorise sharing information without the family's consent?",
        choices=[("authorise", "Yes, I authorise it"), ("decline", "No, I do not authorise it")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether you authorise proceeding without consent"},
    )
    note = forms.CharField(
        label="Your reasons",
        help_text="Needed if you do not authorise it",
        widget=forms.Textarea(attrs={"rows": 4, "govuk_conditional": True}),
        max_length=5000,
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("decision") == "decline" and not cleaned.get("note", "").strip():
            self.add_error("note", "Enter why proceeding without consent is not authorised")
        return cleaned


class AgenciesField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


def agencies_to_ask() -> Any:
    return (
        Agency.objects.filter(active=True)
        .select_related("agency_type")
        .order_by("agency_type__order", "name")
    )


class SendEnquiryForm(GovukForm):
    send_key = one_time_key()
    agencies = AgenciesField(
        label="Which agencies do you want to ask?",
        help_text="Select all that apply. Each agency gets its own request and sees only that",
        queryset=Agency.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select at least one agency to ask"},
    )
    question = forms.CharField(
        label="What do you want to know?",
        help_text=(
            "Each agency sees this, the names, dates of birth and addresses in the contact, and "
            "the consent position. It does not see the concern or what other agencies say"
        ),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=5000,
        error_messages={"required": "Enter what you want to know"},
    )
    lawful_basis = ReasonChoiceField(
        label="Lawful basis for asking",
        queryset=ListedReason.objects.none(),
        empty_label=None,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the lawful basis for asking"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        agencies = self.fields["agencies"]
        assert isinstance(agencies, forms.ModelMultipleChoiceField)
        agencies.queryset = agencies_to_ask()
        agencies.widget.attrs["govuk_item_hints"] = {
            str(a.pk): a.type_name or a.get_kind_display() for a in agencies.queryset
        }
        basis = self.fields["lawful_basis"]
        assert isinstance(basis, forms.ModelChoiceField)
        basis.queryset = ListedReason.objects.filter(
            reason_list=ReasonList.LAWFUL_BASIS, active=True
        )


class WithdrawForm(GovukForm):
    version = optional_version()
    reason = forms.CharField(
        label="Why are you withdrawing this request?",
        help_text="The agency is no longer asked to answer it",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": "Enter why you are withdrawing this request"},
    )


# --- The partner's answer ------------------------------------------------------------------


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class AttachmentsField(forms.FileField):
    """Any number of files (up to the setting), each checked by content and size."""

    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list[CheckedFile]:
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        most = settings.FRONTDOOR_ENQUIRY_ATTACHMENTS_MAX
        if len(files) > most:
            raise forms.ValidationError(f"Select up to {most} files")
        return [self._check(f) for f in files]

    def _check(self, upload: UploadedFile[Any]) -> CheckedFile:
        limit = settings.FRONTDOOR_ENQUIRY_ATTACHMENT_MAX_BYTES
        try:
            check_size(upload.size or 0, max_bytes=limit)  # before reading it into memory
            return check_file(upload.name or "", upload.read(), max_bytes=limit)
        except UploadRefused as exc:
            raise forms.ValidationError(f"{upload.name}: {exc}") from exc


class AnswerForm(GovukForm):
    token = one_time_key()
    known = forms.ChoiceField(
        label="Is the child or anyone in the family known to your agency?",
        choices=KnownToAgency.choices,
        widget=forms.RadioSelect(attrs={"govuk_inline": True}),
        error_messages={"required": "Select yes if the child or family is known to your agency"},
    )
    summary = forms.CharField(
        label="What does your agency know about them?",
        help_text=(
            "Write it so that someone outside your agency understands it: dates, what happened, "
            "and who was involved. If they are not known, say what records you checked"
        ),
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=20000,
        error_messages={"required": "Enter what your agency knows, or which records you checked"},
    )
    known_risks = forms.CharField(
        label="What risks does your agency know of?",
        help_text="Needed if they are known to you. Write 'None known' if there are none",
        widget=forms.Textarea(attrs={"rows": 5, "govuk_conditional": True}),
        max_length=20000,
        required=False,
    )
    attachments = AttachmentsField(
        label="Attach files (optional)",
        help_text=(
            f"Up to {settings.FRONTDOOR_ENQUIRY_ATTACHMENTS_MAX} files, each {ALLOWED_WORDS}, "
            f"smaller than {settings.FRONTDOOR_ENQUIRY_ATTACHMENT_MAX_BYTES // (1024 * 1024)}MB"
        ),
        required=False,
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("known") == KnownToAgency.YES and not cleaned.get("known_risks", "").strip():
            self.add_error("known_risks", "Enter the risks your agency knows of, or 'None known'")
        return cleaned
