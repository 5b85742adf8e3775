"""Which audit events go out to other systems, and as what: the ONE table (docs/adr/0029).

Every action already writes its audit event in its own transaction (STYLE.md); the audit
writer looks the verb up here and, when it is listed, writes the integration event beside it.
So no action can forget to publish, and adding a type is one line here.

Each entry names the CloudEvents type (after `uk.gov.frontdoor.`) and the keys of the audit
event's data that go out. Only ids, codes, dates and yes/no answers are listed: never a name, an
address, a reason or other free text (a receiver reads those through the API, which applies
its own access rules). A type given as a function chooses by the data (a review conference
that ends the plan is `child_protection_plan.ended`).

An event written before the MASH has said which person record the child is (a contact received
about a child not yet known, a missing episode the police notified before anyone linked it)
carries no child: it names the contact, or the episode, and the receiver keeps it under that
id. When the child is linked, `contact.child_linked` (or `missing_episode.child_linked`) names
both the contact (or episode) and the child, so the receiver places every earlier event
(docs/integration.md, "Events before the child is known").

Every audit verb on a child's timeline (frontdoor/audit/timeline.py) is either published here or
listed in NOT_PUBLISHED with the reason; frontdoor/integration/tests/test_types.py fails on a
verb that is neither, so a new kind of change cannot be left out of the feed by forgetting.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

PREFIX = "uk.gov.frontdoor."


@dataclass(frozen=True)
class Published:
    type: str | Callable[[Mapping[str, Any]], str]
    keys: tuple[str, ...] = ()
    # What the receiver reads this as (docs/integration.md quotes these words).
    what: str = ""
    # Keys sent under another name: the audit data's name -> the name in the event's data
    # (the audit trail says "person"; a receiver reads "child" throughout).
    renamed: Mapping[str, str] = field(default_factory=dict)
    # For an event with no child and no contact yet: the record it is about, as
    # (the subject's collection, the data key holding its id), e.g. a missing episode the
    # police notified before it was linked: subject "missing_episodes/<id>".
    about: tuple[str, str] | None = None
    # Keys of the event's data (as sent, after `renamed`) that hold the id of a child other
    # than the event's own: the feed withholds the event from a reader who may not open any
    # of them, as it does an event about a child they may not open (frontdoor/integration/
    # feed.py reads CHILD_KEYS). A sent key ending in `_child` must be listed (test_types.py).
    children: tuple[str, ...] = ()

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


EPISODE = ("missing_episodes", "episode")

# audit verb -> what goes out
PUBLISHED: dict[str, Published] = {
    # The front door's spine.
    "contact_received": Published(
        "contact.received", ("source", "submitted_online"), "A contact about a child arrived"
    ),
    # A brother or sister added at screening: a contact about them starts here (no
    # contact.received is written for it), so later events about that contact have a start.
    "child_added_to_contact": Published(
        "contact.child_added",
        ("as_sibling_of",),
        "A brother or sister was added to the family contact at screening",
        renamed={"as_sibling_of": "as_sibling_of_contact"},
    ),
    "child_linked": Published(
        "contact.child_linked",
        ("previous_person",),
        "The contact is about this child: its earlier events named only the contact",
        renamed={"previous_person": "previous_child"},
        children=("previous_child",),
    ),
    "screening_recorded": Published("contact.screened", ("rag",), "A contact was screened"),
    "decision_recorded": Published(
        "contact.decided",
        ("outcome", "see_by", "council"),
        "The MASH manager decided what happens next (for a referral to another council, its "
        "DfE LA number)",
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
        "handover.opened",
        ("handover", "kind", "council", "due_at"),
        "A child was handed to another team, or referred to another council (its DfE LA number)",
    ),
    "handover_accepted": Published(
        "handover.accepted",
        ("handover", "council", "told_by", "told_at", "within_time"),
        "The receiving team has the child (another council's acceptance, as the MASH recorded it)",
    ),
    "handover_returned": Published(
        "handover.returned",
        ("handover", "council", "told_by", "told_at"),
        "The receiving team (or the other council) sent the child back to the MASH",
    ),
    # The receiving system is the one being chased: it may raise its own reminder.
    "handover_chased": Published(
        "handover.chased",
        ("handover", "due_at", "escalate_at"),
        "Nobody has received the child by the due time: the receiving team was reminded",
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
        "missing_episode.opened",
        ("episode", "started_at"),
        "The child was reported missing",
        about=EPISODE,
    ),
    "missing_notified": Published(
        "missing_episode.opened",
        ("episode", "started_at"),
        "The police notified that the child is missing",
        about=EPISODE,
    ),
    "missing_return_recorded": Published(
        "missing_episode.closed",
        ("episode", "returned_at"),
        "The child has returned",
        about=EPISODE,
    ),
    "missing_child_linked": Published(
        "missing_episode.child_linked",
        ("episode", "previous_person"),
        "The missing episode is about this child (its earlier events named only the episode)",
        renamed={"previous_person": "previous_child"},
        children=("previous_child",),
        about=EPISODE,
    ),
    # One child's records joined: a receiver must re-point the one merged away.
    "person_merged": Published(
        "child.merged",
        ("merge", "merged"),
        "Another record was merged into this",
        children=("merged",),
    ),
    # The merge undone: the two records are two children again. Written on each of them (so it
    # is in order with each child's later events), naming the other: a receiver that re-pointed
    # the merged id splits it out again. Sent only to a reader who may open both.
    "person_unmerged": Published(
        "child.unmerged",
        ("merge", "other", "kept"),
        "A merge was undone: this record and other_child are separate children again "
        "(kept: this was the record the merge kept)",
        renamed={"other": "other_child"},
        children=("other_child",),
    ),
}


# Changes on a child's timeline that do not go out, and why. Most are the MASH's own working
# steps before its decision (another system hears the decision, not each step to it), or
# carry only free text, which never leaves (a receiver reads it through the API).
_WORKING_STEP = "a step of the MASH's own work before its decision: the decision goes out"
_FREE_TEXT = "its substance is free text, which never goes out: read the record through the API"
_KNOW_THE_CHILD = (
    "about the MASH's own copy of what is known (imports, households, duplicates): another "
    "system keeps its own; a merge that changes a child's id goes out as child.merged"
)
NOT_PUBLISHED: dict[str, str] = {
    "sent_to_hub": _WORKING_STEP,
    "analysis_recorded": _FREE_TEXT,
    "returned_to_hub": _WORKING_STEP,
    "contact_claimed": "who in the MASH holds a family for now: a working note, not a change",
    "claim_released": "who in the MASH holds a family for now: a working note, not a change",
    "sibling_considered": _WORKING_STEP,
    "siblings_considered": _WORKING_STEP,
    "characteristics_recorded": (
        "census details (ethnicity, disabilities, UPN, language) are personal data a receiver "
        "reads through the API under its own access rules, not codes to broadcast"
    ),
    "school_and_gp_recorded": (
        "the child's school and GP practice are personal details a receiver reads through the "
        "API under its own access rules, not codes to broadcast"
    ),
    "person_created": (
        "a person record made while screening: it goes out with its first event about the "
        "child (contact.child_linked)"
    ),
    "chronology_printed": "a view of the record, not a change to it",
    "oversight_recorded": "management oversight inside the MASH: " + _FREE_TEXT,
    "oversight_action_set": "management oversight inside the MASH: " + _FREE_TEXT,
    "oversight_action_completed": "management oversight inside the MASH: " + _FREE_TEXT,
    "challenge_responded": "management oversight inside the MASH: " + _FREE_TEXT,
    "practice_analysis_started": _FREE_TEXT,
    "practice_analysis_extended": _FREE_TEXT,
    "practice_analysis_closed": _FREE_TEXT,
    "practice_entry_withdrawn": _FREE_TEXT,
    "early_help_episode_imported": _KNOW_THE_CHILD,
    "early_help_episode_updated": _KNOW_THE_CHILD,
    "legacy_record_imported": _KNOW_THE_CHILD,
    "legacy_record_updated": _KNOW_THE_CHILD,
    "household_recorded": _KNOW_THE_CHILD,
    "household_moved": _KNOW_THE_CHILD,
    "relationship_recorded": _KNOW_THE_CHILD,
    "relationships_recorded": _KNOW_THE_CHILD,
    "adult_linked": _KNOW_THE_CHILD,
    "adult_unlinked": (
        "undoes adult_linked, which is not published either: a receiver never learnt of the "
        "link, and the relationships it removes go as relationships_recorded (not published)"
    ),
    "duplicate_rejected": _KNOW_THE_CHILD,
    "person_merged_away": "the merge goes out once, as child.merged on the record kept",
    # Children who go missing: the episode's opening, the child's return and the link go out;
    # the steps in between are the MASH's own work with the child.
    "police_report_linked": "the police reference on an episode already published",
    "missing_contact_attempt_logged": _WORKING_STEP,
    "rhi_offered": _WORKING_STEP,
    "rhi_answer_recorded": _WORKING_STEP,
    "rhi_completed": _FREE_TEXT,
    "missing_risk_reviewed": _WORKING_STEP,
    "repeat_missing_flagged": _WORKING_STEP,
    "repeat_missing_flag_updated": _WORKING_STEP,
    "repeat_missing_decision_recorded": _WORKING_STEP,
}


# Every data key that names another child, whichever type: what the feed checks (above).
CHILD_KEYS: tuple[str, ...] = tuple(
    sorted({key for what in PUBLISHED.values() for key in what.children})
)


def published(verb: str) -> Published | None:
    return PUBLISHED.get(verb)
