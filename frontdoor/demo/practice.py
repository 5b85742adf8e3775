"""Demo analyses (issue 9): a handful of children whose one analysis has grown over several
stages: the screener's first worries, the hub's analysis (added by the hub's own action as the
seed walks each contact), a manager's additions, a strategy discussion's, a supervision note,
and an entry that no longer applies. Synthetic; put through the real actions, each at a
moment it could have happened. Called once from frontdoor/demo/seed.py.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import timedelta

from django.utils import timezone

from frontdoor.access.models import User
from frontdoor.contacts.models import Contact
from frontdoor.contacts.workflow import Status
from frontdoor.demo.seed import at
from frontdoor.practice import actions
from frontdoor.practice.models import Entry
from frontdoor.practice.rules import Section, Stage
from frontdoor.strategy.models import StrategyDiscussion
from frontdoor.strategy.workflow import DiscussionStatus

W, S, N = Section.WORRIES, Section.WORKING_WELL, Section.NEEDS_TO_HAPPEN
SCREENING = [
    (
        W,
        "Police attended the home twice this month after reports of shouting; the children "
        "were present both times.",
    ),
    (S, "School says the children are always on time, clean and fed."),
    (N, "Find out from health whether the youngest is up to date with checks."),
]
DECISION = [
    (W, "Mother's new partner is not known to us; police hold information on him."),
    (N, "Police check on the new partner before the children are seen."),
]
STRATEGY = [
    (W, "Unexplained bruise to the upper arm, seen by the class teacher."),
    (S, "Father has agreed to stay with his mother while enquiries are made."),
    (N, "Joint visit with police within 24 hours; child medical arranged."),
]


def _extend(
    by: User, contact: Contact, stage: str, lines: Sequence[tuple[str, str]], score: int | None
) -> None:
    extension = actions.Extension(
        stage=stage,
        entries=[actions.NewEntry(section, text) for section, text in lines],
        score=score,
    )
    assert contact.person is not None  # only linked children are chosen
    actions.extend_analysis(by=by, person=contact.person, extension=extension)


def seed_practice(users: dict[str, User], rng: random.Random) -> None:
    now = timezone.now()
    waiting = (
        Contact.objects.filter(status=Status.AWAITING_DECISION, person__isnull=False)
        .exclude(person__restriction__isnull=False)
        .select_related("family", "person")
        .order_by("family__received_at", "position")[:4]
    )
    for index, contact in enumerate(waiting):
        screened = contact.screened_at or contact.family.received_at
        with at(min(screened + timedelta(seconds=30), now)):  # just after screening
            _extend(users["alice"], contact, Stage.SCREENING, SCREENING[: 1 + index % 3], 4)
        with at(now - timedelta(minutes=30 + index)):
            _extend(users["maya"], contact, Stage.DECISION, DECISION, rng.randint(2, 4))
        if index == 0:  # something the screener worried about was checked and no longer applies
            entry = Entry.objects.filter(analysis__person=contact.person, stage=Stage.SCREENING)
            with at(now - timedelta(minutes=20)):
                actions.withdraw_entry(
                    by=users["hamid"],
                    entry=entry.order_by("added_at").first(),  # type: ignore[arg-type]
                    reason="Police confirmed the second call-out was to a neighbour's address.",
                )
        if index == 1:
            with at(now - timedelta(minutes=10)):
                _extend(
                    users["mark"],
                    contact,
                    Stage.SUPERVISION,
                    [
                        (
                            N,
                            "Discuss in supervision "
                            "whether the father's family can offer a safety network.",
                        )
                    ],
                    None,
                )
    to_hold = StrategyDiscussion.objects.filter(status=DiscussionStatus.TO_BE_HELD).select_related(
        "referral__contact", "referral__contact__person"
    )
    for discussion in to_hold.order_by("due_at")[:2]:
        moment = min(discussion.requested_at + timedelta(hours=1), now - timedelta(minutes=5))
        with at(moment):
            _extend(
                users["hamid"], discussion.referral.contact, Stage.STRATEGY_DISCUSSION, STRATEGY, 3
            )
