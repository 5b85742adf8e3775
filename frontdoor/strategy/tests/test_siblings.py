"""One strategy discussion about a family, recorded for several of its children at once (issue
17), as a decision can be: each child keeps their own record and audit entry, and a restricted
sibling the worker may not open is neither offered nor written."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from frontdoor.access import actions as access_actions
from frontdoor.audit.models import Event
from frontdoor.contacts.models import Contact
from frontdoor.contacts.tests import factories as f
from frontdoor.contacts.workflow import Outcome
from frontdoor.decisions import actions as decision_actions
from frontdoor.strategy import actions
from frontdoor.strategy.models import Participant, StrategyAction, StrategyDiscussion
from frontdoor.strategy.tests.test_actions import record
from frontdoor.strategy.workflow import DiscussionStatus
from frontdoor.workflow.errors import IllegalStep, NotReady
from tests.matrix_bodies import when
from tests.matrix_records import this_minute

pytestmark = pytest.mark.django_db


def siblings_for_discussion(manager, screener, team, *, children=("Ava", "Ben")):
    family = f.screened(
        screener,
        children=[f.child(name, "Okafor", date(2015 + i, 4, 2)) for i, name in enumerate(children)],
    )
    contacts = list(Contact.objects.filter(family=family).order_by("first_name"))
    decision_actions.record_decision(
        by=manager,
        contacts=contacts,
        details=decision_actions.DecisionDetails(
            outcome=Outcome.STRATEGY_DISCUSSION,
            rationale="Both children described the same injury to their teacher",
            see_by=timezone.now() + timedelta(hours=20),
            see_by_team=team,
        ),
    )
    return [StrategyDiscussion.objects.get(referral__contact=c) for c in contacts]


def test_hub_worker_can_record_one_discussion_for_two_siblings(
    hub_worker, manager, screener, area_team
):
    first, second = siblings_for_discussion(manager, screener, area_team)
    actions.record_strategy_discussion(
        by=hub_worker, discussion=first, record=record(), also_for=[second]
    )
    for discussion in (first, second):
        discussion.refresh_from_db()
        assert discussion.status == DiscussionStatus.HELD
        # Each child's own copy: participants and actions on their own discussion.
        assert Participant.objects.filter(discussion=discussion).count() == 4
        assert StrategyAction.objects.filter(discussion=discussion).count() == 1
    events = Event.objects.filter(verb="strategy_discussion_recorded")
    assert sorted(e.person_id for e in events) == sorted([first.person_id, second.person_id])


def test_a_sibling_whose_discussion_cannot_be_recorded_stops_both(
    hub_worker, manager, screener, area_team
):
    first, second = siblings_for_discussion(manager, screener, area_team)
    actions.record_strategy_discussion(by=hub_worker, discussion=second, record=record())
    second.refresh_from_db()
    with pytest.raises(IllegalStep):  # already held: the workflow refuses a second recording
        actions.record_strategy_discussion(
            by=hub_worker, discussion=first, record=record(), also_for=[second]
        )
    first.refresh_from_db()
    assert first.status == DiscussionStatus.TO_BE_HELD
    assert not Participant.objects.filter(discussion=first).exists()


def test_hub_worker_cannot_record_a_discussion_for_a_child_of_another_family(
    hub_worker, manager, screener, area_team
):
    (first,) = siblings_for_discussion(manager, screener, area_team, children=("Cara",))
    (other,) = siblings_for_discussion(manager, screener, area_team, children=("Dan",))
    with pytest.raises(NotReady):
        actions.record_strategy_discussion(
            by=hub_worker, discussion=first, record=record(), also_for=[other]
        )
    assert not Event.objects.filter(verb="strategy_discussion_recorded").exists()


def _form(discussion, **extra):
    body = {
        "version": discussion.version,
        **when("held_at", this_minute()),  # not before the decision that asked for it
        "format": "conference_call",
        "invited_council": "on",
        "attended_council": "on",
        "invited_police": "on",
        "attended_police": "on",
        "invited_health": "on",
        "attended_health": "on",
        "outcome": "section_47",
        "rationale": "Threshold for section 47 met for both children",
    }
    return {**body, **extra}


def test_hub_worker_can_choose_siblings_on_the_page_and_each_is_recorded(
    hub_worker, manager, screener, area_team
):
    first, second = siblings_for_discussion(manager, screener, area_team)
    client = Client()
    client.force_login(hub_worker)
    page = client.get(f"/strategy/{first.pk}/")
    assert "Also record this discussion for" in page.content.decode()
    assert second.person.full_name in page.content.decode()
    response = client.post(f"/strategy/{first.pk}/", _form(first, also_for=[str(second.pk)]))
    assert response.status_code == 302, response.content.decode()[:2000]
    assert set(
        StrategyDiscussion.objects.filter(status=DiscussionStatus.HELD).values_list("pk", flat=True)
    ) == {first.pk, second.pk}


def test_a_restricted_sibling_is_neither_offered_nor_written(
    hub_worker, manager, screener, area_team, make_user
):
    first, second = siblings_for_discussion(manager, screener, area_team)
    iris = make_user("iris", "ig_lead")
    access_actions.restrict_person(by=iris, person=second.person, reason="Staff member's child")
    client = Client()
    client.force_login(hub_worker)
    page = client.get(f"/strategy/{first.pk}/").content.decode()
    assert "Also record this discussion for" not in page
    assert "Ben" not in page
    # Sent anyway, by id: not a choice the worker has, so it is ignored and only the child
    # they opened is recorded; the restricted sibling's discussion is left as it was.
    response = client.post(f"/strategy/{first.pk}/", _form(first, also_for=[str(second.pk)]))
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.status == DiscussionStatus.HELD
    assert StrategyDiscussion.objects.get(pk=second.pk).status == DiscussionStatus.TO_BE_HELD
    assert not Event.objects.filter(
        verb="strategy_discussion_recorded", person=second.person
    ).exists()
