"""Oversight in each state, reached through the real actions."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from frontdoor.access.models import User
from frontdoor.contacts.models import Contact
from frontdoor.contacts.tests import factories as f
from frontdoor.oversight import actions
from frontdoor.oversight.models import OversightRecord
from frontdoor.oversight.rules import Kind, Stage, Verdict

NEXT_WEEK = timezone.localdate() + timedelta(days=7)


def screened_contact(screener: User) -> Contact:
    """A screened contact about a child with a person record (still open: awaiting a hub)."""
    return f.only_child(f.screened(screener))


def challenge(
    manager: User, contact: Contact, *, owner: User | None = None, reason: str = "Too optimistic"
) -> OversightRecord:
    assert contact.person is not None
    return actions.record_oversight(
        by=manager,
        person=contact.person,
        kind=Kind.OVERSIGHT,
        contact=contact,
        stage=Stage.SCREENING,
        verdict=Verdict.CHALLENGE,
        reason=reason,
        actions=(
            [actions.ActionToSet("Ask the school what Amy has said", owner, NEXT_WEEK)]
            if owner
            else []
        ),
    )
