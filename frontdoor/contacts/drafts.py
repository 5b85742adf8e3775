"""Contact drafts: the intake journey's work in progress, kept on the server.

The intake is a GOV.UK question-page journey (referrer, concern, children, adults, check your
answers). Each step's answers are saved here as JSON the moment they are valid, so a timeout or
a closed tab loses nothing. `submit_draft` turns a complete draft into a contact through
`receive_contact`, with the draft's id as the idempotency key.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.http import Http404
from django.utils import timezone

from frontdoor.agencies.models import Agency
from frontdoor.codelists.models import Code, CodeList
from frontdoor.contacts.actions.intake import (
    AdultDetails,
    ChildDetails,
    ContactDetails,
    receive_contact,
    require_intake,
)
from frontdoor.contacts.models import ContactDraft, FamilyContact
from frontdoor.workflow.errors import NotReady

if TYPE_CHECKING:
    from frontdoor.access.models import User

STEPS = ("referrer", "concern", "children", "adults", "check")
MAX_CHILDREN = 12
MAX_ADULTS = 12


def start_draft(*, by: User) -> ContactDraft:
    require_intake(by)  # MASH staff, or a partner officer on the professionals' referral form
    now = timezone.now()
    return ContactDraft.objects.create(
        owner=by, data={"children": [], "adults": []}, created_at=now, updated_at=now
    )


def get_draft_for(user: User, pk: uuid.UUID) -> ContactDraft:
    """A draft is private to the person typing it: anyone else gets a 404."""
    draft = ContactDraft.objects.filter(pk=pk, owner=user).first()
    if draft is None:
        raise Http404
    return draft


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime):
        return {"datetime": value.isoformat()}
    if isinstance(value, date):
        return {"date": value.isoformat()}
    if isinstance(value, Code):
        return value.code
    if isinstance(value, Agency):
        return str(value.pk)
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if hasattr(value, "all"):  # a queryset from a ModelMultipleChoiceField
        return [_jsonable(v) for v in value]
    return value


def _revive(value: Any) -> Any:
    if isinstance(value, dict) and "date" in value:
        return date.fromisoformat(value["date"])
    if isinstance(value, dict) and "datetime" in value:
        return datetime.fromisoformat(value["datetime"])
    return value


def answers(draft: ContactDraft, step: str) -> dict[str, Any]:
    """The saved answers for a step, as Python values again (for a form's `initial`)."""
    return {k: _revive(v) for k, v in draft.data.get(step, {}).items()}


def save_step(draft: ContactDraft, step: str, cleaned: dict[str, Any]) -> None:
    draft.data[step] = {k: _jsonable(v) for k, v in cleaned.items()}
    _save(draft)


def add_to_list(draft: ContactDraft, key: str, cleaned: dict[str, Any]) -> None:
    limit = MAX_CHILDREN if key == "children" else MAX_ADULTS
    items = draft.data.setdefault(key, [])
    if len(items) >= limit:
        raise NotReady([f"A contact can name at most {limit} {key}"])
    items.append({k: _jsonable(v) for k, v in cleaned.items()})
    _save(draft)


def remove_from_list(draft: ContactDraft, key: str, index: int) -> None:
    items = draft.data.get(key, [])
    if 0 <= index < len(items):
        items.pop(index)
        if key == "children":
            _drop_relationships_to_child(draft, index)
        _save(draft)


def _drop_relationships_to_child(draft: ContactDraft, index: int) -> None:
    """Keep each adult's relationships pointing at the right child after one is removed."""
    for adult in draft.data.get("adults", []):
        relationships = adult.get("relationships", {})
        adult["relationships"] = {
            str(int(i) - 1 if int(i) > index else int(i)): kind
            for i, kind in relationships.items()
            if int(i) != index
        }


def items(draft: ContactDraft, key: str) -> list[dict[str, Any]]:
    return [{k: _revive(v) for k, v in item.items()} for item in draft.data.get(key, [])]


def _save(draft: ContactDraft) -> None:
    draft.updated_at = timezone.now()
    draft.save(update_fields=["data", "updated_at"])


def missing_steps(draft: ContactDraft) -> list[str]:
    problems = []
    if "referrer" not in draft.data:
        problems.append("Answer the questions about who raised the concern")
    if "concern" not in draft.data:
        problems.append("Describe the concern")
    if not draft.data.get("children"):
        problems.append("Add at least one child")
    return problems


def details_from_draft(draft: ContactDraft) -> ContactDetails:
    if problems := missing_steps(draft):
        raise NotReady(problems)
    referrer = answers(draft, "referrer")
    concern = answers(draft, "concern")
    agency_id = referrer.get("agency")
    return ContactDetails(
        received_at=referrer["received_at"],
        referral_source=Code.objects.get(
            code_list=CodeList.REFERRAL_SOURCE, code=referrer["referral_source"]
        ),
        agency=Agency.objects.filter(pk=agency_id).first() if agency_id else None,
        referrer_is_public=referrer.get("referrer_is_public") == "yes",
        referrer_name=referrer.get("referrer_name", ""),
        referrer_role=referrer.get("referrer_role", ""),
        referrer_organisation=referrer.get("referrer_organisation", ""),
        referrer_phone=referrer.get("referrer_phone", ""),
        referrer_email=referrer.get("referrer_email", ""),
        incident_date=concern.get("incident_date"),
        concern_categories=list(
            Code.objects.filter(
                code_list=CodeList.CONCERN_CATEGORY, code__in=concern.get("concern_categories", [])
            )
        ),
        narrative=concern["narrative"],
        family_knows=concern["family_knows"],
        family_knows_detail=concern.get("family_knows_detail", ""),
        children=[
            ChildDetails(
                first_name=child["first_name"],
                last_name=child["last_name"],
                sex=child["sex"],
                date_of_birth=child.get("date_of_birth"),
                expected_date_of_birth=child.get("expected_date_of_birth"),
                address=child.get("address", ""),
                postcode=child.get("postcode", ""),
            )
            for child in items(draft, "children")
        ],
        adults=[
            AdultDetails(
                first_name=adult["first_name"],
                last_name=adult["last_name"],
                date_of_birth=adult.get("date_of_birth"),
                address=adult.get("address", ""),
                # A draft saved before issue 17 holds one kind per child; AdultDetails takes both.
                relationships={
                    int(i): kinds for i, kinds in adult.get("relationships", {}).items()
                },
            )
            for adult in items(draft, "adults")
        ],
        idempotency_key=str(draft.pk),
    )


def submit_draft(*, by: User, draft: ContactDraft) -> FamilyContact:
    details = details_from_draft(draft)
    with transaction.atomic():
        family = receive_contact(by=by, details=details)
        ContactDraft.objects.filter(pk=draft.pk).delete()
    return family
