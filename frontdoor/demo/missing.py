"""Demo missing episodes: children missing now, returned children at each step of the follow-up
(some with a long gap between attempts, some past 72 hours without an interview), a child who
keeps going missing and is on the manager's list, and six months of closed episodes so that the
figures have something to show.

Synthetic; put through the real actions (frontdoor/missing/actions/) at the moments they
would have happened, so every deadline, warning and timeline is the system's own.
"""

from __future__ import annotations

import itertools
import random
from datetime import date, datetime, timedelta

from django.utils import timezone

from frontdoor.access.models import User
from frontdoor.agencies.models import Agency, AgencyKind
from frontdoor.demo.seed import at
from frontdoor.missing import actions
from frontdoor.missing.models import Episode
from frontdoor.missing.queries import siblings_of
from frontdoor.people.models import Person, RelationshipKind

PLACES = [
    "Home",
    "Foster home",
    "Children's home",
    "School",
]
FOUND = [
    "Returned home by themselves",
    "Found by police at a friend's flat in Westbury",
    "Found by police at Westbury bus station",
    "Brought home by a friend's parent",
    "Found by police in a park in another town",
]
REVIEW = actions.RiskReviewDetails(
    push_factors="Arguments at home about curfew; feels her stepfather does not want her there.",
    pull_factors="Older friends who offer somewhere to stay and pay for food and vapes.",
    where_went="A flat in Westbury belonging to an older friend's cousin.",
    with_whom="Two older teenagers met online; names given to the police.",
    sexual_exploitation=False,
    criminal_exploitation=True,
    none_identified=False,
    risk_level="medium",
    plan_update="Safety plan agreed with the young person and her mother; referral to the "
    "exploitation panel; school to report any absence the same morning.",
)
_REFERENCES = itertools.count(4001)


def seed_missing(users: dict[str, User], rng: random.Random) -> None:
    police = Agency.objects.filter(kind=AgencyKind.POLICE).order_by("name").first()
    # Hamid coordinates (hub workers and managers do, for now); Maya's list is left for the
    # demo's manager to decide on.
    coordinator = users["hamid"]
    children = _teenagers_with_siblings()
    if police is None or len(children) < 14:
        return
    now = timezone.now()
    chosen = iter(children)
    # Missing now.
    for hours in (5, 30):
        _start(coordinator, police, next(chosen), now - timedelta(hours=hours), rng)
    # Returned 20 hours ago: the interview still to offer.
    _returned(coordinator, police, next(chosen), now - timedelta(hours=20), rng)
    # Returned four days ago, attempts 40 hours apart, never offered: both warnings show.
    late = _returned(coordinator, police, next(chosen), now - timedelta(days=4), rng)
    for hours in (3, 43):
        _attempt(coordinator, late, hours, "phone", "no_answer")
    # Offered and accepted, the interview to be done.
    waiting = _returned(coordinator, police, next(chosen), now - timedelta(hours=40), rng)
    _attempt(coordinator, waiting, 2, "phone", "spoke_to_child")
    _offer(coordinator, waiting, 2, "accepted")
    # Interviewed; the risk review waits for the brothers and sisters to be considered.
    _interviewed(coordinator, police, next(chosen), now - timedelta(days=2), rng)
    # A child who keeps going missing: three times in 25 days, on the manager's list.
    repeat = next(chosen)
    for days in (25, 12):
        _closed(coordinator, police, repeat, now - timedelta(days=days), rng)
    _start(coordinator, police, repeat, now - timedelta(hours=9), rng)
    # Six months of closed episodes for the figures, some interviews offered late.
    for child in itertools.islice(chosen, 7):
        for _ in range(rng.randint(1, 2)):
            back = now - timedelta(days=rng.randint(8, 180), hours=rng.randint(0, 23))
            _closed(coordinator, police, child, back, rng, offer_after=rng.choice([4, 20, 50, 90]))


def _teenagers_with_siblings() -> list[Person]:
    """Children aged 11 to 16 with a brother or sister on record, in a fixed order."""
    today = timezone.localdate()
    return list(
        Person.objects.filter(
            date_of_birth__lte=date(today.year - 11, today.month, 1),
            date_of_birth__gte=date(today.year - 16, today.month, 1),
            relationships__kind=RelationshipKind.SIBLING,
        )
        .distinct()
        .order_by("last_name", "first_name", "id")[:20]
    )


def _police(force: Agency, started: datetime, rng: random.Random) -> actions.PoliceReportDetails:
    return actions.PoliceReportDetails(
        agency=force,
        reference=f"WX/{started:%Y}/{next(_REFERENCES):05d}",
        risk_grade=rng.choice(["low", "medium", "medium", "high"]),
        reported_at=started + timedelta(hours=2),
    )


def _start(
    by: User, force: Agency, child: Person, started: datetime, rng: random.Random
) -> Episode:
    with at(started + timedelta(hours=2, minutes=20)):
        return actions.report_missing(
            by=by,
            person=child,
            details=actions.MissingDetails(
                started_at=started,
                missing_from=rng.choice(PLACES),
                reported_to_police_at=started + timedelta(hours=2),
                # One in five is recorded before the police reference is known.
                police=_police(force, started, rng) if rng.random() > 0.2 else None,
            ),
        )


def _returned(
    by: User, force: Agency, child: Person, back: datetime, rng: random.Random
) -> Episode:
    episode = _start(by, force, child, back - timedelta(hours=rng.randint(8, 40)), rng)
    with at(back + timedelta(minutes=40)):
        return actions.record_return(
            by=by, episode=episode, returned_at=back, where_found=rng.choice(FOUND)
        )


def _attempt(by: User, episode: Episode, hours: int, method: str, result: str) -> None:
    assert episode.returned_at is not None
    moment = episode.returned_at + timedelta(hours=hours)
    with at(moment + timedelta(minutes=15)):
        actions.log_contact_attempt(
            by=by, episode=episode, attempted_at=moment, method=method, result=result
        )
    episode.refresh_from_db()


def _offer(by: User, episode: Episode, hours: int, answer: str) -> None:
    assert episode.returned_at is not None
    moment = episode.returned_at + timedelta(hours=hours)
    with at(moment + timedelta(minutes=15)):
        actions.offer_rhi(
            by=by,
            episode=episode,
            offered_at=moment,
            offered_by="Jess Amos, return home interview worker",
            answer=answer,
        )
    episode.refresh_from_db()


def _interviewed(
    by: User,
    force: Agency,
    child: Person,
    back: datetime,
    rng: random.Random,
    *,
    offer_after: int = 4,
) -> Episode:
    episode = _returned(by, force, child, back, rng)
    _attempt(by, episode, max(1, offer_after - 2), "phone", "no_answer")
    _attempt(by, episode, offer_after, "home_visit", "spoke_to_child")
    _offer(by, episode, offer_after, "accepted")
    moment = back + timedelta(hours=offer_after + 24)
    with at(moment + timedelta(hours=1)):
        actions.complete_rhi(
            by=by,
            episode=episode,
            interview=actions.InterviewDetails(
                completed_at=moment,
                completed_by="Jess Amos",
                organisation="Wessex Return Interviews (commissioned)",
                independent=True,
                summary="Talked about what happened at home and who she was with.",
            ),
        )
    episode.refresh_from_db()
    return episode


def _closed(
    by: User,
    force: Agency,
    child: Person,
    back: datetime,
    rng: random.Random,
    *,
    offer_after: int = 4,
) -> Episode:
    """An episode followed up to its risk review, with the brothers and sisters considered."""
    episode = _interviewed(by, force, child, back, rng, offer_after=offer_after)
    moment = back + timedelta(hours=offer_after + 30)
    with at(moment):
        notes = {s.key: "Spoken to at school; no sign of risk to them." for s in siblings_of(child)}
        if notes:
            actions.record_siblings_considered(by=by, episode=episode, notes=notes)
        actions.record_risk_review(by=by, episode=episode, review=REVIEW)
    return episode
