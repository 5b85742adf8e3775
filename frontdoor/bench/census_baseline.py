"""The census benchmark's naive baseline: the same year's rows read the way a first attempt
would read them, one child in need episode at a time through the ORM (its child, assessment,
factors, enquiry, plans and their reviews each a query of their own), then written by the same
writer (`census.write`), so the two files must be byte for byte the same."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from frontdoor.access.records import as_the_system
from frontdoor.referrals.models import Referral
from frontdoor.returns import census
from frontdoor.strategy.models import ChildProtectionPlan, Section47Enquiry, StrategyDiscussion

PERSON = [
    "id",
    "date_of_birth",
    "expected_date_of_birth",
    "sex",
    "ethnicity",
    "disabilities",
    "upn",
    "former_upn",
    "upn_unknown_reason",
]


def naive_gather(spec: census.CensusYear, *, sample: int | None = None) -> census.Gathered:
    """The year's rows read one episode at a time; with `sample`, only the first `sample`
    episodes in the order the referrals are read (every referral is still loaded, as the
    naive reading does), so a county's baseline can be timed on a part of it and scaled."""
    episodes: list[dict[str, Any]] = []
    factors: dict[Any, list[str]] = {}
    people: dict[Any, dict[str, Any]] = {}
    plans: dict[Any, list[dict[str, Any]]] = defaultdict(list)
    previous: dict[Any, int] = {}
    reviews: dict[Any, list[Any]] = defaultdict(list)
    with as_the_system():
        for referral in Referral.objects.all():
            if sample is not None and len(episodes) >= sample:
                break
            if not _in_year(referral, spec):
                continue
            episodes.append(_episode(referral, factors))
            person = referral.person
            if person.pk not in people:
                people[person.pk] = {name: getattr(person, name) for name in PERSON}
                _plans(person, spec, plans, previous, reviews)
    episodes.sort(key=lambda e: (e["person_id"], e["referral_date"], e["id"]))
    return census.Gathered(episodes, factors, people, dict(plans), previous, dict(reviews))


def _in_year(referral: Referral, spec: census.CensusYear) -> bool:
    referred = census._day(referral.referral_date)
    closed = referral.closed_on
    return (
        referred is not None and referred <= spec.ends and (closed is None or closed >= spec.starts)
    )


def _episode(referral: Referral, factors: dict[Any, list[str]]) -> dict[str, Any]:
    row: dict[str, Any] = {
        "id": referral.pk,
        "person_id": referral.person_id,
        "referral_date": referral.referral_date,
        "referral_source__code": referral.referral_source.code,
        "closed_on": referral.closed_on,
        "closure_reason": referral.closure_reason,
    }
    discussion = StrategyDiscussion.objects.filter(referral=referral).first()
    row["strategy_discussion__outcome"] = discussion.outcome if discussion else None
    assessment = getattr(referral, "assessment", None)
    row["assessment__id"] = assessment.pk if assessment else None
    row["assessment__started_at"] = assessment.started_at if assessment else None
    row["assessment__due_at"] = assessment.due_at if assessment else None
    row["assessment__authorised_at"] = assessment.authorised_at if assessment else None
    need = assessment.primary_need if assessment else None
    row["assessment__primary_need__code"] = need.code if need else None
    if assessment is not None:
        codes = sorted(assessment.factors.all(), key=lambda c: (c.order, c.code))
        if codes:
            factors[assessment.pk] = [c.code for c in codes]
    enquiry = None
    if discussion is not None:
        enquiry = Section47Enquiry.objects.filter(discussion=discussion).first()
    s47 = "strategy_discussion__section47__"
    for name in ("started_at", "icpc_due_at", "icpc_held_on", "icpc_not_required_reason"):
        row[s47 + name] = getattr(enquiry, name) if enquiry else None
    row[s47 + "concluded_at"] = enquiry.concluded_at if enquiry else None
    return row


def _plans(
    person: Any,
    spec: census.CensusYear,
    plans: dict[Any, list[dict[str, Any]]],
    previous: dict[Any, int],
    reviews: dict[Any, list[Any]],
) -> None:
    found = ChildProtectionPlan.objects.filter(person=person).order_by("started_on", "created_at")
    for count, plan in enumerate(found):
        previous[plan.pk] = count
        if plan.started_on > spec.ends or (plan.ended_on and plan.ended_on < spec.starts):
            continue
        referral_id = plan.section47.discussion.referral_id
        plans[referral_id].append(
            {
                "id": plan.pk,
                "person_id": plan.person_id,
                "started_on": plan.started_on,
                "ended_on": plan.ended_on,
                "initial_category__code": plan.initial_category.code,
                "latest_category__code": plan.latest_category.code,
                "section47__discussion__referral_id": referral_id,
            }
        )
        for review in plan.reviews.order_by("held_on"):
            if spec.starts <= review.held_on <= spec.ends:
                reviews[plan.pk].append(review.held_on)


def every_referral_loaded() -> int:
    """The naive reading's fixed part, timed on its own so a sampled baseline scales only the
    part that grows with the episodes: every referral loaded into memory."""
    with as_the_system():
        return len(list(Referral.objects.all()))


def restricted(found: census.Gathered, episode_ids: set[Any]) -> census.Gathered:
    """The census's rows for only these episodes, to compare with a sampled baseline's file."""
    episodes = [e for e in found.episodes if e["id"] in episode_ids]
    people = {e["person_id"]: found.people[e["person_id"]] for e in episodes}
    return census.Gathered(
        episodes, found.factors, people, found.plans, found.previous, found.reviews
    )
