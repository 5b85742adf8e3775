"""The administrator's webhook pages: subscriptions with their counts, dead letters, replay;
subscribing a system (after a step-up, the secret shown once), pausing, resuming, deleting."""

from __future__ import annotations

import threading
import time
from urllib.parse import quote

import pytest
from django.db import connection, connections, transaction
from django.utils import timezone

from frontdoor.access.models import Role
from frontdoor.access.step_up import SESSION_KEY as STEPPED_UP_AT
from frontdoor.access.tests.service_accounts import as_service_account
from frontdoor.audit.models import Event
from frontdoor.handovers.tests.factories import stepped_down
from frontdoor.integration import actions
from frontdoor.integration.delivery import Answer, deliver_all, dispatch
from frontdoor.integration.models import Delivery, DeliveryStatus, Subscription
from frontdoor.outbox.models import IntegrationEvent
from frontdoor.workflow.errors import NotReady

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(make_user):
    return make_user("adam", Role.ADMIN)


@pytest.fixture
def subscription(admin, make_user):
    system = as_service_account(make_user("case-system", Role.AREA_WORKER))
    return actions.create_subscription(
        by=admin, name="Main case system", url="https://cases.example.org/hooks", account=system
    )


def test_the_list_shows_each_subscription_and_its_dead_letters(
    client, admin, subscription, manager, screener
):
    stepped_down(manager, screener)
    event = IntegrationEvent.objects.order_by("-id").first()
    Delivery.objects.create(
        subscription=subscription,
        event=event,
        person_id=event.person_id,
        txid=event.txid,
        status=DeliveryStatus.DEAD,
        attempts=8,
        next_attempt_at=timezone.now(),
        last_error="HTTP 503",
    )
    client.force_login(admin)
    listing = client.get("/administration/webhooks/").content.decode()
    assert "Main case system" in listing and "https://cases.example.org/hooks" in listing
    page = client.get(f"/administration/webhooks/{subscription.pk}/").content.decode()
    assert "uk.gov.frontdoor.handover.opened" in page and "HTTP 503" in page
    # Ids and types only: never the child's name.
    assert "Okafor" not in page
    button = f"/administration/webhooks/{subscription.pk}/replay-dead-letters/"
    here = f"http://testserver/administration/webhooks/{subscription.pk}/"
    # Not stepped up: to the step-up, then back to this page (the button answers POST only).
    answer = client.post(button, headers={"referer": here})
    assert answer["Location"] == "/confirm-it-is-you/?next=" + quote(
        f"/administration/webhooks/{subscription.pk}/", safe=""
    )
    assert Delivery.objects.get().status == DeliveryStatus.DEAD
    _stepped_up(client)
    answer = client.post(button, headers={"referer": here})
    assert answer.status_code == 302
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.PENDING, 0)
    assert Event.objects.filter(verb="webhook_dead_letters_replayed", actor=admin).exists()


def test_replaying_needs_a_cursor_said_the_gov_uk_way(client, admin, subscription):
    client.force_login(admin)
    _stepped_up(client)
    url = f"/administration/webhooks/{subscription.pk}/replay/"
    empty = client.post(url, {"cursor": ""}).content.decode()
    assert "Enter the cursor to replay from" in empty
    wrong = client.post(url, {"cursor": "last tuesday"}).content.decode()
    assert "Enter a cursor in the form 0-1200" in wrong
    done = client.post(url, {"cursor": "0-0"})
    assert done.status_code == 302
    subscription.refresh_from_db()
    assert subscription.cursor == "0-0"
    assert Event.objects.filter(verb="webhook_replayed", actor=admin).exists()


def test_only_the_administrator_reaches_the_pages(client, manager, subscription):
    client.force_login(manager)
    assert client.get("/administration/webhooks/").status_code == 403
    assert client.get(f"/administration/webhooks/{subscription.pk}/").status_code == 403


def _stepped_up(client):
    session = client.session
    session[STEPPED_UP_AT] = int(time.time())
    session.save()


def test_admin_can_subscribe_a_system_after_a_step_up_and_sees_the_secret_once(
    client, admin, make_user
):
    system = as_service_account(make_user("case-system", Role.AREA_WORKER))
    client.force_login(admin)
    url = "/administration/webhooks/new/"
    # Sending events to a new address needs the administrator to prove it is them.
    answer = client.get(url)
    assert answer.status_code == 302 and answer["Location"].startswith("/confirm-it-is-you/")
    _stepped_up(client)
    form = {"name": "Main case system", "url": "https://cases.example.org/hooks"}
    made = client.post(url, {**form, "account": system.username})
    subscription = Subscription.objects.get()
    assert made.status_code == 302
    assert made["Location"] == f"/administration/webhooks/{subscription.pk}/"
    page = client.get(made["Location"]).content.decode()
    assert subscription.secret in page and "shown only this once" in page
    assert subscription.secret not in client.get(made["Location"]).content.decode()
    created = Event.objects.get(verb="webhook_subscription_created", actor=admin)
    assert subscription.secret not in str(created.data)


def test_subscribing_says_what_is_missing_the_gov_uk_way(client, admin, make_user):
    person = make_user("sam", Role.AREA_WORKER)
    client.force_login(admin)
    _stepped_up(client)
    url = "/administration/webhooks/new/"
    empty = client.post(url, {})
    assert empty.status_code == 400
    text = empty.content.decode()
    assert "Enter a name for the subscription" in text
    assert "Enter the address to send events to" in text
    assert "Select the service account the events are sent as" in text
    wrong = client.post(url, {"name": "X", "url": "cases", "account": person.username})
    text = wrong.content.decode()
    assert "Enter the address in the correct format" in text
    # A person is not offered: only a system receives events.
    assert "Select the service account the events are sent as" in text
    assert not Subscription.objects.exists()


def test_pausing_loses_nothing_and_resuming_sends_what_was_written_meanwhile(
    client, admin, subscription, manager, screener
):
    client.force_login(admin)
    assert client.post(f"/administration/webhooks/{subscription.pk}/pause/").status_code == 302
    subscription.refresh_from_db()
    assert not subscription.active
    stepped_down(manager, screener)
    sent: list[str] = []

    def post(url, body, headers):
        sent.append(headers["Webhook-Id"])
        return Answer(True, "HTTP 204")

    assert deliver_all(post=post) == (0, 0)
    assert dispatch(subscription) == 0  # a paused subscription is not dispatched either
    assert client.post(f"/administration/webhooks/{subscription.pk}/resume/").status_code == 302
    dispatched, delivered = deliver_all(post=post)
    written = IntegrationEvent.objects.filter(id__gt=0).count()
    assert dispatched == delivered == written == len(sent) > 0
    verbs = list(
        Event.objects.filter(
            verb__in=("webhook_subscription_paused", "webhook_subscription_resumed")
        )
        .order_by("id")
        .values_list("verb", flat=True)
    )
    assert verbs == ["webhook_subscription_paused", "webhook_subscription_resumed"]
    # Resuming what is not paused changes nothing, and writes nothing.
    assert not actions.resume_subscription(by=admin, subscription=subscription)


def test_deleting_a_subscription_asks_first_then_forgets_its_deliveries(
    client, admin, subscription, manager, screener
):
    stepped_down(manager, screener)
    dispatch(subscription)
    assert Delivery.objects.filter(subscription=subscription).exists()
    client.force_login(admin)
    _stepped_up(client)
    url = f"/administration/webhooks/{subscription.pk}/delete/"
    confirm = client.get(url).content.decode()
    assert "Delete the subscription Main case system" in confirm
    assert Subscription.objects.filter(pk=subscription.pk).exists()
    assert client.post(url)["Location"] == "/administration/webhooks/"
    assert not Subscription.objects.exists() and not Delivery.objects.exists()
    deleted = Event.objects.get(verb="webhook_subscription_deleted", actor=admin)
    assert deleted.data["name"] == "Main case system" and deleted.data["deliveries"] > 0
    # The events stay in the feed.
    assert IntegrationEvent.objects.exists()
    assert client.post(url).status_code == 404


def test_only_the_administrator_subscribes_pauses_or_deletes(client, manager, subscription):
    client.force_login(manager)
    _stepped_up(client)
    assert client.get("/administration/webhooks/new/").status_code == 403
    for step in ("pause", "resume", "delete"):
        assert client.post(f"/administration/webhooks/{subscription.pk}/{step}/").status_code == 403
    assert Subscription.objects.get().active


@pytest.mark.parametrize(
    ("step", "form"), [("replay", {"cursor": "0-0"}), ("delete", {}), ("new", None)]
)
def test_admin_cannot_replay_delete_or_subscribe_without_a_recent_step_up(
    client, admin, subscription, manager, screener, step, form
):
    """Replaying sends a receiver every event again (from 0-0, all of them), and deleting
    stops a system hearing about children for good: like subscribing, each needs the
    administrator to have proved it is them in the last few minutes. The step-up returns to
    the page that asks, never straight to the step."""
    stepped_down(manager, screener)
    dispatch(subscription)
    url = (
        "/administration/webhooks/new/"
        if step == "new"
        else f"/administration/webhooks/{subscription.pk}/{step}/"
    )
    client.force_login(admin)
    before = (
        Subscription.objects.values_list("cursor_txid", "cursor_id").get(),
        Event.objects.count(),
    )
    for answer in (client.get(url), client.post(url, form or {})):
        assert answer.status_code == 302
        assert answer["Location"].startswith("/confirm-it-is-you/?next=")
    # A step-up long ago is not recent.
    session = client.session
    session[STEPPED_UP_AT] = int(time.time()) - 60 * 60
    session.save()
    assert client.post(url, form or {})["Location"].startswith("/confirm-it-is-you/")
    assert (
        Subscription.objects.values_list("cursor_txid", "cursor_id").get(),
        Event.objects.count(),
    ) == before
    assert Delivery.objects.filter(subscription=subscription).exists()
    # Stepped up, the page is shown and the step taken.
    _stepped_up(client)
    assert client.get(url).status_code == 200


def test_admin_cannot_use_a_subscription_name_twice_and_is_told_beside_the_name(
    client, admin, subscription
):
    client.force_login(admin)
    _stepped_up(client)
    answer = client.post(
        "/administration/webhooks/new/",
        {
            "name": " Main case system ",
            "url": "https://other.example.org/hooks",
            "account": subscription.account.username,
        },
    )
    assert answer.status_code == 400
    assert answer.context["form"].errors["name"] == [actions.NAME_TAKEN]
    assert Subscription.objects.count() == 1


def test_a_name_saved_by_someone_else_since_the_check_is_the_same_form_error_not_a_500(
    client, admin, subscription, monkeypatch
):
    """Two administrators saving the same name at once: both pass the check, the database's
    unique constraint refuses the second (here the check is made to miss the first, as a
    concurrent one would; on PostgreSQL test_a_race_for_one_name_* runs two at once)."""
    monkeypatch.setattr(actions, "_name_taken", lambda name: False)
    client.force_login(admin)
    _stepped_up(client)
    events = Event.objects.count()
    answer = client.post(
        "/administration/webhooks/new/",
        {
            "name": "Main case system",
            "url": "https://other.example.org/hooks",
            "account": subscription.account.username,
        },
    )
    assert answer.status_code == 400
    assert answer.context["form"].errors["name"] == [actions.NAME_TAKEN]
    assert Subscription.objects.count() == 1 and Event.objects.count() == events


@pytest.mark.django_db(transaction=True)
def test_a_race_for_one_name_saves_one_subscription_and_tells_the_other(admin, make_user):
    """On PostgreSQL: the first administrator's save is open (not yet committed) while the
    second's passes the check and waits on the unique index; when the first commits, the
    second is told the name is taken, as a reason, not a 500."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has one writer at a time: the second waits before its check")
    system = as_service_account(make_user("case-system", Role.AREA_WORKER))
    checked: list[bool] = []
    real_check = actions._name_taken

    def recorded(name: str) -> bool:
        checked.append(real_check(name))
        return checked[-1]

    outcome: list[object] = []

    def second() -> None:
        try:
            actions.create_subscription(
                by=admin, name="Main case system", url="https://b.example.org/", account=system
            )
            outcome.append("saved")
        except NotReady as exc:
            outcome.append(exc.reasons)
        finally:
            connections.close_all()

    with transaction.atomic():
        actions.create_subscription(
            by=admin, name="Main case system", url="https://a.example.org/", account=system
        )
        actions._name_taken = recorded  # type: ignore[assignment]
        try:
            thread = threading.Thread(target=second)
            thread.start()
            time.sleep(1.5)  # the second checks, inserts and waits on the unique index
        finally:
            actions._name_taken = real_check  # type: ignore[assignment]
    thread.join(10)
    assert checked == [False]  # the second passed the check: the constraint decided
    assert outcome == [[actions.NAME_TAKEN]]
    assert list(Subscription.objects.values_list("url", flat=True)) == ["https://a.example.org/"]
    assert Event.objects.filter(verb="webhook_subscription_created").count() == 1
