"""The naive management information: every row loaded into Python and counted there, as a first
attempt would. The benchmark times the real page against this in the same run (PERFORMANCE.md).
It computes the same front door measures as frontdoor/insight/measures, without the charts."""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta

from django.utils import timezone

from frontdoor.contacts.models import Contact, Decision
from frontdoor.contacts.workflow import OPEN_STATES, Outcome
from frontdoor.guardrails.models import BelowIndicatorDecision
from frontdoor.insight.periods import Period, months_to, period_to
from frontdoor.referrals.models import Referral
from frontdoor.timescales.calendar import LONDON
from frontdoor.visits.models import Allocation


def _month(when: datetime) -> str:
    return f"{when.astimezone(LONDON):%Y-%m}"


def naive_figures(months: int = 12) -> dict[str, Counter[str]]:
    period: Period = period_to(timezone.now(), months)
    start = months_to(period.months[0].first_day, 7)[0].start  # six months more for spikes
    now = period.now
    tallies: dict[str, Counter[str]] = {}
    contacts = Contact.objects.select_related("family", "family__referral_source", "referral")
    by_source: Counter[str] = Counter()
    screened: Counter[str] = Counter()
    backlog: Counter[str] = Counter()
    for c in contacts:
        received = c.family.received_at
        if c.status in OPEN_STATES:
            backlog[str((now - received).days)] += 1
        if received < start:
            continue
        month = _month(received)
        by_source[f"{month} {c.family.referral_source.code}"] += 1
        if c.screened_at and c.screened_at <= received + timedelta(hours=4):
            screened[month] += 1
        if hasattr(c, "referral"):
            screened[f"{month} referred"] += 1
    tallies.update(source=by_source, screened=screened, backlog=backlog)
    decisions: Counter[str] = Counter()
    for d in Decision.objects.select_related("contact", "contact__family__referral_source"):
        if d.decided_at >= period.start:
            month = _month(d.decided_at)
            decisions[month] += 1
            decisions[f"{month} met"] += d.decided_at <= d.contact.decision_due_at
            decisions[f"{month} down"] += d.outcome == Outcome.EARLY_HELP
    referrals = list(Referral.objects.all())
    again: Counter[str] = Counter()
    for r in referrals:
        if r.referral_date >= period.start and any(
            o.person_id == r.person_id
            and r.referral_date - timedelta(days=365) <= o.referral_date < r.referral_date
            for o in referrals
        ):
            again[_month(r.referral_date)] += 1
    caseloads = Counter(
        str(a.worker_id) for a in Allocation.objects.select_related("worker") if a.worker_id
    )
    below = Counter(_month(b.decided_at) for b in BelowIndicatorDecision.objects.all())
    tallies.update(decisions=decisions, again=again, caseloads=caseloads, below=below)
    return tallies
