"""The backlog: every open item banded by age, with families, and the flag to managers."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from frontdoor.backlog.backlog import backlog_flag, backlog_rows
from frontdoor.contacts.tests import factories as f
from frontdoor.guardrails.models import Setting

pytestmark = pytest.mark.django_db


def days_ago(days: float):
    return timezone.now() - timedelta(days=days)


def test_manager_sees_each_queue_banded_by_age(manager, contact_officer, screener):
    f.received(contact_officer, received_at=days_ago(0.5))
    f.received(contact_officer, received_at=days_ago(2))
    f.received(contact_officer, received_at=days_ago(20), children=[f.child("A"), f.child("B")])
    f.screened(screener, received_at=days_ago(10))
    screening = next(row for row in backlog_rows(manager) if row.queue.slug == "screening")
    # under 1, 1-3, 3-7, 7-14, over 14 days
    assert screening.counts == [1, 1, 0, 1, 2]
    assert (screening.children, screening.families, screening.flagged) == (5, 4, 3)


def test_hub_worker_sees_no_backlog_figures(hub_worker, contact_officer):
    f.received(contact_officer, received_at=days_ago(20))
    assert backlog_rows(hub_worker) == []
    assert backlog_flag(hub_worker) is None


def test_children_waiting_longer_than_the_setting_are_flagged_to_managers_and_leaders(
    client, manager, make_user, contact_officer
):
    f.received(contact_officer, received_at=days_ago(4), children=[f.child("A"), f.child("B")])
    assert backlog_flag(manager) is None
    Setting.objects.filter(key="backlog-flag-days").update(value=3)
    flag = backlog_flag(manager)
    assert (flag.days, flag.children, flag.families) == (3, 2, 1)
    client.force_login(make_user("lena", "senior_leader"))
    page = client.get(reverse("oversight:overview")).content.decode()
    assert "2 children in 1 family have waited more than 3 days" in page


def test_backlog_page_lists_families_older_than_the_filter(client, manager, contact_officer):
    old = f.received(contact_officer, received_at=days_ago(9), children=[f.child("Old")])
    f.received(contact_officer, received_at=days_ago(1), children=[f.child("New")])
    client.force_login(manager)
    response = client.get(reverse("oversight:backlog"), {"older_than": 7})
    assert response.status_code == 200
    assert [fam.pk for fam in response.context["page"].object_list] == [old.pk]


def test_backlog_filter_refuses_an_age_not_offered(client, manager):
    client.force_login(manager)
    response = client.get(reverse("oversight:backlog"), {"older_than": "__gte"})
    assert response.status_code == 400
