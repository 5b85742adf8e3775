"""The migrations that let an adult named in a contact be linked to their own person record
(issue 17, docs/adr/0037), and then be linked and unlinked with a version and told as several
things to one child: every adult already named, and their relationship to each child as the
referrer told it, comes through unchanged and not yet linked; and back again."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor

from frontdoor.access.models import User
from frontdoor.codelists.models import Code

BEFORE = [("contacts", "0009_family_contact_reference_required")]
AFTER = [("contacts", "0010_contact_adult_person")]
SEVERAL = [("contacts", "0012_adult_relationship_several_kinds")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def _adults(apps, family_id):
    adults = apps.get_model("contacts", "ContactAdult").objects.filter(family_id=family_id)
    return sorted(
        adults.values_list("position", "first_name", "last_name", "date_of_birth", "address")
    )


def _told(apps, family_id):
    links = apps.get_model("contacts", "AdultRelationship").objects.filter(
        adult__family_id=family_id
    )
    return sorted(links.values_list("adult__position", "contact__position", "kind"))


def _family(apps, loader, source) -> uuid.UUID:
    """Amy and Ben, their mother Dana and her partner Jo, as the referrer told them."""
    when = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    family_id = uuid.uuid4()
    family = apps.get_model("contacts", "FamilyContact").objects.create(
        id=family_id,
        reference="WX-26-900001",
        received_at=when,
        recorded_at=when,
        recorded_by_id=loader.pk,
        referral_source_id=source.pk,
        narrative="Synthetic contact.",
        family_knows="not_known",
    )
    contacts = apps.get_model("contacts", "Contact").objects
    children = [
        contacts.create(
            family=family,
            position=position,
            first_name=name,
            last_name="Synthetic",
            screening_due_at=when,
            decision_due_at=when,
        )
        for position, name in enumerate(["Amy", "Ben"])
    ]
    adults = apps.get_model("contacts", "ContactAdult").objects
    mother = adults.create(
        family=family,
        position=0,
        first_name="Dana",
        last_name="Synthetic",
        date_of_birth=date(1990, 1, 2),
        address="1 Mill Lane",
    )
    partner = adults.create(family=family, position=1, first_name="Jo", last_name="Partner")
    told = apps.get_model("contacts", "AdultRelationship").objects
    for adult, kind in ((mother, "parent"), (partner, "partner_of_parent")):
        for child in children:
            told.create(adult=adult, contact=child, kind=kind)
    return family_id


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.usefixtures("empty_database_first", "back_to_latest_migrations")
def test_every_adult_and_what_the_referrer_said_survives_the_migration_both_ways():
    loader = User.objects.create(username="old-loader", role="contact_officer")
    source = Code.objects.get(code_list="referral_source", code="2A")
    old = _migrate(BEFORE)
    family_id = _family(old, loader, source)
    before = (_adults(old, family_id), _told(old, family_id))
    try:
        new = _migrate(AFTER)
        assert (_adults(new, family_id), _told(new, family_id)) == before
        linked = new.get_model("contacts", "ContactAdult").objects.filter(family_id=family_id)
        assert list(linked.values_list("person_id", flat=True)) == [None, None]
        back = _migrate(BEFORE)
        assert (_adults(back, family_id), _told(back, family_id)) == before
    finally:
        apps = _migrate(AFTER)
        apps.get_model("contacts", "AdultRelationship").objects.filter(
            adult__family_id=family_id
        ).delete()
        apps.get_model("contacts", "ContactAdult").objects.filter(family_id=family_id).delete()
        apps.get_model("contacts", "Contact").objects.filter(family_id=family_id).delete()
        apps.get_model("contacts", "FamilyContact").objects.filter(pk=family_id).delete()
        User.objects.filter(username="old-loader").delete()


def _clean_up(family_id: uuid.UUID) -> None:
    apps = _migrate(SEVERAL)
    apps.get_model("contacts", "AdultRelationship").objects.filter(
        adult__family_id=family_id
    ).delete()
    apps.get_model("contacts", "ContactAdult").objects.filter(family_id=family_id).delete()
    apps.get_model("contacts", "Contact").objects.filter(family_id=family_id).delete()
    apps.get_model("contacts", "FamilyContact").objects.filter(pk=family_id).delete()
    User.objects.filter(username="old-loader").delete()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.usefixtures("empty_database_first", "back_to_latest_migrations")
def test_every_adult_comes_through_the_version_and_several_kinds_migrations_both_ways():
    loader = User.objects.create(username="old-loader", role="contact_officer")
    source = Code.objects.get(code_list="referral_source", code="2A")
    old = _migrate(AFTER)
    family_id = _family(old, loader, source)
    before = (_adults(old, family_id), _told(old, family_id))
    try:
        new = _migrate(SEVERAL)
        assert (_adults(new, family_id), _told(new, family_id)) == before
        adults = new.get_model("contacts", "ContactAdult").objects.filter(family_id=family_id)
        assert list(adults.values_list("version", flat=True)) == [1, 1]
        # Now Jo may be told as two things to Amy; the same thing twice is still refused.
        told = new.get_model("contacts", "AdultRelationship").objects
        jo = adults.get(position=1)
        amy = new.get_model("contacts", "Contact").objects.get(family_id=family_id, position=0)
        extra = told.create(adult=jo, contact=amy, kind="alleged_perpetrator")
        with pytest.raises(IntegrityError), transaction.atomic():
            told.create(adult=jo, contact=amy, kind="alleged_perpetrator")
        extra.delete()
        back = _migrate(AFTER)
        assert (_adults(back, family_id), _told(back, family_id)) == before
    finally:
        _clean_up(family_id)
