"""The service navigation: entries whose URLs exist, for the user's role, with one active."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from frontdoor.access.models import Role, User
from frontdoor.govuk.context_processors import service
from frontdoor.govuk.navigation import ENTRIES, service_nav

ENTRIES_FOR_TEST = [
    ("Screening", "contacts:screening-queue", None),
    ("New contact", "contacts:new", None),
    ("Missing", "does-not:exist", None),
    ("Managers only", "home", frozenset({Role.MANAGER})),
]


@pytest.fixture(autouse=True)
def urls(govuk_urls):
    return govuk_urls


def request_for(path, role=Role.SCREENER):
    request = RequestFactory().get(path)
    request.user = User(username="u", role=role) if role else AnonymousUser()
    return request


def test_entries_whose_url_does_not_exist_are_skipped():
    items = service_nav(request_for("/"), ENTRIES_FOR_TEST)
    assert [i["text"] for i in items] == ["Screening", "New contact"]


def test_entries_for_other_roles_are_skipped():
    items = service_nav(request_for("/", role=Role.MANAGER), ENTRIES_FOR_TEST)
    assert [i["text"] for i in items] == ["Screening", "New contact", "Managers only"]


def test_the_longest_matching_link_is_active():
    items = service_nav(request_for("/contacts/new/"), ENTRIES_FOR_TEST)
    assert [(i["text"], i["active"], i["current"]) for i in items] == [
        ("Screening", False, False),
        ("New contact", True, True),
    ]


def test_a_page_inside_a_section_makes_it_active_but_not_current():
    items = service_nav(request_for("/contacts/123/"), ENTRIES_FOR_TEST)
    assert (items[0]["text"], items[0]["active"], items[0]["current"]) == ("Screening", True, False)


def test_nobody_signed_in_no_navigation():
    assert service_nav(request_for("/", role=None), ENTRIES_FOR_TEST) == []


def test_every_entry_names_the_roles_that_see_it():
    # Deny by default applies to links too: no entry is shown to every role.
    assert all(roles for _, _, roles in ENTRIES)


def test_no_role_gets_more_than_seven_links():
    # Seven short links fit on one line at 1280 px beside the service name.
    roles = {role for _, _, entry_roles in ENTRIES for role in entry_roles or ()}
    for role in roles:
        assert sum(1 for _, _, r in ENTRIES if r and role in r) <= 7, role


def test_context_processor(settings):
    settings.FRONTDOOR_COUNCIL_NAME = "Mercia Borough Council"
    settings.FRONTDOOR_SERVICE_NAME = "Front door"
    context = service(request_for("/contacts/new/"))
    assert context["council_name"] == "Mercia Borough Council"
    assert context["service_name"] == "Front door"
    assert context["service_url"] == "/"
    assert [i["text"] for i in context["service_nav"]] == ["Screening", "New contact"]
