"""Partner isolation (../shared/SECURITY.md, 2; issue 4): Priya, a police officer, gets a 404 for
the health agency's enquiries and answers, for contacts her agency did not submit, and for any
child's page, over every page route and every API operation.

The routes are walked from the URL configuration and the API's routers, so a new route is covered
the day it is added. The routes a partner works on (partners:*, attachments, /api/partners/*)
must answer 404. Any other route must answer 404 too, or refuse the partner's *role* with the
same 403 it gives for a random id, which shows nothing about whether the record exists (MASH-only
pages such as break-glass or police notification triage turn a partner away at the door). The
positive controls show the same pages open Priya's own records.
"""

from __future__ import annotations

import json
import re
import uuid
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from config.api import api
from frontdoor.access.tests.service_accounts import token_for
from frontdoor.contacts import actions as contact_actions
from frontdoor.contacts import drafts
from frontdoor.contacts.tests import factories as f
from frontdoor.enquiries.tests import factories as ef
from frontdoor.enquiries.uploads import check_file

# The routes a partner works on: here another agency's record is always a 404, never a 403.
PARTNER_ROUTES = ("partners:", "enquiries:attachment")
MARKER = "Zebedee"  # the other agency's child: must never appear on Priya's pages


def _walk(resolver: URLResolver, prefix: str = "", namespace: str = ""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), f"{namespace}{entry.name}"


RECORD_ROUTES = sorted(
    (pattern, name)
    for pattern, name in _walk(get_resolver())
    if not pattern.startswith(("admin/", "api/")) and "<uuid:" in pattern
)
LIST_ROUTES = sorted(
    name
    for pattern, name in _walk(get_resolver())
    if pattern.startswith(("partners/", "enquiries/")) and "<" not in pattern
)


def _api_operations() -> list[tuple[str, str]]:
    found = []
    for prefix, router in api._routers:
        for path, view in router.path_operations.items():
            for operation in view.operations:
                for method in operation.methods:
                    full = "/".join(p.strip("/") for p in ("api", prefix, path) if p.strip("/"))
                    found.append((method, f"/{full}"))
    return sorted(found)


API_RECORD_OPERATIONS = [(m, p) for m, p in _api_operations() if "{" in p and "{slug}" not in p]
API_LIST_OPERATIONS = [(m, p) for m, p in _api_operations() if m == "GET" and "{" not in p]


@dataclass
class Theirs:
    """Records Priya (police) must not see: the health agency's, or nobody's she may see."""

    ids: dict[str, uuid.UUID]
    own_enquiry: Any
    own_submission: Any


@pytest.fixture
def theirs(
    manager,
    screener,
    contact_officer,
    health_partner,
    police_partner,
    child_protection_hub,
    police_agency,
    health_agency,
) -> Theirs:
    zebedee = [f.child(MARKER, "Canary")]
    health_enquiry = ef.sent(manager, child_protection_hub, health_agency, children=zebedee)
    pdf = check_file("notes.pdf", b"%PDF-1.7\n%%EOF", max_bytes=1024)
    health_answer = ef.answered(health_partner, health_enquiry, attachments=[pdf])
    by_phone = f.linked(screener, f.received(contact_officer, children=zebedee))
    health_submission = contact_actions.receive_contact(
        by=health_partner, details=f.contact_details(children=zebedee)
    )
    ids = {
        "health enquiry": health_enquiry.pk,
        "health answer": health_answer.pk,
        "health attachment": health_answer.attachments.get().pk,
        "family in the hub": health_enquiry.family_id,
        "child in the hub": f.only_child(health_enquiry.family).pk,
        "person": f.only_child(health_enquiry.family).person_id,
        "family by phone": by_phone.pk,
        "child by phone": f.only_child(by_phone).pk,
        "health submission": health_submission.pk,
        "health draft": drafts.start_draft(by=health_partner).pk,
    }
    own_enquiry = ef.sent(manager, child_protection_hub, police_agency)
    own_submission = contact_actions.receive_contact(by=police_partner, details=f.contact_details())
    return Theirs(ids, own_enquiry, own_submission)


def _fill(pattern: str, value: uuid.UUID) -> str:
    path = re.sub(r"<uuid:[a-z_]+>", str(value), pattern)
    path = re.sub(r"<slug:step>", "check", path)
    return "/" + re.sub(r"<slug:[a-z_]+>", "x", path)


def _ask_page(client: Client, pattern: str, value: uuid.UUID) -> int:
    path = _fill(pattern, value)
    status = client.get(path).status_code
    return client.post(path, {}).status_code if status == 405 else status


@pytest.mark.django_db
@pytest.mark.parametrize(("pattern", "name"), RECORD_ROUTES, ids=[n for _, n in RECORD_ROUTES])
def test_police_partner_gets_404_for_others_records_on_every_page(
    client, police_partner, theirs, pattern, name
):
    client.force_login(police_partner)
    answers = {kind: _ask_page(client, pattern, pk) for kind, pk in theirs.ids.items()}
    not_found = {kind: answer for kind, answer in answers.items() if answer != 404}
    if name.startswith(PARTNER_ROUTES) or not not_found:
        assert not_found == {}, name
    else:
        random_answer = _ask_page(client, pattern, uuid.uuid4())
        assert set(answers.values()) == {random_answer} == {403}, (name, answers)


@pytest.mark.django_db
@pytest.mark.parametrize("name", LIST_ROUTES)
def test_police_partner_never_sees_the_other_agencys_child_in_a_list(
    client, police_partner, theirs, name
):
    client.force_login(police_partner)
    response = client.get(reverse(name))
    assert response.status_code in (200, 302, 403, 404, 405)
    assert MARKER not in response.content.decode()


def test_every_partner_route_is_walked():
    names = {n for _, n in RECORD_ROUTES} | set(LIST_ROUTES)
    assert {"partners:request", "partners:referral", "enquiries:attachment"} <= names


@pytest.mark.django_db
def test_police_partner_can_open_her_own_agencys_records(client, police_partner, theirs):
    client.force_login(police_partner)
    own = [
        reverse("partners:request", args=[theirs.own_enquiry.pk]),
        reverse("partners:referral", args=[theirs.own_submission.pk]),
    ]
    assert [client.get(url).status_code for url in own] == [200, 200]


# --- The API ----------------------------------------------------------------------------------


def _api_body(path: str) -> dict[str, Any]:
    # A valid body where the operation is a partner's, so the 404 is about the record and not
    # a 422 about the body.
    if path.endswith("/answer"):
        return {"known": "no", "summary": "Not known to us"}
    return {}


def _ask_api(client: Client, token: str, method: str, path: str, value: uuid.UUID) -> int:
    # Every record id is the one asked about; an adult's place on a contact is a number.
    url = re.sub(r"\{[a-z_]+\}", str(value), path.replace("{position}", "0"))
    headers = {"Authorization": f"Bearer {token}"}
    if method == "GET":
        return client.get(url, headers=headers).status_code
    body = json.dumps(_api_body(path))
    return client.generic(method, url, body, "application/json", headers=headers).status_code


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("method", "path"), API_RECORD_OPERATIONS, ids=[f"{m} {p}" for m, p in API_RECORD_OPERATIONS]
)
def test_police_partner_gets_nothing_of_others_records_through_the_api(
    police_partner, theirs, method, path
):
    client = Client()
    token = token_for(police_partner, name="police system")
    answers = {k: _ask_api(client, token, method, path, pk) for k, pk in theirs.ids.items()}
    if path.startswith("/api/partners/") or method == "GET":
        assert {k: v for k, v in answers.items() if v != 404} == {}, path
    else:
        # A MASH operation with a body: the partner's answer about another agency's record is
        # the same as about a record that does not exist (a refusal or a 422 on the body).
        random_answer = _ask_api(client, token, method, path, uuid.uuid4())
        assert set(answers.values()) == {random_answer}, (path, answers)
        assert random_answer in (403, 404, 422)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("method", "path"), API_LIST_OPERATIONS, ids=[p for _, p in API_LIST_OPERATIONS]
)
def test_police_partner_lists_through_the_api_never_show_the_other_agencys_child(
    police_partner, theirs, method, path
):
    token = token_for(police_partner, name="police system")
    response = Client().get(path, headers={"Authorization": f"Bearer {token}"})
    assert MARKER not in response.content.decode()
