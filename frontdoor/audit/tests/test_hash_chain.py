"""The audit trail is chained by one sealer after commit, and `verify_audit` proves it or names
the first broken row, even when the tampering is done directly in the database
(../shared/SECURITY.md, 10; docs/adr/0023)."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, connections, transaction
from django.utils import timezone

from frontdoor.audit import triggers
from frontdoor.audit.actions import record_event, record_view
from frontdoor.audit.chain import Break, Proof, hash_of, seal_everything, seal_pending, verify
from frontdoor.audit.keys import current_key
from frontdoor.audit.models import ChainHead, Event, EventSeal

pytestmark = pytest.mark.django_db


def _raw(sql: str, params: list[object]) -> None:
    """Tamper as a database administrator would: lift the triggers, change, put them back."""
    with triggers.lifted(connection), connection.cursor() as cursor:
        cursor.execute(sql, params)


def _three_events(user) -> list[Event]:
    events = [
        record_event(actor=user, verb=v)
        for v in ("contact_received", "screening_recorded", "sent_to_hub")
    ]
    seal_everything()
    return events


def _delete(event: Event) -> None:
    """Delete an event and its seal, as one who lifted the triggers could."""
    _raw("DELETE FROM audit_eventseal WHERE event_id = %s", [event.pk])
    _raw("DELETE FROM audit_event WHERE id = %s", [event.pk])


def test_each_seal_holds_the_link_before_it_in_the_order_sealed(screener):
    first, second, third = _three_events(screener)
    seals = list(EventSeal.objects.order_by("position"))
    assert [s.event_id for s in seals] == [first.pk, second.pk, third.pk]
    assert [s.position for s in seals] == [1, 2, 3]
    assert seals[0].prev_hash == ""
    assert seals[1].prev_hash == seals[0].row_hash and seals[2].prev_hash == seals[1].row_hash
    head = ChainHead.objects.get(pk="event")
    assert (head.last_position, head.last_hash, head.last_id) == (3, seals[2].row_hash, third.pk)


def test_a_writer_takes_no_lock_and_sealing_twice_seals_each_row_once(screener):
    record_event(actor=screener, verb="contact_received")
    # The writer never touched the head (which the sealer alone locks).
    assert not ChainHead.objects.filter(pk="event", last_position__gt=0).exists()
    assert seal_pending("event") == 1
    assert seal_pending("event") == 0
    assert EventSeal.objects.count() == 1


def test_verify_audit_seals_then_proves_an_untouched_chain(screener, capsys):
    _three_events(screener)
    record_view(user=screener)
    call_command("verify_audit")
    out = capsys.readouterr().out
    assert "audit_event: 3 rows, chain intact" in out
    assert "audit_recordview: 1 rows, chain intact" in out


def test_rows_not_sealed_yet_are_counted_and_their_macs_checked(screener, capsys):
    _three_events(screener)
    record_event(actor=screener, verb="decision_recorded")
    assert verify("event") == Proof("audit_event", 3, EventSeal.objects.get(position=3).row_hash, 1)
    call_command("verify_audit", "--no-seal")
    assert "3 rows, chain intact; head" in capsys.readouterr().out


def test_verify_audit_names_a_row_altered_in_the_database(screener):
    _, second, _ = _three_events(screener)
    _raw("UPDATE audit_event SET verb = %s WHERE id = %s", ["nothing_happened", second.pk])
    with pytest.raises(CommandError, match=f"audit_event row {second.pk}: has been altered"):
        call_command("verify_audit")


def test_verify_audit_notices_a_row_deleted_in_the_database(screener):
    _, second, third = _three_events(screener)
    _delete(second)
    with pytest.raises(CommandError, match=f"audit_event row {third.pk}: does not follow"):
        call_command("verify_audit")


def test_verify_audit_notices_the_newest_rows_cut_off(screener):
    first, second, third = _three_events(screener)
    _delete(third)
    with pytest.raises(CommandError, match=f"audit_event row {second.pk}: rows after this one"):
        call_command("verify_audit")


def test_verify_audit_notices_two_rows_swapped(screener):
    _three_events(screener)
    _raw("UPDATE audit_eventseal SET position = 0 WHERE position = 1", [])
    _raw("UPDATE audit_eventseal SET position = 1 WHERE position = 2", [])
    _raw("UPDATE audit_eventseal SET position = 2 WHERE position = 0", [])
    assert isinstance(verify("event"), Break)


def test_verify_audit_notices_a_recomputed_hash_that_breaks_the_next_link(screener):
    """Even someone holding the audit key who edits a row and recomputes its link still breaks
    the next seal's link. (Without the key: test_audit_key.py.)"""
    first, second, third = _three_events(screener)
    seal = EventSeal.objects.get(event=second)
    second.reason = "edited afterwards"
    forged = hash_of(seal.prev_hash, second, current_key())
    _raw("UPDATE audit_event SET reason = %s WHERE id = %s", ["edited afterwards", second.pk])
    _raw("UPDATE audit_eventseal SET row_hash = %s WHERE event_id = %s", [forged, second.pk])
    with pytest.raises(CommandError, match=f"audit_event row {third.pk}: does not follow"):
        call_command("verify_audit")


def test_a_row_slipped_in_without_the_key_is_never_sealed_and_is_named(screener):
    _three_events(screener)
    _raw(
        "INSERT INTO audit_event (occurred_at, verb, severity, data, reason, request_id, mac, "
        "key_id) VALUES (%s, 'nothing_happened', 'normal', '{}', '', '', %s, %s)",
        [timezone.now(), "0" * 64, current_key().id],
    )
    forged = Event.objects.get(verb="nothing_happened")
    seal_everything()
    assert not EventSeal.objects.filter(event=forged).exists()
    with pytest.raises(CommandError, match=f"audit_event row {forged.pk}: was not written with"):
        call_command("verify_audit")


def test_a_row_left_unsealed_past_the_grace_time_is_a_break(screener, settings):
    _three_events(screener)
    late = record_event(actor=screener, verb="decision_recorded")
    # The sealer was kept from it (its seal cut away, say) for longer than the grace time.
    _raw(
        "UPDATE audit_event SET occurred_at = %s WHERE id = %s",
        [
            timezone.now() - timedelta(minutes=settings.FRONTDOOR_AUDIT_SEAL_GRACE_MINUTES + 1),
            late.pk,
        ],
    )
    late.refresh_from_db()
    # Its MAC is now false too (its time changed); re-sign it as a key holder could, to test
    # the grace rule alone.
    from frontdoor.audit.chain import sign

    sign(late, current_key())
    _raw("UPDATE audit_event SET mac = %s WHERE id = %s", [late.mac, late.pk])
    assert str(verify("event")) == f"audit_event row {late.pk}: was never sealed into the chain"


def _in_a_gap(pk: int) -> bool:
    # (On PostgreSQL the ids of earlier tests' rolled-back rows are gaps too.)
    return any(first <= pk <= last for first, last, _ in ChainHead.objects.get(pk="event").gaps)


def test_ids_skipped_by_a_transaction_still_open_are_sealed_when_it_commits(screener):
    """On PostgreSQL a row with a lower id can commit after one with a higher id. The sealer
    keeps the ids it has not seen, and seals them when they appear."""
    first = record_event(actor=screener, verb="contact_received")
    later = record_event(actor=screener, verb="screening_recorded")
    # As if `first` had not committed when the sealer ran: hide it behind a seal-less gap.
    _raw("DELETE FROM audit_event WHERE id = %s", [first.pk])
    seal_everything()
    assert _in_a_gap(first.pk)
    _raw(
        "INSERT INTO audit_event (id, occurred_at, actor_id, verb, severity, data, reason, "
        "request_id, mac, key_id) VALUES (%s, %s, %s, %s, %s, '{}', '', %s, %s, %s)",
        [
            first.pk,
            first.occurred_at,
            screener.pk,
            first.verb,
            first.severity,
            first.request_id,
            first.mac,
            first.key_id,
        ],
    )
    seal_everything()
    order = list(EventSeal.objects.order_by("position").values_list("event_id", flat=True))
    assert order == [later.pk, first.pk]
    assert not _in_a_gap(first.pk)
    assert verify("event") == Proof("audit_event", 2, EventSeal.objects.get(position=2).row_hash)


def test_a_gap_is_forgotten_after_the_gap_time(screener, settings):
    first = record_event(actor=screener, verb="contact_received")
    record_event(actor=screener, verb="screening_recorded")
    _raw("DELETE FROM audit_event WHERE id = %s", [first.pk])  # a rolled-back transaction
    seal_everything()
    assert _in_a_gap(first.pk)
    settings.FRONTDOOR_AUDIT_GAP_HOURS = 0
    seal_everything()
    assert ChainHead.objects.get(pk="event").gaps == []


def test_a_view_altered_in_the_database_is_found(screener):
    view = record_view(user=screener, path="/children/x/")
    seal_everything()
    _raw("UPDATE audit_recordview SET path = %s WHERE id = %s", ["/elsewhere/", view.pk])
    result = verify("recordview")
    assert str(result) == f"audit_recordview row {view.pk}: has been altered since it was written"


def test_seals_are_append_only(screener):
    _three_events(screener)
    with pytest.raises(Exception, match="append-only"), transaction.atomic():
        EventSeal.objects.filter(position=1).update(row_hash="0" * 64)
    with pytest.raises(Exception, match="append-only"), transaction.atomic():
        EventSeal.objects.filter(position=3).delete()


def test_after_commit_sealing_seals_as_each_writer_commits(
    screener, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        record_event(actor=screener, verb="contact_received")
        record_event(actor=screener, verb="screening_recorded")
    assert len(callbacks) == 1  # one sealing per transaction, however many rows
    assert EventSeal.objects.count() == 2


def test_in_worker_mode_a_writer_leaves_the_sealing_to_the_worker(
    screener, settings, django_capture_on_commit_callbacks
):
    settings.FRONTDOOR_AUDIT_SEALING = "worker"
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        record_event(actor=screener, verb="contact_received")
    assert callbacks == [] and EventSeal.objects.count() == 0


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.usefixtures("empty_database_first")
def test_a_writer_that_commits_late_is_sealed_after_one_that_committed_first(screener):
    if connection.vendor != "postgresql":
        pytest.skip("commits out of id order need PostgreSQL's sequences")
    started, go_on = threading.Event(), threading.Event()
    ids: dict[str, int] = {}

    def slow() -> None:
        try:
            with transaction.atomic():
                ids["slow"] = record_event(actor=screener, verb="slow_writer").pk
                started.set()
                go_on.wait(10)
        finally:
            connections.close_all()

    thread = threading.Thread(target=slow)
    thread.start()
    started.wait(10)
    ids["fast"] = record_event(actor=screener, verb="fast_writer").pk
    seal_everything()
    assert ids["slow"] < ids["fast"]
    assert list(EventSeal.objects.values_list("event_id", flat=True)) == [ids["fast"]]
    go_on.set()
    thread.join()
    seal_everything()
    order = list(EventSeal.objects.order_by("position").values_list("event_id", flat=True))
    assert order == [ids["fast"], ids["slow"]]
    assert isinstance(verify("event"), Proof)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.usefixtures("empty_database_first")
def test_sixteen_writers_and_a_sealer_at_once_keep_one_unbroken_chain(screener, settings):
    if connection.vendor != "postgresql":
        pytest.skip("real concurrent writers need PostgreSQL")
    settings.FRONTDOOR_AUDIT_SEALING = "worker"
    errors: list[BaseException] = []
    done = threading.Event()

    def write(n: int) -> None:
        try:
            for _ in range(10):
                with transaction.atomic():
                    record_event(actor=screener, verb=f"writer_{n}")
                    record_view(user=screener)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    def seal_meanwhile() -> None:
        try:
            while not done.is_set():
                seal_everything()
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    sealer = threading.Thread(target=seal_meanwhile)
    sealer.start()
    writers = [threading.Thread(target=write, args=(n,)) for n in range(16)]
    for thread in writers:
        thread.start()
    for thread in writers:
        thread.join()
    done.set()
    sealer.join()
    seal_everything()
    assert errors == []
    assert Event.objects.count() == 160 and EventSeal.objects.count() == 160
    assert verify("event") == Proof("audit_event", 160, ChainHead.objects.get(pk="event").last_hash)
    assert isinstance(verify("recordview"), Proof)
