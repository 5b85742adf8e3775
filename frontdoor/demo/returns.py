"""The demo county's statutory returns (issue 16, docs/adr/0030): census details recorded for
every child referred, and the initial child protection conferences that were due, so that the
census validates, "Before census day" lists no child and every Annex A list has rows.

Synthetic; put through the real actions at the moments they would have happened.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from frontdoor.access.models import User
from frontdoor.codelists.models import Code, CodeList
from frontdoor.demo.seed import at
from frontdoor.people.actions import record_characteristics
from frontdoor.people.characteristics import Characteristics, upn_check_letter
from frontdoor.people.models import Person
from frontdoor.strategy import actions as strategy_actions
from frontdoor.strategy.models import Section47Enquiry
from frontdoor.strategy.workflow import EnquiryStatus
from frontdoor.timescales.calendar import LONDON, local_date

# Roughly the mix of a shire county's children in need (DfE codes).
ETHNICITIES = ["WBRI"] * 14 + ["WOTH", "MWBC", "MWAS", "AIND", "APKN", "BAFR", "BCRB", "WROM"]
DISABILITIES = [["NONE"]] * 9 + [["AUT"], ["LD", "COMM"], ["BEH"]]
LA_CODE = "999"  # the demo county's DfE number (FRONTDOOR_DFE_LA_NUMBER's default)


def seed_returns(users: dict[str, User], rng: random.Random) -> None:
    _conferences(users["maya"], rng)
    _census_details(users["maya"], rng)


def _conferences(manager: User, rng: random.Random) -> None:
    """The initial conferences of the enquiries that began more than a fortnight ago: most
    decide a child protection plan, some decide none."""
    today = timezone.localdate()
    categories = list(
        Code.objects.filter(code_list=CodeList.ABUSE_CATEGORY, code__in=["NEG", "EMO", "PHY"])
    )
    enquiries = Section47Enquiry.objects.filter(status=EnquiryStatus.OPEN)
    for enquiry in enquiries.select_related("discussion__referral").order_by("started_at"):
        started = local_date(enquiry.started_at)
        held = started + timedelta(days=rng.randint(10, 14))
        closed = enquiry.discussion.referral.closed_on
        if closed is not None:
            # The assessment's outcome closed the episode (RC8, RC9) while the enquiry was
            # open: the conference met by then, and decided no plan.
            if closed < started:
                continue
            held = min(held, closed)
        if held >= today:
            continue
        plan = closed is None and rng.random() < 0.75
        with at(datetime.combine(held, time(15, 0), tzinfo=LONDON)):
            strategy_actions.record_conference(
                by=manager,
                enquiry=enquiry,
                record=strategy_actions.ConferenceRecord(
                    held_on=held,
                    child_protection_plan=plan,
                    abuse_category=rng.choice(categories) if plan else None,
                ),
            )


def _census_details(manager: User, rng: random.Random) -> None:
    """Every child referred gets the census's characteristics, as the worker would record them
    at screening or in the hub: a UPN for a child at school, the reason there is none for a
    child too young (UN1) or unborn (UN10)."""
    today = timezone.localdate()
    for person in Person.objects.filter(referrals__isnull=False).distinct().order_by("id"):
        upn, upn_unknown_reason = _upn(person.date_of_birth, today, rng)
        details = replace(
            Characteristics.of(person),
            ethnicity=rng.choice(ETHNICITIES),
            disabilities=list(rng.choice(DISABILITIES)),
            upn=upn,
            upn_unknown_reason=upn_unknown_reason,
            first_language="ENG",
            interpreter_needed=False,
        )
        record_characteristics(by=manager, person=person, details=details)


def _upn(born: date | None, today: date, rng: random.Random) -> tuple[str, str]:
    """A UPN, or the reason there is none."""
    if born is None:
        return "", "UN10"
    if (today - born).days < 6 * 365:
        return "", "UN1"
    # A UPN: check letter, the LA number, the school's four digits, a year and a serial.
    rest = f"{LA_CODE}{rng.randint(1000, 9999)}{born.year % 100:02d}{rng.randint(0, 999):03d}"
    return upn_check_letter("?" + rest) + rest, ""
