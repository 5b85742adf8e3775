"""Extending the analysis: policy, one per child and episode, append-only, and the audit rows."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone

from frontdoor.audit.models import Event
from frontdoor.contacts.tests import factories as f
from frontdoor.practice import actions
from frontdoor.practice.models import Analysis, Entry, ScaleReading, Withdrawal
from frontdoor.practice.queries import analyses_of
from frontdoor.practice.rules import AnalysisProblem, Section, Stage

from .factories import add, decide, open_contact

pytestmark = pytest.mark.django_db


def test_screener_can_start_the_analysis_with_the_first_entry(screener):
    contact = open_contact(screener)
    analysis = add(screener, contact.person, worries="Bruising seen by school", score=3)
    assert analysis.contact == contact and analysis.closed_at is None
    entry = Entry.objects.get(analysis=analysis)
    assert (entry.section, entry.stage, entry.added_by) == (Section.WORRIES, "screening", screener)
    assert ScaleReading.objects.get(analysis=analysis).score == 3
    verbs = list(Event.objects.filter(person=contact.person).values_list("verb", flat=True))
    assert "practice_analysis_started" in verbs and "practice_analysis_extended" in verbs
    extended = Event.objects.get(verb="practice_analysis_extended")
    assert extended.data["stage"] == "Screening" and extended.data["scale"] == 3


def test_manager_extends_the_same_analysis_at_the_decision(screener, manager):
    contact = open_contact(screener)
    first = add(screener, contact.person, worries="Bruising seen by school")
    second = add(manager, contact.person, Stage.DECISION, working_well="Grandmother nearby")
    assert first.pk == second.pk
    assert Analysis.objects.filter(person=contact.person).count() == 1
    stages = Entry.objects.filter(analysis=first).values_list("stage", "added_by__username")
    assert sorted(stages) == [("decision", "maya"), ("screening", "alice")]


def test_a_new_contact_while_the_episode_is_open_joins_it(screener):
    contact = open_contact(screener)
    first = add(screener, contact.person, worries="Bruising")
    again = f.received(screener)
    later = f.only_child(again)
    later.person = contact.person  # the same child, linked by the screener
    later.save(update_fields=["person"])
    assert add(screener, contact.person, needs_to_happen="Medical").pk == first.pk


def test_a_new_episode_starts_a_new_analysis_and_copies_nothing(screener, manager):
    contact = open_contact(screener)
    first = add(screener, contact.person, worries="Bruising", score=2)
    decide(manager, contact)  # no further action: the episode ends at the decision
    current, earlier, is_open = analyses_of(contact.person)
    assert (current, is_open) == (None, False)
    assert earlier[0].analysis.pk == first.pk
    with pytest.raises(AnalysisProblem, match="no open contact"):
        add(screener, contact.person, worries="Another worry")
    with time_machine.travel(timezone.now() + timedelta(days=30)):  # a contact weeks later
        later = f.only_child(f.received(screener))
        later.person = contact.person
        later.save(update_fields=["person"])
        second = add(screener, contact.person, worries="New concern from police")
    assert second.pk != first.pk and second.contact == later
    first.refresh_from_db()
    assert first.closed_at == contact.decision.decided_at
    assert [e.text for e in Entry.objects.filter(analysis=second)] == ["New concern from police"]
    assert Event.objects.filter(verb="practice_analysis_closed", person=contact.person).exists()


def test_the_database_allows_one_open_analysis_per_child(screener):
    contact = open_contact(screener)
    add(screener, contact.person, worries="Bruising")
    other = f.only_child(f.screened(screener))
    with pytest.raises(IntegrityError), transaction.atomic():
        Analysis.objects.create(
            person=contact.person, contact=other, started_at=timezone.now(), started_by=screener
        )


def test_the_database_refuses_a_scale_outside_0_to_10(screener):
    contact = open_contact(screener)
    analysis = add(screener, contact.person, worries="Bruising")
    with pytest.raises(IntegrityError), transaction.atomic():
        ScaleReading.objects.create(
            analysis=analysis,
            stage="other",
            score=11,
            recorded_by=screener,
            recorded_at=timezone.now(),
        )


@pytest.mark.parametrize(
    ("score", "texts", "message"),
    [
        (None, {}, "Enter at least one"),
        (None, {"worries": "   "}, "Enter at least one"),
        (11, {}, "from 0 to 10"),
    ],
)
def test_screener_cannot_add_nothing_or_a_number_off_the_scale(screener, score, texts, message):
    contact = open_contact(screener)
    with pytest.raises(AnalysisProblem, match=message):
        add(screener, contact.person, score=score, **texts)
    assert not Analysis.objects.exists()


def test_screener_cannot_start_an_analysis_for_a_child_with_no_contact(screener):
    with pytest.raises(AnalysisProblem, match="no open contact"):
        add(screener, f.person("Nobody", "Contacted"), worries="A worry")


@pytest.mark.parametrize("who", ["police_partner", "auditor", "contact_officer"])
def test_others_cannot_extend_the_analysis(request, screener, who):
    contact = open_contact(screener)
    with pytest.raises(PermissionDenied):
        add(request.getfixturevalue(who), contact.person, worries="A worry")


def test_hub_worker_can_mark_an_entry_no_longer_applying_and_it_is_kept(screener, hub_worker):
    contact = open_contact(screener)
    analysis = add(screener, contact.person, worries="Father lives at home")
    entry = Entry.objects.get(analysis=analysis)
    actions.withdraw_entry(by=hub_worker, entry=entry, reason="Father moved out on 3 March")
    entry.refresh_from_db()
    assert entry.text == "Father lives at home"  # never edited in place
    assert entry.withdrawal.reason == "Father moved out on 3 March"
    event = Event.objects.get(verb="practice_entry_withdrawn")
    assert event.reason == "Father moved out on 3 March"
    with pytest.raises(AnalysisProblem, match="already marked"):
        actions.withdraw_entry(by=screener, entry=entry, reason="Again")
    assert Withdrawal.objects.count() == 1


def test_hub_worker_cannot_mark_an_entry_without_a_reason(screener, hub_worker):
    contact = open_contact(screener)
    entry = Entry.objects.get(analysis=add(screener, contact.person, worries="A worry"))
    with pytest.raises(AnalysisProblem, match="Enter why this no longer applies"):
        actions.withdraw_entry(by=hub_worker, entry=entry, reason="  ")
    assert not Withdrawal.objects.exists()


def test_the_hubs_analysis_joins_the_childs_analysis_once(screener, manager, child_protection_hub):
    from frontdoor.contacts import actions as contact_actions

    family = f.awaiting_decision(manager, child_protection_hub)  # the hub's analysis, scale 3
    contact = f.only_child(family)
    analysis = Analysis.objects.get(person=contact.person)
    hub = Entry.objects.filter(analysis=analysis, stage=Stage.HUB)
    assert sorted(hub.values_list("section", flat=True)) == [
        "needs_to_happen",
        "working_well",
        "worries",
    ]
    assert ScaleReading.objects.get(analysis=analysis).score == 3
    # Sent back and recorded again with one section changed: only the change is added.
    contact_actions.return_to_hub(by=manager, contact=contact, reason="Check with health")
    contact.refresh_from_db()
    contact_actions.record_analysis(
        by=manager,
        contacts=[contact],
        analysis=contact_actions.Analysis(
            worries=contact.worries,
            working_well=contact.working_well,
            needs_to_happen="Health visitor to see the baby this week.",
            scale=3,
            proposed_outcome=contact.proposed_outcome,
        ),
    )
    assert hub.count() == 4 and ScaleReading.objects.filter(analysis=analysis).count() == 1


def test_manager_cannot_mark_an_entry_once_the_episode_has_ended(screener, manager):
    contact = open_contact(screener)
    entry = Entry.objects.get(analysis=add(screener, contact.person, worries="A worry"))
    decide(manager, contact)
    with pytest.raises(AnalysisProblem, match="read only"):
        actions.withdraw_entry(by=manager, entry=entry, reason="Too late")
    assert not Withdrawal.objects.exists()
