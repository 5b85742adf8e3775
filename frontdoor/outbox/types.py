"""Which audit events go out to other systems, and as what: the ONE table (docs/adr/0029).

Every action already writes its audit event in its own transaction (STYLE.md); the audit
writer looks the verb up here and, when it is listed, writes the integration event beside it.
So no action can forget to publish, and adding a type is one line here.

Each entry names the CloudEvents type (after `uk.gov.frontdoor.`) and the keys of the audit
event's data that go out. Only ids, codes, dates and yes/no answers are listed: never a name, an
address, a reason or other free text (a receiver reads those through the API, which applies
its own access rules). A type given as a function chooses by the data (a review conference
that ends the plan is `child_protection_plan.ended`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

PREFIX = "uk.gov.frontdoor."


@dataclass(frozen=True)
class Published:
    type: str | Callable[[Mapping[str, Any]], str]
    keys: tuple[str, ...] = ()
    # What the receiver reads this as (docs/integration.md is generated from nothing: this is
    # the words it quotes).
    what: str = ""

    def type_for(self, data: Mapping[str, Any]) -> str:
        name = self.type(data) if callable(self.type) else self.type
        return PREFIX + name


def _review(data: Mapping[str, Any]) -> str:
    return (
        "child_protection_plan.reviewed"
        if data.get("plan_continues")
        else ("child_protection_plan.ended")
    )


def _authorised(data: Mapping[str, Any]) -> str:
    if data.get("outcome") == "cin_plan":
        return "child_in_need_plan.started"
    return "assessment.authorised"


# audit verb -> what goes out
PUBLISHED: dict[str, Published] = {
    # The front door's spine.
    "contact_received": Published(
        "contact.received", ("source", "submitted_online"), "A contact about a child arrived"
    ),
    "screening_recorded": Published("contact.screened", ("rag",), "A contact was screened"),
    "decision_recorded": Published(
        "contact.decided", ("outcome", "see_by"), "The MASH manager decided what happens next"
    ),
    "referral_opened": Published(
        "referral.opened",
        ("referral_date", "assessment_due_at"),
        "A referral to children's social care was opened (a child in need episode starts)",
    ),
    "transferred_to_team": Published(
        "referral.transferred", ("see_by",), "The child was transferred to an area team"
    ),
    # Handovers with a receipt (frontdoor/handovers).
    "handover_opened": Published(
        "handover.opened", ("handover", "kind", "due_at"), "A child was handed to another team"
    ),
    "handover_accepted": Published(
        "handover.accepted", ("handover", "within_time"), "The receiving team has the child"
    ),
    "handover_returned": Published(
        "handover.returned", ("handover",), "The receiving team sent the child back to the MASH"
    ),
    "handover_escalated": Published(
        "handover.escalated", ("handover",), "Nobody received the child in time"
    ),
    "stepped_up": Published(
        "handover.stepped_up",
        ("handover", "family"),
        "Early help stepped the child up to the MASH as a new contact",
    ),
    # From decision to doorstep.
    "strategy_discussion_recorded": Published(
        "strategy_discussion.recorded",
        ("outcome", "held_at", "within_time"),
        "A strategy discussion was held",
    ),
    "section_47_started": Published(
        "section_47.started", ("icpc_due_at",), "A section 47 enquiry started"
    ),
    "conference_recorded": Published(
        "section_47.concluded",
        ("held_on", "within_15_working_days", "child_protection_plan", "abuse_category"),
        "The section 47 enquiry ended with an initial child protection conference",
    ),
    "conference_not_required": Published(
        "section_47.concluded",
        ("held_on", "child_protection_plan"),
        "The section 47 enquiry ended without a conference",
    ),
    "visit_recorded": Published(
        "visit.recorded",
        ("visited_at", "child_seen", "seen_alone", "first_seen", "within_see_by"),
        "A visit to the child was recorded",
    ),
    "assessment_started": Published("assessment.started", ("due_at",), "An assessment started"),
    "assessment_authorised": Published(
        _authorised,
        ("outcome", "within_45_working_days"),
        "An assessment was authorised (outcome cin_plan: a child in need plan starts)",
    ),
    "cin_episode_closed": Published(
        "child_in_need_episode.closed",
        ("closed_on", "reason"),
        "The child in need episode (and any child in need plan) ended",
    ),
    "child_protection_plan_started": Published(
        "child_protection_plan.started",
        ("started_on", "category", "review_due_on"),
        "A child protection plan started",
    ),
    "review_conference_recorded": Published(
        _review,
        ("held_on", "category", "plan_continues", "next_review_due_on"),
        "A review conference: the plan continues (reviewed) or ends (ended)",
    ),
    # Children who go missing.
    "missing_reported": Published(
        "missing_episode.opened", ("episode", "started_at"), "The child was reported missing"
    ),
    "missing_notified": Published(
        "missing_episode.opened",
        ("episode", "started_at"),
        "The police notified that the child is missing",
    ),
    "missing_return_recorded": Published(
        "missing_episode.closed", ("episode", "returned_at"), "The child has returned"
    ),
    # One child's records joined: a receiver must re-point the one merged away.
    "person_merged": Published("child.merged", ("merged",), "Another record was merged into this"),
}


def published(verb: str) -> Published | None:
    return PUBLISHED.get(verb)
