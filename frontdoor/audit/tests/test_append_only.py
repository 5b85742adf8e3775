"""The audit trail cannot be rewritten, not even by this codebase (database triggers)."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, transaction

from frontdoor.audit.actions import record_event, record_view
from frontdoor.audit.models import Event, RecordView

pytestmark = pytest.mark.django_db


def test_an_event_cannot_be_updated(screener):
    event = record_event(actor=screener, verb="contact_received")
    with pytest.raises(DatabaseError), transaction.atomic():
        Event.objects.filter(pk=event.pk).update(verb="nothing_happened")
    assert Event.objects.get(pk=event.pk).verb == "contact_received"


def test_an_event_cannot_be_deleted(screener):
    event = record_event(actor=screener, verb="contact_received")
    with pytest.raises(DatabaseError), transaction.atomic():
        Event.objects.filter(pk=event.pk).delete()
    assert Event.objects.filter(pk=event.pk).exists()


def test_a_record_view_cannot_be_deleted(screener):
    view = record_view(user=screener)
    with pytest.raises(DatabaseError), transaction.atomic():
        RecordView.objects.filter(pk=view.pk).delete()
    assert RecordView.objects.filter(pk=view.pk).exists()


def test_a_record_view_keeps_the_role_and_organisation_at_the_time(police_partner):
    view = record_view(user=police_partner)
    assert (view.role, view.organisation) == ("partner", "Wessex Police")


def test_flush_is_refused_in_production(settings):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="append-only"):
        call_command("flush", interactive=False)
