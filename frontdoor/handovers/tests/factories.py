"""Handovers in their states, made through the real actions (a manager's decision)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from frontdoor.access.models import User
from frontdoor.codelists.models import Code, CodeList
from frontdoor.contacts.tests import factories as f
from frontdoor.contacts.workflow import Outcome
from frontdoor.decisions import actions as decision_actions
from frontdoor.handovers.models import Handover
from frontdoor.teams.models import Team


def stepped_down(manager: User, screener: User, first: str = "Amy") -> Handover:
    """A child screened by the screener and stepped down to early help by the manager."""
    contact = f.only_child(f.screened(screener, children=[f.child(first, "Okafor")]))
    decision_actions.record_decision(
        by=manager,
        contacts=[contact],
        details=decision_actions.DecisionDetails(
            outcome=Outcome.EARLY_HELP,
            rationale="Parenting support will meet the family's needs; no role for social care",
        ),
    )
    return Handover.objects.get(decision__contact=contact)


def transferred(manager: User, screener: User, team: Team, first: str = "Ben") -> Handover:
    """A child decided for a child and family assessment by the area team `team`."""
    contact = f.only_child(f.screened(screener, children=[f.child(first, "Kowalski")]))
    decision_actions.record_decision(
        by=manager,
        contacts=[contact],
        details=decision_actions.DecisionDetails(
            outcome=Outcome.ASSESSMENT,
            rationale="Needs a child and family assessment",
            see_by=timezone.now() + timedelta(days=3),
            see_by_team=team,
        ),
    )
    return Handover.objects.get(decision__contact=contact)


def referred_to_another_council(
    manager: User, screener: User, la_number: str = "383", first: str = "Cal"
) -> Handover:
    """A child who has moved away, referred by the manager to another council (by default
    Leeds, LA number 383)."""
    contact = f.only_child(f.screened(screener, children=[f.child(first, "Mensah")]))
    decision_actions.record_decision(
        by=manager,
        contacts=[contact],
        details=decision_actions.DecisionDetails(
            outcome=Outcome.OTHER_COUNCIL,
            rationale="The family moved to Leeds last month; their front door should assess",
            other_council=Code.objects.get(code_list=CodeList.LOCAL_AUTHORITY, code=la_number),
        ),
    )
    return Handover.objects.get(decision__contact=contact)


def fuzz_ids(manager: User) -> dict[str, list[str]]:
    """A real handover awaiting its receipt, for every handover path parameter of the API."""
    return {"handover_id": [str(stepped_down(manager, manager, "Dee").pk)]}
