"""Children in each episode state, reached through the real actions."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from frontdoor.contacts.models import Contact
from frontdoor.contacts.tests import factories as f
from frontdoor.contacts.workflow import Outcome
from frontdoor.decisions import actions as decision_actions
from frontdoor.practice import actions
from frontdoor.practice.rules import Section, Stage


def open_contact(screener, **kwargs) -> Contact:
    """A child linked and screened: an open episode."""
    return f.only_child(f.screened(screener, **kwargs))


def decide(manager, contact: Contact, outcome: str = Outcome.NO_FURTHER_ACTION, team=None):
    contact.refresh_from_db()
    details = decision_actions.DecisionDetails(
        outcome=outcome,
        rationale="Threshold considered with the history",
        see_by=timezone.now() + timedelta(hours=20) if team else None,
        see_by_team=team,
    )
    decision_actions.record_decision(by=manager, contacts=[contact], details=details)


def extension(stage: str = Stage.SCREENING, score: int | None = None, **texts: str):
    entries = [actions.NewEntry(Section(k).value, v) for k, v in texts.items()]
    return actions.Extension(stage=stage, entries=entries, score=score)


def add(by, person, stage: str = Stage.SCREENING, score: int | None = None, **texts: str):
    return actions.extend_analysis(by=by, person=person, extension=extension(stage, score, **texts))
