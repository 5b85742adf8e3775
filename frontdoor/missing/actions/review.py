"""After the return: brothers and sisters considered, and the risk review that closes the
episode."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from frontdoor.access.policies import require
from frontdoor.access.records import is_concealed
from frontdoor.missing.actions.steps import event
from frontdoor.missing.models import (
    Episode,
    RiskReview,
    SiblingConsidered,
)
from frontdoor.missing.queries import (
    siblings_of,
    unconsidered_siblings,
)
from frontdoor.missing.workflow import EPISODE, RiskLevel, review_blockers, review_problems
from frontdoor.workflow.compare_and_set import check_version, move
from frontdoor.workflow.errors import NotReady

if TYPE_CHECKING:
    from frontdoor.access.models import User


# --- After the return: brothers and sisters, and the risk review ------------------------------


def record_siblings_considered(
    *,
    by: User,
    episode: Episode,
    notes: dict[str, str],
    expected_version: int | None = None,
) -> list[SiblingConsidered]:
    """Record, for each brother or sister, what was considered about them."""
    require(by, "record_siblings_considered")
    check_version(episode, EPISODE, expected_version)
    EPISODE.next("record_siblings_considered", episode.status)
    if episode.person is None:
        raise NotReady([f"Link {episode.child_name} to their person record first"])
    siblings = {s.key: s for s in siblings_of(episode.person)}
    unknown = set(notes) - set(siblings)
    # Each reason is about the brothers and sisters sent (`siblings`, the API's key for them).
    if unknown:
        raise NotReady.about([("siblings", "Choose brothers and sisters from the list")])
    problems = [
        ("siblings", f"Enter what was considered for {siblings[key].name}")
        for key, note in notes.items()
        if not note.strip()
    ]
    if not notes:
        problems.append(("siblings", "There are no brothers or sisters to record"))
    if problems:
        raise NotReady.about(problems)
    # A brother or sister considered while their record was open, and restricted since: what was
    # recorded is theirs now (it comes out concealed), and stays as it is.
    recorded = {
        row.sibling_key or f"person:{row.sibling_id}": row
        for row in episode.siblings_considered.filter(
            sibling_key__in=[siblings[key].recorded_key for key in notes]
        )
    }
    if any(is_concealed(row) for row in recorded.values()):
        raise NotReady.about(
            [("siblings", "What was considered for a restricted record cannot be changed")]
        )
    now = timezone.now()
    rows = []
    with transaction.atomic():
        move(episode, EPISODE, ["record_siblings_considered"], expected_version)
        for key, note in notes.items():
            sibling = siblings[key]
            row, _ = SiblingConsidered.objects.update_or_create(
                episode=episode,
                sibling_key=sibling.recorded_key,
                defaults={
                    "sibling": sibling.recorded_person,
                    "sibling_name": sibling.name,
                    "note": note.strip(),
                    "considered_at": now,
                    "considered_by": by,
                },
            )
            rows.append(row)
        event(
            by,
            "siblings_considered",
            episode,
            siblings=[siblings[key].name for key in notes],
            # Who they are, so that the timeline withholds the detail from a reader who may not
            # open one of them, restricted now or afterwards (audit.timeline.PEOPLE_KEYS).
            sibling_people=[
                siblings[key].recorded_key.removeprefix("person:")
                for key in notes
                if siblings[key].recorded_key.startswith("person:")
            ],
        )
    return rows


@dataclass(frozen=True)
class RiskReviewDetails:
    push_factors: str
    pull_factors: str
    where_went: str
    with_whom: str
    sexual_exploitation: bool
    criminal_exploitation: bool
    none_identified: bool
    risk_level: str
    plan_update: str
    exploitation_detail: str = ""


def _review_problems(review: RiskReviewDetails) -> list[tuple[str, str]]:
    problems = review_problems(
        answers={
            "push_factors": review.push_factors,
            "pull_factors": review.pull_factors,
            "where_went": review.where_went,
            "with_whom": review.with_whom,
            "plan_update": review.plan_update,
        },
        exploitation_answered=(
            review.sexual_exploitation or review.criminal_exploitation or review.none_identified
        ),
    )
    if review.none_identified and (review.sexual_exploitation or review.criminal_exploitation):
        problems.append(
            (
                "none_identified",
                "Select 'None identified' only when there are no signs of exploitation",
            )
        )
    if review.risk_level not in RiskLevel.values:
        problems.append(("risk_level", "Select the level of risk now"))
    return problems


def record_risk_review(
    *,
    by: User,
    episode: Episode,
    review: RiskReviewDetails,
    expected_version: int | None = None,
) -> RiskReview:
    """Risk reconsidered after the interview, and the plan updated. Closes the episode: the only
    way it leaves the coordinator's queue."""
    require(by, "record_risk_review")
    check_version(episode, EPISODE, expected_version)
    EPISODE.next("record_risk_review", episode.status)
    blockers = review_blockers(
        linked=episode.person_id is not None,
        child_name=episode.child_name,
        unconsidered=[s.name for s in unconsidered_siblings(episode)],
    )
    problems = blockers + _review_problems(review)
    if problems:
        raise NotReady.about(problems)
    now = timezone.now()
    with transaction.atomic():
        move(episode, EPISODE, ["record_risk_review"], expected_version)
        row = RiskReview.objects.create(
            episode=episode,
            push_factors=review.push_factors.strip(),
            pull_factors=review.pull_factors.strip(),
            where_went=review.where_went.strip(),
            with_whom=review.with_whom.strip(),
            sexual_exploitation=review.sexual_exploitation,
            criminal_exploitation=review.criminal_exploitation,
            exploitation_detail=review.exploitation_detail.strip(),
            risk_level=review.risk_level,
            plan_update=review.plan_update.strip(),
            reviewed_at=now,
            reviewed_by=by,
        )
        event(
            by,
            "missing_risk_reviewed",
            episode,
            risk_level=review.risk_level,
            sexual_exploitation=review.sexual_exploitation,
            criminal_exploitation=review.criminal_exploitation,
        )
    return row
