"""Management information: one function per measure, each with its definition in words.

- `doorstep`: from decision to doorstep (issue 6): seen within timescale, referral to first visit,
  assessments in 45 working days, strategy attendance, conferences.
- `front_door`: the front door (issue 9): contacts by source with spikes, screening and decision
  timeliness, conversion, step-down and step-up, re-referrals, backlog, caseloads, decisions
  below the indicators. Every figure is aggregate SQL, with a chart, a table, the children behind
  each count (`behind`) and a spreadsheet export, in the kernel's types (`frontdoor/figures`).
"""

from collections.abc import Callable

from frontdoor.figures.figure import Figure
from frontdoor.figures.periods import Period
from frontdoor.insight.measures import oversight
from frontdoor.insight.measures.doorstep import (
    MEASURES,
    Measure,
    Row,
    assessments_within_45_working_days,
    conferences_within_15_working_days,
    days_referral_to_first_visit,
    seen_within_timescale,
    strategy_attendance_by_agency,
)
from frontdoor.insight.measures.front_door import (
    contacts_by_source,
    conversion_to_referral,
    decisions_within_1_working_day,
    re_referrals_within_12_months,
    screened_within_4_hours,
    step_down_and_step_up,
)
from frontdoor.insight.measures.workload import (
    backlog_by_age,
    caseloads_by_worker,
    decisions_below_indicators,
)

# The front door's measures, in the order the page shows them. slug -> function.
FRONT_DOOR: dict[str, Callable[[Period], Figure]] = {
    "contacts-by-source": contacts_by_source,
    "screened-within-4-hours": screened_within_4_hours,
    "decisions-within-1-working-day": decisions_within_1_working_day,
    "conversion-to-referral": conversion_to_referral,
    "step-down-and-step-up": step_down_and_step_up,
    "re-referrals-within-12-months": re_referrals_within_12_months,
    "backlog-by-age": backlog_by_age,
    "caseloads": caseloads_by_worker,
    "decisions-below-indicators": decisions_below_indicators,
    "challenges-to-decisions": oversight.challenges_to_decisions,
}

__all__ = [
    "FRONT_DOOR",
    "MEASURES",
    "Measure",
    "Row",
    "assessments_within_45_working_days",
    "conferences_within_15_working_days",
    "days_referral_to_first_visit",
    "seen_within_timescale",
    "strategy_attendance_by_agency",
    "backlog_by_age",
    "caseloads_by_worker",
    "contacts_by_source",
    "conversion_to_referral",
    "decisions_below_indicators",
    "decisions_within_1_working_day",
    "re_referrals_within_12_months",
    "screened_within_4_hours",
    "step_down_and_step_up",
]
