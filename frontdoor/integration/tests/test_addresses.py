"""Where webhooks may go (SSRF): in production only https, and only hosts that resolve to
addresses on the internet, checked when a subscription is saved and again at every send (a
host re-pointed after it was checked: DNS rebinding), the connection made to the address
checked. The setting that lets the loopback receiver and the demo through is tested on its own
(tests/test_check_deploy.py: never in production)."""

from __future__ import annotations

import re
import time

import pytest

from frontdoor.access.models import Role
from frontdoor.access.step_up import SESSION_KEY as STEPPED_UP_AT
from frontdoor.access.tests.service_accounts import as_service_account
from frontdoor.audit.models import Event
from frontdoor.handovers.tests.factories import stepped_down
from frontdoor.integration import actions, addresses
from frontdoor.integration.delivery import deliver_all, http_post
from frontdoor.integration.models import Delivery, DeliveryStatus, Subscription
from frontdoor.integration.tests.test_webhooks import Receiver
from frontdoor.workflow.errors import NotReady

pytestmark = pytest.mark.django_db

PUBLIC = "151.101.0.81"  # an address on the internet (never connected to by these tests)


@pytest.fixture
def admin(make_user):
    return make_user("adam", Role.ADMIN)


@pytest.fixture
def case_system(make_user):
    return as_service_account(make_user("case-system", Role.AREA_WORKER))


@pytest.fixture
def production(settings):
    settings.FRONTDOOR_WEBHOOK_ALLOW_LOCAL = False
    return settings


@pytest.fixture
def dns(monkeypatch):
    """What each host name resolves to, as the test says (no network in tests)."""
    table: dict[str, list[str]] = {}

    def lookup(host: str, port: int) -> list[str]:
        if host in table:
            return table[host]
        if all(part.isdigit() for part in host.split(".")) or ":" in host:
            return [host]  # an address written as one resolves to itself
        raise OSError("Name or service not known")

    monkeypatch.setattr(addresses, "resolve", lookup)
    return table


@pytest.mark.parametrize(
    "url",
    [
        "https://127.0.0.1/hooks",  # loopback
        "https://[::1]/hooks",
        "https://[::ffff:127.0.0.1]/hooks",  # loopback written as IPv6
        "https://[64:ff9b::7f00:1]/hooks",  # loopback through NAT64
        "https://[64:ff9b::a01:203]/hooks",  # 10.1.2.3 through NAT64
        "https://[2002:7f00:1::1]/hooks",  # loopback through 6to4
        "https://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/hooks",  # Teredo
        "https://10.1.2.3/hooks",  # private
        "https://172.16.0.9/hooks",
        "https://192.168.1.20/hooks",
        "https://[fd00::1]/hooks",
        "https://169.254.169.254/latest/meta-data/",  # link-local: cloud metadata
        "https://[fe80::1]/hooks",
        "https://224.0.0.1/hooks",  # multicast
        "https://100.64.0.1/hooks",  # shared (carrier-grade NAT)
        "https://0.0.0.0/hooks",  # unspecified
        "https://240.0.0.1/hooks",  # reserved
        "https://intranet.wessex.example/hooks",  # a name that resolves inside
    ],
)
def test_admin_cannot_subscribe_an_address_inside_the_network(
    production, dns, admin, case_system, url
):
    dns["intranet.wessex.example"] = [PUBLIC, "10.0.0.7"]  # one inside is enough to refuse
    with pytest.raises(NotReady) as refused:
        actions.create_subscription(by=admin, name="Case system", url=url, account=case_system)
    (reason,) = refused.value.reasons
    assert reason.startswith("Enter the address of a system on the internet")
    assert refused.value.fields == {reason: "url"}
    assert not Subscription.objects.exists()


def test_admin_cannot_subscribe_plain_http_or_a_host_that_is_not_found(
    production, dns, admin, case_system
):
    dns["cases.wessex.example"] = [PUBLIC]
    for url, said in [
        ("http://cases.wessex.example/hooks", "Enter an address starting with https://"),
        ("ftp://cases.wessex.example/hooks", "Enter an address starting with https://"),
        ("https://nowhere.wessex.example/hooks", "Enter an address whose host can be found"),
        ("https://user:pw@cases.wessex.example/", "Enter the address without a user name"),
        ("https://[x/hooks", "Enter the address in the correct format"),
    ]:
        with pytest.raises(NotReady, match=said):
            actions.create_subscription(by=admin, name="x", url=url, account=case_system)
    made = actions.create_subscription(
        by=admin, name="x", url="https://cases.wessex.example/hooks", account=case_system
    )
    assert made.url == "https://cases.wessex.example/hooks"


def test_the_page_says_why_an_address_is_refused_beside_the_address(
    client, production, dns, admin, case_system
):
    client.force_login(admin)
    session = client.session
    session[STEPPED_UP_AT] = int(time.time())
    session.save()
    answer = client.post(
        "/administration/webhooks/new/",
        {"name": "Case system", "url": "https://10.0.0.7/hooks", "account": case_system.username},
    )
    assert answer.status_code == 400
    assert answer.context["form"].errors["url"] == [
        "Enter the address of a system on the internet: 10.0.0.7 is a private, loopback, "
        "link-local or reserved address, which events are never sent to"
    ]
    # The error summary links to the address field.
    assert re.search(
        r'href="#[^"]*url[^"]*">Enter the address of a system', answer.content.decode()
    )
    assert not Subscription.objects.exists()
    assert not Event.objects.filter(verb="webhook_subscription_created").exists()


def test_a_host_re_pointed_inside_after_it_was_saved_is_not_sent_to(
    production, dns, admin, case_system, manager, screener
):
    """DNS rebinding: the name was public when the subscription was saved, and now resolves to
    the loopback receiver. Nothing reaches it; the delivery waits with the reason."""
    receiver = Receiver("")
    receiver.start()
    dns["cases.wessex.example"] = [PUBLIC]
    subscription = actions.create_subscription(
        by=admin,
        name="Case system",
        url=f"https://cases.wessex.example:{receiver.port}/hooks",
        account=case_system,
    )
    receiver.secret = subscription.secret
    Subscription.objects.filter(pk=subscription.pk).update(cursor_txid=0, cursor_id=0)
    stepped_down(manager, screener)
    dns["cases.wessex.example"] = ["127.0.0.1"]
    try:
        assert deliver_all()[1] == 0
    finally:
        receiver.stop()
    assert receiver.received == [] and receiver.refused == 0
    tried = Delivery.objects.filter(subscription=subscription, attempts=1).get()
    assert tried.status == DeliveryStatus.PENDING
    assert tried.last_error == "Refused: not an address events may be sent to"


def test_the_sender_connects_to_the_address_it_checked(settings, dns, admin, case_system):
    """The name is looked up once, checked, and that address connected to: `cases.test`
    resolves (here) only through the check, so reaching the receiver proves no second
    look-up was made behind it."""
    settings.FRONTDOOR_WEBHOOK_ALLOW_LOCAL = True  # the loopback receiver, as in the demo
    receiver = Receiver("whsec_" + "A" * 44)
    receiver.start()
    dns["cases.test"] = ["127.0.0.1"]
    try:
        body = b'{"id":"e1"}'
        from frontdoor.integration import signing

        headers = signing.headers(receiver.secret, "e1", int(time.time()), body)
        answer = http_post(f"http://cases.test:{receiver.port}/hooks?x=1", body, headers)
    finally:
        receiver.stop()
    assert answer.ok, answer.detail
    assert receiver.received == [{"id": "e1"}]


def test_a_redirect_is_a_failure_never_followed(settings, dns):
    settings.FRONTDOOR_WEBHOOK_ALLOW_LOCAL = True
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
    from threading import Thread

    class Redirect(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 (http.server's name)
            self.send_response(307)
            self.send_header("Location", "http://169.254.169.254/")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Redirect)
    Thread(target=server.serve_forever, daemon=True).start()
    try:
        answer = http_post(f"http://127.0.0.1:{server.server_address[1]}/", b"{}", {})
    finally:
        server.shutdown()
        server.server_close()
    assert answer == type(answer)(False, "HTTP 307")


def test_only_development_lets_http_and_local_hosts_through_by_default():
    """Staging, training or any copy that is not development refuses local addresses unless
    told otherwise (a settings subprocess each; production, which never lets them through, is
    tests/test_check_deploy.py's)."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    def allowed(env: str, flag: str | None = None) -> str:
        environment = {k: v for k, v in os.environ.items() if not k.startswith("FRONTDOOR_")}
        environment["FRONTDOOR_ENV"] = env
        environment["DJANGO_SETTINGS_MODULE"] = "config.settings"
        if flag is not None:
            environment["FRONTDOOR_WEBHOOK_ALLOW_LOCAL"] = flag
        code = "from django.conf import settings; print(settings.FRONTDOOR_WEBHOOK_ALLOW_LOCAL)"
        done = subprocess.run(  # noqa: S603 (our interpreter, our settings)
            [sys.executable, "-c", f"import django; django.setup(); {code}"],
            env=environment,
            cwd=Path(__file__).resolve().parents[3],
            capture_output=True,
            text=True,
            check=False,
        )
        return done.stdout.strip() or done.stderr.strip().splitlines()[-1]

    assert allowed("development") == "True"
    assert allowed("staging") == "False"
    assert allowed("staging", "1") == "True"
