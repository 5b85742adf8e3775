"""Input shape and GOV.UK-style error messages for the contact pages. No policy, no saving."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django import forms
from django.core.validators import RegexValidator

from frontdoor.agencies.models import Agency
from frontdoor.codelists.models import Code, CodeList
from frontdoor.contacts.models import Contact, FamilyKnows, SiblingAnswer
from frontdoor.contacts.workflow import Outcome, Rag
from frontdoor.govuk.forms import GovukDateField, GovukDateTimeField, GovukForm
from frontdoor.people.models import RelationshipKind, Sex
from frontdoor.teams.models import Team

if TYPE_CHECKING:
    from frontdoor.contacts.sibling_prompts import SiblingPrompt

POSTCODE = RegexValidator(
    r"^[A-Za-z]{1,2}[0-9][A-Za-z0-9]? ?[0-9][A-Za-z]{2}$",
    "Enter a real postcode, like SW1A 1AA",
)
YES_NO = [("yes", "Yes"), ("no", "No")]


def version_field() -> forms.IntegerField:
    """The record version the user saw: a stale form is refused instead of overwriting."""
    return forms.IntegerField(
        widget=forms.HiddenInput,
        error_messages={
            "required": "Reload the page and try again",
            "invalid": "Reload the page and try again",
        },
    )


def referral_source_choices() -> list[tuple[str, Any]]:
    groups: dict[str, list[tuple[str, str]]] = {}
    for code in Code.objects.of(CodeList.REFERRAL_SOURCE):
        groups.setdefault(code.group or "Other", []).append(
            (code.code, f"{code.code} – {code.label}")
        )
    return [("", "Choose a referral source"), *groups.items()]


class ReferrerForm(GovukForm):
    received_at = GovukDateTimeField(
        label="When was the contact received?",
        help_text="For example, 27 3 2026 and 14:30",
        label_for_errors="Date the contact was received",
        must_be_in_past=True,
        error_messages={"required": "Enter the date and time the contact was received"},
    )
    referral_source = forms.ChoiceField(
        label="Referral source",
        help_text="The CIN census code for who raised the concern",
        error_messages={"required": "Choose the referral source"},
    )
    agency = forms.ModelChoiceField(
        label="Agency (optional)",
        queryset=Agency.objects.filter(active=True),
        required=False,
        empty_label="Not from a listed agency",
        to_field_name="pk",
    )
    referrer_is_public = forms.ChoiceField(
        label="Is the referrer a member of the public?",
        help_text="Their identity is then shown only to those who need it",
        choices=YES_NO,
        widget=forms.RadioSelect(attrs={"inline": True}),
        error_messages={"required": "Select yes if the referrer is a member of the public"},
    )
    referrer_name = forms.CharField(
        label="Referrer's name",
        max_length=200,
        error_messages={"required": "Enter the referrer's name, or 'Anonymous'"},
    )
    referrer_role = forms.CharField(
        label="Referrer's role (optional)", max_length=200, required=False
    )
    referrer_organisation = forms.CharField(
        label="Referrer's organisation (optional)", max_length=200, required=False
    )
    referrer_phone = forms.CharField(
        label="Phone number (optional)",
        max_length=40,
        required=False,
        widget=forms.TextInput(
            attrs={"type": "tel", "autocomplete": "off", "class": "govuk-input--width-20"}
        ),
    )
    referrer_email = forms.EmailField(
        label="Email address (optional)",
        required=False,
        error_messages={
            "invalid": "Enter an email address in the correct format, like name@example.com"
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        source = self.fields["referral_source"]
        assert isinstance(source, forms.ChoiceField)
        source.choices = referral_source_choices()


class ConcernForm(GovukForm):
    incident_date = GovukDateField(
        label="When did the incident happen? (optional)",
        help_text="Leave blank if there was no single incident. For example, 27 3 2026",
        label_for_errors="Incident date",
        required=False,
        must_be_in_past=True,
    )
    concern_categories = forms.ModelMultipleChoiceField(
        label="What is the concern about?",
        help_text="Select all that apply",
        queryset=Code.objects.of(CodeList.CONCERN_CATEGORY),
        to_field_name="code",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select at least one kind of concern"},
    )
    narrative = forms.CharField(
        label="Describe the concern",
        help_text="What happened, what the referrer saw or was told, and what worries them",
        widget=forms.Textarea(attrs={"rows": 8}),
        max_length=20000,
        error_messages={"required": "Describe the concern"},
    )
    family_knows = forms.ChoiceField(
        label="Does the family know about this contact?",
        choices=FamilyKnows.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether the family knows about this contact"},
    )
    family_knows_detail = forms.CharField(
        label="What has the family been told? (optional)",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=5000,
    )


class ChildForm(GovukForm):
    first_name = forms.CharField(
        label="First name",
        max_length=100,
        error_messages={"required": "Enter the child's first name"},
    )
    last_name = forms.CharField(
        label="Last name",
        max_length=100,
        error_messages={"required": "Enter the child's last name"},
    )
    date_of_birth = GovukDateField(
        label="Date of birth",
        help_text="Leave blank for an unborn child and give the expected date of birth instead",
        label_for_errors="Date of birth",
        required=False,
        must_be_in_past=True,
    )
    expected_date_of_birth = GovukDateField(
        label="Expected date of birth",
        help_text="For an unborn child only",
        label_for_errors="Expected date of birth",
        required=False,
    )
    sex = forms.ChoiceField(
        label="Sex",
        choices=Sex.choices,
        widget=forms.RadioSelect(attrs={"inline": True}),
        error_messages={"required": "Select the child's sex, or 'Not known'"},
    )
    address = forms.CharField(label="Address (optional)", max_length=300, required=False)
    postcode = forms.CharField(
        label="Postcode (optional)",
        max_length=10,
        required=False,
        validators=[POSTCODE],
        widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "autocomplete": "off"}),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        born, expected = cleaned.get("date_of_birth"), cleaned.get("expected_date_of_birth")
        if "date_of_birth" in cleaned and "expected_date_of_birth" in cleaned:
            if born is None and expected is None:
                self.add_error(
                    "date_of_birth",
                    "Enter the child's date of birth, "
                    "or an expected date of birth for an unborn child",
                )
            elif born is not None and expected is not None:
                self.add_error(
                    "expected_date_of_birth",
                    "Leave the expected date of birth blank when the child has been born",
                )
        return cleaned


class AdultForm(GovukForm):
    first_name = forms.CharField(
        label="First name",
        max_length=100,
        error_messages={"required": "Enter the adult's first name"},
    )
    last_name = forms.CharField(
        label="Last name",
        max_length=100,
        error_messages={"required": "Enter the adult's last name"},
    )
    date_of_birth = GovukDateField(
        label="Date of birth (optional)",
        label_for_errors="Date of birth",
        required=False,
        must_be_in_past=True,
    )
    address = forms.CharField(label="Address (optional)", max_length=300, required=False)

    def __init__(self, *args: Any, children: list[dict[str, Any]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for index, child in enumerate(children):
            name = f"{child['first_name']} {child['last_name']}"
            self.fields[f"relationship_{index}"] = forms.ChoiceField(
                label=f"Relationship to {name}",
                choices=[("", "Choose a relationship"), *RelationshipKind.choices],
                error_messages={"required": f"Choose how this adult is related to {name}"},
            )

    def relationships(self) -> dict[str, str]:
        return {
            name.removeprefix("relationship_"): value
            for name, value in self.cleaned_data.items()
            if name.startswith("relationship_")
        }


class SiblingsField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    """ "Also apply to": the other children of the same family contact, entered once."""

    def label_from_instance(self, obj: Any) -> str:
        return str(obj.child_name)


class ApplyToSiblingsMixin(forms.Form):
    def add_siblings_field(self, siblings: Any, verb: str) -> None:
        if siblings.exists():
            self.fields["also_for"] = SiblingsField(
                label=f"Also {verb} these children in the same contact",
                help_text="The same answers are recorded for each child you select",
                queryset=siblings,
                required=False,
                widget=forms.CheckboxSelectMultiple,
            )

    def also_for(self) -> list[Contact]:
        return list(self.cleaned_data.get("also_for") or [])


class ScreeningForm(GovukForm, ApplyToSiblingsMixin):
    version = version_field()
    rag = forms.ChoiceField(
        label="RAG rating",
        help_text="How urgent the response needs to be",
        choices=Rag.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select a RAG rating"},
    )
    level_of_need = forms.ModelChoiceField(
        label="Level of need",
        queryset=Code.objects.of(CodeList.LEVEL_OF_NEED),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": "Select the level of need"},
    )
    summary = forms.CharField(
        label="Screening summary",
        help_text="Who the child is, what is already known, and what worries you",
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=20000,
        error_messages={"required": "Enter a screening summary"},
    )
    recommendation = forms.CharField(
        label="Recommendation",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        error_messages={"required": "Enter your recommendation"},
    )

    def __init__(
        self,
        *args: Any,
        siblings: Any,
        sibling_prompts: Sequence[SiblingPrompt] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.add_siblings_field(siblings, "screen")
        self.sibling_prompts = list(sibling_prompts)
        # One question per brother or sister on record who is not in this contact.
        for prompt in self.sibling_prompts:
            born = prompt.sibling.date_of_birth
            self.fields[prompt.field_name] = forms.ChoiceField(
                label=f"{prompt.name}: what should happen?",
                help_text=(
                    f"{prompt.of_contact.child_name}'s {prompt.relationship}"
                    + (
                        f", born {born:%-d %B %Y}"
                        if born and prompt.name == prompt.sibling.full_name
                        else ""
                    )
                    + ". They are not in this contact."
                ),
                choices=SiblingAnswer.choices,
                widget=forms.RadioSelect,
                error_messages={"required": f"Select what should happen for {prompt.name}"},
            )

    def sibling_answers(self) -> dict[str, str]:
        return {
            str(prompt.sibling.pk): self.cleaned_data[prompt.field_name]
            for prompt in self.sibling_prompts
            if self.cleaned_data.get(prompt.field_name)
        }


class SendToHubForm(GovukForm):
    hub = forms.ModelChoiceField(
        label="Which hub should work with this family?",
        queryset=Team.objects.hubs(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": "Select a hub"},
    )


class AnalysisForm(GovukForm, ApplyToSiblingsMixin):
    version = version_field()
    worries = forms.CharField(
        label="What are we worried about?",
        help_text="Harm that has happened, and the danger of future harm",
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=20000,
        error_messages={"required": "Enter what we are worried about"},
    )
    working_well = forms.CharField(
        label="What is working well?",
        help_text="Strengths and safety, including what the family and network are doing",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=20000,
        error_messages={"required": "Enter what is working well"},
    )
    needs_to_happen = forms.CharField(
        label="What needs to happen?",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=20000,
        error_messages={"required": "Enter what needs to happen"},
    )
    scale = forms.TypedChoiceField(
        label="On a scale of 0 to 10, how safe is the child?",
        help_text=(
            "0 means the child will be harmed again; "
            "10 means everyone is confident the child is safe"
        ),
        choices=[(str(n), str(n)) for n in range(11)],
        coerce=int,
        widget=forms.RadioSelect(attrs={"inline": True}),
        error_messages={"required": "Select a number from 0 to 10"},
    )
    proposed_outcome = forms.ChoiceField(
        label="What outcome do you propose?",
        choices=Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the outcome you propose"},
    )

    def __init__(self, *args: Any, siblings: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.add_siblings_field(siblings, "record this analysis for")


class DecisionForm(GovukForm, ApplyToSiblingsMixin):
    version = version_field()
    outcome = forms.ChoiceField(
        label="What is your decision?",
        choices=Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the outcome"},
    )
    rationale = forms.CharField(
        label="Rationale",
        help_text="Why this is the right response for this child, given what is known",
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=20000,
        error_messages={"required": "Enter the rationale for your decision"},
    )
    see_by = GovukDateTimeField(
        label="Child to be seen by",
        help_text=(
            "Needed for an assessment or a strategy discussion. "
            "Proposed from the RAG rating: confirm or change it"
        ),
        label_for_errors="Date the child must be seen by",
        required=False,
        must_be_in_future=True,
    )
    see_by_team = forms.ModelChoiceField(
        label="Team that will see the child",
        help_text="Needed for an assessment or a strategy discussion",
        queryset=Team.objects.receiving_teams(),
        required=False,
        empty_label="Choose a team",
        widget=forms.Select(attrs={"govuk_conditional": True}),
    )
    strategy_same_day = forms.BooleanField(
        label="Serious injury or recent sexual abuse: hold the strategy discussion today",
        help_text="Otherwise it is due within 24 hours",
        required=False,
    )

    def __init__(self, *args: Any, siblings: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.add_siblings_field(siblings, "record this decision for")
        self.fields["see_by"].widget.attrs["govuk_conditional"] = True

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("outcome") in Outcome.social_work_responses():
            if not cleaned.get("see_by") and "see_by" not in self.errors:
                self.add_error("see_by", "Enter the date and time by which the child must be seen")
            if not cleaned.get("see_by_team"):
                self.add_error("see_by_team", "Choose the team that will see the child")
        return cleaned


class ReturnToHubForm(GovukForm):
    version = version_field()
    reason = forms.CharField(
        label="Why are you sending this back to the hub?",
        help_text="Say what more is needed before you can decide",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        error_messages={"required": "Enter why the contact is going back to the hub"},
    )
