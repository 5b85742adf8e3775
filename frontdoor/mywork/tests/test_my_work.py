"""My work (issue 17): what appears for each role, most urgent first, every link answers that
role 200, a restricted child is concealed, and the page costs the same number of queries
however much work there is. Runs on SQLite and PostgreSQL (make test-postgres)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from frontdoor.access.models import Role, User
from frontdoor.mywork.queries import RESTRICTED, WorkItem, my_work, team_work
from tests.matrix_records import (
    Cast,
    build_audit_action,
    build_case_audit,
    build_challenge,
    build_enquiry,
    build_handover,
    build_queued,
    cast_of_every_role,
    family_in,
    restrict,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def cast(make_user, child_protection_hub, area_team, police_agency) -> Cast:
    return cast_of_every_role(make_user, child_protection_hub, area_team, police_agency)


@pytest.fixture
def area_manager(make_user, area_team) -> User:
    return make_user("arthur", Role.MANAGER, team=area_team)


def _kinds(items: list[WorkItem]) -> set[str]:
    return {item.kind for item in items}


def _page(client, user: User, name: str = "mywork:mine"):
    client.force_login(user)
    return client.get(reverse(name))


def _every_link_answers(client, user: User, items: list[WorkItem]) -> None:
    client.force_login(user)
    for item in items:
        if item.url:
            assert client.get(item.url).status_code == 200, (user.role, item.kind, item.url)


def test_each_role_sees_its_own_work_and_every_link_answers(client, cast, area_manager):
    users = cast.users
    build_queued(cast, "claimed")  # Alice claims a family in screening
    family_in(cast, "unconsented")  # consent not sought: a manager to authorise
    build_challenge(cast, "")  # Maya challenges Alice's screening, with an action for Alice
    build_audit_action(cast, "")  # a case-audit action owned by Alice
    build_enquiry(cast, "police")  # a request for the police partner to answer
    build_handover(cast, "awaiting")  # a child handed to the area team (and to allocate)
    build_handover(cast, "step-down")  # a child stepped down to early help
    build_case_audit(cast, "assigned")  # a case for Aisha, the auditor, to grade

    expected = {
        "screener": {
            "Contact claimed",
            "Challenge to answer",
            "Oversight action",
            "Case audit action",
        },
        "manager": {"Consent to authorise"},
        "partner": {"Request to answer"},
        "area_worker": {"Handover to receive"},
        "early_help_worker": {"Handover to receive"},
        "auditor": {"Case to audit"},
        "admin": set(),
        "ig_lead": set(),
        "senior_leader": set(),
    }
    for role, kinds in expected.items():
        items = my_work(users[role])
        assert _kinds(items) == kinds, role
        _every_link_answers(client, users[role], items)
        page = _page(client, users[role])
        assert page.status_code == 200
        for kind in kinds:
            assert kind in page.content.decode()
        if not kinds:
            assert "Nothing is waiting on you" in page.content.decode()

    # The area team's manager: the handover to receive, and the child to allocate.
    items = my_work(area_manager)
    assert {"Handover to receive", "Child to allocate"} <= _kinds(items)
    _every_link_answers(client, area_manager, items)


def test_most_urgent_first_with_govuk_wording(client, cast):
    screener = cast.users["screener"]
    build_queued(cast, "claimed")
    build_audit_action(cast, "")  # due in a fortnight
    build_challenge(cast, "")  # no clock: last
    items = my_work(screener)
    dues = [item.due for item in items if item.due is not None]
    assert dues == sorted(dues)
    assert items[-1].kind == "Challenge to answer"
    assert items[0].kind == "Contact claimed"  # screening is due within a working day

    # Once the screening is overdue it says by how long.
    later = items[0].due + timedelta(hours=2, minutes=5)
    assert items[0].time_left(later) == "Overdue by 2 hours 5 minutes"
    assert items[0].overdue(later)
    page = _page(client, screener).content.decode()
    assert page.index("Contact claimed") < page.index("Challenge to answer")


def test_a_restricted_child_is_concealed(client, cast):
    screener = cast.users["screener"]
    challenge = build_challenge(cast, "")
    name = challenge.child.full_name
    restrict(cast, challenge.child, "restricted")
    items = my_work(screener)
    about = [item for item in items if item.kind in ("Challenge to answer", "Oversight action")]
    assert about, "the work is still listed"
    for item in about:
        assert item.children == RESTRICTED
        assert item.url == ""  # no link that would answer 404
    page = _page(client, screener).content.decode()
    assert name not in page
    assert RESTRICTED in page
    api = client.get("/api/my-work")
    assert api.status_code == 200
    assert name not in api.content.decode()


def test_the_api_lists_the_same_work(client, cast):
    build_enquiry(cast, "police")
    client.force_login(cast.users["partner"])
    answer = client.get("/api/my-work")
    assert answer.status_code == 200
    rows = answer.json()
    assert [row["kind"] for row in rows] == ["Request to answer"]
    assert rows[0]["time_left"].startswith("Due in")
    assert rows[0]["overdue"] is False


def test_a_manager_sees_their_teams_work(client, cast, area_manager):
    area_worker = cast.users["area_worker"]
    build_handover(cast, "awaiting")
    items = team_work(area_manager)
    assert {"Handover to receive", "Child to allocate"} <= _kinds(items)
    page = _page(client, area_manager, "mywork:team")
    assert page.status_code == 200
    assert "North area team" in page.content.decode()
    _every_link_answers(client, area_manager, items)
    assert _page(client, area_worker, "mywork:team").status_code == 403
    assert _page(client, cast.users["screener"], "mywork:team").status_code == 403


def _queries(client, user: User) -> int:
    client.force_login(user)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("mywork:mine")).status_code == 200
    return len(captured)


def test_the_page_costs_the_same_however_much_work(client, cast):
    screener = cast.users["screener"]
    build_queued(cast, "claimed")
    build_challenge(cast, "")
    build_audit_action(cast, "")
    _queries(client, screener)  # the first request fills the per-process caches
    few = _queries(client, screener)
    for _ in range(3):
        build_queued(cast, "claimed")
        build_challenge(cast, "")
        build_audit_action(cast, "")
    assert len(my_work(screener)) >= 16
    assert _queries(client, screener) == few


def test_the_team_view_costs_the_same_however_much_work(client, cast, area_manager):
    def team_queries() -> int:
        client.force_login(area_manager)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("mywork:team")).status_code == 200
        return len(captured)

    build_handover(cast, "awaiting")
    team_queries()  # the first request fills the per-process caches
    few = team_queries()
    for _ in range(3):
        build_handover(cast, "awaiting")
    assert len(team_work(area_manager)) >= 8
    assert team_queries() == few


def test_my_work_is_in_the_navigation_of_every_role_with_work(client, cast):
    with_work = ("screener", "hub_worker", "manager", "area_worker", "early_help_worker")
    for role in (*with_work, "partner", "auditor"):
        client.force_login(cast.users[role])
        assert 'href="/my-work/"' in client.get(reverse("home"), follow=True).content.decode()
    for role in ("admin", "ig_lead", "senior_leader", "contact_officer"):
        client.force_login(cast.users[role])
        # No work of theirs is gathered there, so no link on their bar (the page still answers).
        assert 'href="/my-work/"' not in client.get(reverse("home"), follow=True).content.decode()


def test_answers_back_urgent_reviews_and_second_reviews(client, cast):
    from frontdoor.enquiries.tests import factories as ef
    from tests.matrix_records import build_below_indicator, build_urgent_review

    enquiry = build_enquiry(cast, "police").record
    ef.answered(cast.users["partner"], enquiry)
    build_urgent_review(cast, "")  # assigned to Alice
    build_below_indicator(cast, "awaiting")  # decided by another manager: Maya reviews it

    hub_worker = cast.users["hub_worker"]  # the family waits in their hub
    items = my_work(hub_worker)
    assert "Answer back" in _kinds(items)
    _every_link_answers(client, hub_worker, items)

    screener = cast.users["screener"]
    items = my_work(screener)
    assert "Urgent review" in _kinds(items)
    _every_link_answers(client, screener, items)

    manager = cast.users["manager"]
    items = my_work(manager)
    assert "Second review" in _kinds(items)
    _every_link_answers(client, manager, items)
    # The partner's answered request is no longer waiting on them.
    assert "Request to answer" not in _kinds(my_work(cast.users["partner"]))


def test_a_partners_system_reads_its_work_with_a_token(client, cast):
    from frontdoor.access.tests.service_accounts import token_for

    enquiry = build_enquiry(cast, "police").record
    token = token_for(cast.users["partner"], name="Wessex Police's case system")
    answer = client.get("/api/my-work", headers={"Authorization": f"Bearer {token}"})
    assert answer.status_code == 200
    assert [row["url"] for row in answer.json()] == [reverse("partners:request", args=[enquiry.pk])]
    assert client.get("/api/my-work").status_code == 401  # no token, no session
