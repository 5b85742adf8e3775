"""Which decisions a round of audits looks at. Reading only; actions.py records the choice.

A random sample is drawn with a recorded seed from the candidates in a fixed order, so anyone
can draw the same sample again from the same criteria (and see it was not hand-picked)."""

from __future__ import annotations

import random
import uuid
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from frontdoor.casework_audits.workflow import SampleKind
from frontdoor.contacts.models import Contact
from frontdoor.guardrails.models import BelowIndicatorDecision
from frontdoor.referrals.models import Referral

RE_REFERRAL_WINDOW = timedelta(days=365)


@dataclass(frozen=True)
class Criteria:
    kind: str
    start: date
    end: date  # inclusive
    team_id: uuid.UUID | None = None
    outcome: str = ""
    size: int | None = None  # a random sample's size; the other kinds take every case
    seed: int | None = None

    def as_data(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "from": self.start.isoformat(),
            "to": self.end.isoformat(),
            "team": str(self.team_id) if self.team_id else "",
            "outcome": self.outcome,
            "size": self.size,
            "seed": self.seed,
        }


def _bounds(criteria: Criteria) -> tuple[datetime, datetime]:
    tz = timezone.get_current_timezone()
    start = datetime.combine(criteria.start, time.min, tzinfo=tz)
    end = datetime.combine(criteria.end + timedelta(days=1), time.min, tzinfo=tz)
    return start, end


def candidates(criteria: Criteria, *, leave_out: Collection[uuid.UUID] = ()) -> QuerySet[Contact]:
    """Every decided contact the criteria cover, less those about the children in `leave_out`,
    in a fixed order (the order the seed draws from)."""
    start, end = _bounds(criteria)
    contacts = Contact.objects.filter(decision__decided_at__gte=start, decision__decided_at__lt=end)
    if leave_out:
        contacts = contacts.exclude(person_id__in=leave_out)
    if criteria.team_id:
        contacts = contacts.filter(family__hub_id=criteria.team_id)
    if criteria.outcome:
        contacts = contacts.filter(decision__outcome=criteria.outcome)
    if criteria.kind == SampleKind.BELOW_INDICATORS:
        below = BelowIndicatorDecision.objects.filter(contact_id=OuterRef("pk"))
        contacts = contacts.filter(Exists(below))
    elif criteria.kind == SampleKind.RE_REFERRALS:
        contacts = contacts.filter(Exists(_earlier_referral()))
    return contacts.order_by("decision__decided_at", "pk")


def _earlier_referral() -> QuerySet[Referral]:
    """Another referral of the same child in the 12 months before this contact's referral."""
    return Referral.objects.filter(
        person_id=OuterRef("referral__person_id"),
        referral_date__lt=OuterRef("referral__referral_date"),
        referral_date__gte=OuterRef("referral__referral_date") - RE_REFERRAL_WINDOW,
    ).filter(~Q(contact_id=OuterRef("pk")))


def draw(criteria: Criteria, *, leave_out: Collection[uuid.UUID] = ()) -> list[uuid.UUID]:
    """The sampled contacts' ids: all the candidates, or a seeded random N of them."""
    ids = list(candidates(criteria, leave_out=leave_out).values_list("pk", flat=True))
    if criteria.kind != SampleKind.RANDOM or criteria.size is None or criteria.size >= len(ids):
        return ids
    return random.Random(criteria.seed).sample(ids, criteria.size)  # noqa: S311 (sampling, not security)
