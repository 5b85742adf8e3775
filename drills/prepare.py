"""Adds to the drills' template what the demo county lacks: contacts waiting for a manager's
decision (the kill-decision and concurrent-decisions drills decide them), each reached through
the real actions: received and screened by Alice, analysed in Hamid's hub."""

from drills.kit import setup_django

setup_django()

from frontdoor.access.models import User  # noqa: E402
from frontdoor.contacts import actions  # noqa: E402
from frontdoor.contacts.tests import factories as f  # noqa: E402
from frontdoor.contacts.workflow import Outcome  # noqa: E402

WAITING = 260


def main() -> None:
    alice = User.objects.get(username="alice")
    hamid = User.objects.get(username="hamid")
    hub = hamid.team
    assert hub is not None
    for n in range(WAITING):
        family = f.in_hub(alice, hub, children=[f.child(f"Drill{n:03d}", "Example")])
        actions.record_analysis(
            by=hamid,
            contacts=list(family.contacts.all()),
            analysis=actions.Analysis(
                worries="Drill: repeated incidents of domestic abuse.",
                working_well="Drill: attends school every day.",
                needs_to_happen="Drill: strategy discussion with police and health.",
                scale=3,
                proposed_outcome=Outcome.STRATEGY_DISCUSSION,
            ),
        )
    print(f"{WAITING} contacts waiting for a decision")


main()
