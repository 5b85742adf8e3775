"""No mass assignment: extra keys such as role, team, is_staff, organisation and restricted,
sent to any form or API call, are ignored or refused (../shared/SECURITY.md, 6)."""

from __future__ import annotations

import json
import re
import uuid

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from frontdoor.access import actions
from frontdoor.access.models import RestrictedRecord, Role
from frontdoor.access.tests.service_accounts import token_for
from frontdoor.api.tests import bodies
from frontdoor.codelists.models import CodeList
from frontdoor.contacts.tests import factories as f

from .signing_in import PASSWORD, code_for, give_app

pytestmark = pytest.mark.django_db

EXTRAS = {
    "role": Role.ADMIN,
    "team": "1",
    "team_id": "1",
    "agency": "1",
    "organisation": "Wessex Police",
    "is_staff": "on",
    "is_superuser": "on",
    "restricted": "false",
    "restriction": "",
    "user": "adam",
}


def _who(user) -> tuple:
    user.refresh_from_db()
    return (user.role, user.team_id, user.agency_id, user.is_staff, user.is_superuser)


def _page_patterns():
    def walk(resolver, prefix=""):
        for entry in resolver.url_patterns:
            if isinstance(entry, URLResolver):
                yield from walk(entry, prefix + str(entry.pattern))
            elif isinstance(entry, URLPattern):
                yield prefix + str(entry.pattern)

    return [p for p in walk(get_resolver()) if not p.startswith(("api/", "admin/"))]


@pytest.mark.parametrize("role", [Role.SCREENER, Role.MANAGER, Role.IG_LEAD])
def test_extra_keys_posted_to_every_page_change_no_ones_role_team_or_agency(
    client, make_user, role, contact_officer, screener
):
    user = make_user("poster", role)
    family = f.linked(screener, f.received(contact_officer))
    contact = f.only_child(family)
    ig = make_user("iris", Role.IG_LEAD)
    actions.restrict_person(by=ig, person=contact.person, reason="Child of a staff member")
    before = _who(user)
    client.force_login(user)
    ids = {"pk": contact.pk, "person": contact.person_id, "draft": uuid.uuid4()}
    for pattern in _page_patterns():
        url = "/" + re.sub(
            r"<(?:\w+:)?(\w+)>", lambda m: str(ids.get(m.group(1), "screening")), pattern
        )
        client.post(url, EXTRAS)
    assert _who(user) == before
    assert RestrictedRecord.objects.filter(person=contact.person).exists()


def test_signing_in_with_extra_keys_grants_nothing(client, screener):
    give_app(screener)
    client.post("/sign-in/", {"username": "alice", "password": PASSWORD, **EXTRAS})
    client.post("/sign-in/code/", {"code": code_for(screener), **EXTRAS})
    assert _who(screener) == (Role.SCREENER, None, None, False, False)
    assert client.get("/admin/").status_code in (302, 403)


def test_a_screening_with_extra_keys_saves_only_the_screening(client, screener, contact_officer):
    family = f.linked(screener, f.received(contact_officer))
    contact = f.only_child(family)
    client.force_login(screener)
    response = client.post(
        f"/contacts/child/{contact.pk}/screening/",
        {
            "version": contact.version,
            "rag": "red",
            "level_of_need": f.code(CodeList.LEVEL_OF_NEED, "4").pk,
            "summary": "Bruising seen at school",
            "recommendation": "Child protection hub",
            **EXTRAS,
            "status": "decided",
        },
    )
    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.status == "screened" and contact.rag == "red"
    assert _who(screener) == (Role.SCREENER, None, None, False, False)


@pytest.mark.parametrize("extra", ["role", "team", "organisation", "restricted", "is_staff"])
def test_the_api_refuses_extra_keys(client, screener, extra):
    token = token_for(screener, name="test")
    body = bodies.contact_body(**{extra: "admin"})
    response = client.post(
        "/api/contacts",
        json.dumps(body),
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 422
    assert extra in response.content.decode()
    assert _who(screener) == (Role.SCREENER, None, None, False, False)


def test_the_api_refuses_extra_keys_on_a_screening(client, screener, contact_officer):
    family = f.linked(screener, f.received(contact_officer))
    contact = f.only_child(family)
    token = token_for(screener, name="test")
    response = client.post(
        f"/api/contacts/children/{contact.pk}/screening",
        json.dumps(bodies.screening_body(restricted=False, status="decided")),
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 422
    contact.refresh_from_db()
    assert contact.status == "received" or contact.rag == ""
