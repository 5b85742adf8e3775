"""HTTP behaviour of the missing children pages: status codes, redirects, what is saved."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from frontdoor.audit.models import RecordView
from frontdoor.missing import actions
from frontdoor.missing.models import ContactAttempt, Episode, RepeatMissingFlag
from frontdoor.missing.tests import factories as f
from frontdoor.missing.workflow import FlagStatus, Status

pytestmark = pytest.mark.django_db


def when(prefix: str, moment) -> dict[str, str]:
    local = timezone.localtime(moment)
    return {
        f"{prefix}_day": str(local.day),
        f"{prefix}_month": str(local.month),
        f"{prefix}_year": str(local.year),
        f"{prefix}_time": local.strftime("%H:%M"),
    }


# --- The lists ----------------------------------------------------------------------------------


def test_hub_worker_can_see_who_is_missing_now_longest_first(client, hub_worker):
    later = f.missing(hub_worker, f.child("Amy"), started_at=timezone.now() - timedelta(hours=3))
    sooner = f.missing(hub_worker, f.child("Ben"), started_at=timezone.now() - timedelta(days=2))
    client.force_login(hub_worker)
    response = client.get(reverse("missing:now"))
    assert response.status_code == 200
    assert [e.pk for e in response.context["page"].object_list] == [sooner.pk, later.pk]


def test_missing_now_runs_the_same_number_of_queries_however_long_the_list(client, hub_worker):
    client.force_login(hub_worker)
    url = reverse("missing:now")
    f.missing(hub_worker)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(12):
        f.missing(hub_worker, f.child(f"Child{n}"))
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


def test_the_queue_runs_the_same_number_of_queries_however_long_it_is(client, hub_worker):
    client.force_login(hub_worker)
    url = reverse("missing:queue")
    f.returned(hub_worker)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for n in range(12):
        f.returned(hub_worker, f.child(f"Child{n}"))
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)


@pytest.mark.parametrize("who", ["police_partner", "contact_officer", "senior_leader_user"])
def test_others_cannot_see_the_missing_lists(request, client, who, make_user):
    if who == "senior_leader_user":
        user = make_user("lena", "senior_leader")
    else:
        user = request.getfixturevalue(who)
    client.force_login(user)
    assert client.get(reverse("missing:now")).status_code == 403
    assert client.get(reverse("missing:queue")).status_code == 403


def test_partner_gets_404_for_an_episode(client, hub_worker, police_partner):
    episode = f.missing(hub_worker)
    client.force_login(police_partner)
    assert client.get(reverse("missing:episode", args=[episode.pk])).status_code == 404


def test_opening_an_episode_is_logged_as_a_view_of_the_childs_record(client, hub_worker):
    episode = f.missing(hub_worker)
    client.force_login(hub_worker)
    response = client.get(reverse("missing:episode", args=[episode.pk]))
    assert response.status_code == 200
    view = RecordView.objects.get()
    assert view.person == episode.person and view.user == hub_worker


def test_an_episode_without_a_police_report_says_so(client, hub_worker):
    episode = f.missing(hub_worker, with_police_report=False)
    client.force_login(hub_worker)
    page = client.get(reverse("missing:episode", args=[episode.pk])).content.decode()
    assert "No police report is linked to this episode" in page


# --- Reporting a child missing ------------------------------------------------------------------


def test_hub_worker_can_find_a_child_and_report_them_missing(client, hub_worker):
    amy = f.child()
    client.force_login(hub_worker)
    found = client.get(reverse("missing:report"), {"name": "Amy Smith"})
    assert found.status_code == 200
    assert reverse("missing:report-child", args=[amy.pk]) in found.content.decode()
    started = timezone.now() - timedelta(hours=5)
    response = client.post(
        reverse("missing:report-child", args=[amy.pk]),
        {
            **when("started_at", started),
            "missing_from": "Home",
            "police_force": str(f.police_force().pk),
            "police_reference": "WX/2026/9",
            "risk_grade": "medium",
        },
    )
    episode = Episode.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("missing:episode", args=[episode.pk])
    assert episode.person == amy and episode.police_report.reference == "WX/2026/9"


def test_reporting_without_a_time_shows_the_govuk_error(client, hub_worker):
    amy = f.child()
    client.force_login(hub_worker)
    response = client.post(reverse("missing:report-child", args=[amy.pk]), {"missing_from": "x"})
    assert response.status_code == 400
    assert "Enter the date and time the child was last seen" in response.content.decode()
    assert not Episode.objects.exists()


def test_a_police_reference_without_its_force_and_grade_is_refused(client, hub_worker):
    amy = f.child()
    client.force_login(hub_worker)
    response = client.post(
        reverse("missing:report-child", args=[amy.pk]),
        {**when("started_at", timezone.now() - timedelta(hours=1)), "police_reference": "WX/1"},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Choose the police force that holds the report" in page
    assert "Select the police risk grade" in page
    assert not Episode.objects.exists()


def test_screener_cannot_report_a_child_missing(client, screener):
    amy = f.child()
    client.force_login(screener)
    assert client.get(reverse("missing:report-child", args=[amy.pk])).status_code == 403


# --- Each step ----------------------------------------------------------------------------------


def test_hub_worker_can_record_the_return(client, hub_worker):
    episode = f.missing(hub_worker)
    client.force_login(hub_worker)
    url = reverse("missing:return", args=[episode.pk])
    assert client.get(url).status_code == 200
    back = timezone.now() - timedelta(minutes=30)
    response = client.post(
        url, {**when("returned_at", back), "where_found": "Home", "version": episode.version}
    )
    assert response.status_code == 302
    episode.refresh_from_db()
    assert episode.status == Status.RETURNED and episode.rhi_due_at is not None


def test_a_stale_return_form_is_refused_and_nothing_is_saved(client, hub_worker):
    episode = f.missing(hub_worker)
    client.force_login(hub_worker)
    response = client.post(
        reverse("missing:return", args=[episode.pk]),
        {**when("returned_at", timezone.now()), "where_found": "Home", "version": 99},
    )
    assert response.status_code == 400
    assert "Someone else changed this episode" in response.content.decode()
    episode.refresh_from_db()
    assert episode.status == Status.MISSING


def test_a_step_the_state_does_not_allow_sends_the_user_back_with_the_reason(client, hub_worker):
    episode = f.missing(hub_worker)
    client.force_login(hub_worker)
    response = client.get(reverse("missing:review", args=[episode.pk]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("missing:episode", args=[episode.pk])
    assert "it cannot be risk-reviewed now" in response.content.decode()


def test_hub_worker_can_log_an_attempt_and_a_long_gap_warns(client, hub_worker):
    episode = f.returned(
        hub_worker,
        started_at=timezone.now() - timedelta(days=4),
        returned_at=timezone.now() - timedelta(days=3),
    )
    client.force_login(hub_worker)
    url = reverse("missing:attempt", args=[episode.pk])
    for hours in (2, 40):
        response = client.post(
            url,
            {
                **when("attempted_at", episode.returned_at + timedelta(hours=hours)),
                "method": "phone",
                "result": "no_answer",
            },
        )
        assert response.status_code == 302
    assert ContactAttempt.objects.count() == 2
    page = client.get(reverse("missing:episode", args=[episode.pk])).content.decode()
    assert "longer than 24 clock hours" in page


def test_an_attempt_without_a_method_shows_the_govuk_error(client, hub_worker):
    episode = f.returned(hub_worker)
    client.force_login(hub_worker)
    response = client.post(
        reverse("missing:attempt", args=[episode.pk]),
        {**when("attempted_at", timezone.now()), "result": "no_answer"},
    )
    assert response.status_code == 400
    assert "Select how you tried to reach the child" in response.content.decode()


def test_hub_worker_can_record_the_offer_interview_and_review(client, hub_worker):
    amy = f.child()
    beth = f.sibling_of(amy)
    episode = f.returned(hub_worker, amy)
    client.force_login(hub_worker)
    client.post(
        reverse("missing:offer", args=[episode.pk]),
        {
            **when("offered_at", episode.returned_at + timedelta(hours=1)),
            "offered_by": "Sam Lee",
            "answer": "accepted",
            "version": 2,
        },
    )
    client.post(
        reverse("missing:complete", args=[episode.pk]),
        {
            **when("completed_at", episode.returned_at + timedelta(hours=3)),
            "completed_by": "Sam Lee",
            "organisation": "Wessex Return Interviews",
            "independent": "on",
            "version": 3,
        },
    )
    page = client.get(reverse("missing:episode", args=[episode.pk])).content.decode()
    assert "Consider Amy Smith's brothers and sisters" in page
    client.post(
        reverse("missing:siblings", args=[episode.pk]),
        {"sibling_0": "Beth spoken to; she is safe at home.", "version": 4},
    )
    response = client.post(
        reverse("missing:review", args=[episode.pk]),
        {
            "push_factors": "Arguments at home",
            "pull_factors": "Older friends",
            "where_went": "Westbury",
            "with_whom": "Not known",
            "exploitation": ["none"],
            "risk_level": "medium",
            "plan_update": "Safety plan agreed",
            "version": 5,
        },
    )
    assert response.status_code == 302
    episode.refresh_from_db()
    assert episode.status == Status.REVIEWED
    assert episode.siblings_considered.get().sibling == beth


def test_the_review_form_refuses_none_with_a_sign_of_exploitation(client, hub_worker):
    episode = f.interviewed(hub_worker)
    client.force_login(hub_worker)
    response = client.post(
        reverse("missing:review", args=[episode.pk]),
        {"exploitation": ["none", "cse"], "version": episode.version},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Select &#x27;None identified&#x27; only when there are no signs" in page
    assert "Enter how the child&#x27;s plan has been updated" in page


def test_the_review_is_refused_until_siblings_are_considered(client, hub_worker):
    amy = f.child()
    f.sibling_of(amy)
    episode = f.interviewed(hub_worker, amy)
    client.force_login(hub_worker)
    response = client.post(
        reverse("missing:review", args=[episode.pk]),
        {
            "push_factors": "x",
            "pull_factors": "x",
            "where_went": "x",
            "with_whom": "x",
            "exploitation": ["none"],
            "risk_level": "low",
            "plan_update": "x",
            "version": episode.version,
        },
    )
    assert response.status_code == 400
    assert "Record that Beth Smith has been considered" in response.content.decode()
    episode.refresh_from_db()
    assert episode.status == Status.AWAITING_REVIEW


def test_siblings_page_without_siblings_sends_the_user_back(client, hub_worker):
    episode = f.returned(hub_worker)
    client.force_login(hub_worker)
    response = client.get(reverse("missing:siblings", args=[episode.pk]))
    assert response.status_code == 302


def test_hub_worker_can_link_a_notified_episode(client, hub_worker, police_partner):
    episode, _ = actions.notify_missing(by=police_partner, notification=f.notification())
    cara = f.child("Cara", "Jones")
    client.force_login(hub_worker)
    page = client.get(reverse("missing:link", args=[episode.pk]))
    assert page.status_code == 200 and "Cara Jones" in page.content.decode()
    response = client.post(
        reverse("missing:link", args=[episode.pk]), {"person": str(cara.pk), "version": "1"}
    )
    assert response.status_code == 302
    episode.refresh_from_db()
    assert episode.person == cara


def test_hub_worker_can_add_a_police_report(client, hub_worker):
    episode = f.missing(hub_worker, with_police_report=False)
    client.force_login(hub_worker)
    url = reverse("missing:police-report", args=[episode.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "police_force": str(f.police_force().pk),
            "police_reference": "WX/55",
            "risk_grade": "low",
            **when("reported_at", episode.started_at + timedelta(hours=1)),
            "version": episode.version,
        },
    )
    assert response.status_code == 302
    episode.refresh_from_db()
    assert episode.police_report.reference == "WX/55"


# --- Repeat missing and the figures -------------------------------------------------------------


def _flag(by):
    amy = f.child()
    for days in (20, 10, 1):
        f.missing(by, amy, started_at=timezone.now() - timedelta(days=days))
    return RepeatMissingFlag.objects.get()


def test_manager_can_see_the_repeat_list_and_decide(client, hub_worker, manager):
    flag = _flag(hub_worker)
    client.force_login(manager)
    page = client.get(reverse("missing:repeat"))
    assert page.status_code == 200 and "Amy Smith" in page.content.decode()
    url = reverse("missing:repeat-decision", args=[flag.pk])
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"decision": "strategy_discussion", "rationale": "Three times.", "version": 1}
    )
    assert response.status_code == 302
    flag.refresh_from_db()
    assert flag.status == FlagStatus.DECIDED


def test_a_decision_without_a_reason_shows_the_govuk_error(client, hub_worker, manager):
    flag = _flag(hub_worker)
    client.force_login(manager)
    response = client.post(
        reverse("missing:repeat-decision", args=[flag.pk]),
        {"decision": "strategy_discussion", "version": 1},
    )
    assert response.status_code == 400
    assert "Enter the reason for your decision" in response.content.decode()


def test_hub_worker_cannot_see_the_repeat_list(client, hub_worker):
    flag = _flag(hub_worker)
    client.force_login(hub_worker)
    assert client.get(reverse("missing:repeat")).status_code == 403
    assert client.get(reverse("missing:repeat-decision", args=[flag.pk])).status_code == 404


def test_senior_leader_can_see_the_figures_and_the_children_behind_them(
    client, hub_worker, make_user
):
    episode = f.reviewed(hub_worker, started_at=timezone.now() - timedelta(days=3))
    leader = make_user("lena", "senior_leader")
    client.force_login(leader)
    page = client.get(reverse("missing:information"))
    assert page.status_code == 200
    month = timezone.localtime(episode.started_at).strftime("%Y-%m")
    link = reverse("missing:information-children", args=["episodes", month])
    assert link in page.content.decode()
    drill = client.get(link)
    assert drill.status_code == 200 and "Amy Smith" in drill.content.decode()


@pytest.mark.parametrize(("figure", "month"), [("made-up", "2026-03"), ("episodes", "March")])
def test_an_unknown_figure_or_month_is_a_404(client, manager, figure, month):
    client.force_login(manager)
    url = reverse("missing:information-children", args=[figure, month])
    assert client.get(url).status_code == 404


def test_hub_worker_cannot_see_the_figures(client, hub_worker):
    client.force_login(hub_worker)
    assert client.get(reverse("missing:information")).status_code == 403


def test_child_history_lists_every_episode(client, hub_worker):
    amy = f.child()
    f.missing(hub_worker, amy, started_at=timezone.now() - timedelta(days=40))
    f.missing(hub_worker, amy)
    client.force_login(hub_worker)
    response = client.get(reverse("missing:child", args=[amy.pk]))
    assert response.status_code == 200
    assert len(response.context["episodes"]) == 2


def test_a_restricted_child_is_a_placeholder_in_every_list(client, hub_worker, make_user):
    from frontdoor.access.models import RestrictedRecord

    episode = f.missing(hub_worker, f.child("Zoe", "Quill"))
    RestrictedRecord.objects.create(
        person=episode.person, reason="Child of a member of staff", restricted_at=timezone.now()
    )
    other = make_user("harriet", "hub_worker")
    manager = make_user("mo", "manager")
    client.force_login(other)
    listed = client.get(reverse("missing:now")).content.decode()
    assert "Restricted record" in listed and "Quill" not in listed
    assert client.get(reverse("missing:episode", args=[episode.pk])).status_code == 404
    client.force_login(manager)
    month = timezone.localtime(episode.started_at).strftime("%Y-%m")
    drill = client.get(reverse("missing:information-children", args=["episodes", month]))
    assert "Quill" not in drill.content.decode()
