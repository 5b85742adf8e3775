"""Webhooks: signed, at least once, in order per child, retried with backoff, dead letters
replayed; a real HTTP receiver on loopback stopped and started mid-stream."""

from __future__ import annotations

import json
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.utils import timezone

from frontdoor.access.models import Role
from frontdoor.access.tests.service_accounts import as_service_account
from frontdoor.handovers.tests.factories import stepped_down
from frontdoor.integration import actions, signing
from frontdoor.integration.delivery import Answer, backoff, deliver_all, dispatch, send_due
from frontdoor.integration.models import Delivery, DeliveryStatus, Subscription
from frontdoor.outbox.models import IntegrationEvent
from frontdoor.workflow.errors import NotReady

pytestmark = pytest.mark.django_db


@pytest.fixture
def case_system(make_user):
    return as_service_account(make_user("case-system", Role.AREA_WORKER))


@pytest.fixture
def admin(make_user):
    return make_user("adam", Role.ADMIN)


class Receiver:
    """A receiving system on loopback: a real HTTP server in a thread that checks each
    signature and keeps what it was sent, in arrival order."""

    def __init__(self, secret: str) -> None:
        self.secret = secret
        self.received: list[dict] = []
        self.refused = 0
        self.server: ThreadingHTTPServer | None = None
        self.port = 0

    def start(self) -> None:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's name)
                body = self.rfile.read(int(self.headers["Content-Length"]))
                now = int(timezone.now().timestamp())
                if not signing.verify(receiver.secret, dict(self.headers), body, now=now):
                    receiver.refused += 1
                    self.send_response(401)
                    self.end_headers()
                    return
                receiver.received.append(json.loads(body))
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        assert self.server is not None
        self.server.shutdown()
        self.server.server_close()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hooks"


def _subscribe(admin, account, url: str = "http://127.0.0.1:9/hooks") -> Subscription:
    subscription = actions.create_subscription(
        by=admin, name="Case system", url=url, account=account
    )
    # From the beginning of the feed, so the test's earlier events are sent too.
    Subscription.objects.filter(pk=subscription.pk).update(cursor_txid=0, cursor_id=0)
    subscription.refresh_from_db()
    return subscription


def _due_now() -> None:
    Delivery.objects.filter(status=DeliveryStatus.PENDING).update(next_attempt_at=timezone.now())


def test_a_receiver_stopped_mid_stream_still_gets_every_event_once_in_order_per_child(
    admin, case_system, manager, screener, settings
):
    settings.FRONTDOOR_WEBHOOK_MAX_ATTEMPTS = 20
    stepped_down(manager, screener, first="Amy")
    stepped_down(manager, screener, first="Bea")
    receiver = Receiver("")
    subscription = _subscribe(admin, case_system)
    receiver.secret = subscription.secret
    receiver.start()
    Subscription.objects.filter(pk=subscription.pk).update(url=receiver.url)

    # Part of the stream arrives; then the receiver goes down.
    assert deliver_all() == (IntegrationEvent.objects.count(), IntegrationEvent.objects.count())
    first_part = len(receiver.received)
    receiver.stop()
    stepped_down(manager, screener, first="Cat")
    stepped_down(manager, screener, first="Dan")
    dispatched, delivered = deliver_all()
    assert dispatched > 0 and delivered == 0
    waiting = Delivery.objects.filter(status=DeliveryStatus.PENDING)
    assert waiting.exists()
    # Each child's first waiting event failed and is retried later; their later events waited
    # behind it, never tried out of order.
    assert {d.attempts for d in waiting} == {0, 1}
    assert all(d.next_attempt_at > timezone.now() for d in waiting.filter(attempts=1))
    # Back up (same port), and the retries are due: everything arrives.
    receiver.start()
    for _ in range(5):
        _due_now()
        deliver_all()
    assert not Delivery.objects.filter(status=DeliveryStatus.PENDING).exists()
    assert len(receiver.received) > first_part
    assert receiver.refused == 0

    # Once each after deduplication on the id, and in feed order within each child.
    unique: dict[str, dict] = {}
    for body in receiver.received:
        unique.setdefault(body["id"], body)
    sent = IntegrationEvent.objects.order_by("txid", "id")
    assert set(unique) == {str(e.event_id) for e in sent}
    for child in {e.person_id for e in sent if e.person_id}:
        expected = [str(e.event_id) for e in sent if e.person_id == child]
        arrived = [b["id"] for b in receiver.received if b.get("partitionkey") == str(child)]
        deduplicated = list(dict.fromkeys(arrived))
        assert deduplicated == expected
    receiver.stop()


def test_a_signature_verifies_only_with_the_secret_and_a_recent_timestamp():
    secret = signing.new_secret()
    body = b'{"id":"e1"}'
    headers = signing.headers(secret, "e1", 1_700_000_000, body)
    assert headers["Webhook-Signature"].startswith("v1,")
    assert signing.verify(secret, headers, body, now=1_700_000_010)
    assert not signing.verify(signing.new_secret(), headers, body, now=1_700_000_010)
    assert not signing.verify(secret, headers, b'{"id":"e2"}', now=1_700_000_010)
    # Replayed ten minutes later: refused, though the signature is true.
    assert not signing.verify(secret, headers, body, now=1_700_000_600)
    tampered = {**headers, "Webhook-Timestamp": "1700000300"}
    assert not signing.verify(secret, tampered, body, now=1_700_000_300)


def test_the_signature_is_the_standard_webhooks_one():
    """A known answer, worked out independently: HMAC-SHA256 of "id.timestamp.body" under the
    base64-decoded secret (https://www.standardwebhooks.com/)."""
    import base64
    import hashlib
    import hmac

    key = b"0123456789abcdef0123456789abcdef"
    secret = "whsec_" + base64.b64encode(key).decode()
    digest = hmac.new(key, b"msg_1.1700000000.{}", hashlib.sha256).digest()
    assert (
        signing.sign(secret, "msg_1", 1_700_000_000, b"{}")
        == "v1," + base64.b64encode(digest).decode()
    )


def test_failures_back_off_then_go_to_the_dead_letters_and_replay(
    admin, case_system, manager, screener, settings
):
    settings.FRONTDOOR_WEBHOOK_MAX_ATTEMPTS = 3
    stepped_down(manager, screener, first="Amy")
    subscription = _subscribe(admin, case_system)
    calls: list[str] = []

    def down(url: str, body: bytes, headers: dict[str, str]) -> Answer:
        calls.append(headers["Webhook-Id"])
        return Answer(False, "HTTP 503")

    dispatch(subscription)
    total = Delivery.objects.count()
    for _ in range(3):
        _due_now()
        send_due(subscription, post=down)
    # One child: only its first event is ever tried (the rest wait behind it), three times.
    # Its first is the contact's receipt, written before the child was linked (no child, but
    # its contact): the link and everything after it wait behind it, through the contact.
    events = IntegrationEvent.objects.order_by("txid", "id")
    first = events[0]
    assert first.person_id is None and first.subject == f"contacts/{first.data['contact']}"
    assert calls == [str(first.event_id)] * 3
    dead = Delivery.objects.filter(status=DeliveryStatus.DEAD)
    assert {d.attempts for d in dead} == {3} and {d.last_error for d in dead} == {"HTTP 503"}
    # A dead letter blocks nothing: the child's next event is tried.
    _due_now()
    tried = len(calls)
    send_due(subscription, post=down)
    assert calls[tried] not in calls[:tried]

    def up(url: str, body: bytes, headers: dict[str, str]) -> Answer:
        calls.append(headers["Webhook-Id"])
        return Answer(True, "HTTP 200")

    assert actions.replay_dead_letters(by=admin, subscription=subscription) == dead.count()
    _due_now()
    send_due(subscription, post=up)
    assert Delivery.objects.filter(status=DeliveryStatus.DELIVERED).count() == total
    # Replay from a cursor: everything after it is sent again, in order.
    first = IntegrationEvent.objects.order_by("txid", "id").first()
    sent_before = len(calls)
    replayed = actions.replay_from(
        by=admin, subscription=subscription, cursor=f"{first.txid}-{first.pk}"
    )
    assert replayed == total - 1
    send_due(subscription, post=up)
    again = calls[sent_before:]
    expected = [str(e.event_id) for e in IntegrationEvent.objects.order_by("txid", "id")][1:]
    assert again == expected


def test_backoff_doubles_up_to_its_ceiling(settings):
    settings.FRONTDOOR_WEBHOOK_RETRY_SECONDS = 30
    settings.FRONTDOOR_WEBHOOK_MAX_BACKOFF_SECONDS = 3600
    assert [backoff(n).total_seconds() for n in (1, 2, 3, 4)] == [30, 60, 120, 240]
    assert backoff(20) == timedelta(hours=1)


def test_a_subscription_is_for_a_service_account_that_may_read_events(
    admin, manager, make_user, police_partner
):
    with pytest.raises(NotReady, match="service account"):
        actions.create_subscription(by=admin, name="x", url="https://a.example/", account=manager)
    police = as_service_account(police_partner)
    with pytest.raises(NotReady, match="may not read events"):
        actions.create_subscription(by=admin, name="x", url="https://a.example/", account=police)
    with pytest.raises(NotReady, match="cursor"):
        actions.replay_from(
            by=admin,
            subscription=_subscribe(admin, as_service_account(make_user("s", Role.SCREENER))),
            cursor="yesterday",
        )


def test_a_restricted_childs_events_are_not_sent_to_a_subscription_that_may_not_see_them(
    admin, case_system, manager, screener, make_user
):
    from frontdoor.access import actions as access_actions

    ig_lead = make_user("iris", Role.IG_LEAD)
    hidden = stepped_down(manager, screener, first="Zara")
    access_actions.restrict_person(
        by=ig_lead, person=hidden.person, reason="Child of a staff member"
    )
    stepped_down(manager, screener, first="Yves")
    subscription = _subscribe(admin, case_system)
    assert dispatch(subscription) > 0
    assert Delivery.objects.exists()
    assert not Delivery.objects.filter(person_id=hidden.person_id).exists()


def test_pausing_or_deleting_stops_a_send_already_running(admin, case_system, manager, screener):
    """The administrator pauses while the sender is part-way through a batch: the request in
    flight finishes, and nothing after it is sent."""
    stepped_down(manager, screener, first="Amy")
    stepped_down(manager, screener, first="Bea")
    subscription = _subscribe(admin, case_system)
    dispatch(subscription)
    calls: list[str] = []

    def pausing(url: str, body: bytes, headers: dict[str, str]) -> Answer:
        calls.append(headers["Webhook-Id"])
        actions.pause_subscription(by=admin, subscription=Subscription.objects.get())
        return Answer(True, "HTTP 204")

    assert send_due(subscription, post=pausing) == 1
    assert len(calls) == 1
    waiting = Delivery.objects.filter(status=DeliveryStatus.PENDING).count()
    assert waiting == Delivery.objects.count() - 1 > 0
    # Resumed, the rest go, in order, none twice.
    actions.resume_subscription(by=admin, subscription=subscription)

    def up(url: str, body: bytes, headers: dict[str, str]) -> Answer:
        calls.append(headers["Webhook-Id"])
        return Answer(True, "HTTP 204")

    assert send_due(subscription, post=up) == waiting
    assert calls == [str(e.event_id) for e in IntegrationEvent.objects.order_by("txid", "id")]

    # Deleted mid-send: the same.
    stepped_down(manager, screener, first="Cat")
    dispatch(subscription)
    sent_before = len(calls)

    def deleting(url: str, body: bytes, headers: dict[str, str]) -> Answer:
        calls.append(headers["Webhook-Id"])
        actions.delete_subscription(by=admin, subscription=subscription)
        return Answer(True, "HTTP 204")

    send_due(subscription, post=deleting)
    assert len(calls) == sent_before + 1


def test_events_before_the_child_is_known_are_sent_in_order_with_the_childs(
    admin, case_system, manager, screener
):
    """Ordering is per child, through its contact: the contact's receipt (written before the
    child was linked, so naming only the contact) goes before the link, and the link before
    the child's later events. While one family's receipt fails, its child's events wait; the
    other family's are not held up."""
    amy = stepped_down(manager, screener, first="Amy")
    bea = stepped_down(manager, screener, first="Bea")
    subscription = _subscribe(admin, case_system)
    dispatch(subscription)
    events = list(IntegrationEvent.objects.order_by("txid", "id"))
    amys_contact = str(amy.decision.contact_id)
    amy_receipt = next(
        e for e in events if e.person_id is None and e.data["contact"] == amys_contact
    )
    sent: list[str] = []

    def amys_receipt_fails(url: str, body: bytes, headers: dict[str, str]) -> Answer:
        if headers["Webhook-Id"] == str(amy_receipt.event_id):
            return Answer(False, "HTTP 503")
        sent.append(headers["Webhook-Id"])
        return Answer(True, "HTTP 204")

    send_due(subscription, post=amys_receipt_fails)
    by_id = {str(e.event_id): e for e in events}
    about_amy = {str(e.event_id) for e in events if e.data.get("contact") == amys_contact}
    about_amy |= {str(e.event_id) for e in events if e.person_id == amy.person_id}
    assert not about_amy & set(sent)  # nothing of Amy's passed her receipt
    assert {by_id[i].person_id for i in sent} == {bea.person_id, None}
    assert sent == [str(e.event_id) for e in events if str(e.event_id) not in about_amy]

    # Back up: Amy's receipt, then her link, then the rest, in feed order.
    def up(url: str, body: bytes, headers: dict[str, str]) -> Answer:
        sent.append(headers["Webhook-Id"])
        return Answer(True, "HTTP 204")

    _due_now()
    send_due(subscription, post=up)
    amys = [by_id[i] for i in sent if i in about_amy]
    assert [e.type.rsplit(".", 2)[-2:] for e in amys[:2]] == [
        ["contact", "received"],
        ["contact", "child_linked"],
    ]
    assert amys == [e for e in events if str(e.event_id) in about_amy]
