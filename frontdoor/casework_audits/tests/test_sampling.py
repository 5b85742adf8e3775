"""Which decisions a round samples: a seeded random N, every decision below the indicators,
and re-referrals within 12 months."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from frontdoor.casework_audits import sampling
from frontdoor.casework_audits.tests import factories as a
from frontdoor.casework_audits.workflow import SampleKind
from frontdoor.contacts.tests import factories as f
from frontdoor.contacts.workflow import Outcome
from frontdoor.decisions import actions as decision_actions
from frontdoor.guardrails.models import BelowIndicatorDecision
from frontdoor.guardrails.tests import factories as g

pytestmark = pytest.mark.django_db


def test_a_random_sample_is_the_same_for_the_same_seed(screener, manager):
    decided = [a.decided(screener, manager) for _ in range(6)]
    criteria = a.this_month(size=3, seed=42)
    first = sampling.draw(criteria)
    assert len(first) == 3
    assert set(first) <= {c.pk for c in decided}
    assert sampling.draw(criteria) == first


def test_a_random_sample_larger_than_the_candidates_takes_them_all(screener, manager):
    decided = [a.decided(screener, manager) for _ in range(2)]
    assert set(sampling.draw(a.this_month(size=10, seed=1))) == {c.pk for c in decided}


def test_sampling_filters_by_outcome_and_period(screener, manager):
    nfa = a.decided(screener, manager, Outcome.NO_FURTHER_ACTION)
    a.decided(screener, manager, Outcome.INFORMATION_AND_ADVICE)
    assert sampling.draw(a.this_month(outcome=Outcome.NO_FURTHER_ACTION)) == [nfa.pk]
    last_year = timezone.localdate() - timedelta(days=400)
    assert sampling.draw(a.this_month(start=last_year, end=last_year)) == []


def test_open_contacts_are_never_sampled(screener, manager):
    f.screened(screener)
    assert sampling.draw(a.this_month()) == []


def test_every_decision_below_the_indicators_is_sampled(screener, manager):
    a.decided(screener, manager)
    person = f.person("Amy", "Below")
    amy = g.with_high_dash(screener, g.new_contact_about(screener, person))
    decision_actions.record_decision(
        by=manager,
        contacts=[amy],
        details=g.step_down(indicator_answers={"high-dash": "Perpetrator is on remand."}),
    )
    assert BelowIndicatorDecision.objects.filter(contact=amy).exists()
    assert sampling.draw(a.this_month(SampleKind.BELOW_INDICATORS)) == [amy.pk]


def test_a_child_referred_twice_within_12_months_is_a_re_referral(screener, manager, area_team):
    first = a.assessed(manager, f.only_child(f.screened(screener)), area_team)
    assert first.person is not None
    again = a.assessed(manager, g.new_contact_about(screener, first.person), area_team)
    a.assessed(manager, f.only_child(f.screened(screener)), area_team)  # referred once only
    assert sampling.draw(a.this_month(SampleKind.RE_REFERRALS)) == [again.pk]
