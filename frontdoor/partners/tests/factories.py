"""A partner agency's referral in each state, reached through the real actions."""

from __future__ import annotations

from typing import Any

from frontdoor.contacts import actions
from frontdoor.contacts.models import FamilyContact
from frontdoor.contacts.tests import factories as f
from frontdoor.contacts.workflow import Outcome
from frontdoor.decisions import actions as decision_actions

RATIONALE = "Threshold not met: universal services are supporting the family well."


def submitted(partner: Any, **kwargs: Any) -> FamilyContact:
    """A contact the partner's agency sent online (the referral form or the API)."""
    return actions.receive_contact(by=partner, details=f.contact_details(**kwargs))


def decided(
    family: FamilyContact, *, screener: Any, manager: Any, hub: Any, outcome: str = ""
) -> FamilyContact:
    """Screened, through a hub, and decided by a manager: the referrer's feedback clock starts."""
    f.screened(screener, family, rag="green")
    actions.send_to_hub(by=screener, family=family, hub=hub)
    contacts = list(family.contacts.all())
    actions.record_analysis(
        by=manager,
        contacts=contacts,
        analysis=actions.Analysis(
            worries="A single incident; no previous concerns.",
            working_well="Mother sought help herself; school attendance is good.",
            needs_to_happen="Advice to mother; school to keep in touch.",
            scale=8,
            proposed_outcome=Outcome.INFORMATION_AND_ADVICE,
        ),
    )
    decision_actions.record_decision(
        by=manager,
        contacts=list(family.contacts.all()),
        details=decision_actions.DecisionDetails(
            outcome=outcome or Outcome.INFORMATION_AND_ADVICE, rationale=RATIONALE
        ),
    )
    family.refresh_from_db()
    return family
