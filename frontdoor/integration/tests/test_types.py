"""What is published (frontdoor/outbox/types.py): every change on a child's timeline is either
published or listed as not published with its reason; events written before the child is known
name the contact or the episode, and the link that follows ties them to the child."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from frontdoor.audit.timeline import RENDERERS
from frontdoor.contacts.tests import factories as f
from frontdoor.handovers import actions as handover_actions
from frontdoor.handovers.tests.factories import stepped_down
from frontdoor.matching import actions as matching_actions
from frontdoor.matching.models import DuplicatePair
from frontdoor.missing import actions as missing_actions
from frontdoor.missing.tests import factories as missing_factories
from frontdoor.outbox.envelope import envelope
from frontdoor.outbox.models import IntegrationEvent
from frontdoor.outbox.types import CHILD_KEYS, NOT_PUBLISHED, PREFIX, PUBLISHED

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


def test_every_key_that_names_another_child_is_declared_so_the_feed_checks_it():
    """The feed withholds an event naming a child the reader may not open (feed.py reads
    CHILD_KEYS): a type that sends a child's id under a key it does not declare would leak
    it. Keys naming a child end in `_child` (the audit trail's `person` is renamed)."""
    for verb, what in PUBLISHED.items():
        sent = {what.renamed.get(key, key) for key in what.keys}
        assert set(what.children) <= sent, f"{verb}: declares a child key it does not send"
        named = {key for key in sent if key.endswith("_child") or "person" in key}
        assert named <= set(what.children), f"{verb}: sends {named} without declaring them"
    assert set(CHILD_KEYS) >= {"previous_child", "merged", "other_child"}


def test_undoing_a_merge_is_published_on_each_record_naming_the_other(manager):
    kept = f.person("Amy", "Smith", date(2019, 3, 27))
    merged = f.person("Aimee", "Smith", date(2019, 3, 27))
    first, second = sorted((kept, merged), key=lambda p: p.pk)
    pair = DuplicatePair.objects.create(
        first=first, second=second, score=90, reasons=["Same date"], found_at=kept.created_at
    )
    merge = matching_actions.merge_pair(by=manager, pair=pair, keep=kept)
    (joined,) = _events("child.merged")
    assert joined["data"]["merged"] == str(merged.pk) and joined["data"]["merge"] == str(merge.pk)
    matching_actions.undo_merge(by=manager, merge=merge)
    undone = _events("child.unmerged")
    assert {
        (e["partitionkey"], e["subject"], e["data"]["other_child"], e["data"]["kept"])
        for e in undone
    } == {
        (str(kept.pk), f"children/{kept.pk}", str(merged.pk), True),
        (str(merged.pk), f"children/{merged.pk}", str(kept.pk), False),
    }
    assert {e["data"]["merge"] for e in undone} == {str(merge.pk)}
    assert "Smith" not in str(undone)
