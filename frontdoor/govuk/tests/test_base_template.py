"""base.html: the GOV.UK page template for a council service (no crown, no GOV.UK logo)."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage.fallback import FallbackStorage
from django.template import engines
from django.test import RequestFactory

from frontdoor.access.models import Role, User

from .html import parse

PAGE = """{% extends "base.html" %}
{% block title %}Screening queue{% endblock %}
{% block before_content %}{% include "govuk/back_link.html" with href="/" %}{% endblock %}
{% block main_classes %}govuk-main-wrapper--l{% endblock %}
{% block content %}<h1 class="govuk-heading-l">Screening queue</h1>{% endblock %}"""


@pytest.fixture
def urls(govuk_urls):
    return govuk_urls


def render(request, source=PAGE, **context):
    return engines["django"].from_string(source).render(context, request)


def a_request(path="/contacts/", user=None):
    request = RequestFactory().get(path)
    request.user = user or AnonymousUser()
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def screener():
    return User(username="sam", first_name="Sam", last_name="Screener", role=Role.SCREENER)


def test_page_structure(urls):
    doc = parse(render(a_request()))
    html = doc.find("html")
    assert html.attrs["lang"] == "en"
    assert html.classes == {"govuk-template"}
    assert doc.find("body").classes == {"govuk-template__body"}
    assert doc.find("a", "govuk-skip-link").attrs["href"] == "#main-content"
    main = doc.find("main", id="main-content")
    assert main.classes == {"govuk-main-wrapper", "govuk-main-wrapper--l"}
    assert main.find("h1").text_content() == "Screening queue"
    assert doc.find("a", "govuk-back-link").text_content() == "Back"


def test_title_names_the_page_the_service_and_the_council(urls):
    doc = parse(render(a_request()))
    assert doc.find("title").text_content() == (
        "Screening queue – Children's front door – Wessex County Council"
    )


def test_title_says_error_when_the_form_has_errors(urls):
    from .test_error_summary import ChildForm

    doc = parse(render(a_request(), form=ChildForm(data={})))
    assert doc.find("title").text_content().startswith("Error: Screening queue – ")
    doc = parse(render(a_request(), form=ChildForm()))
    assert doc.find("title").text_content().startswith("Screening queue – ")
    doc = parse(render(a_request(), title_prefix="Error: "))
    assert doc.find("title").text_content().startswith("Error: Screening queue")


def test_header_shows_the_council_name_as_text_and_no_crown_or_logo(urls, settings):
    settings.FRONTDOOR_COUNCIL_NAME = "Mercia Borough Council"
    html = render(a_request())
    header = parse(html).find("header", "govuk-template__header")
    link = header.find("a", "govuk-generic-header__homepage-link")
    assert link.text_content() == "Mercia Borough Council"
    assert link.find_all() == []  # text only: no <svg>, no <img>
    assert header.find_all("svg") == []
    assert header.find_all("img") == []
    for forbidden in (
        "govuk-logo",
        "govuk-header__logotype",
        "crown",
        "crest",
        "GOV.UK",
        "licence",
    ):
        assert forbidden not in html, forbidden


def test_service_navigation_for_a_signed_in_user(urls):
    doc = parse(render(a_request("/contacts/new/", user=screener())))
    nav = doc.find("section", "govuk-service-navigation")
    assert nav.attrs["aria-label"] == "Service information"
    assert nav.attrs["data-module"] == "govuk-service-navigation"
    assert nav.find("span", "govuk-service-navigation__service-name").text_content() == (
        "Children's front door"
    )
    items = nav.find_all("li", "govuk-service-navigation__item")
    # Only the entries whose URLs exist (the test URLs have these two).
    assert [i.text_content() for i in items] == ["Screening", "New contact"]
    active = nav.find("li", "govuk-service-navigation__item--active")
    assert active.find("a").attrs["aria-current"] == "page"
    assert (
        active.find("strong", "govuk-service-navigation__active-fallback").text_content()
        == "New contact"
    )
    assert "aria-current" not in items[0].find("a").attrs
    assert (
        nav.find("button", "govuk-service-navigation__toggle").attrs["aria-controls"]
        == "navigation"
    )


def test_signed_in_user_name_and_sign_out_button(urls):
    doc = parse(render(a_request(user=screener())))
    account = doc.find("div", "frontdoor-account")
    assert account.find("span", "frontdoor-account__name").text_content() == "Sam Screener"
    form = account.find("form")
    assert form.attrs["method"] == "post"
    assert form.attrs["action"] == "/access/sign-out/"
    assert form.find("input", type="hidden", name="csrfmiddlewaretoken")
    assert form.find("button", type="submit").text_content() == "Sign out"


def test_an_anonymous_user_gets_no_navigation_and_no_sign_out(urls):
    doc = parse(render(a_request()))
    assert doc.find_all("div", "frontdoor-account") == []
    assert doc.find_all("nav", "govuk-service-navigation__wrapper") == []
    assert doc.find("span", "govuk-service-navigation__service-name")


def test_the_page_renders_before_the_sign_out_url_exists(settings):
    settings.ROOT_URLCONF = "frontdoor.govuk.tests.urls_minimal"
    doc = parse(render(a_request(user=screener())))
    assert doc.find("span", "frontdoor-account__name").text_content() == "Sam Screener"
    assert doc.find_all("form") == []


def test_messages_are_notification_banners(urls):
    from django.contrib import messages

    request = a_request(user=screener())
    messages.success(request, "Contact sent to the hub")
    messages.info(request, "Maintenance on <Saturday>")
    doc = parse(render(request))
    success, info = doc.find_all("div", "govuk-notification-banner")
    assert "govuk-notification-banner--success" in success.classes
    assert success.attrs["role"] == "alert"
    assert success.attrs["data-module"] == "govuk-notification-banner"
    title = success.find("h2", "govuk-notification-banner__title")
    assert success.attrs["aria-labelledby"] == title.attrs["id"]
    assert title.text_content() == "Success"
    assert (
        success.find("p", "govuk-notification-banner__heading").text_content()
        == "Contact sent to the hub"
    )
    assert info.attrs["role"] == "region"
    assert info.find("h2").attrs["id"] != title.attrs["id"]


def test_message_text_is_escaped(urls):
    from django.contrib import messages

    request = a_request()
    messages.success(request, "<script>alert(1)</script>")
    html = render(request)
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


def test_footer_has_the_council_and_no_crown_or_licence(urls):
    footer = parse(render(a_request())).find("footer", "govuk-template__footer")
    assert "Wessex County Council" in footer.text_content()
    assert "Crown" not in footer.text_content()
    assert footer.find_all("svg") == []
    assert footer.find_all("a", "govuk-footer__copyright-logo") == []


def test_scripts_are_files_with_the_nonce_and_there_is_no_inline_script(urls):
    request = a_request()
    request.csp_nonce = "abc123"
    doc = parse(render(request, CSP_NONCE="abc123"))
    scripts = doc.find_all("script")
    assert [s.attrs["src"] for s in scripts] == [
        "/static/frontdoor/js-enabled.js",
        "/static/frontdoor/init.js",
    ]
    assert all(s.attrs.get("nonce") == "abc123" for s in scripts)
    assert scripts[1].attrs["type"] == "module"
    assert all(s.text_content() == "" for s in scripts)
    assert not re.search(r"\sstyle=", render(request))


def test_full_response_has_a_csp_nonce_matching_the_scripts(urls, client):
    response = client.get("/form/")
    assert response.status_code == 200
    header = response.headers["Content-Security-Policy"]
    nonce = re.search(r"'nonce-([^']+)'", header)[1]
    scripts = parse(response.content.decode()).find_all("script")
    assert len(scripts) == 2
    assert all(s.attrs["nonce"] == nonce for s in scripts)
