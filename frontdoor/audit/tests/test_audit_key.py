"""The audit chain is sealed with a key held outside the database (issue 13; SECURITY.md, 10):
someone with full access to the database but not the key cannot rewrite the trail unnoticed,
keys can be rotated, and a missing or weak key is refused, never silently replaced."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Callable

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from frontdoor.audit import triggers
from frontdoor.audit.actions import record_event, record_events, record_view
from frontdoor.audit.chain import MissingKey, Proof, content_of, seal_everything, verify
from frontdoor.audit.keys import (
    DEVELOPMENT_KEY_ID,
    DEVELOPMENT_SECRET,
    parse_keys,
    problems,
)
from frontdoor.audit.models import ChainHead, Event, EventSeal, RecordView

pytestmark = pytest.mark.django_db

# How a forger re-hashes a row: (previous hash, row) -> (key id to record, hash).
Rehash = Callable[[str, Event], tuple[str, str]]


def _new_secret() -> str:
    return secrets.token_urlsafe(48)


@pytest.fixture
def audit_key(settings):
    """A key nobody but this test knows, as production has (the development key is public)."""
    settings.FRONTDOOR_AUDIT_KEYS = {"2026a": _new_secret()}
    settings.FRONTDOOR_AUDIT_KEY_ID = "2026a"
    return settings


def _events(user, count: int = 4) -> list[Event]:
    """Events written and then sealed, as the sealer does after they commit."""
    events = [record_event(actor=user, verb=f"step_{n}_recorded") for n in range(count)]
    seal_everything()
    return events


def _seal_of(event: Event) -> EventSeal:
    return EventSeal.objects.get(event=event)


def _forge_after_deleting(victim: Event, rehash: Rehash) -> None:
    """A database administrator without the key: drop the triggers, delete an event and its
    seal, re-chain every seal after it with `rehash` (renumbered to close the gap), move the
    chain head, put the triggers back."""
    with triggers.lifted(connection), connection.cursor() as cursor:
        gone = _seal_of(victim)
        cursor.execute("DELETE FROM audit_eventseal WHERE position = %s", [gone.position])
        cursor.execute("DELETE FROM audit_event WHERE id = %s", [victim.pk])
        before = EventSeal.objects.filter(position__lt=gone.position).order_by("position").last()
        prev = before.row_hash if before else ""
        position = before.position if before else 0
        later = EventSeal.objects.filter(position__gt=gone.position).order_by("position")
        for seal in later.select_related("event"):
            key_id, digest = rehash(prev, seal.event)
            position += 1
            cursor.execute(
                "UPDATE audit_eventseal SET position = %s, prev_hash = %s, row_hash = %s, "
                "key_id = %s WHERE position = %s",
                [position, prev, digest, key_id, seal.position],
            )
            prev = digest
        cursor.execute(
            "UPDATE audit_chainhead SET last_position = %s, last_hash = %s WHERE name = 'event'",
            [position, prev],
        )


def _plain_sha256(key_id: str | None) -> Rehash:
    def rehash(prev: str, row: Event) -> tuple[str, str]:
        digest = hashlib.sha256(f"{prev}\n{content_of(row)}".encode()).hexdigest()
        return (_seal_of(row).key_id if key_id is None else key_id), digest

    return rehash


def _hmac_with(key_id: str, secret: str) -> Rehash:
    def rehash(prev: str, row: Event) -> tuple[str, str]:
        message = f"{key_id}\n{prev}\n{content_of(row)}".encode()
        return key_id, hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()

    return rehash


@pytest.mark.parametrize(
    ("rehash", "problem"),
    [
        (_plain_sha256(key_id=None), "audit_event row {}: has been altered"),
        (_plain_sha256(key_id=""), "audit_event row {}: is not sealed with an audit key"),
        (_hmac_with("2026a", _new_secret()), "audit_event row {}: has been altered"),
        (_hmac_with("2026a", DEVELOPMENT_SECRET), "audit_event row {}: has been altered"),
    ],
    ids=["plain-sha256", "plain-sha256-as-if-unkeyed", "a-guessed-key", "the-development-key"],
)
def test_a_forger_without_the_key_cannot_delete_an_event_and_recompute_the_chain(
    audit_key, screener, rehash, problem
):
    first, second, third, fourth = _events(screener)
    _forge_after_deleting(second, rehash)
    assert _seal_of(third).prev_hash == _seal_of(first).row_hash

    with pytest.raises(CommandError, match="Audit chain broken: " + problem.format(third.pk)):
        call_command("verify_audit")


def test_a_forger_cannot_pass_a_recomputed_chain_off_under_a_key_id_of_their_own(
    audit_key, screener
):
    """Sealed with the forger's own key under a made-up id, the rows cannot be verified, and
    the command says which key id it lacks (which the operator knows was never issued)."""
    _, second, third, _ = _events(screener)
    _forge_after_deleting(second, _hmac_with("2026b", _new_secret()))

    with pytest.raises(CommandError, match=f"audit_event row {third.pk}: .*audit key '2026b'"):
        call_command("verify_audit")


def test_the_real_key_holder_can_verify_the_untouched_chain_and_every_row_names_its_key(
    audit_key, screener, capsys
):
    _events(screener)
    record_view(user=screener)
    call_command("verify_audit")
    assert "audit_event: 4 rows, chain intact" in capsys.readouterr().out
    assert set(Event.objects.values_list("key_id", flat=True)) == {"2026a"}
    assert set(RecordView.objects.values_list("key_id", flat=True)) == {"2026a"}


def test_an_operator_can_rotate_the_key_and_still_verify_rows_sealed_with_the_old_one(
    audit_key, screener, capsys
):
    old = _events(screener, 2)
    audit_key.FRONTDOOR_AUDIT_KEYS = {**audit_key.FRONTDOOR_AUDIT_KEYS, "2027a": _new_secret()}
    audit_key.FRONTDOOR_AUDIT_KEY_ID = "2027a"
    new = _events(screener, 2)

    assert [e.key_id for e in old + new] == ["2026a", "2026a", "2027a", "2027a"]
    assert [_seal_of(e).key_id for e in old + new] == ["2026a", "2026a", "2027a", "2027a"]
    assert _seal_of(new[0]).prev_hash == _seal_of(old[-1]).row_hash
    call_command("verify_audit")
    assert "audit_event: 4 rows, chain intact" in capsys.readouterr().out


def test_an_operator_cannot_verify_after_dropping_an_old_key_and_is_told_which_key_is_missing(
    audit_key, screener
):
    old = _events(screener, 2)
    audit_key.FRONTDOOR_AUDIT_KEYS = {"2027a": _new_secret()}
    audit_key.FRONTDOOR_AUDIT_KEY_ID = "2027a"
    _events(screener, 2)

    assert verify("event") == MissingKey("audit_event", old[0].pk, "2026a")
    with pytest.raises(
        CommandError,
        match=(
            f"Audit chain cannot be verified: audit_event row {old[0].pk}: is sealed with "
            "audit key '2026a', which is not in FRONTDOOR_AUDIT_KEYS"
        ),
    ):
        call_command("verify_audit")


def test_an_operator_cannot_verify_with_a_current_key_id_that_names_no_key(audit_key, screener):
    _events(screener, 1)
    audit_key.FRONTDOOR_AUDIT_KEY_ID = "2028a"
    with pytest.raises(CommandError, match=r"FRONTDOOR_AUDIT_KEY_ID \(2028a\) does not name"):
        call_command("verify_audit")


def test_a_bulk_import_can_chain_its_events_in_order_under_the_current_key(audit_key, screener):
    before = record_event(actor=screener, verb="contact_received")
    bulk = record_events([Event(actor=screener, verb=f"row_{n}_imported") for n in range(25)])
    after = record_event(actor=screener, verb="screening_recorded")
    seal_everything()

    seals = list(EventSeal.objects.order_by("position").select_related("event"))
    assert [s.event.verb for s in seals] == [before.verb, *(e.verb for e in bulk), after.verb]
    for earlier, later in zip(seals, seals[1:], strict=False):
        assert later.prev_hash == earlier.row_hash
    assert {e.key_id for e in Event.objects.all()} == {"2026a"}
    assert {s.key_id for s in seals} == {"2026a"}
    head = ChainHead.objects.get(pk="event")
    assert (head.last_id, head.last_hash) == (after.pk, seals[-1].row_hash)
    assert verify("event") == Proof("audit_event", 27, seals[-1].row_hash)


def test_a_writer_cannot_write_an_audit_row_in_production_without_a_real_key(settings, screener):
    settings.PRODUCTION = True
    settings.FRONTDOOR_AUDIT_KEYS = {DEVELOPMENT_KEY_ID: DEVELOPMENT_SECRET}
    settings.FRONTDOOR_AUDIT_KEY_ID = DEVELOPMENT_KEY_ID
    with pytest.raises(ImproperlyConfigured, match="development key"):
        record_event(actor=screener, verb="contact_received")
    settings.FRONTDOOR_AUDIT_KEYS = {}
    with pytest.raises(ImproperlyConfigured, match="No audit key"):
        record_view(user=screener)
    assert not Event.objects.exists() and not RecordView.objects.exists()


def test_development_can_run_with_the_labelled_development_key():
    assert problems({DEVELOPMENT_KEY_ID: DEVELOPMENT_SECRET}, "development", production=False) == []


@pytest.mark.parametrize(
    ("keys", "current", "check_id"),
    [
        ({}, "", "frontdoor.E010"),
        ({DEVELOPMENT_KEY_ID: DEVELOPMENT_SECRET}, DEVELOPMENT_KEY_ID, "frontdoor.E011"),
        ({"2026a": DEVELOPMENT_SECRET}, "2026a", "frontdoor.E011"),
        ({"2026a": "x" * 40}, "", "frontdoor.E012"),
        ({"2026a": "x" * 40}, "2027a", "frontdoor.E012"),
        ({"2026a": "too-short-to-be-a-key"}, "2026a", "frontdoor.E013"),
        ({"a key id with spaces": "x" * 40}, "a key id with spaces", "frontdoor.E014"),
        ({"seventeen-chars-x": "x" * 40}, "seventeen-chars-x", "frontdoor.E014"),
    ],
)
def test_production_cannot_use_a_missing_development_unnamed_short_or_malformed_key(
    keys, current, check_id
):
    assert [p.check_id for p in problems(keys, current, production=True)] == [check_id]


def test_a_short_key_is_refused_in_development_too():
    found = problems({"mine": "short"}, "mine", production=False)
    assert [p.check_id for p in found] == ["frontdoor.E013"]
    assert "5 characters long; an audit key needs at least 32" in found[0].message


def test_an_operator_can_give_several_keys_in_one_variable():
    one, two = _new_secret(), _new_secret()
    assert parse_keys(f" 2026a:{one} , 2027a:{two},") == {"2026a": one, "2027a": two}
    assert parse_keys("") == {}


@pytest.mark.parametrize("text", ["2026a", ":secret", "2026a:one,2026a:two"])
def test_an_operator_cannot_start_with_a_malformed_key_list(text):
    with pytest.raises(ImproperlyConfigured, match="FRONTDOOR_AUDIT_KEYS") as caught:
        parse_keys(text)
    assert "secret" not in str(caught.value).replace("key-id:secret", "")
