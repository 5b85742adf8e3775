"""Readers for access: who is asking."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone

from frontdoor.access.models import AccessGrant, BreakGlass, RestrictedRecord, User

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from frontdoor.contacts.models import Contact, FamilyContact
    from frontdoor.people.models import Person


def signed_in_user(request: HttpRequest) -> User:
    """The signed-in user making the request. Sign-in is required everywhere but the sign-in
    page (middleware), so an anonymous user here is a wiring error: refuse rather than guess."""
    user = request.user
    if not isinstance(user, User) or not user.is_active:
        raise PermissionDenied
    return user


# --- Restricted records (../shared/SECURITY.md, 4) ---------------------------------------------
#
# A restricted record opens only for someone with a live allow-list grant, or a live
# break-glass. For everyone else the readers in other apps either refuse the record itself
# (`require_may_open`, a 403 that offers break-glass where the role allows it) or show it in a
# list as a placeholder with no name, date of birth or address (`placeholder_*`).

RESTRICTED_PLACEHOLDER = "Restricted record"


class RestrictedRecordError(PermissionDenied):
    """The record exists, is restricted, and this user is not on its allow-list."""

    def __init__(self, person_id: uuid.UUID) -> None:
        super().__init__("This is a restricted record.")
        self.person_id = person_id


def restricted_person_ids() -> QuerySet[RestrictedRecord, uuid.UUID]:
    """Every restricted person's id, as a subquery."""
    return RestrictedRecord.objects.values_list("person_id", flat=True)


def live_grants(user: User | AnonymousUser) -> QuerySet[AccessGrant]:
    now = timezone.now()
    if not user.is_authenticated:
        return AccessGrant.objects.none()
    return AccessGrant.objects.filter(user_id=user.pk, expires_at__gt=now, revoked_at__isnull=True)


def live_break_glass(user: User | AnonymousUser) -> QuerySet[BreakGlass]:
    if not user.is_authenticated:
        return BreakGlass.objects.none()
    return BreakGlass.objects.filter(user_id=user.pk, expires_at__gt=timezone.now())


def hidden_person_ids(user: User | AnonymousUser) -> frozenset[uuid.UUID]:
    """The restricted people this user may not open now. One query; restricted records are
    few, so the answer is a small set."""
    return frozenset(hidden_restrictions(user).values_list("person_id", flat=True))


def may_open(user: User | AnonymousUser, person: Person | uuid.UUID | None) -> bool:
    if person is None:
        return True
    person_id = person if isinstance(person, uuid.UUID) else person.pk
    if not RestrictedRecord.objects.filter(person_id=person_id).exists():
        return True
    return person_id not in hidden_person_ids(user)


def require_may_open(user: User | AnonymousUser, *people: Person | uuid.UUID | None) -> None:
    """Refuse (403, with the way to break glass) if any of these people is restricted and the
    user is not on the allow-list. Called by the `get_*_for` readers before logging a view."""
    ids = {p if isinstance(p, uuid.UUID) else p.pk for p in people if p is not None}
    if not ids:
        return
    hidden = ids & hidden_person_ids(user)
    if hidden:
        raise RestrictedRecordError(sorted(hidden)[0])


def _refuse_save(*args: Any, **kwargs: Any) -> None:
    raise RuntimeError("A restricted-record placeholder is for display only; it is never saved.")


def placeholder_person(person: Person) -> Person:
    """Blank out, in memory only, everything that identifies the person."""
    person.first_name = RESTRICTED_PLACEHOLDER
    person.middle_names = person.last_name = person.known_as = ""
    person.date_of_birth = person.expected_date_of_birth = None
    person.address = person.postcode = person.nhs_number = ""
    person.is_restricted_placeholder = True  # type: ignore[attr-defined]
    person.save = _refuse_save  # type: ignore[method-assign]
    return person


def placeholder_people(user: User | AnonymousUser, people: Iterable[Person]) -> list[Person]:
    """People for a list (search results): the hidden ones as placeholders."""
    rows = list(people)
    hidden = hidden_person_ids(user) if rows else frozenset()
    return [placeholder_person(p) if p.pk in hidden else p for p in rows]


def placeholder_contact(contact: Contact) -> Contact:
    contact.first_name = RESTRICTED_PLACEHOLDER
    contact.last_name = contact.address = contact.postcode = ""
    contact.date_of_birth = contact.expected_date_of_birth = None
    contact.is_restricted_placeholder = True  # type: ignore[attr-defined]
    contact.save = _refuse_save  # type: ignore[method-assign]
    if "person" in contact._state.fields_cache and contact.person is not None:
        placeholder_person(contact.person)
    return contact


class _PlaceholderContacts(QuerySet["Contact"]):
    """Contacts for a list (queues, over the pages and the API): a child linked to a restricted
    record this user may not open comes out as a placeholder, in every consumer alike. Which
    ones are hidden is asked in the same query (an EXISTS), so a queue page costs no more."""

    def _fetch_all(self) -> None:
        fresh = self._result_cache is None
        super()._fetch_all()
        if fresh and self._result_cache:
            for contact in self._result_cache:
                if getattr(contact, "hidden_from_viewer", False):
                    placeholder_contact(contact)


def hidden_restrictions(user: User | AnonymousUser) -> QuerySet[RestrictedRecord]:
    """The restrictions this user is not let through now (no live grant, no live break-glass)."""
    opened = Q(grants__in=live_grants(user)) | Q(break_glass__in=live_break_glass(user))
    return RestrictedRecord.objects.exclude(
        pk__in=RestrictedRecord.objects.filter(opened).values("pk")
    )


def contacts_for_lists(user: User | AnonymousUser) -> QuerySet[Contact]:
    """`Contact.objects` for a list shown to `user`: use it in a Prefetch."""
    from frontdoor.contacts.models import Contact

    hidden = hidden_restrictions(user).filter(person_id=OuterRef("person_id"))
    return _PlaceholderContacts(model=Contact).annotate(hidden_from_viewer=Exists(hidden))


def restricted_among(person_ids: Iterable[uuid.UUID]) -> frozenset[uuid.UUID]:
    """Which of these people have restricted records (for naming relatives on other records,
    where a restricted person is always a placeholder)."""
    ids = set(person_ids)
    if not ids:
        return frozenset()
    return frozenset(restricted_person_ids().filter(person_id__in=ids))


def placeholder_family(family: FamilyContact) -> FamilyContact:
    """A family contact about a restricted child, in a list: the concern and the referrer's
    details are blanked in memory (its children are placeholders through `contacts_for_lists`)."""
    family.narrative = RESTRICTED_PLACEHOLDER
    family.family_knows_detail = ""
    family.referrer_name = family.referrer_role = family.referrer_organisation = ""
    family.referrer_phone = family.referrer_email = ""
    family.is_restricted_placeholder = True  # type: ignore[attr-defined]
    family.save = _refuse_save  # type: ignore[method-assign]
    return family


class _PlaceholderFamilies(QuerySet["FamilyContact"]):
    def _fetch_all(self) -> None:
        fresh = self._result_cache is None
        super()._fetch_all()
        if fresh and self._result_cache:
            for family in self._result_cache:
                if getattr(family, "hidden_from_viewer", False):
                    placeholder_family(family)


def families_for_lists(
    user: User | AnonymousUser, families: QuerySet[FamilyContact]
) -> QuerySet[FamilyContact]:
    """`families` (a visible_* queryset) for a list shown to `user`: a family contact about a
    restricted child this user may not open comes out with its details blanked."""
    hidden = hidden_restrictions(user).filter(person__contacts__family=OuterRef("pk"))
    wrapped = _PlaceholderFamilies(model=families.model, query=families.query.chain())
    return wrapped.annotate(hidden_from_viewer=Exists(hidden))
