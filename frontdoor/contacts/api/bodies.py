"""From a request body to what an action takes, checked against the database: an active code
(or a 422 at the field), concern categories, adults' relationships naming a child in the body,
and a contact's details for the intake action. The partners' API calls these too.
"""

from __future__ import annotations

from django.utils import timezone

from frontdoor.agencies.models import Agency
from frontdoor.api.schemas import field_error
from frontdoor.codelists.models import Code as CodeRow
from frontdoor.codelists.models import CodeList
from frontdoor.contacts import actions
from frontdoor.contacts.api.schemas import AdultIn, ChildIn, ContactIn


def _code(code_list: str, code: str, *loc: str | int, unknown: str = "") -> CodeRow:
    """The active code, or a 422 at `loc` saying "Unknown <unknown> 'code'" (by default the code
    list's own name, e.g. "concern category (local) code")."""
    found = CodeRow.objects.filter(code_list=code_list, code=code, active=True).first()
    if found is None:
        label = unknown or f"{CodeList(code_list).label.lower()} code"
        raise field_error(*loc, msg=f"Unknown {label} {code!r}")
    return found


def concern_category_rows(codes: list[str], *, unknown: str = "") -> list[CodeRow]:
    """`concern_categories` of a contact's body, as code rows (the partners' API calls it too,
    naming the list in its own words)."""
    return [
        _code(CodeList.CONCERN_CATEGORY, code, "concern_categories", i, unknown=unknown)
        for i, code in enumerate(codes)
    ]


def check_relationships(children: list[ChildIn], adults: list[AdultIn]) -> None:
    """Each adult's relationships name a child in the body (the partners' API calls it too)."""
    for a, adult in enumerate(adults):
        for r, relationship in enumerate(adult.relationships):
            if relationship.child >= len(children):
                raise field_error(
                    "adults",
                    a,
                    "relationships",
                    r,
                    "child",
                    msg=f"There is no child {relationship.child}: `children` has "
                    f"{len(children)} (counting from 0)",
                )


def adult_details(adults: list[AdultIn]) -> list[actions.AdultDetails]:
    """The body's adults as the intake action takes them (the partners' API calls it too)."""
    return [
        actions.AdultDetails(
            first_name=a.first_name,
            last_name=a.last_name,
            date_of_birth=a.date_of_birth,
            address=a.address,
            relationships=_kinds_by_child(a),
        )
        for a in adults
    ]


def _kinds_by_child(adult: AdultIn) -> dict[int, list[str]]:
    """Each child's relationships: an entry's `kinds` or `relationship`, and several entries
    for one child add up (before issue 17 the last one silently won)."""
    kinds: dict[int, list[str]] = {}
    for relationship in adult.relationships:
        kinds.setdefault(relationship.child, []).extend(relationship.all_kinds())
    return kinds


def _details(payload: ContactIn, key: str | None) -> actions.ContactDetails:
    if payload.received_at > timezone.now():
        raise field_error("received_at", msg="must not be in the future")
    check_relationships(payload.children, payload.adults)
    agency = None
    if payload.agency_id is not None:
        agency = Agency.objects.filter(pk=payload.agency_id, active=True).first()
        if agency is None:
            raise field_error("agency_id", msg=f"Unknown agency {payload.agency_id}")
    return actions.ContactDetails(
        received_at=payload.received_at,
        referral_source=_code(CodeList.REFERRAL_SOURCE, payload.referral_source, "referral_source"),
        agency=agency,
        referrer_is_public=payload.referrer_is_public,
        referrer_name=payload.referrer_name,
        referrer_role=payload.referrer_role,
        referrer_organisation=payload.referrer_organisation,
        referrer_phone=payload.referrer_phone,
        referrer_email=payload.referrer_email,
        incident_date=payload.incident_date,
        concern_categories=concern_category_rows(payload.concern_categories),
        narrative=payload.narrative,
        family_knows=payload.family_knows,
        family_knows_detail=payload.family_knows_detail,
        children=[actions.ChildDetails(**child.model_dump()) for child in payload.children],
        adults=adult_details(payload.adults),
        idempotency_key=key,
    )
