"""The panel on each stage page: shown, with the link to add to it at that stage, and the
same entries everywhere (recorded once)."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import quote

import pytest
from django.urls import reverse
from django.utils import timezone

from frontdoor.contacts.tests import factories as f
from frontdoor.contacts.workflow import Outcome
from frontdoor.decisions import actions as decision_actions
from frontdoor.practice.queries import panel_for
from frontdoor.strategy.models import StrategyDiscussion

from .factories import add, open_contact

pytestmark = pytest.mark.django_db


def link(person, stage, path):
    url = reverse("practice:extend", args=[person.pk])
    return f"{url}?stage={stage}&amp;next={quote(path, safe='')}"


def test_screening_page_says_no_analysis_yet_and_links_to_add_one(client, screener):
    contact = open_contact(screener)
    client.force_login(screener)
    path = reverse("contacts:screen", args=[contact.pk])
    body = client.get(path).content.decode()
    assert "No analysis recorded yet." in body
    assert link(contact.person, "screening", path) in body


def test_manager_sees_the_screeners_worries_on_the_decision_page(
    client, screener, manager, child_protection_hub
):
    family = f.in_hub(screener, child_protection_hub)
    contact = f.only_child(family)
    add(screener, contact.person, worries="Bruise on arm seen by school", score=3)
    client.force_login(manager)
    path = reverse("contacts:decide", args=[contact.pk])
    body = client.get(path).content.decode()
    assert "Bruise on arm seen by school" in body and "Screening, Alice Tester" in body
    assert link(contact.person, "decision", path) in body


def test_hub_worker_sees_the_panel_on_the_hub_analysis_page(
    client, screener, hub_worker, child_protection_hub
):
    contact = f.only_child(f.in_hub(screener, child_protection_hub))
    add(screener, contact.person, working_well="Grandmother visits daily")
    client.force_login(hub_worker)
    path = reverse("contacts:analyse", args=[contact.pk])
    body = client.get(path).content.decode()
    assert "Grandmother visits daily" in body and link(contact.person, "hub", path) in body


def test_the_strategy_discussion_pages_show_the_panel(client, screener, manager, area_team):
    contact = open_contact(screener)
    add(screener, contact.person, needs_to_happen="Joint visit with police")
    decision_actions.record_decision(
        by=manager,
        contacts=[contact],
        details=decision_actions.DecisionDetails(
            outcome=Outcome.STRATEGY_DISCUSSION,
            rationale="Reasonable cause to suspect significant harm",
            see_by=timezone.now() + timedelta(hours=20),
            see_by_team=area_team,
        ),
    )
    discussion = StrategyDiscussion.objects.get(referral__contact=contact)
    client.force_login(manager)
    path = reverse("strategy:discussion", args=[discussion.pk])
    body = client.get(path).content.decode()
    # The episode is still open until the discussion is held.
    assert "Joint visit with police" in body
    assert link(contact.person, "strategy_discussion", path) in body


def test_the_childs_page_has_a_short_summary_and_links(client, screener):
    contact = open_contact(screener)
    add(screener, contact.person, worries="Bruise on arm", score=3)
    add(screener, contact.person, score=5)
    client.force_login(screener)
    body = client.get(reverse("people:child", args=[contact.person.pk])).content.decode()
    assert "Risk, need and strength analysis" in body and "3 → 5" in body
    assert "1 recorded; latest: Bruise on arm" in body
    assert reverse("practice:analysis", args=[contact.person.pk]) in body


def test_an_auditor_reads_the_panel_but_cannot_add_to_it(screener, auditor):
    contact = open_contact(screener)
    add(screener, contact.person, worries="A worry")
    panel = panel_for(contact.person, user=auditor, stage="supervision", next_url="/x/")
    assert panel is not None and panel.current is not None
    assert panel.extend_url is None and panel.analysis_url is None


def test_a_partner_never_gets_a_panel(screener, police_partner):
    contact = open_contact(screener)
    add(screener, contact.person, worries="A worry")
    assert panel_for(contact.person, user=police_partner, stage="other", next_url="") is None
    assert panel_for(None, user=screener, stage="other", next_url="") is None


def test_a_restricted_child_gets_no_panel_off_the_allow_list(screener, make_user):
    from frontdoor.access import actions as access_actions
    from frontdoor.access.models import Role

    contact = open_contact(screener)
    iris = make_user("iris", Role.IG_LEAD)
    access_actions.restrict_person(by=iris, person=contact.person, reason="Staff member's child")
    assert panel_for(contact.person, user=screener, stage="screening", next_url="") is None


def test_the_supervision_panel_links_back_to_the_supervision_page(screener, manager):
    contact = open_contact(screener)
    panel = panel_for(contact.person, user=manager, stage="supervision", next_url="/supervision/1/")
    assert panel is not None and panel.current is None and panel.has_open_episode
    assert panel.extend_url == (
        f"{reverse('practice:extend', args=[contact.person.pk])}"
        "?stage=supervision&next=%2Fsupervision%2F1%2F"
    )
