"""The migration that lets an adult named in a contact be linked to their own person record
(issue 17, docs/adr/0037): every adult already named, and their relationship to each child as
the referrer told it, comes through unchanged and not yet linked; and back again."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from frontdoor.access.models import User
from frontdoor.codelists.models import Code

BEFORE = [("contacts", "0009_family_contact_reference_required")]
AFTER = [("contacts", "0010_contact_adult_person")]


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


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.usefixtures("empty_database_first", "back_to_latest_migrations")
def test_every_adult_and_what_the_referrer_said_survives_the_migration_both_ways():
    loader = User.objects.create(username="old-loader", role="contact_officer")
    source = Code.objects.get(code_list="referral_source", code="2A")
    old = _migrate(BEFORE)
    when = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    family_id = uuid.uuid4()
    family = old.get_model("contacts", "FamilyContact").objects.create(
        id=family_id,
        reference="WX-26-900001",
        received_at=when,
        recorded_at=when,
        recorded_by_id=loader.pk,
        referral_source_id=source.pk,
        narrative="Synthetic contact.",
        family_knows="not_known",
    )
    contacts = old.get_model("contacts", "Contact").objects
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
    adults = old.get_model("contacts", "ContactAdult").objects
    mother = adults.create(
        family=family,
        position=0,
        first_name="Dana",
        last_name="Synthetic",
        date_of_birth=date(1990, 1, 2),
        address="1 Mill Lane",
    )
    partner = adults.create(family=family, position=1, first_name="Jo", last_name="Partner")
    told = old.get_model("contacts", "AdultRelationship").objects
    for adult, kind in ((mother, "parent"), (partner, "partner_of_parent")):
        for child in children:
            told.create(adult=adult, contact=child, kind=kind)
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
