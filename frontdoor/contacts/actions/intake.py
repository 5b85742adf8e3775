"""Recording a new contact: one family contact, one contact per child, its adults, and both
clocks started when the contact was received. The only writer of contacts at intake, for a
contact officer's form, a partner's referral form and the API alike; a partner's submission is
always their own agency's, and a retry with the same idempotency key returns the first contact.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.utils import timezone

from frontdoor.access.models import Role
from frontdoor.access.policies import require
from frontdoor.audit.actions import record_event
from frontdoor.codelists.models import Code
from frontdoor.contacts.actions.references import next_reference
from frontdoor.contacts.models import AdultRelationship, Contact, ContactAdult, FamilyContact
from frontdoor.timescales.queries import due_at
from frontdoor.workflow.compare_and_set import bump
from frontdoor.workflow.errors import NotReady

if TYPE_CHECKING:
    from frontdoor.access.models import User
    from frontdoor.agencies.models import Agency
    from frontdoor.people.models import Person


@dataclass(frozen=True)
class ChildDetails:
    first_name: str
    last_name: str
    sex: str
    date_of_birth: date | None = None
    expected_date_of_birth: date | None = None
    address: str = ""
    postcode: str = ""


@dataclass(frozen=True)
class AdultDetails:
    first_name: str
    last_name: str
    date_of_birth: date | None = None
    address: str = ""
    # What the adult is to each child, by the child's position in `ContactDetails.children`:
    # one relationship, or several ("Parent's partner" and "Alleged perpetrator": issue 17).
    relationships: Mapping[int, str | Collection[str]] = field(default_factory=dict)

    def kinds(self) -> dict[int, list[str]]:
        """Each child's relationships as a list, whichever way they were given, without
        repeats or blanks."""
        return {
            index: sorted({kind for kind in ([given] if isinstance(given, str) else given) if kind})
            for index, given in self.relationships.items()
        }


@dataclass(frozen=True)
class ContactDetails:
    received_at: datetime
    referral_source: Code
    narrative: str
    family_knows: str
    children: Sequence[ChildDetails]
    agency: Agency | None = None
    referrer_is_public: bool = False
    referrer_name: str = ""
    referrer_role: str = ""
    referrer_organisation: str = ""
    referrer_phone: str = ""
    referrer_email: str = ""
    incident_date: date | None = None
    concern_categories: Sequence[Code] = ()
    family_knows_detail: str = ""
    adults: Sequence[AdultDetails] = ()
    idempotency_key: str | None = None


def require_intake(by: User) -> None:
    """MASH staff record contacts from anyone; a partner agency officer submits their own
    through the professionals' referral form or the partner API (a policy of its own, so that
    letting partners submit never lets them into the MASH's intake pages)."""
    require(by, "submit_contact" if by.role == Role.PARTNER else "receive_contact")


def _as_submitted_by(by: User, details: ContactDetails) -> ContactDetails:
    """A partner's submission is always their own agency's: the agency, referral source and
    organisation come from their user, never from what the form or API call said."""
    agency = by.agency
    if agency is None:  # the database constraint makes every partner belong to an agency
        raise NotReady(["Your user is not linked to an agency"])
    return replace(
        details,
        agency=agency,
        referral_source=agency.referral_source,
        referrer_is_public=False,
        referrer_organisation=agency.name,
    )


def receive_contact(*, by: User, details: ContactDetails) -> FamilyContact:
    """Record a new contact: one family contact, one contact per child, clocks started."""
    require_intake(by)
    if by.role == Role.PARTNER:
        details = _as_submitted_by(by, details)
    if not details.children:
        raise NotReady(["Add at least one child"])
    key = f"{by.pk}:{details.idempotency_key}" if details.idempotency_key else None
    if key and (existing := FamilyContact.objects.filter(idempotency_key=key).first()):
        return existing
    try:
        with transaction.atomic():
            return _create_family_contact(by, details, key)
    except IntegrityError:
        # A concurrent retry with the same key won the race: return what it created.
        if key and (existing := FamilyContact.objects.filter(idempotency_key=key).first()):
            return existing
        raise


def receive_step_up(*, by: User, details: ContactDetails, person: Person) -> FamilyContact:
    """Early help steps a child up to the MASH (issue 18): a new contact, already linked to the
    child early help has been working with, so nobody searches for them again."""
    require(by, "step_up_child")
    with transaction.atomic():
        family = _create_family_contact(by, details, None)
        for contact in family.contacts.all():
            bump(contact, "contact", where={"person__isnull": True}, person=person)
            record_event(
                actor=by,
                verb="child_linked",
                family_contact=family,
                contact=contact,
                person=person,
                data={"previous_person": "", "by": "step_up"},
            )
    return family


def _create_family_contact(by: User, details: ContactDetails, key: str | None) -> FamilyContact:
    now = timezone.now()
    family = FamilyContact.objects.create(
        reference=next_reference(details.received_at),
        received_at=details.received_at,
        recorded_at=now,
        recorded_by=by,
        referral_source=details.referral_source,
        agency=details.agency,
        submitted_by_agency=by.agency if by.role == Role.PARTNER else None,
        referrer_is_public=details.referrer_is_public,
        referrer_name=details.referrer_name,
        referrer_role=details.referrer_role,
        referrer_organisation=details.referrer_organisation,
        referrer_phone=details.referrer_phone,
        referrer_email=details.referrer_email,
        incident_date=details.incident_date,
        narrative=details.narrative,
        family_knows=details.family_knows,
        family_knows_detail=details.family_knows_detail,
        idempotency_key=key,
    )
    family.concern_categories.set(details.concern_categories)
    # Both clocks start when the contact was received, not when it was typed in.
    screening_due = due_at("screening", details.received_at)
    decision_due = due_at("referral_decision", details.received_at)
    contacts = [
        Contact.objects.create(
            family=family,
            position=position,
            first_name=child.first_name,
            last_name=child.last_name,
            date_of_birth=child.date_of_birth,
            expected_date_of_birth=child.expected_date_of_birth,
            sex=child.sex,
            address=child.address,
            postcode=child.postcode,
            screening_due_at=screening_due,
            decision_due_at=decision_due,
        )
        for position, child in enumerate(details.children)
    ]
    for position, adult in enumerate(details.adults):
        _add_adult(family, contacts, position, adult)
    for contact in contacts:
        record_event(
            actor=by,
            verb="contact_received",
            family_contact=family,
            contact=contact,
            data={
                "source": details.referral_source.code,
                "source_label": details.referral_source.label,
                "agency": details.agency.name if details.agency else "",
                "submitted_online": by.role == Role.PARTNER,
                "children": len(contacts),
                "screening_due_at": screening_due.isoformat(),
            },
        )
    return family


def _add_adult(
    family: FamilyContact, contacts: list[Contact], position: int, adult: AdultDetails
) -> None:
    row = ContactAdult.objects.create(
        family=family,
        position=position,
        first_name=adult.first_name,
        last_name=adult.last_name,
        date_of_birth=adult.date_of_birth,
        address=adult.address,
    )
    AdultRelationship.objects.bulk_create(
        AdultRelationship(adult=row, contact=contacts[index], kind=kind)
        for index, kinds in adult.kinds().items()
        if 0 <= index < len(contacts)
        for kind in kinds
    )
