"""The partner agencies' information page, whole: the MASH enquiries' figures (answered, on
time, turnaround by agency) and whether referrers were told the outcome in time. It draws on
both apps, so it lives in `partners`, the one above `enquiries`."""

from __future__ import annotations

from collections.abc import Callable

from frontdoor.enquiries.figures import PERIODS
from frontdoor.enquiries.measures import ENQUIRY_FIGURES, ENQUIRY_MEASURES, enquiries_behind
from frontdoor.figures.figure import Figure
from frontdoor.partners.measures import (
    FEEDBACK_LABELS,
    feedback_behind,
    feedback_within_a_working_day,
)

__all__ = [
    "ENQUIRY_FIGURES",
    "FEEDBACK_LABELS",
    "FIGURES",
    "PERIODS",
    "enquiries_behind",
    "feedback_behind",
]

FIGURES: list[Callable[[int], Figure]] = [*ENQUIRY_MEASURES, feedback_within_a_working_day]
