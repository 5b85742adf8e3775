"""Restricted means restricted everywhere (issue 13): the side doors that leaked a restricted
child to users who are not on her allow-list, each tried as the user who found it.

The world is the canary world (tests/canary_world.py): the restricted child has been through
every stage. Sam (area worker) holds her allocation and assessment; Alice (screener) owns
oversight and audit actions about her; Hamid (hub worker) held her strategy discussion. None
of them is on her allow-list; Maya (manager) is.
"""

from __future__ import annotations

import json
import re
import uuid

import pytest
from django.apps import apps
from django.test import Client
from django.utils import timezone

from frontdoor.access.models import Role
from frontdoor.access.records import (
    AboutAChild,
    HiddenRecord,
    as_the_system,
    is_concealed,
    is_hidden,
    reading_as,
)
from frontdoor.access.tests.service_accounts import token_for
from frontdoor.assessments.models import Assessment
from frontdoor.casework_audits.models import AuditAction, CaseAudit
from frontdoor.contacts import actions as contact_actions
from frontdoor.contacts.models import Contact
from frontdoor.contacts.tests import factories as f
from frontdoor.people.models import Person
from frontdoor.strategy.models import StrategyDiscussion
from frontdoor.visits.models import Allocation
from tests import canary_world
from tests.canary_world import RESTRICTED

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(make_user, child_protection_hub, area_team, police_agency):
    users = {
        "contact_officer": make_user("colin", Role.CONTACT_OFFICER),
        "screener": make_user("alice", Role.SCREENER),
        "hub_worker": make_user("hamid", Role.HUB_WORKER, team=child_protection_hub),
        "manager": make_user("maya", Role.MANAGER),
        "area_worker": make_user("sam", Role.AREA_WORKER, team=area_team),
        "partner": make_user("priya", Role.PARTNER, agency=police_agency),
        "auditor": make_user("aisha", Role.AUDITOR),
        "ig_lead": make_user("iris", Role.IG_LEAD),
    }
    return canary_world.build(users, child_protection_hub, area_team, police_agency)


def _as(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _api(user) -> dict[str, str]:
    return {"Authorization": f"Bearer {token_for(user)}"}


def _clean(page: bytes) -> str:
    """An answer without what differs between any two requests (nonces, tokens, ids, and the
    idle warning's seconds left, which changes when the two straddle a second)."""
    return re.sub(r'(nonce|value|content|id|data-seconds-left)="[^"]*"', "", page.decode())


def _markers(text: str) -> list[str]:
    return [m for m in RESTRICTED if m.lower() in text.lower()]


# --- Casework after the decision ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("route", "model"),
    [
        ("/assessments/{}/", Assessment),
        ("/visits/{}/", Allocation),
        ("/strategy/{}/", StrategyDiscussion),
    ],
)
def test_area_worker_cannot_open_a_restricted_childs_casework_and_it_looks_missing(
    world, route, model
):
    record = model.objects.filter(person=world.person).first()
    client = _as(world.users["area_worker"])
    hidden = client.get(route.format(record.pk))
    absent = client.get(route.format(uuid.uuid4()))
    assert hidden.status_code == absent.status_code == 404
    assert _clean(hidden.content) == _clean(absent.content)


def test_manager_on_the_allow_list_can_open_the_same_casework(world):
    client = _as(world.users["manager"])
    allocation = Allocation.objects.filter(person=world.person).first()
    page = client.get(f"/visits/{allocation.pk}/")
    assert page.status_code == 200
    assert canary_world.NAME in page.content.decode()


def test_area_worker_cannot_read_a_restricted_transfer_over_the_api(world):
    allocation = Allocation.objects.filter(person=world.person).first()
    headers = _api(world.users["area_worker"])
    hidden = Client().get(f"/api/transfers/{allocation.pk}", headers=headers)
    absent = Client().get(f"/api/transfers/{uuid.uuid4()}", headers=headers)
    assert hidden.status_code == absent.status_code == 404
    assert hidden.json() == absent.json()


@pytest.mark.parametrize("path", ["/api/transfers/mine", "/api/assessments/mine"])
def test_area_worker_reads_api_lists_without_a_restricted_childs_details(world, path):
    response = Client().get(path, headers=_api(world.users["area_worker"]))
    assert response.status_code == 200
    assert _markers(response.content.decode()) == []


@pytest.mark.parametrize(
    ("who", "path"),
    [
        ("area_worker", "/visits/mine/"),
        ("area_worker", "/strategy/"),
        ("hub_worker", "/strategy/"),
        ("screener", "/police/"),
        ("screener", "/audits/actions/"),
        ("screener", "/supervision/"),
        ("screener", "/oversight/reviews/"),
        ("auditor", "/audits/mine/"),
    ],
)
def test_lists_name_no_restricted_child(world, who, path):
    response = _as(world.users[who]).get(path)
    assert response.status_code == 200
    assert _markers(response.content.decode()) == []


def test_team_allocation_pages_name_no_restricted_child(world):
    allocation = Allocation.objects.filter(person=world.person).first()
    response = _as(world.users["area_worker"]).get(f"/visits/teams/{allocation.team.slug}/")
    assert response.status_code == 200
    assert _markers(response.content.decode()) == []


def test_screener_cannot_open_an_audit_action_about_a_restricted_child(world):
    action = AuditAction.objects.filter(audit__contact__person=world.person).first()
    client = _as(world.users["screener"])
    hidden = client.get(f"/audits/actions/{action.pk}/")
    absent = client.get(f"/audits/actions/{uuid.uuid4()}/")
    assert hidden.status_code == absent.status_code == 404


def test_a_case_audit_not_assigned_looks_the_same_as_one_that_does_not_exist(world, make_user):
    other = make_user("otto", Role.AUDITOR)
    audit = CaseAudit.objects.filter(contact__person=world.person).first()
    client = _as(other)
    assert client.get(f"/audits/cases/{audit.pk}/grade/").status_code == 404
    assert client.get(f"/audits/cases/{uuid.uuid4()}/grade/").status_code == 404


# --- A refused write writes nothing --------------------------------------------------------------


def test_screener_cannot_link_a_child_to_a_restricted_record_over_the_api(world):
    family = f.received(world.users["contact_officer"])
    contact = f.only_child(family)
    headers = _api(world.users["screener"])

    def link(person_id):
        return Client().post(
            f"/api/contacts/children/{contact.pk}/link",
            json.dumps({"person_id": str(person_id)}),
            "application/json",
            headers=headers,
        )

    hidden, absent = link(world.person.pk), link(uuid.uuid4())
    assert hidden.status_code == absent.status_code == 422
    assert hidden.json()["detail"][0]["loc"] == absent.json()["detail"][0]["loc"]
    contact.refresh_from_db()
    assert contact.person_id is None


def test_a_write_pointing_at_a_hidden_child_is_refused_before_anything_is_written(world):
    family = f.received(world.users["contact_officer"])
    contact = f.only_child(family)
    screener = world.users["screener"]
    with reading_as(screener):
        person = Person.objects.get(pk=world.person.pk)
        assert is_concealed(person)
        with pytest.raises(HiddenRecord):
            contact_actions.link_child(by=screener, contact=contact, person=person)
        with pytest.raises(HiddenRecord):
            Contact.objects.filter(pk=contact.pk).update(person_id=world.person.pk)
    contact.refresh_from_db()
    assert contact.person_id is None


def test_a_concealed_record_can_never_be_saved(world):
    with reading_as(world.users["screener"]):
        person = Person.objects.get(pk=world.person.pk)
    with pytest.raises(HiddenRecord):
        person.save()
    person = Person.objects.get(pk=world.person.pk)
    assert person.first_name == canary_world.NAME


def test_the_system_reads_every_child_whole(world):
    with reading_as(world.users["screener"]), as_the_system():
        person = Person.objects.get(pk=world.person.pk)
    assert not is_concealed(person) and person.first_name == canary_world.NAME


def test_a_list_read_as_a_user_outside_a_request_is_concealed_for_them(world):
    screener = world.users["screener"]
    rows = list(Contact.objects.read_as(screener).filter(person=world.person))
    assert rows and all(c.is_restricted_placeholder for c in rows)
    assert all(_markers(f"{c.first_name} {c.last_name} {c.address}") == [] for c in rows)
    # Loaded alongside, by select_related: concealed as well.
    rows = list(Allocation.objects.read_as(screener).select_related("person", "referral"))
    theirs = [a for a in rows if a.person_id == world.person.pk]
    assert theirs and all(a.person.first_name == "Restricted record" for a in theirs)


def test_every_list_conceals_exactly_the_rows_whose_child_is_hidden(world):
    """A list asks in its own statement which rows are about a hidden child: through the row's
    own column where it has one, through a subquery otherwise (records._hidden_expression,
    docs/adr/0038). For every model about a child, in a world where a restricted child has
    been through every stage, each row read as the screener is concealed exactly when its keys
    say it is about a child hidden from her, and a row about no child is shown."""
    screener = world.users["screener"]
    concealed = shown = 0
    for model in apps.get_models():
        if not issubclass(model, AboutAChild):
            continue
        with as_the_system():
            whole = {row.pk: row for row in model._default_manager.all()}
        with reading_as(screener) as reading:
            listed = list(model._default_manager.all())
            expected = {pk: is_hidden(row, reading) for pk, row in whole.items()}
        assert {row.pk for row in listed} == set(whole), model._meta.label
        for row in listed:
            assert is_concealed(row) == expected[row.pk], (model._meta.label, row.pk)
            concealed += expected[row.pk]
            shown += not expected[row.pk]
    # The world has both: rows about the restricted child in every stage, and other children.
    assert concealed > 20 and shown > 20


def test_a_break_glass_opens_the_casework_for_an_hour(world):
    from frontdoor.access import actions as access_actions

    worker = world.users["area_worker"]
    access_actions.break_glass(by=worker, person=world.person, reason="Police at the door now")
    allocation = Allocation.objects.filter(person=world.person).first()
    assert _as(worker).get(f"/visits/{allocation.pk}/").status_code == 200
    assert timezone.now()  # the hour itself is tested in test_restricted_records.py
