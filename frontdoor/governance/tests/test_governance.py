"""The information governance pages: who viewed this child, everything this user viewed or
exported, and exports that are controlled, audited and injection-safe
(../shared/SECURITY.md, 11-13)."""

from __future__ import annotations

import io
import re
import time
import uuid
from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from frontdoor.access import actions as access_actions
from frontdoor.access.models import Role
from frontdoor.audit.actions import record_view
from frontdoor.audit.models import Event, Severity, ViewKind
from frontdoor.contacts.tests import factories as f
from frontdoor.exports.spreadsheet import MARKING, safe_cell
from frontdoor.timescales.templatetags.clocks import local_datetime

pytestmark = pytest.mark.django_db


@pytest.fixture
def ig_lead(make_user):
    return make_user("iris", Role.IG_LEAD)


def _dates(days_back: int = 7) -> dict[str, str]:
    today = timezone.localdate()
    start = today - timedelta(days=days_back)
    return {
        "date_from_day": str(start.day),
        "date_from_month": str(start.month),
        "date_from_year": str(start.year),
        "date_to_day": str(today.day),
        "date_to_month": str(today.month),
        "date_to_year": str(today.year),
    }


def _stepped_up(client) -> None:
    session = client.session
    session["frontdoor_stepped_up_at"] = int(time.time())
    session.save()


HREF = re.compile(r'(?:href|action)="([^"]*)"')


def _choose(client, name: str, **dates: str) -> str:
    """Search by name (posted), and return the link to the one child found."""
    response = client.post("/governance/child-views/", {"name": name, **(dates or _dates())})
    assert response.status_code == 200
    [link] = re.findall(r'href="(/governance/child-views/[0-9a-f-]{36}/\?[^"]*)"', _page(response))
    return link.replace("&amp;", "&")


def _page(response) -> str:
    return response.content.decode()


def test_ig_lead_can_see_who_viewed_a_child_between_two_dates(
    client, ig_lead, screener, police_partner
):
    amy = f.person("Amy", "Ledger")
    record_view(user=screener, kind=ViewKind.CHILD_RECORD, person=amy)
    record_view(user=police_partner, kind=ViewKind.API, person=amy)
    client.force_login(ig_lead)
    link = _choose(client, "Amy Led")
    assert link.startswith(f"/governance/child-views/{amy.pk}/?")
    page = _page(client.get(link))
    assert "Amy Ledger, born 27 Mar 2019" in page
    assert "2 entries" in page
    assert "(alice)" in page and "(priya)" in page and "Wessex Police" in page


def test_no_childs_name_or_date_of_birth_is_ever_in_a_url(client, ig_lead, screener):
    amy = f.person("Amy", "Ledger")
    record_view(user=screener, person=amy)
    client.force_login(ig_lead)
    search = client.get("/governance/child-views/")
    assert '<form method="post"' in _page(search) and "csrfmiddlewaretoken" in _page(search)
    link = _choose(client, "Amy Ledger")
    result = client.get(link)
    # Every URL the pages send the browser to, including the export and the link back.
    urls = [link] + HREF.findall(_page(result))
    assert any("/governance/export/?" in u for u in urls)
    for url in urls:
        for personal in ["Amy", "Ledger", "2019", "27 Mar", "name="]:
            assert personal.lower() not in url.lower(), url


def test_a_get_with_a_name_in_the_query_string_does_not_search_by_name(client, ig_lead):
    f.person("Amy", "Ledger")
    client.force_login(ig_lead)
    response = client.get("/governance/child-views/", {"name": "Amy", **_dates()})
    assert response.status_code == 200
    page = _page(response)
    assert "Choose the child" not in page and "Ledger" not in page
    assert 'value="Amy"' not in page  # not even echoed back into the form


def test_the_search_by_name_needs_a_name_and_a_csrf_token(ig_lead):
    client = Client(enforce_csrf_checks=True)
    client.force_login(ig_lead)
    refused = client.post("/governance/child-views/", {"name": "Amy", **_dates()})
    assert refused.status_code == 403
    client = Client()
    client.force_login(ig_lead)
    response = client.post("/governance/child-views/", _dates())
    assert response.status_code == 400
    assert "Enter the child&#x27;s name" in _page(response)


def test_views_outside_the_dates_are_not_listed(client, ig_lead, screener):
    amy = f.person("Amy", "Ledger")
    record_view(user=screener, person=amy)
    client.force_login(ig_lead)
    today = timezone.localdate()
    old = today - timedelta(days=30)
    page = _page(
        client.get(
            f"/governance/child-views/{amy.pk}/",
            {
                "date_from_day": "1",
                "date_from_month": str(old.month),
                "date_from_year": str(old.year),
                "date_to_day": str(old.day),
                "date_to_month": str(old.month),
                "date_to_year": str(old.year),
            },
        )
    )
    assert "0 entries" in page


def test_a_childs_page_asks_for_the_dates_and_checks_them(client, ig_lead):
    amy = f.person("Amy", "Ledger")
    client.force_login(ig_lead)
    page = client.get(f"/governance/child-views/{amy.pk}/")
    assert page.status_code == 200 and "Show who viewed it" in _page(page)
    assert "entries" not in _page(page)
    dates = _dates()
    dates["date_to_year"] = str(int(dates["date_to_year"]) - 1)
    response = client.get(f"/governance/child-views/{amy.pk}/", dates)
    assert response.status_code == 400
    assert "The to date must be the same as or after the from date" in _page(response)


def test_a_child_that_does_not_exist_is_a_404(client, ig_lead):
    client.force_login(ig_lead)
    assert client.get(f"/governance/child-views/{uuid.uuid4()}/").status_code == 404


def test_ig_lead_can_see_everything_a_user_viewed_or_exported(client, ig_lead, screener):
    amy = f.person("Amy", "Ledger")
    record_view(user=screener, person=amy)
    client.force_login(ig_lead)
    page = client.get("/governance/user-activity/", {"user": "alice", **_dates()}).content.decode()
    assert "Amy Ledger" in page and "1 entry" in page


def test_the_dates_must_be_in_order(client, ig_lead):
    client.force_login(ig_lead)
    dates = _dates()
    dates["date_from_year"], dates["date_to_year"] = (
        dates["date_to_year"],
        str(int(dates["date_to_year"]) - 1),
    )
    response = client.get("/governance/user-activity/", {"user": "iris", **dates})
    assert response.status_code == 400


@pytest.mark.parametrize("role", [Role.MANAGER, Role.AUDITOR, Role.ADMIN, Role.SCREENER])
def test_other_roles_cannot_question_the_audit_trail(client, make_user, role):
    amy = f.person("Amy", "Ledger")
    client.force_login(make_user("someone", role))
    assert client.get("/governance/child-views/").status_code == 403
    assert client.post("/governance/child-views/", {"name": "Amy", **_dates()}).status_code == 403
    assert client.get(f"/governance/child-views/{amy.pk}/", _dates()).status_code == 403
    assert client.get("/governance/user-activity/").status_code == 403


def _export(client, user="alice", **data):
    today = timezone.localdate()
    return client.post(
        f"/governance/export/?report=user-activity&user={user}"
        f"&from={today - timedelta(days=1)}&to={today}",
        data,
    )


def test_an_export_needs_step_up_then_a_reason(client, ig_lead, screener):
    client.force_login(ig_lead)
    response = _export(client, reason="SAR-2026-014 for the family")
    assert response.status_code == 302 and response["Location"].startswith("/confirm-it-is-you/")
    _stepped_up(client)
    assert _export(client, reason="").status_code == 400
    assert not Event.objects.filter(verb="audit_exported").exists()


def test_an_export_is_marked_audited_and_escapes_formulas(client, ig_lead, make_user):
    sneaky = make_user("sneaky", Role.SCREENER)
    sneaky.first_name = '=HYPERLINK("http://x")'
    sneaky.save(update_fields=["first_name"])
    amy = f.person("+Amy", "@Ledger\x07")
    record_view(user=sneaky, person=amy, path="/children/\x0b=1+2/")
    client.force_login(ig_lead)
    _stepped_up(client)
    response = _export(client, user="sneaky", reason="SAR-2026-014 for the family")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert response["Cache-Control"] == "no-store"
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["A1"].value == MARKING
    assert MARKING in sheet.oddHeader.center.text and MARKING in sheet.oddFooter.center.text
    values = [c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    assert all(not v.startswith(("=", "+", "-", "@")) for v in values)
    assert '\'=HYPERLINK("http://x") Tester' in values
    assert "'+Amy @Ledger" in values  # the bell character stripped
    event = Event.objects.get(verb="audit_exported")
    assert event.actor == ig_lead and event.severity == Severity.HIGH
    assert event.reason == "SAR-2026-014 for the family"
    # The export is itself visible as "exported" in the exporter's activity.
    page = client.get("/governance/user-activity/", {"user": "iris", **_dates()}).content.decode()
    assert "Exported the audit trail" in page


def test_other_roles_cannot_export(client, manager):
    client.force_login(manager)
    _stepped_up(client)
    assert _export(client, reason="Curious about it all").status_code == 403


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("=1+1", "'=1+1"),
        ("+44 7700", "'+44 7700"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tTab", "'\tTab"),
        ("\rCR", "'\rCR"),
        ("\nLF", "'\nLF"),
        ("\x00=nul", "'=nul"),
        ("plain", "plain"),
        ("bell\x07inside", "bellinside"),
        (None, ""),
        (3, 3),
    ],
)
def test_a_cell_is_safe(value, written):
    assert safe_cell(value) == written


def test_the_break_glass_log_shows_who_which_record_when_why_and_until_when(
    client, ig_lead, screener, settings, django_capture_on_commit_callbacks
):
    settings.FRONTDOOR_IG_LEAD_EMAILS = ["ig-team@wessex.example"]
    amy = f.person("Amy", "Ledger")
    access_actions.restrict_person(by=ig_lead, person=amy, reason="Child of a staff member")
    with django_capture_on_commit_callbacks(execute=True):
        opened = access_actions.break_glass(
            by=screener, person=amy, reason="Police at the door tonight"
        )
    client.force_login(ig_lead)
    index = client.get("/governance/").content.decode()
    assert 'href="/governance/break-glass/"' in index
    log = client.get("/governance/break-glass/").content.decode()
    for text in [
        "Amy Ledger",
        "Alice Tester",
        "Screening social worker",
        "Police at the door tonight",
        local_datetime(opened.opened_at),
        local_datetime(opened.expires_at),
        "Open now",
        "Emailed to 1 address",
        f"/governance/break-glass/{opened.pk}/",
    ]:
        assert text in log, text
    page = client.get(f"/governance/break-glass/{opened.pk}/").content.decode()
    assert "Police at the door tonight" in page and "Alice Tester" in page
    assert "Emailed to 1 address" in page


def test_the_break_glass_log_lists_one_whose_email_was_never_sent(
    client, ig_lead, screener, settings, django_capture_on_commit_callbacks
):
    settings.FRONTDOOR_IG_LEAD_EMAILS = []  # and Iris has no email address
    amy = f.person("Amy", "Ledger")
    access_actions.restrict_person(by=ig_lead, person=amy, reason="Child of a staff member")
    with django_capture_on_commit_callbacks(execute=True):
        access_actions.break_glass(by=screener, person=amy, reason="Police at the door tonight")
    client.force_login(ig_lead)
    log = client.get("/governance/break-glass/").content.decode()
    assert "Amy Ledger" in log and "Police at the door tonight" in log
    assert "Not sent" in log and "No recipient is configured" in log


def test_the_break_glass_log_lists_every_one_newest_first_a_page_at_a_time(
    client, ig_lead, screener, manager, monkeypatch
):
    monkeypatch.setattr("frontdoor.governance.views.BREAK_GLASS_PER_PAGE", 2)
    people = [f.person(name, "Ledger") for name in ("Amy", "Ben", "Cara")]
    start = timezone.now() - timedelta(days=3)
    for days, person in enumerate(people):
        access_actions.restrict_person(by=ig_lead, person=person, reason="Child of a staff member")
        with time_machine.travel(start + timedelta(days=days), tick=False):
            access_actions.break_glass(by=manager, person=person, reason="Emergency at night")
    client.force_login(ig_lead)
    first = client.get("/governance/break-glass/").content.decode()
    assert "3 break-glass accesses" in first
    assert first.index("Cara Ledger") < first.index("Ben Ledger")
    assert "Amy Ledger" not in first and "Open now" not in first
    assert "Page 1 of 2" in first and 'href="?page=2"' in first
    second = client.get("/governance/break-glass/?page=2").content.decode()
    assert "Amy Ledger" in second and "Ben Ledger" not in second
    assert "No notice recorded" in second  # its task never ran in this test


def test_an_export_about_a_child_is_listed_for_the_child_but_not_on_their_timeline(
    client, ig_lead, screener
):
    amy = f.person("Amy", "Ledger")
    record_view(user=screener, person=amy)
    client.force_login(ig_lead)
    _stepped_up(client)
    today = timezone.localdate()
    response = client.post(
        f"/governance/export/?report=child-views&person={amy.pk}"
        f"&from={today - timedelta(days=1)}&to={today}",
        {"reason": "Complaint from the family, ref C-77"},
    )
    assert response.status_code == 200
    page = _page(client.get(f"/governance/child-views/{amy.pk}/", _dates()))
    assert "Exported the audit trail" in page and "C-77" in page
    assert not Event.objects.filter(person=amy, verb="audit_exported").exists()
