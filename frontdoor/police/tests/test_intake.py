"""Importing a force's batch: per-row results, idempotence, changed re-sends, families, matching."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from frontdoor.audit.models import Event
from frontdoor.contacts.models import Contact, ContactAdult, FamilyContact
from frontdoor.contacts.workflow import Status
from frontdoor.missing.models import Episode
from frontdoor.police.actions import import_batch
from frontdoor.police.models import Batch, BatchRow, Notification, NotificationChild
from frontdoor.police.tests.conftest import sample
from frontdoor.police.workflow import BatchStatus, Kind, MatchStatus, RowOutcome, Source

pytestmark = pytest.mark.django_db


def _import(by, force, kind=Kind.DOMESTIC_ABUSE, rows=None):
    return import_batch(by=by, force=force, rows=rows or sample(kind), source=Source.CSV, kind=kind)


def test_screener_can_import_the_sample_and_bad_rows_are_reported_by_row_and_field(
    screener, police_agency
):
    batch = _import(screener, police_agency)
    assert (batch.status, batch.created, batch.rejected) == (BatchStatus.DONE, 3, 2)
    rejected = {r.number: r.errors for r in batch.rows.filter(outcome=RowOutcome.REJECTED)}
    assert sorted(rejected) == [5, 6]
    fields = {e["field"]: e["message"] for e in rejected[5]}
    assert fields["incident_at"] == (
        "The incident date and time must be a real date and time, like 2026-11-03 21:30"
    )
    assert fields["marac"] == "The MARAC referral must be yes or no"
    assert fields["child1_date_of_birth"] == (
        "The child's date of birth must be a real date, like 2015-03-27"
    )
    assert {e["field"] for e in rejected[6]} >= {"police_reference", "children", "risk_level"}


def test_a_notification_becomes_one_family_contact_with_its_children_and_adults(
    screener, police_agency
):
    _import(screener, police_agency)
    notification = Notification.objects.get(reference="WX/2026/1001")
    family = notification.family
    assert family.referral_source.code == "6"
    assert family.agency == police_agency
    assert [c.first_name for c in family.contacts.all()] == ["Amy", "Ben"]
    assert all(c.status == Status.AWAITING_SCREENING for c in family.contacts.all())
    adults = ContactAdult.objects.filter(family=family)
    assert [(a.first_name, a.relationships.count()) for a in adults] == [("Jo", 2), ("Lee", 2)]
    assert notification.risk_rank == 3
    assert notification.incident_to_notified_minutes == 575


def test_importing_the_same_batch_again_creates_nothing(screener, police_agency):
    _import(screener, police_agency)
    counts = (FamilyContact.objects.count(), Contact.objects.count(), Notification.objects.count())
    again = _import(screener, police_agency)
    assert (again.created, again.updated, again.unchanged, again.rejected) == (0, 0, 3, 2)
    assert counts == (
        FamilyContact.objects.count(),
        Contact.objects.count(),
        Notification.objects.count(),
    )


def test_a_changed_resend_updates_and_the_event_shows_what_changed(screener, police_agency):
    rows = sample(Kind.DOMESTIC_ABUSE)[:1]
    _import(screener, police_agency, rows=rows)
    kind, number, raw = rows[0]
    changed = [(kind, number, {**raw, "risk_level": "medium", "marac": "no"})]
    batch = _import(screener, police_agency, rows=changed)
    row = BatchRow.objects.get(batch=batch)
    assert (row.outcome, row.changed) == (RowOutcome.UPDATED, ["marac", "risk_level"])
    notification = Notification.objects.get(reference="WX/2026/1001")
    assert (notification.risk_level, notification.version, notification.risk_rank) == (
        "medium",
        2,
        2,
    )
    event = Event.objects.get(verb="police_notification_updated")
    assert event.data["changes"]["risk_level"] == {"from": "high", "to": "medium"}
    assert FamilyContact.objects.count() == 1


def test_late_and_dash_absent_are_recorded(screener, police_agency):
    _import(screener, police_agency)
    late = Notification.objects.get(reference="WX/2026/1002")
    on_time = Notification.objects.get(reference="WX/2026/1001")
    assert (late.late, late.dash_absent) == (True, True)
    assert (on_time.late, on_time.dash_absent) == (False, False)


def test_a_confident_match_is_linked_and_an_uncertain_one_goes_to_review(
    screener, police_agency, known_amy, two_kyles
):
    _import(screener, police_agency)
    amy = NotificationChild.objects.get(first_name="Amy")
    assert amy.match_status == MatchStatus.AUTO_LINKED
    assert amy.contact.person == known_amy
    assert Event.objects.filter(verb="contact_received", person=known_amy).exists()
    kyle = NotificationChild.objects.get(first_name="Kyle")
    assert kyle.match_status == MatchStatus.REVIEW
    assert kyle.contact.person is None
    assert {c["person"] for c in kyle.candidates} == {str(p.pk) for p in two_kyles}
    ben = NotificationChild.objects.get(first_name="Ben")
    assert ben.match_status == MatchStatus.NO_CANDIDATE


def test_a_reference_twice_in_one_batch_is_refused_the_second_time(screener, police_agency):
    rows = sample(Kind.DOMESTIC_ABUSE)[:1]
    kind, number, raw = rows[0]
    batch = _import(screener, police_agency, rows=[*rows, (kind, 9, raw)])
    second = BatchRow.objects.get(batch=batch, number=9)
    assert second.outcome == RowOutcome.REJECTED
    assert "already in this batch, at row 2" in second.errors[0]["message"]


def test_a_missing_person_report_opens_an_episode_and_closes_it_on_return(
    screener, police_agency, known_amy
):
    batch = _import(screener, police_agency, Kind.MISSING_PERSON)
    assert (batch.created, batch.rejected) == (2, 1)
    amy = Notification.objects.get(reference="WX/MP/2026/0207").episode
    assert (amy.person, amy.returned_at is not None) == (known_amy, True)
    kyle = Notification.objects.get(reference="WX/MP/2026/0208")
    assert kyle.episode.returned_at is None
    kind, number, raw = sample(Kind.MISSING_PERSON)[1]
    back = {**raw, "returned_at": "2026-11-06 09:00", "where_found": "Grandmother's flat"}
    _import(screener, police_agency, rows=[(kind, number, back)])
    assert Episode.objects.get(pk=kyle.episode_id).where_found == "Grandmother's flat"
    assert Episode.objects.count() == 2


def test_partner_cannot_send_another_forces_batch(police_partner, make_user):
    from frontdoor.agencies.models import Agency, AgencyKind

    other = Agency.objects.create(
        name="Mercia Police",
        kind=AgencyKind.POLICE,
        referral_source=police_partner.agency.referral_source,
    )
    with pytest.raises(PermissionDenied):
        _import(police_partner, other)


def test_auditor_cannot_import(make_user, police_agency):
    auditor = make_user("aisha", "auditor")
    with pytest.raises(PermissionDenied):
        _import(auditor, police_agency)


def test_a_killed_import_leaves_whole_rows_only_and_sending_again_finishes_it(
    screener, police_agency, monkeypatch
):
    from frontdoor.police.actions import build, intake

    monkeypatch.setattr(intake, "CHUNK", 2)
    real = build.record_events
    calls = []

    def dies_on_the_second_chunk(events):
        calls.append(len(events))
        if len(calls) == 2:
            raise KeyboardInterrupt  # the process killed mid-write
        return real(events)

    monkeypatch.setattr(build, "record_events", dies_on_the_second_chunk)
    with pytest.raises(KeyboardInterrupt):
        _import(screener, police_agency)
    batch = Batch.objects.get()
    assert batch.status == BatchStatus.IMPORTING
    # The first chunk (rows 2 and 3) is in, whole; nothing of the second is.
    assert sorted(Notification.objects.values_list("reference", flat=True)) == [
        "WX/2026/1001",
        "WX/2026/1002",
    ]
    assert Contact.objects.count() == 3 and FamilyContact.objects.count() == 2
    assert sorted(batch.rows.values_list("number", flat=True)) == [2, 3]
    monkeypatch.setattr(build, "record_events", real)
    again = _import(screener, police_agency)
    assert (again.created, again.unchanged, again.rejected) == (1, 2, 2)
    assert Contact.objects.count() == 4


def test_an_import_collects_garbage_less_often_and_puts_the_collector_back(
    screener, police_agency, monkeypatch
):
    """The import raises the collector's first threshold for the batch only (intake.py,
    `_fewer_collections`): afterwards, and after a failed import, the process's own settings
    are back."""
    import gc

    from frontdoor.police.actions import intake

    before = gc.get_threshold()
    during: list[tuple[int, int, int]] = []
    real_chunk = intake._import_chunk

    def chunk(*args, **kwargs):
        during.append(gc.get_threshold())
        return real_chunk(*args, **kwargs)

    monkeypatch.setattr(intake, "_import_chunk", chunk)
    _import(screener, police_agency)
    assert during and during[0][0] >= 50_000
    assert gc.get_threshold() == before

    def broken(*args, **kwargs):
        raise RuntimeError("a bug in the middle of a chunk")

    monkeypatch.setattr(intake, "_import_chunk", broken)
    with pytest.raises(RuntimeError):
        _import(screener, police_agency)
    assert gc.get_threshold() == before
