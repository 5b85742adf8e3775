"""The children behind each count of the front door's management information.

A table cell carries a key ("2026-03", "2026-03~met", "over-14", a worker's uuid …). `children`
turns a measure's slug and a key into the contacts (one for each child) that the count counted,
with the same conditions as the measure. Keys are allow-listed: a month must be one of the
period's, a suffix one the measure names, a source one of the code list's; anything else is no
list at all (the view answers 404). Nothing from the query string reaches the ORM as it is.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import timedelta

from django.db.models import F, Q

from frontdoor.backlog.backlog import BANDS
from frontdoor.contacts.workflow import Outcome
from frontdoor.figures.periods import Month, Period
from frontdoor.guardrails.models import BelowIndicatorDecision
from frontdoor.guardrails.workflow import ReviewStatus
from frontdoor.insight.measures import oversight
from frontdoor.insight.measures.passes import EARLY_HELP_SOURCE, SCREENING_HOURS, SOCIAL_WORK
from frontdoor.insight.measures.workload import ON_CASELOAD, REVIEWED, band_q
from frontdoor.referrals.models import Referral
from frontdoor.rollups.tally import earlier_referral
from frontdoor.visits.models import Allocation

Filter = Callable[[Month, str, Period], Q | None]


def _received(month: Month) -> Q:
    return month.q("family__received_at")


def _decided(month: Month) -> Q:
    return month.q("decision__decided_at")


def _by_source(month: Month, suffix: str, period: Period) -> Q | None:
    if suffix == "":
        return _received(month)
    if len(suffix) > 20:
        return None
    return _received(month) & Q(family__referral_source__code=suffix)


def _screened(month: Month, suffix: str, period: Period) -> Q | None:
    hours = timedelta(hours=SCREENING_HOURS)
    counted = _received(month) & ~Q(
        screened_at__isnull=True, family__received_at__gt=period.now - hours
    )
    met = Q(screened_at__lte=F("family__received_at") + hours)
    return {"": counted, "met": counted & met}.get(suffix)


def _decisions(month: Month, suffix: str, period: Period) -> Q | None:
    met = Q(decision__decided_at__lte=F("decision_due_at"))
    return {"": _decided(month), "met": _decided(month) & met}.get(suffix)


def _conversion(month: Month, suffix: str, period: Period) -> Q | None:
    referred = Q(referral__isnull=False)
    return {"": _received(month), "referred": _received(month) & referred}.get(suffix)


def _steps(month: Month, suffix: str, period: Period) -> Q | None:
    from_early_help = Q(family__referral_source__code=EARLY_HELP_SOURCE)
    return {
        "": _decided(month),
        "down": _decided(month) & Q(decision__outcome=Outcome.EARLY_HELP),
        "early-help": _decided(month) & from_early_help,
        "up": _decided(month) & from_early_help & Q(decision__outcome__in=SOCIAL_WORK),
    }.get(suffix)


def _re_referrals(month: Month, suffix: str, period: Period) -> Q | None:
    referrals = Referral.objects.filter(month.q("referral_date"))
    if suffix == "again":
        referrals = referrals.filter(earlier_referral())
    elif suffix != "":
        return None
    return Q(pk__in=referrals.values("contact_id"))


def _below(month: Month, suffix: str, period: Period) -> Q | None:
    statuses = {
        "": None,
        "sampled": ~Q(review_status=ReviewStatus.NOT_SAMPLED),
        "reviewed": Q(review_status__in=REVIEWED),
        "disagreed": Q(review_status=ReviewStatus.DISAGREED),
    }
    if suffix not in statuses:
        return None
    decisions = BelowIndicatorDecision.objects.filter(month.q("decided_at"))
    status = statuses[suffix]
    if status is not None:
        decisions = decisions.filter(status)
    return Q(pk__in=decisions.values("contact_id"))


MONTHLY: dict[str, Filter] = {
    "contacts-by-source": _by_source,
    "screened-within-4-hours": _screened,
    "decisions-within-1-working-day": _decisions,
    "conversion-to-referral": _conversion,
    "step-down-and-step-up": _steps,
    "re-referrals-within-12-months": _re_referrals,
    "decisions-below-indicators": _below,
    "challenges-to-decisions": oversight.behind,
}


def _backlog(key: str, period: Period) -> Q | None:
    band = next((b for b in BANDS if b.key == key), None)
    return band_q(band, period) if band else None


def _caseload(key: str, period: Period) -> Q | None:
    worker, _, suffix = key.partition("~")
    try:
        worker_uuid = uuid.UUID(worker)
    except ValueError:
        return None
    allocations = Allocation.objects.filter(ON_CASELOAD, worker__uuid=worker_uuid)
    if suffix == "not-seen":
        allocations = allocations.filter(first_seen_at__isnull=True)
    elif suffix != "":
        return None
    return Q(referral__allocation__in=allocations)


def children(slug: str, key: str, period: Period) -> Q | None:
    """The condition on Contact for the children behind one count, or None for no such count."""
    if slug == "backlog-by-age":
        return _backlog(key, period)
    if slug == "caseloads":
        return _caseload(key, period)
    if slug not in MONTHLY:
        return None
    month_slug, _, suffix = key.partition("~")
    month = period.month(month_slug)
    return MONTHLY[slug](month, suffix, period) if month else None
