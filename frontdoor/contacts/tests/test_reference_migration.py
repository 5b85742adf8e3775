"""The data migration that gave every existing family contact its reference: numbered in the
order received within each year, and the counters left where new contacts carry on."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from frontdoor.access.models import User
from frontdoor.codelists.models import Code

BEFORE = [("contacts", "0007_family_contact_claims")]
AFTER = [("contacts", "0009_family_contact_reference_required")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.usefixtures("empty_database_first", "back_to_latest_migrations")
def test_existing_contacts_are_numbered_in_the_order_received_within_each_year():
    loader = User.objects.create(username="old-loader", role="contact_officer")
    source = Code.objects.get(code_list="referral_source", code="2A")
    old = _migrate(BEFORE)
    FamilyContact = old.get_model("contacts", "FamilyContact")
    received = [
        datetime(2026, 3, 2, 9, 0, tzinfo=UTC),
        datetime(2025, 6, 1, 9, 0, tzinfo=UTC),
        datetime(2026, 1, 5, 9, 0, tzinfo=UTC),
        datetime(2025, 12, 31, 23, 30, tzinfo=UTC),  # still 2025 in London (GMT)
    ]
    ids = [uuid.uuid4() for _ in received]
    try:
        for pk, when in zip(ids, received, strict=True):
            FamilyContact.objects.create(
                id=pk,
                received_at=when,
                recorded_at=when,
                recorded_by_id=loader.pk,
                referral_source_id=source.pk,
                narrative="Synthetic contact.",
                family_knows="not_known",
            )
        new = _migrate(AFTER)
        families = new.get_model("contacts", "FamilyContact").objects
        references = [families.get(pk=pk).reference for pk in ids]
        assert references == ["WX-26-000002", "WX-25-000001", "WX-26-000001", "WX-25-000002"]
        counters = new.get_model("contacts", "ReferenceCounter").objects
        assert dict(counters.values_list("year", "last")) == {25: 2, 26: 2}
    finally:
        new = _migrate(AFTER)
        new.get_model("contacts", "FamilyContact").objects.filter(pk__in=ids).delete()
        new.get_model("contacts", "ReferenceCounter").objects.all().delete()
        User.objects.filter(username="old-loader").delete()
