"""Contacts waiting for a manager's decision, for the writers benchmark: each reached through
the real actions (received, linked and screened by a screener, analysed in a hub), so that a
decision on one writes what a real decision writes."""

from __future__ import annotations

from django.contrib.auth.hashers import make_password

from frontdoor.access.models import Role, User
from frontdoor.contacts import actions
from frontdoor.contacts.models import Contact
from frontdoor.contacts.tests import factories as f
from frontdoor.contacts.workflow import Outcome, Status
from frontdoor.teams.models import Team

PREFIX = "Writer"


def users(writers: int) -> tuple[User, User, list[User]]:
    """The screener, the hub worker and one manager per writer."""
    hub = Team.objects.hubs().first()
    assert hub is not None, "the migrations seed the hubs"
    unusable = make_password(None)
    screener, _ = User.objects.get_or_create(
        username="bench-writers-screener",
        defaults={"role": Role.SCREENER, "first_name": "Bench", "password": unusable},
    )
    hub_worker, _ = User.objects.get_or_create(
        username="bench-writers-hub",
        defaults={
            "role": Role.HUB_WORKER,
            "team": hub,
            "first_name": "Bench",
            "password": unusable,
        },
    )
    managers = [
        User.objects.get_or_create(
            username=f"bench-writers-manager-{n:02d}",
            defaults={"role": Role.MANAGER, "first_name": "Bench", "password": unusable},
        )[0]
        for n in range(writers)
    ]
    return screener, hub_worker, managers


def waiting() -> list[Contact]:
    return list(
        Contact.objects.filter(status=Status.AWAITING_DECISION, first_name__startswith=PREFIX)
        .select_related("family", "person")
        .order_by("first_name")
    )


def build(count: int, screener: User, hub_worker: User) -> None:
    """`count` more contacts waiting for a decision, one child each."""
    hub = hub_worker.team
    assert hub is not None
    start = Contact.objects.filter(first_name__startswith=PREFIX).count()
    for n in range(start, start + count):
        family = f.in_hub(screener, hub, children=[f.child(f"{PREFIX}{n:06d}", "Bench")])
        actions.record_analysis(
            by=hub_worker,
            contacts=list(family.contacts.all()),
            analysis=actions.Analysis(
                worries="Bench: repeated incidents of domestic abuse.",
                working_well="Bench: attends school every day.",
                needs_to_happen="Bench: strategy discussion with police and health.",
                scale=3,
                proposed_outcome=Outcome.STRATEGY_DISCUSSION,
            ),
        )
