"""What is published (frontdoor/outbox/types.py): every change on a child's timeline is either
published or listed as not published with its reason; events written before the child is known
name the contact or the episode, and the link that follows ties them to the child."""

from __future__ import annotations

from datetime import timedelta

import pytest

from frontdoor.audit.timeline import RENDERERS
from frontdoor.contacts.tests import factories as f
from frontdoor.handovers import actions as handover_actions
from frontdoor.handovers.tests.factories import stepped_down
from frontdoor.missing import actions as missing_actions
from frontdoor.missing.tests import factories as missing_factories
from frontdoor.outbox.envelope import envelope
from frontdoor.outbox.models import IntegrationEvent
from frontdoor.outbox.types import NOT_PUBLISHED, PREFIX, PUBLISHED

pytestmark = pytest.mark.django_db


def test_every_change_on_a_childs_timeline_is_published_or_says_why_not():
    undecided = sorted(set(RENDERERS) - set(PUBLISHED) - set(NOT_PUBLISHED))
    assert undecided == [], (
        f"{undecided}: publish each in frontdoor/outbox/types.py, or list it in NOT_PUBLISHED "
        "with the reason"
    )
    assert set(PUBLISHED).isdisjoint(NOT_PUBLISHED)
    assert all(reason.strip() for reason in NOT_PUBLISHED.values())


def _events(type_: str) -> list[dict]:
    rows = IntegrationEvent.objects.filter(type=PREFIX + type_).order_by("txid", "id")
    return [envelope(row) for row in rows]


def test_a_contact_received_before_its_child_is_known_is_tied_to_the_child_when_linked(
    contact_officer, screener
):
    family = f.received(contact_officer, children=[f.child("Wren", "Adeyemi")])
    contact = f.only_child(family)
    (received,) = _events("contact.received")
    assert received["data"]["child"] is None and "partitionkey" not in received
    assert received["subject"] == f"contacts/{contact.pk}"
    assert received["data"]["contact"] == str(contact.pk)

    f.linked(screener, family)
    contact.refresh_from_db()
    (linked,) = _events("contact.child_linked")
    assert linked["subject"] == f"children/{contact.person_id}"
    assert linked["partitionkey"] == str(contact.person_id)
    assert linked["data"]["contact"] == received["data"]["contact"]
    assert linked["data"]["child"] == str(contact.person_id)
    assert linked["data"]["previous_child"] == ""
    assert "Wren" not in str(linked)
    # Everything after the link carries the child.
    f.screened(screener, family)
    (screened,) = _events("contact.screened")
    assert screened["data"]["child"] == str(contact.person_id)


def test_a_missing_episode_notified_before_its_child_is_known_is_tied_when_linked(
    police_partner, hub_worker
):
    episode, _ = missing_actions.notify_missing(
        by=police_partner, notification=missing_factories.notification()
    )
    (opened,) = _events("missing_episode.opened")
    assert opened["subject"] == f"missing_episodes/{episode.pk}"
    assert opened["data"]["episode"] == str(episode.pk) and opened["data"]["child"] is None

    cara = missing_factories.child("Cara", "Jones")
    missing_actions.link_missing_child(by=hub_worker, episode=episode, person=cara)
    (linked,) = _events("missing_episode.child_linked")
    assert linked["subject"] == f"children/{cara.pk}"
    assert linked["data"]["episode"] == str(episode.pk)
    assert linked["data"]["child"] == str(cara.pk)
    assert set(linked["data"]) == {
        "child",
        "contact",
        "family_contact",
        "episode",
        "previous_child",
    }


def test_a_chased_handover_is_published_with_its_clock(manager, screener):
    handover = stepped_down(manager, screener)
    assert (
        handover_actions.chase_unreceived_handovers(now=handover.due_at + timedelta(minutes=1)) == 1
    )
    (chased,) = _events("handover.chased")
    assert chased["data"]["handover"] == str(handover.pk)
    assert chased["data"]["due_at"] and chased["data"]["escalate_at"]
    assert chased["partitionkey"] == str(handover.person_id)
    assert "team" not in chased["data"]  # a team's name is free text: it stays inside
