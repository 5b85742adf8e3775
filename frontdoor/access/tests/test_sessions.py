"""Sessions: 30 minutes idle, 12 hours in all, a new id at each step of signing in, sign-out on
the server, typed work kept across a timeout, and revocation at once
(../shared/SECURITY.md, 8 and 17)."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.test import Client
from django.utils import timezone

from frontdoor.access.models import KeptAnswers, Role
from frontdoor.access.tests.service_accounts import token_for
from frontdoor.contacts.tests import factories as f

from .signing_in import PASSWORD, code_for, give_app, sign_in

pytestmark = pytest.mark.django_db

COOKIE = settings.SESSION_COOKIE_NAME


def test_session_id_changes_at_the_password_and_again_at_the_code(client, screener):
    give_app(screener)
    client.get("/sign-in/")
    client.cookies[COOKIE] = "x" * 32  # a fixated id planted before sign-in
    client.post("/sign-in/", {"username": "alice", "password": PASSWORD})
    after_password = client.cookies[COOKIE].value
    assert after_password != "x" * 32
    client.post("/sign-in/code/", {"code": code_for(screener)})
    assert client.cookies[COOKIE].value != after_password


def test_sign_out_ends_the_session_on_the_server(client, screener):
    sign_in(client, screener)
    stolen = client.cookies[COOKIE].value
    client.post("/sign-out/")
    thief = Client()
    thief.cookies[COOKIE] = stolen
    response = thief.get("/contacts/queues/screening/")
    assert response.status_code == 302 and response["Location"].startswith("/sign-in/")


def test_sign_out_is_refused_by_get(client, screener):
    sign_in(client, screener)
    assert client.get("/sign-out/").status_code == 405
    assert client.get("/contacts/queues/screening/").status_code == 200


def test_screener_is_signed_out_after_30_minutes_idle(client, screener):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        sign_in(client, screener)
        clock.shift(timedelta(minutes=29))
        assert client.get("/contacts/queues/screening/").status_code == 200
        clock.shift(timedelta(minutes=31))
        response = client.get("/contacts/queues/screening/")
    assert response.status_code == 302 and response["Location"].startswith("/sign-in/")


def test_screener_is_signed_out_after_12_hours_however_busy(client, screener):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        sign_in(client, screener)
        for _ in range(12 * 3 + 1):
            clock.shift(timedelta(minutes=20))
            last = client.get("/contacts/queues/screening/")
    assert last.status_code == 302 and last["Location"].startswith("/sign-in/")


def test_staying_signed_in_counts_as_activity(client, screener):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        sign_in(client, screener)
        clock.shift(timedelta(minutes=25))
        response = client.post("/session/keep/", HTTP_X_REQUESTED_WITH="fetch")
        assert response.status_code == 204
        clock.shift(timedelta(minutes=25))
        assert client.get("/contacts/queues/screening/").status_code == 200


def test_the_idle_warning_is_on_every_signed_in_page(client, screener):
    sign_in(client, screener)
    page = client.get("/contacts/queues/screening/").content.decode()
    assert 'id="frontdoor-session-warning"' in page
    assert "access/session-warning.js" in page
    assert "<noscript>" in page


def _screening_answers(contact) -> dict[str, str]:
    return {
        "version": str(contact.version),
        "rag": "red",
        "level_of_need": "4",
        "summary": "Long summary typed over twenty minutes about the bruise and the home.",
        "recommendation": "Child protection hub today",
    }


def test_screening_typed_when_the_session_timed_out_is_kept_and_given_back(
    client, screener, contact_officer
):
    family = f.linked(screener, f.received(contact_officer))
    contact = f.only_child(family)
    url = f"/contacts/child/{contact.pk}/screening/"
    with time_machine.travel(timezone.now(), tick=False) as clock:
        sign_in(client, screener)
        client.get(url)
        clock.shift(timedelta(minutes=45))
        response = client.post(url, _screening_answers(contact))
        assert response.status_code == 302 and response["Location"].startswith("/sign-in/")
        assert KeptAnswers.objects.filter(user=screener, path=url).count() == 1
        clock.shift(timedelta(minutes=1))
        sign_in(client, screener, next_url=url)
        page = client.get(url).content.decode()
    assert "Long summary typed over twenty minutes" in page
    assert "We kept what you typed" in page
    contact.refresh_from_db()
    assert contact.screening_summary == ""  # nothing was saved for them
    # Given back once: a second visit shows the stored (empty) form.
    assert "Long summary typed" not in client.get(url).content.decode()


def test_answers_are_not_kept_from_a_forged_cross_site_post(screener, contact_officer):
    family = f.linked(screener, f.received(contact_officer))
    contact = f.only_child(family)
    url = f"/contacts/child/{contact.pk}/screening/"
    client = Client(enforce_csrf_checks=True)
    with time_machine.travel(timezone.now(), tick=False) as clock:
        client.get("/sign-in/")
        token = client.cookies["csrftoken"].value
        give_app(screener)
        client.post(
            "/sign-in/", {"username": "alice", "password": PASSWORD, "csrfmiddlewaretoken": token}
        )
        token = client.cookies["csrftoken"].value  # rotated at sign-in
        client.post("/sign-in/code/", {"code": code_for(screener), "csrfmiddlewaretoken": token})
        assert client.get("/contacts/queues/screening/").status_code == 200
        clock.shift(timedelta(minutes=45))
        client.post(url, _screening_answers(contact))  # no CSRF token: forged
    assert not KeptAnswers.objects.exists()


def test_someone_else_signing_in_does_not_get_the_kept_answers(
    client, screener, manager, contact_officer
):
    family = f.linked(screener, f.received(contact_officer))
    contact = f.only_child(family)
    url = f"/contacts/child/{contact.pk}/screening/"
    with time_machine.travel(timezone.now(), tick=False) as clock:
        sign_in(client, screener)
        clock.shift(timedelta(minutes=45))
        client.post(url, _screening_answers(contact))
        clock.shift(timedelta(minutes=1))
        sign_in(client, manager, next_url=url)
        page = client.get(url).content.decode()
    assert "Long summary typed" not in page


# --- Revocation at once --------------------------------------------------------------------------


def test_disabled_user_is_refused_on_their_next_request(client, screener):
    sign_in(client, screener)
    screener.is_active = False
    screener.save(update_fields=["is_active"])
    response = client.get("/contacts/queues/screening/")
    assert response.status_code == 302 and response["Location"].startswith("/sign-in/")


def test_disabled_user_api_token_is_refused_at_once(client, screener):
    token = token_for(screener, name="test")
    headers = {"Authorization": f"Bearer {token}"}
    assert client.get("/api/contacts/queues/", headers=headers).status_code == 200
    screener.is_active = False
    screener.save(update_fields=["is_active"])
    assert client.get("/api/contacts/queues/", headers=headers).status_code == 401


def test_user_moved_out_of_the_mash_loses_access_at_once(client, screener):
    sign_in(client, screener)
    token = token_for(screener, name="test")
    screener.role = Role.AREA_WORKER
    screener.save(update_fields=["role"])
    assert client.get("/contacts/queues/screening/").status_code == 403
    headers = {"Authorization": f"Bearer {token}"}
    assert client.get("/api/contacts/queues/", headers=headers).status_code == 403


def test_hub_worker_moved_to_another_hub_sees_their_new_hub_at_once(
    client, hub_worker, child_protection_hub
):
    from frontdoor.teams.models import Team

    sign_in(client, hub_worker)
    assert client.get("/")["Location"] == f"/contacts/queues/{child_protection_hub.slug}/"
    other = Team.objects.filter(kind="hub").exclude(pk=child_protection_hub.pk).first()
    hub_worker.team = other
    hub_worker.save(update_fields=["team"])
    assert client.get("/")["Location"] == f"/contacts/queues/{other.slug}/"
