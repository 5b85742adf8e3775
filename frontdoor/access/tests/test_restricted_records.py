"""Restricted records: an allow-list with grants that expire, placeholders in search and queues,
and break-glass with step-up, a reason, a high-severity event and word to the governance lead
(../shared/SECURITY.md, 4)."""

from __future__ import annotations

import re
import time
import uuid
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from frontdoor.access import actions
from frontdoor.access.models import BreakGlass, Role
from frontdoor.access.queries import RESTRICTED_PLACEHOLDER, may_open
from frontdoor.access.tests.service_accounts import token_for
from frontdoor.audit.models import Event, RecordView, Severity
from frontdoor.contacts.tests import factories as f

from .signing_in import PASSWORD, code_for, sign_in

pytestmark = pytest.mark.django_db

NAME = "Quillon"  # an unusual surname, so a leak is easy to spot


@pytest.fixture
def ig_lead(make_user):
    return make_user("iris", Role.IG_LEAD, email="iris.ig@wessex.example")


@pytest.fixture
def restricted(screener, contact_officer, ig_lead):
    """A family contact about a staff member's child, linked to the child's restricted record,
    waiting in the screening queue."""
    family = f.received(contact_officer, children=[f.child("Zara", NAME)])
    f.linked(screener, family)
    contact = f.only_child(family)
    actions.restrict_person(by=ig_lead, person=contact.person, reason="Child of a staff member")
    return contact


def test_screener_sees_a_placeholder_in_the_queue(client, screener, restricted):
    client.force_login(screener)
    page = client.get("/contacts/queues/screening/").content.decode()
    assert RESTRICTED_PLACEHOLDER in page
    assert NAME not in page and "Zara" not in page


def test_screener_sees_a_placeholder_in_the_queue_over_the_api(client, screener, restricted):
    token = token_for(screener, name="test")
    response = client.get(
        "/api/contacts/queues/screening", headers={"Authorization": f"Bearer {token}"}
    )
    assert response.status_code == 200
    assert NAME not in response.content.decode()
    assert RESTRICTED_PLACEHOLDER in response.content.decode()


def test_screener_sees_a_placeholder_in_search(client, screener, restricted):
    client.force_login(screener)
    # Person search is posted (frontdoor/matching); the surname is misspelt so that the search
    # form, which shows what was typed, does not itself put NAME on the page.
    searched = client.post("/children/search/", {"first_name": "Zara", "last_name": "Quilon"})
    page = client.get(searched["Location"]).content.decode()
    assert RESTRICTED_PLACEHOLDER in page
    assert NAME not in page and "27 Mar 2019" not in page and "WX1 2AB" not in page


def test_screener_cannot_open_the_record_and_it_looks_like_no_record(client, screener, restricted):
    client.force_login(screener)
    response = client.get(f"/children/{restricted.person_id}/")
    absent = client.get(f"/children/{uuid.uuid4()}/")
    assert response.status_code == absent.status_code == 404
    page = response.content.decode()
    assert NAME not in page
    assert _without_ids(page) == _without_ids(absent.content.decode())
    assert not RecordView.objects.filter(person_id=restricted.person_id).exists()


def _without_ids(page: str) -> str:
    """A page with its nonce, CSRF token, request ids and the session's seconds left (which tick
    between two requests on a busy machine) taken out, to compare two answers."""
    return re.sub(r'(nonce|value|content|data-seconds-left)="[^"]*"', "", page)


def test_screener_is_offered_break_glass_from_the_search_placeholder(client, screener, restricted):
    client.force_login(screener)
    searched = client.post("/children/search/", {"first_name": "Zara", "last_name": "Quilon"})
    page = client.get(searched["Location"]).content.decode()
    assert f"/restricted/{restricted.person_id}/break-glass/" in page


def test_screener_cannot_open_the_contact_about_a_restricted_child(client, screener, restricted):
    client.force_login(screener)
    assert client.get(f"/contacts/{restricted.family_id}/").status_code == 404
    assert client.get(f"/contacts/child/{restricted.pk}/screening/").status_code == 404


def test_contact_officer_is_not_offered_break_glass(client, contact_officer, restricted):
    client.force_login(contact_officer)
    response = client.get(f"/contacts/{restricted.family_id}/")
    assert response.status_code == 404
    assert "break-glass" not in response.content.decode()


def test_break_glass_for_an_id_that_is_no_record_looks_the_same_until_the_reason(
    client, screener, restricted
):
    client.force_login(screener)
    session = client.session
    session["frontdoor_stepped_up_at"] = int(time.time())
    session.save()
    real = client.get(f"/restricted/{restricted.person_id}/break-glass/")
    made_up = client.get(f"/restricted/{uuid.uuid4()}/break-glass/")
    assert real.status_code == made_up.status_code == 200
    assert _without_ids(real.content.decode()) == _without_ids(made_up.content.decode())
    response = client.post(
        f"/restricted/{uuid.uuid4()}/break-glass/", {"reason": "Trying ids to see what opens"}
    )
    assert response.status_code == 404
    event = Event.objects.get(verb="break_glass_found_nothing")
    assert event.severity == Severity.HIGH and event.actor == screener


def test_manager_on_the_allow_list_can_open_it_until_the_grant_expires(
    client, manager, ig_lead, restricted
):
    actions.grant_access(
        by=ig_lead,
        person=restricted.person,
        user=manager,
        expires_at=timezone.now() + timedelta(days=7),
        reason="Deciding on the open contact",
    )
    client.force_login(manager)
    page = client.get(f"/children/{restricted.person_id}/").content.decode()
    assert NAME in page
    with time_machine.travel(timezone.now() + timedelta(days=8)):
        assert not may_open(manager, restricted.person)


def test_a_revoked_grant_stops_at_once(manager, ig_lead, restricted):
    grant = actions.grant_access(
        by=ig_lead,
        person=restricted.person,
        user=manager,
        expires_at=timezone.now() + timedelta(days=7),
        reason="Deciding on the open contact",
    )
    assert may_open(manager, restricted.person)
    actions.revoke_grant(by=ig_lead, grant=grant)
    assert not may_open(manager, restricted.person)


def test_grants_must_end_within_a_year(manager, ig_lead, restricted):
    with pytest.raises(ValueError):
        actions.grant_access(
            by=ig_lead,
            person=restricted.person,
            user=manager,
            expires_at=timezone.now() + timedelta(days=400),
            reason="For ever and a day",
        )


def test_only_the_governance_lead_may_restrict_or_grant(screener, restricted):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        actions.restrict_person(by=screener, person=restricted.person, reason="I think so too")


def test_a_restricted_relative_is_a_placeholder_on_a_brothers_record(
    client, screener, contact_officer, ig_lead
):
    family = f.received(
        contact_officer, children=[f.child("Zara", NAME), f.child("Tom", "Quillon-Brown")]
    )
    f.linked(screener, family)
    zara, tom = family.contacts.order_by("position")
    actions.restrict_person(by=ig_lead, person=zara.person, reason="Child of a staff member")
    client.force_login(screener)
    page = client.get(f"/children/{tom.person_id}/").content.decode()
    assert "Zara" not in page
    assert RESTRICTED_PLACEHOLDER in page


def test_break_glass_needs_step_up_then_a_reason(
    client, screener, ig_lead, restricted, django_capture_on_commit_callbacks
):
    sign_in(client, screener)
    # Signing in counts as a fresh check for five minutes; after that, step-up again.
    with time_machine.travel(timezone.now() + timedelta(minutes=6), tick=False):
        url = f"/restricted/{restricted.person_id}/break-glass/"
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(
            "/confirm-it-is-you/"
        )
        refused = client.post(
            response["Location"], {"password": "wrong password!", "code": code_for(screener)}
        )
        assert refused.status_code == 400
        response = client.post(
            response["Location"], {"password": PASSWORD, "code": code_for(screener)}
        )
        assert response["Location"] == url
        assert client.post(url, {"reason": "no"}).status_code == 400
        assert not BreakGlass.objects.exists()
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                url, {"reason": "Police at the door tonight; need history to decide"}
            )
        assert response["Location"] == f"/children/{restricted.person_id}/"
        assert NAME in client.get(response["Location"]).content.decode()
    event = Event.objects.get(verb="restricted_record_opened")
    assert event.severity == Severity.HIGH
    assert event.actor == screener and event.person_id == restricted.person_id
    assert "Police at the door" in event.reason
    [email] = mail.outbox
    assert email.to == ["iris.ig@wessex.example"]
    opened = BreakGlass.objects.get()
    assert f"/governance/break-glass/{opened.pk}/" in email.body
    # No personal data in the email: not the child, not the reason, not who.
    for text in (NAME, "Zara", "Police at the door", "Alice", "alice"):
        assert text not in email.body and text not in email.subject


def test_break_glass_lasts_an_hour(screener, restricted):
    actions.break_glass(by=screener, person=restricted.person, reason="Emergency at the door")
    assert may_open(screener, restricted.person)
    with time_machine.travel(timezone.now() + timedelta(minutes=61)):
        assert not may_open(screener, restricted.person)


def test_break_glass_is_refused_to_roles_without_case_access(contact_officer, restricted):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        actions.break_glass(
            by=contact_officer, person=restricted.person, reason="Just curious about it"
        )


def test_a_break_glass_notice_with_no_recipient_is_logged_and_recorded_not_dropped(
    screener, make_user, contact_officer, settings, caplog, django_capture_on_commit_callbacks
):
    settings.FRONTDOOR_IG_LEAD_EMAILS = []
    iris = make_user("iris", Role.IG_LEAD)  # no email address
    person = f.person("Zara", NAME)
    actions.restrict_person(by=iris, person=person, reason="Child of a staff member")
    with django_capture_on_commit_callbacks(execute=True):
        opened = actions.break_glass(by=screener, person=person, reason="Emergency at the door")
    assert mail.outbox == []
    [error] = [r for r in caplog.records if r.levelname == "ERROR" and "NOT sent" in r.message]
    assert str(opened.pk) in error.message and "FRONTDOOR_IG_LEAD_EMAILS" in error.message
    assert NAME not in error.message
    event = Event.objects.get(verb="break_glass_notice_not_sent")
    assert event.data == {"break_glass": str(opened.pk), "sent_to": 0, "failure": "no_recipient"}
    assert event.severity == Severity.HIGH and event.person is None


def test_a_break_glass_notice_whose_email_fails_is_logged_and_recorded(
    screener, restricted, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    def refuse(**kwargs):
        raise ConnectionRefusedError("the mail server is down")

    monkeypatch.setattr("frontdoor.notices.notice.send_mail", refuse)
    with django_capture_on_commit_callbacks(execute=True):
        opened = actions.break_glass(
            by=screener, person=restricted.person, reason="Emergency at the door"
        )
    assert any(
        r.levelname == "ERROR" and f"Break-glass {opened.pk}: notice NOT sent" in r.message
        for r in caplog.records
    )
    event = Event.objects.get(verb="break_glass_notice_not_sent")
    assert event.data["failure"] == "email_failed"
    # The emergency access itself stands.
    assert may_open(screener, restricted.person)


def test_a_break_glass_notice_that_is_sent_is_recorded(
    screener, restricted, settings, django_capture_on_commit_callbacks
):
    settings.FRONTDOOR_IG_LEAD_EMAILS = []  # only Iris, the governance lead, has an address
    with django_capture_on_commit_callbacks(execute=True):
        opened = actions.break_glass(
            by=screener, person=restricted.person, reason="Emergency at the door"
        )
    assert len(mail.outbox) == 1
    event = Event.objects.get(verb="break_glass_notice_sent")
    assert event.data == {"break_glass": str(opened.pk), "sent_to": 1, "failure": ""}
