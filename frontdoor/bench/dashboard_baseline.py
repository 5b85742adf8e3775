"""The naive management information: every row loaded into Python and counted there, as a first
attempt would. The benchmark times the real page against this in the same run (PERFORMANCE.md),
and the tests use it as the oracle: `naive_figures` gives, for each front door measure, every
count the page shows, by the count's drill-down key, as the page's cells read
(`page_figures`). Nothing here is shared with the measures' SQL except the definitions (the
spike rule, the age bands, the time limits).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import datetime, timedelta

from frontdoor.assessments.workflow import AssessmentStatus
from frontdoor.backlog.backlog import BANDS
from frontdoor.contacts.models import Contact, Decision
from frontdoor.contacts.workflow import OPEN_STATES, Outcome
from frontdoor.figures.periods import Period
from frontdoor.figures.spikes import first_recorded, spikes
from frontdoor.guardrails.models import BelowIndicatorDecision
from frontdoor.guardrails.workflow import ReviewStatus
from frontdoor.insight.measures import FRONT_DOOR
from frontdoor.insight.measures.passes import EARLY_HELP_SOURCE, SCREENING_HOURS, SPIKE_HISTORY
from frontdoor.referrals.models import Referral
from frontdoor.rollups.tally import RE_REFERRAL_DAYS
from frontdoor.timescales.calendar import LONDON
from frontdoor.visits.models import Allocation

Counts = dict[str, str]  # drill-down key -> the cell's text ("12", "40 (spike)")


def _month(when: datetime) -> str:
    return f"{when.astimezone(LONDON):%Y-%m}"


def _texts(counter: Counter[str]) -> Counts:
    return {key: str(n) for key, n in counter.items() if n}


def page_figures(period: Period) -> dict[str, Counts]:
    """What the page shows: each measure's counts by drill-down key."""
    return {slug: function(period).counts for slug, function in FRONT_DOOR.items()}


def naive_figures(period: Period) -> dict[str, Counts]:
    now = period.now
    in_period = {m.slug for m in period.months}
    longer = period.before(SPIKE_HISTORY).months
    referred = set(Referral.objects.values_list("contact_id", flat=True))
    by_source: Counter[tuple[str, str]] = Counter()
    screened: Counter[str] = Counter()
    conversion: Counter[str] = Counter()
    backlog: Counter[str] = Counter()
    contacts = Contact.objects.values_list(
        "pk", "status", "screened_at", "family__received_at", "family__referral_source__code"
    )
    for pk, status, screened_at, received, source in contacts:
        if status in OPEN_STATES:
            for band in BANDS:
                if received <= now - timedelta(days=band.from_days) and (
                    band.to_days is None or received > now - timedelta(days=band.to_days)
                ):
                    backlog[band.key] += 1
        month = _month(received)
        by_source[(source, month)] += 1
        if month not in in_period:
            continue
        hours = timedelta(hours=SCREENING_HOURS)
        if screened_at is not None or received <= now - hours:
            screened[month] += 1
            screened[f"{month}~met"] += screened_at is not None and screened_at <= received + hours
        conversion[month] += 1
        conversion[f"{month}~referred"] += pk in referred
    figures = {
        "contacts-by-source": _by_source(by_source, [m.slug for m in longer]),
        "screened-within-4-hours": _texts(screened),
        "conversion-to-referral": _texts(conversion),
        "backlog-by-age": _texts(backlog),
    }
    return figures | _decisions(period) | _referrals(period) | _workload(period)


def _by_source(tally: Counter[tuple[str, str]], months: list[str]) -> Counts:
    shown: Counts = {}
    totals = [sum(n for (_, m), n in tally.items() if m == month) for month in months]
    began = first_recorded(totals)

    def add(counts: list[int], key: str) -> None:
        flags = spikes(counts, compared=SPIKE_HISTORY, since=began)
        for i in range(SPIKE_HISTORY, len(counts)):
            if counts[i]:
                text = f"{counts[i]} (spike)" if flags[i] else str(counts[i])
                shown[f"{months[i]}{key}"] = text

    for code in {code for code, _ in tally}:
        add([tally[(code, m)] for m in months], f"~{code}")
    add(totals, "")
    return shown


def _decisions(period: Period) -> dict[str, Counts]:
    timely: Counter[str] = Counter()
    steps: Counter[str] = Counter()
    decisions = Decision.objects.values_list(
        "decided_at",
        "outcome",
        "contact__decision_due_at",
        "contact__family__referral_source__code",
    )
    for decided_at, outcome, due, source in decisions:
        if not period.start <= decided_at < period.end:
            continue
        month = _month(decided_at)
        timely[month] += 1
        timely[f"{month}~met"] += decided_at <= due
        steps[month] += 1
        steps[f"{month}~down"] += outcome == Outcome.EARLY_HELP
        steps[f"{month}~early-help"] += source == EARLY_HELP_SOURCE
        steps[f"{month}~up"] += (
            source == EARLY_HELP_SOURCE and outcome in Outcome.social_work_responses()
        )
    return {
        "decisions-within-1-working-day": _texts(timely),
        "step-down-and-step-up": _texts(steps),
    }


def _referrals(period: Period) -> dict[str, Counts]:
    dates: dict[object, list[datetime]] = defaultdict(list)
    for person_id, referral_date in Referral.objects.values_list("person_id", "referral_date"):
        dates[person_id].append(referral_date)
    again: Counter[str] = Counter()
    window = timedelta(days=RE_REFERRAL_DAYS)
    for person_dates in dates.values():
        for when in person_dates:
            if period.start <= when < period.end:
                month = _month(when)
                again[month] += 1
                again[f"{month}~again"] += any(when - window <= o < when for o in person_dates)
    return {"re-referrals-within-12-months": _texts(again)}


def _workload(period: Period) -> dict[str, Counts]:
    caseloads: Counter[str] = Counter()
    allocations = Allocation.objects.values_list(
        "worker__uuid", "first_seen_at", "referral__assessment__status"
    )
    for worker, first_seen_at, assessment in allocations:
        if worker is not None and assessment != AssessmentStatus.AUTHORISED:
            caseloads[str(worker)] += 1
            caseloads[f"{worker}~not-seen"] += first_seen_at is None
    below: Counter[str] = Counter()
    reviewed = (ReviewStatus.AGREED, ReviewStatus.DISAGREED)
    for decided_at, status in BelowIndicatorDecision.objects.values_list(
        "decided_at", "review_status"
    ):
        if period.start <= decided_at < period.end:
            month = _month(decided_at)
            below[month] += 1
            below[f"{month}~sampled"] += status != ReviewStatus.NOT_SAMPLED
            below[f"{month}~reviewed"] += status in reviewed
            below[f"{month}~disagreed"] += status == ReviewStatus.DISAGREED
    return {"caseloads": _texts(caseloads), "decisions-below-indicators": _texts(below)}
