"""The filters above a queue: allow-listed values only (../shared/SECURITY.md, 7), read from
the query string so the form works without JavaScript and a filtered page can be bookmarked."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django import forms

from frontdoor.codelists.models import Code, CodeList
from frontdoor.contacts.queries import QueueFilters, normalised_reference
from frontdoor.contacts.workflow import Rag
from frontdoor.govuk.forms import GovukForm
from frontdoor.teams.models import Team, TeamKind

if TYPE_CHECKING:
    from frontdoor.access.models import User
    from frontdoor.contacts.queries import Queue

ME, NOBODY = "me", "nobody"


class QueueFilterForm(GovukForm):
    q = forms.CharField(
        label="Child's name or contact reference",
        help_text="For example, Amy Smith or WX-26-004187",
        max_length=100,
        required=False,
    )
    rag = forms.MultipleChoiceField(
        label="RAG rating",
        choices=Rag.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    source = forms.ChoiceField(label="Who raised it", required=False)
    hub = forms.ChoiceField(label="Hub", required=False)
    assignee = forms.ChoiceField(label="Claimed by", required=False)
    overdue = forms.BooleanField(label="Only families past their deadline", required=False)

    def __init__(self, *args: Any, queue: Queue, user: User, claimants: list[User], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.queue = queue
        self.user = user
        sources = Code.objects.of(CodeList.REFERRAL_SOURCE)
        cast(forms.ChoiceField, self.fields["source"]).choices = [
            ("", "Anyone"),
            *[(code.code, code.label) for code in sources],
        ]
        if queue.hub is None and queue.slug != "screening":
            hubs = Team.objects.filter(kind=TeamKind.HUB).order_by("-active", "order", "name")
            cast(forms.ChoiceField, self.fields["hub"]).choices = [
                ("", "Any hub"),
                *[(hub.slug, hub.name) for hub in hubs],
            ]
        else:
            del self.fields["hub"]  # one hub's queue, or screening (before any hub)
        cast(forms.ChoiceField, self.fields["assignee"]).choices = [
            ("", "Anyone or nobody"),
            (ME, "Me"),
            (NOBODY, "Nobody: unclaimed"),
            *[(str(c.pk), c.display_name) for c in claimants if c.pk != user.pk],
        ]

    def filters(self) -> QueueFilters:
        """What to filter by; nothing when the form is not valid (an unknown value is ignored
        rather than an error: the queue is still shown)."""
        if not self.is_valid():
            return QueueFilters()
        data = self.cleaned_data
        source = data.get("source") or ""
        hub_slug = data.get("hub") or ""
        assignee = data.get("assignee") or ""
        return QueueFilters(
            search=data.get("q", "").strip(),
            rags=tuple(data.get("rag") or ()),
            source=Code.objects.of(CodeList.REFERRAL_SOURCE).filter(code=source).first()
            if source
            else None,
            hub=Team.objects.filter(kind=TeamKind.HUB, slug=hub_slug).first() if hub_slug else None,
            assignee=assignee,
            me=self.user,
            overdue=bool(data.get("overdue")),
        )


class FindContactForm(GovukForm):
    reference = forms.CharField(
        label="Contact reference",
        help_text="For example, WX-26-004187",
        max_length=30,
        error_messages={"required": "Enter the contact's reference"},
    )

    def clean_reference(self) -> str:
        text = str(self.cleaned_data["reference"])
        if normalised_reference(text) is None:
            raise forms.ValidationError(
                "Enter the reference as it is written, for example WX-26-004187"
            )
        return text
