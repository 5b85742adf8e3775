"""The administrator's webhook pages: subscriptions with their counts, dead letters, replay."""

from __future__ import annotations

import pytest
from django.utils import timezone

from frontdoor.access.models import Role
from frontdoor.access.tests.service_accounts import as_service_account
from frontdoor.audit.models import Event
from frontdoor.handovers.tests.factories import stepped_down
from frontdoor.integration import actions
from frontdoor.integration.models import Delivery, DeliveryStatus
from frontdoor.outbox.models import IntegrationEvent

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
    answer = client.post(f"/administration/webhooks/{subscription.pk}/replay-dead-letters/")
    assert answer.status_code == 302
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts) == (DeliveryStatus.PENDING, 0)
    assert Event.objects.filter(verb="webhook_dead_letters_replayed", actor=admin).exists()


def test_replaying_needs_a_cursor_said_the_gov_uk_way(client, admin, subscription):
    client.force_login(admin)
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
