"""The practice pages over HTTP: who reaches them, validation, and where they go back to."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from django.urls import reverse

from frontdoor.access import actions as access_actions
from frontdoor.access.models import Role
from frontdoor.practice.models import Entry, ScaleReading

from .factories import add, open_contact

pytestmark = pytest.mark.django_db


def extend_url(person, stage="screening", next_url=""):
    url = reverse("practice:extend", args=[person.pk]) + f"?stage={stage}"
    return url + (f"&next={quote(next_url, safe='')}" if next_url else "")


def test_screener_can_add_worries_and_a_scale_and_go_back_to_screening(client, screener):
    contact = open_contact(screener)
    back = reverse("contacts:screen", args=[contact.pk])
    client.force_login(screener)
    page = client.get(extend_url(contact.person, next_url=back))
    assert page.status_code == 200
    assert "Add a worry" in page.content.decode()
    response = client.post(
        extend_url(contact.person, next_url=back),
        {"worries": "Bruise on arm", "working_well": "Attends school", "score": "4"},
    )
    assert response.status_code == 302 and response["Location"] == back
    assert sorted(Entry.objects.values_list("section", "stage")) == [
        ("working_well", "screening"),
        ("worries", "screening"),
    ]
    assert ScaleReading.objects.get().score == 4


@pytest.mark.parametrize(
    "hostile", ["https://evil.example/", "//evil.example/", "/\\evil.example", "javascript:x"]
)
def test_screener_is_never_sent_off_the_site_after_adding(client, screener, hostile):
    contact = open_contact(screener)
    client.force_login(screener)
    response = client.post(
        extend_url(contact.person, next_url=hostile), {"needs_to_happen": "Medical"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("practice:analysis", args=[contact.person.pk])


def test_screener_is_told_to_enter_something(client, screener):
    contact = open_contact(screener)
    client.force_login(screener)
    response = client.post(extend_url(contact.person), {"score_reason": "Because"})
    body = response.content.decode()
    assert response.status_code == 400
    assert "Select a number from 0 to 10 for the reason you gave" in body
    assert not Entry.objects.exists()
    empty = client.post(extend_url(contact.person), {"worries": "  "})
    assert empty.status_code == 400
    assert "Enter a worry, something working well or something that needs to happen" in (
        empty.content.decode()
    )
    assert not Entry.objects.exists()


def test_screener_is_told_there_is_no_open_contact(client, screener):
    from frontdoor.contacts.tests import factories as f

    person = f.person("Nobody", "Contacted")
    client.force_login(screener)
    response = client.post(extend_url(person), {"worries": "A worry"})
    assert response.status_code == 400
    assert "There is no open contact for this child" in response.content.decode()


def test_an_unknown_stage_is_not_found(client, screener):
    contact = open_contact(screener)
    client.force_login(screener)
    assert client.get(extend_url(contact.person, stage="anything")).status_code == 404


@pytest.mark.parametrize("who", ["police_partner", "auditor", "contact_officer"])
def test_others_cannot_open_or_extend_the_analysis(client, request, screener, who):
    contact = open_contact(screener)
    add(screener, contact.person, worries="Secret worry")
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("practice:analysis", args=[contact.person.pk])).status_code == 404
    assert client.post(extend_url(contact.person), {"worries": "x"}).status_code == 404
    entry = Entry.objects.get()
    assert client.get(reverse("practice:withdraw", args=[entry.pk])).status_code == 404
    assert Entry.objects.count() == 1


def test_screener_cannot_open_a_restricted_childs_analysis(client, screener, make_user):
    contact = open_contact(screener)
    add(screener, contact.person, worries="Secret worry")
    iris = make_user("iris", Role.IG_LEAD)
    access_actions.restrict_person(by=iris, person=contact.person, reason="Staff member's child")
    client.force_login(screener)
    response = client.get(reverse("practice:analysis", args=[contact.person.pk]))
    assert response.status_code == 404
    assert "Secret worry" not in response.content.decode()
    assert client.post(extend_url(contact.person), {"worries": "x"}).status_code == 404


def test_hub_worker_can_mark_an_entry_no_longer_applying(client, screener, hub_worker):
    contact = open_contact(screener)
    add(screener, contact.person, worries="Father at home")
    entry = Entry.objects.get()
    url = reverse("practice:withdraw", args=[entry.pk])
    client.force_login(hub_worker)
    assert client.get(url).status_code == 200
    refused = client.post(url, {"reason": ""})
    assert refused.status_code == 400
    assert "Enter why this no longer applies" in refused.content.decode()
    done = client.post(url + "?next=https://evil.example/", {"reason": "Father moved out"})
    assert done["Location"] == reverse("practice:analysis", args=[contact.person.pk])
    page = client.get(done["Location"]).content.decode()
    assert "No longer applies" in page and "Father moved out" in page and "Father at home" in page


def test_the_analysis_page_shows_the_previous_episode_read_only(client, screener, manager):
    from .factories import decide

    contact = open_contact(screener)
    add(screener, contact.person, worries="Old worry")
    decide(manager, contact)
    client.force_login(screener)
    body = client.get(reverse("practice:analysis", args=[contact.person.pk])).content.decode()
    assert "Previous analysis (closed" in body and "Old worry" in body
    assert "Mark as no longer applying" not in body
    assert reverse("practice:extend", args=[contact.person.pk]) not in body
