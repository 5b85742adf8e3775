"""The front door's management information page: who sees figures, who sees children, the
spreadsheet export (step-up, reason, formulas neutralised, audited), and a constant number of
queries whatever the number of contacts."""

from __future__ import annotations

import io
import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from frontdoor.access.models import RestrictedRecord, Role
from frontdoor.audit.models import Event
from frontdoor.contacts.tests import factories as f
from frontdoor.exports.spreadsheet import MARKING
from frontdoor.figures.periods import period_to
from frontdoor.insight.measures import FRONT_DOOR
from frontdoor.insight.tests.front_door_data import NOW, at, build

pytestmark = pytest.mark.django_db
PAGE = "/performance/front-door/"


@pytest.fixture
def door(screener, manager, second_manager, area_team, make_user):
    worker = make_user("sam", Role.AREA_WORKER, team=area_team)
    worker.first_name = "@Sam"  # a name a spreadsheet would read as a formula
    worker.save(update_fields=["first_name"])
    return build(screener, manager, second_manager, area_team, worker)


@pytest.fixture
def senior_leader(make_user):
    return make_user("sasha", Role.SENIOR_LEADER)


def _stepped_up(client) -> None:
    session = client.session
    session["frontdoor_stepped_up_at"] = int(time.time())
    session.save()


def test_manager_can_see_every_measure_with_definition_chart_table_and_drill_down(
    client, manager, door
):
    client.force_login(manager)
    with at(NOW):
        response = client.get(PAGE, {"months": "3"})
    assert response.status_code == 200
    html = response.content.decode()
    for slug in FRONT_DOOR:
        assert f'id="{slug}"' in html
        assert f'id="chart-{slug}-title"' in html  # the SVG chart
        assert f'id="{slug}-caption"' in html  # its table
        assert f"/performance/front-door/{slug}/export/" in html
    assert html.count("data-definition") == len(FRONT_DOOR)
    assert "/performance/front-door/screened-within-4-hours/children/?key=2026-05~met" in html


def test_senior_leader_can_see_figures_but_not_the_children(client, senior_leader, door):
    client.force_login(senior_leader)
    with at(NOW):
        response = client.get(PAGE, {"months": "3"})
        assert response.status_code == 200
        assert "/children/" not in response.content.decode()
        drill = client.get("/performance/front-door/backlog-by-age/children/", {"key": "over-14"})
    assert drill.status_code == 403


def test_screener_cannot_see_management_information(client, screener):
    client.force_login(screener)
    assert client.get(PAGE).status_code == 403


def test_manager_can_see_the_children_behind_a_count(client, manager, door):
    client.force_login(manager)
    with at(NOW):
        ok = client.get(
            "/performance/front-door/contacts-by-source/children/",
            {"key": "2026-05", "months": "3"},
        )
        bad = client.get(
            "/performance/front-door/contacts-by-source/children/",
            {"key": "1999-01", "months": "3"},
        )
    assert ok.status_code == 200 and bad.status_code == 404
    html = ok.content.decode()
    assert "Ava Smith" in html and "Ben Smith" in html and "Cal Smith" not in html
    assert "2 children" in html


def test_manager_can_see_a_restricted_child_only_as_a_placeholder(client, manager, door):
    person = f.person("Rowan", "Hidden")
    door.cal.person = person
    door.cal.save(update_fields=["person"])
    RestrictedRecord.objects.create(
        person=person, reason="Protected address", restricted_at=timezone.now()
    )
    client.force_login(manager)
    with at(NOW):
        response = client.get(
            "/performance/front-door/backlog-by-age/children/", {"key": "over-14"}
        )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Restricted record" in html and "Rowan" not in html and "Hidden" not in html


def test_an_export_needs_step_up_and_a_reason_then_is_safe_and_audited(client, manager, door):
    client.force_login(manager)
    url = "/performance/front-door/caseloads/export/?months=3"
    with at(NOW):
        first = client.get(url)
        assert first.status_code == 302
        assert first["Location"].startswith("/confirm-it-is-you/")
        _stepped_up(client)
        assert client.post(url, {"reason": ""}).status_code == 400
        response = client.post(url, {"reason": "Monthly report to the safeguarding partnership"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["A1"].value == MARKING
    values = [c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    assert "'@Sam Tester" in values  # a name that would be a formula is written as text
    assert all(not v.startswith(("=", "+", "-", "@")) for v in values)
    event = Event.objects.get(verb="performance_exported")
    assert event.actor == manager
    assert event.data["measure"] == "caseloads"
    assert event.reason == "Monthly report to the safeguarding partnership"


def _queries(screener, count: int) -> int:
    for n in range(count):
        f.received(screener, children=[f.child(f"Child{n}")])
    period = period_to(timezone.now(), 12)
    with CaptureQueriesContext(connection) as captured:
        for measure in FRONT_DOOR.values():
            measure(period)
    return len(captured.captured_queries)


def test_every_measure_is_a_constant_number_of_queries(screener, make_user):
    few = _queries(screener, 3)
    # The six contact, decision and re-referral measures share one read of the rollups' month
    # sums (docs/adr/0024), the code list's query and one for the contacts still within their
    # 4 hours; the backlog two (the open contacts, their families); caseloads one read of their
    # rollup (and the workers' and teams' names when anyone has a caseload); below the
    # indicators and challenges one each.
    assert few == 8
    assert _queries(screener, 27) == few  # 30 contacts in all
