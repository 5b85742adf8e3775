"""HTTP behaviour of the handover pages: the queue, what the MASH knew, accept, send back with a
GOV.UK error, the MASH overview's lists and the child's record."""

from __future__ import annotations

import pytest
from django.urls import reverse

from frontdoor.access.models import Role
from frontdoor.handovers.models import Handover
from frontdoor.handovers.tests.factories import stepped_down, transferred
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
