"""HTTP behaviour of the handover pages: the queue, what the MASH knew, accept, send back with a
GOV.UK error, the MASH overview's lists and the child's record."""

from __future__ import annotations

import pytest
from django.urls import reverse

from frontdoor.access.models import Role
from frontdoor.handovers.models import Handover
from frontdoor.handovers.tests.factories import (
    referred_to_another_council,
    stepped_down,
    transferred,
)
from frontdoor.handovers.workflow import HandoverStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def area_worker(make_user, area_team):
    return make_user("sam", Role.AREA_WORKER, team=area_team)


def test_area_worker_can_see_the_childs_handover_with_what_the_mash_knew(
    client, manager, screener, area_team, area_worker
):
    handover = transferred(manager, screener, area_team)
    client.force_login(area_worker)
    queue = client.get(reverse("handovers:queue"))
    assert queue.status_code == 200
    assert handover.person.full_name in queue.content.decode()
    page = client.get(reverse("handovers:handover", args=[handover.pk])).content.decode()
    assert "What the MASH knew" in page
    assert "Needs a child and family assessment" in page  # the decision's rationale
    assert handover.decision.contact.family.narrative[:30] in page  # the concern
    assert "Accept the child" in page


def test_area_worker_can_accept_the_child(client, manager, screener, area_team, area_worker):
    handover = transferred(manager, screener, area_team)
    client.force_login(area_worker)
    response = client.post(
        reverse("handovers:accept", args=[handover.pk]), {"version": handover.version}
    )
    assert response.status_code == 302
    handover.refresh_from_db()
    assert handover.status == HandoverStatus.ACCEPTED


def test_area_worker_cannot_send_a_child_back_without_a_reason(
    client, manager, screener, area_team, area_worker
):
    handover = transferred(manager, screener, area_team)
    client.force_login(area_worker)
    response = client.post(
        reverse("handovers:send-back", args=[handover.pk]),
        {"version": handover.version, "reason": ""},
    )
    assert response.status_code == 400
    assert "Enter why the child is being sent back to the MASH" in response.content.decode()
    handover.refresh_from_db()
    assert handover.status == HandoverStatus.AWAITING


def test_a_child_sent_back_is_on_the_mash_overview_with_the_reason(
    client, manager, screener, area_team, area_worker
):
    handover = transferred(manager, screener, area_team)
    client.force_login(area_worker)
    client.post(
        reverse("handovers:send-back", args=[handover.pk]),
        {"version": handover.version, "reason": "The family moved to Wessex last month"},
    )
    client.force_login(manager)
    overview = client.get(reverse("oversight:overview")).content.decode()
    assert "Sent back to the MASH" in overview
    assert "The family moved to Wessex last month" in overview


def test_manager_sees_children_handed_over_not_yet_received_on_the_overview(
    client, manager, screener
):
    handover = stepped_down(manager, screener)
    client.force_login(manager)
    overview = client.get(reverse("oversight:overview")).content.decode()
    assert "Handed over, not yet received" in overview
    assert handover.person.full_name in overview
    child = client.get(reverse("people:child", args=[handover.person.pk])).content.decode()
    assert "Not yet received" in child and "Early help" in child


def test_manager_can_hand_a_child_sent_back_over_again(
    client, manager, screener, area_team, area_worker
):
    handover = transferred(manager, screener, area_team)
    client.force_login(area_worker)
    client.post(
        reverse("handovers:send-back", args=[handover.pk]),
        {"version": handover.version, "reason": "Needs another area team"},
    )
    handover.refresh_from_db()
    client.force_login(manager)
    url = reverse("handovers:resend", args=[handover.pk])
    assert client.get(url).status_code == 200
    missing = client.post(url, {"version": handover.version, "team": ""})
    assert missing.status_code == 400
    assert "Choose the team that should receive the child" in missing.content.decode()
    done = client.post(url, {"version": handover.version, "team": area_team.pk})
    assert done.status_code == 302
    assert Handover.objects.filter(status=HandoverStatus.AWAITING).count() == 1


def test_early_help_worker_can_receive_a_stepped_down_child_from_their_queue(
    client, make_user, manager, screener
):
    from frontdoor.teams.models import Team, TeamKind

    eve = make_user("eve", Role.EARLY_HELP_WORKER, team=Team.objects.get(kind=TeamKind.EARLY_HELP))
    handover = stepped_down(manager, screener)
    client.force_login(eve)
    assert client.get(reverse("home")).url == reverse("handovers:queue")
    queue = client.get(reverse("handovers:queue")).content.decode()
    assert handover.person.full_name in queue
    page = client.get(reverse("handovers:handover", args=[handover.pk])).content.decode()
    assert "Parenting support will meet the family" in page  # the decision's rationale
    client.post(reverse("handovers:accept", args=[handover.pk]), {"version": handover.version})
    handover.refresh_from_db()
    assert handover.status == HandoverStatus.ACCEPTED and handover.answered_by == eve
    # Early help reads no child's record beyond the handover.
    assert client.get(reverse("people:child", args=[handover.person.pk])).status_code in (403, 404)


def test_early_help_worker_must_say_what_has_changed_to_step_a_child_up(
    client, make_user, manager, screener
):
    from frontdoor.handovers import actions
    from frontdoor.teams.models import Team, TeamKind

    eve = make_user("eve", Role.EARLY_HELP_WORKER, team=Team.objects.get(kind=TeamKind.EARLY_HELP))
    handover = actions.accept_handover(by=eve, handover=stepped_down(manager, screener))
    client.force_login(eve)
    assert handover.person.full_name in client.get(reverse("handovers:queue")).content.decode()
    url = reverse("handovers:step-up", args=[handover.pk])
    refused = client.post(url, {"version": handover.version, "what_changed": ""})
    assert refused.status_code == 400
    assert "Enter what has changed and why the child needs the MASH now" in refused.content.decode()
    done = client.post(url, {"version": handover.version, "what_changed": "Police called twice"})
    assert done.status_code == 302
    handover.refresh_from_db()
    assert handover.status == HandoverStatus.STEPPED_UP


def _told_now() -> dict[str, str]:
    from django.utils import timezone

    now = timezone.localtime()
    return {
        "told_at_day": str(now.day),
        "told_at_month": str(now.month),
        "told_at_year": str(now.year),
        "told_at_time": now.strftime("%H:%M"),
    }


def test_hub_worker_finds_a_referral_to_another_council_and_records_its_acceptance(
    client, manager, screener, hub_worker
):
    handover = referred_to_another_council(manager, screener)
    client.force_login(hub_worker)
    queue = client.get(reverse("handovers:queue")).content.decode()
    assert "Referred to another council, waiting for its answer" in queue
    assert handover.person.full_name in queue and "Leeds" in queue
    mine = client.get(reverse("mywork:mine")).content.decode()
    assert "Record Leeds&#x27;s answer" in mine or "Record Leeds's answer" in mine
    page = client.get(reverse("handovers:handover", args=[handover.pk])).content.decode()
    assert "Leeds (LA number 383)" in page
    assert reverse("handovers:council-answer", args=[handover.pk]) in page
    assert "Accept the child" not in page  # that is a receiving team's form
    url = reverse("handovers:council-answer", args=[handover.pk])
    response = client.post(
        url,
        {
            "version": handover.version,
            "answer": "accepted",
            "who": "Jo Patel, MASH team manager",
            "how": "phone",
            **_told_now(),
        },
    )
    assert response.status_code == 302
    handover.refresh_from_db()
    assert handover.status == HandoverStatus.ACCEPTED
    assert handover.council_contact == "Jo Patel, MASH team manager"
    page = client.get(reverse("handovers:handover", args=[handover.pk])).content.decode()
    assert "Accepted by the council" in page and "Jo Patel, MASH team manager, phone" in page


def test_a_council_answer_needs_who_how_when_and_a_reason_to_send_back(client, manager, screener):
    handover = referred_to_another_council(manager, screener)
    client.force_login(manager)
    url = reverse("handovers:council-answer", args=[handover.pk])
    page = client.get(url).content.decode()
    # "Why did they send it back?" is revealed under its answer, and rendered once.
    assert 'data-aria-controls="conditional-id_answer-2"' in page
    assert page.count('name="reason"') == 1
    response = client.post(url, {"version": handover.version, "answer": "returned"})
    assert response.status_code == 400
    body = response.content.decode()
    for message in (
        "Enter why the other council sent the referral back",
        "Enter who at the other council answered",
        "Select how the other council answered",
        "Enter when the other council answered",
    ):
        assert message in body
    handover.refresh_from_db()
    assert handover.status == HandoverStatus.AWAITING
    done = client.post(
        url,
        {
            "version": handover.version,
            "answer": "returned",
            "reason": "The family still lives at the old address",
            "who": "Jo Patel",
            "how": "secure_email",
            **_told_now(),
        },
    )
    assert done.status_code == 302
    handover.refresh_from_db()
    assert handover.status == HandoverStatus.RETURNED
    overview = client.get(reverse("oversight:overview")).content.decode()
    assert "Leeds" in overview and "The family still lives at the old address" in overview


def test_area_worker_cannot_open_a_referral_to_another_council(
    client, manager, screener, area_worker
):
    handover = referred_to_another_council(manager, screener)
    client.force_login(area_worker)
    url = reverse("handovers:council-answer", args=[handover.pk])
    assert client.get(url).status_code == 404
    assert client.get(reverse("handovers:handover", args=[handover.pk])).status_code == 404


def test_the_childs_record_and_the_api_show_a_referral_to_another_council(
    client, manager, screener
):
    handover = referred_to_another_council(manager, screener)
    client.force_login(manager)
    record = client.get(reverse("people:child", args=[handover.person_id])).content.decode()
    assert "Leeds" in record
    assert reverse("handovers:handover", args=[handover.pk]) in record
