"""Turning audit events into a child's timeline, in plain words.

The timeline is the audit trail rendered: nothing is typed twice, and nothing shown in the
timeline can differ from what was recorded.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.utils import timezone

from frontdoor.audit.models import Event


@dataclass(frozen=True)
class Entry:
    title: str
    detail: str = ""


def _when(value: str) -> str:
    if not value:
        return ""
    moment = timezone.localtime(datetime.fromisoformat(value))
    return moment.strftime("%a %d %b %Y, %H:%M")


def _person_created(d: dict[str, Any]) -> Entry:
    # Made at screening after a search (frontdoor/matching): say what that search offered.
    if "offered" not in d:
        return Entry("Person record created")
    offered = int(d["offered"])
    if not offered:
        return Entry("Person record created", "After a search that found no one on record")
    people = "person" if offered == 1 else "people"
    return Entry(
        "Person record created",
        f"After a search that offered {offered} {people} (best match {d.get('best_score', 0)})",
    )


def _received(d: dict[str, Any]) -> Entry:
    source = f"{d.get('source', '')} {d.get('source_label', '')}".strip()
    agency = f" ({d['agency']})" if d.get("agency") else ""
    return Entry(
        "Contact received",
        f"Source: {source}{agency}. Screening due {_when(d.get('screening_due_at', ''))}",
    )


def _screened(d: dict[str, Any]) -> Entry:
    return Entry("Screening recorded", f"RAG {d.get('rag', '')}; {d.get('level_of_need', '')}")


def _sent(d: dict[str, Any]) -> Entry:
    on_time = "within" if d.get("within_screening_time") else "outside"
    return Entry(
        f"Sent to the {d.get('hub', 'hub')}", f"Passed to the hub {on_time} the screening time"
    )


def _analysed(d: dict[str, Any]) -> Entry:
    scale = d.get("scale")
    scale_text = f"; scale {scale}/10" if scale is not None else ""
    return Entry("Hub analysis recorded", f"Proposed: {d.get('proposed_outcome', '')}{scale_text}")


def _decided(d: dict[str, Any]) -> Entry:
    detail = d.get("outcome_label", "")
    if d.get("see_by"):
        detail += f". Child to be seen by {_when(d['see_by'])} by {d.get('team', '')}"
    if d.get("council_name"):
        detail += f": {d['council_name']} (LA {d.get('council', '')})"
    return Entry("Manager's decision recorded", detail)


def _receiver(d: dict[str, Any]) -> str:
    """Who a handover went to: the team, or the other council (by name)."""
    return str(d.get("team") or d.get("council_name", ""))


_TOLD = {"phone": "by phone", "email": "by email", "secure_email": "by secure email"}


def _council_answer(d: dict[str, Any]) -> str:
    """How another council's answer came (a MASH worker recorded it), when it did."""
    if not d.get("told_by"):
        return ""
    return f"Told {_TOLD.get(d['told_by'], '')} on {_when(d.get('told_at', ''))}"


def _referral(d: dict[str, Any]) -> Entry:
    return Entry(
        "Referral opened",
        f"Assessment due by {_when(d.get('assessment_due_at', ''))}"
        + ("" if d.get("decided_in_time", True) else ". Decision made outside 1 working day"),
    )


# --- Children who go missing (frontdoor/missing/actions/) --------------------------------------


def _police(d: dict[str, Any]) -> str:
    if not d.get("police_reference"):
        return "No police report linked"
    return (
        f"Police reference {d['police_reference']} ({d.get('police_force', '')}), "
        f"risk grade {d.get('risk_grade_label', '').lower()}"
    )


def _missing_reported(d: dict[str, Any]) -> Entry:
    where = f" from {d['missing_from']}" if d.get("missing_from") else ""
    return Entry(
        "Reported missing", f"Last seen {_when(d.get('started_at', ''))}{where}. {_police(d)}"
    )


def _missing_linked(d: dict[str, Any]) -> Entry:
    returned = f"; returned {_when(d['returned_at'])}" if d.get("returned_at") else ""
    return Entry(
        "Missing episode linked to this record",
        f"Last seen {_when(d.get('started_at', ''))}{returned}. {_police(d)}",
    )


def _missing_returned(d: dict[str, Any]) -> Entry:
    return Entry(
        "Returned after going missing",
        f"Returned {_when(d.get('returned_at', ''))}; found: {d.get('where_found', '')}. "
        f"Return home interview due by {_when(d.get('rhi_due_at', ''))}",
    )


def _missing_attempt(d: dict[str, Any]) -> Entry:
    detail = f"{d.get('method', '')}: {d.get('result', '')}, {_when(d.get('attempted_at', ''))}"
    if d.get("long_gap"):
        detail += f". {d.get('hours_since_previous')} hours since the last: longer than allowed"
    return Entry("Attempt to reach the child after going missing", detail)


def _rhi_offered(d: dict[str, Any]) -> Entry:
    timely = "within" if d.get("within_72_hours") else "outside"
    answer = f". {d['answer'].capitalize()}" if d.get("answer") else ""
    return Entry(
        "Return home interview offered",
        f"By {d.get('offered_by', '')}, {_when(d.get('offered_at', ''))}, "
        f"{timely} 72 hours{answer}",
    )


def _rhi_completed(d: dict[str, Any]) -> Entry:
    by = d.get("completed_by", "")
    if d.get("organisation"):
        by += f" ({d['organisation']})"
    timely = "within" if d.get("within_72_hours") else "outside"
    return Entry(
        "Return home interview completed",
        f"By {by}, {_when(d.get('completed_at', ''))}, {timely} 72 hours of the return",
    )


def _missing_reviewed(d: dict[str, Any]) -> Entry:
    signs = [
        name
        for key, name in (("sexual_exploitation", "CSE"), ("criminal_exploitation", "CCE"))
        if d.get(key)
    ]
    return Entry(
        "Risk reviewed after going missing",
        f"Risk now {d.get('risk_level', '')}; signs of exploitation: "
        + (", ".join(signs) or "none identified"),
    )


def _repeat_missing(d: dict[str, Any]) -> Entry:
    return Entry(
        "Repeat missing: on the manager's list for a strategy discussion decision",
        f"{d.get('episodes', '')} episodes in {d.get('window_days', '')} days",
    )


MISSING_RENDERERS: dict[str, Callable[[dict[str, Any]], Entry]] = {
    "missing_reported": _missing_reported,
    "missing_notified": lambda d: Entry("Missing episode notified by the police", _police(d)),
    "missing_child_linked": _missing_linked,
    "police_report_linked": lambda d: Entry("Police report linked", _police(d)),
    "missing_return_recorded": _missing_returned,
    "missing_contact_attempt_logged": _missing_attempt,
    "rhi_offered": _rhi_offered,
    "rhi_answer_recorded": lambda d: Entry(f"Return home interview {d.get('answer', 'answered')}"),
    "rhi_completed": _rhi_completed,
    "siblings_considered": lambda d: Entry(
        "Brothers and sisters considered", ", ".join(d.get("siblings", []))
    ),
    "missing_risk_reviewed": _missing_reviewed,
    "repeat_missing_flagged": _repeat_missing,
    "repeat_missing_flag_updated": _repeat_missing,
    "repeat_missing_decision_recorded": lambda d: Entry(
        "Manager's decision on repeat missing", d.get("decision_label", "")
    ),
}


def _imported(what: str) -> Callable[[dict[str, Any]], Entry]:
    def render(d: dict[str, Any]) -> Entry:
        until = f" to {d['ended_on']}" if d.get("ended_on") else ""
        changed = f". Changed: {', '.join(d['changed'])}" if d.get("changed") else ""
        return Entry(
            what,
            f"From {d.get('source_system', '')} ({d.get('source_reference', '')}), "
            f"{d.get('started_on', '')}{until}{changed}",
        )

    return render


# --- Knowing the child (frontdoor/history, matching, contacts sibling prompts) ---------------

KNOW_THE_CHILD_RENDERERS: dict[str, Callable[[dict[str, Any]], Entry]] = {
    "early_help_episode_imported": _imported("Early help episode imported"),
    "early_help_episode_updated": _imported("Early help episode updated by an import"),
    "legacy_record_imported": _imported("Previous social care record imported"),
    "legacy_record_updated": _imported("Previous social care record updated by an import"),
    "sibling_considered": lambda d: Entry(
        "Brother or sister considered at screening", d.get("answer_label", "")
    ),
    "child_added_to_contact": lambda d: Entry(
        "Added to a family contact as a brother or sister", d.get("relationship", "").capitalize()
    ),
    "chronology_printed": lambda d: Entry("Chronology printed"),
    "household_recorded": lambda d: Entry("Household recorded", f"From {d.get('moved_in', '')}"),
    "household_moved": lambda d: Entry(
        "Household moved", f"To {d.get('postcode', '')} from {d.get('moved_in', '')}"
    ),
    "person_merged": lambda d: Entry(
        "Duplicate record merged into this one", f"{d.get('rows_moved', 0)} rows moved"
    ),
    "person_merged_away": lambda d: Entry("Merged into another record as a duplicate"),
    "person_unmerged": lambda d: Entry("Merge undone: the two records are separate again"),
    "duplicate_rejected": lambda d: Entry("Possible duplicate checked: a different person"),
}


def _oversight_recorded(d: dict[str, Any]) -> Entry:
    if d.get("kind") == "supervision":
        return Entry("Supervision recorded")
    whose = "the manager's decision" if d.get("stage") == "decision" else "the screening"
    verdict = "challenged" if d.get("verdict") == "challenge" else "agreed with"
    return Entry(f"Management oversight: {verdict} {whose}", f"Actions set: {d.get('actions', 0)}")


CHARACTERISTIC_NAMES = {
    "sex": "sex",
    "expected_date_of_birth": "expected date of birth",
    "ethnicity": "ethnicity",
    "disabilities": "disabilities",
    "upn": "UPN",
    "former_upn": "former UPN",
    "upn_unknown_reason": "reason the UPN is unknown",
    "first_language": "first language",
    "first_language_name": "language",
    "interpreter_needed": "interpreter needed",
}


def _characteristics(d: dict[str, Any]) -> Entry:
    names = [CHARACTERISTIC_NAMES.get(name, name) for name in d.get("changed", {})]
    return Entry("Census details recorded", f"Changed: {', '.join(names)}." if names else "")


SCHOOL_AND_GP_NAMES = {
    "school": "School",
    "school_urn": "School URN",
    "gp_practice": "GP practice",
    "gp_practice_code": "GP practice code",
}


def _school_and_gp(d: dict[str, Any]) -> Entry:
    parts = []
    for name, change in d.get("changed", {}).items():
        what = SCHOOL_AND_GP_NAMES.get(name, name)
        to = change.get("to", "") if isinstance(change, dict) else ""
        parts.append(f"{what}: {to}" if to else f"{what} removed")
    return Entry("School and GP recorded", f"{'; '.join(parts)}." if parts else "")


def _oversight_action_set(d: dict[str, Any]) -> Entry:
    due = date.fromisoformat(d["due_on"]) if d.get("due_on") else None
    return Entry(
        "Oversight action set",
        f"Owner: {d.get('owner', '')}" + (f"; due {due:%-d %B %Y}." if due else "."),
    )


RENDERERS: dict[str, Callable[[dict[str, Any]], Entry]] = {
    **MISSING_RENDERERS,
    **KNOW_THE_CHILD_RENDERERS,
    "contact_received": _received,
    "screening_recorded": _screened,
    "sent_to_hub": _sent,
    "analysis_recorded": _analysed,
    "decision_recorded": _decided,
    "referral_opened": _referral,
    # Handovers with a receipt (frontdoor/handovers, issue 18).
    "handover_opened": lambda d: Entry(
        f"Handed over to {_receiver(d)}",
        f"{d.get('kind_label', '')}. To be received by {_when(d.get('due_at', ''))}",
    ),
    "handover_accepted": lambda d: Entry(f"Received by {_receiver(d)}", _council_answer(d)),
    "handover_returned": lambda d: Entry(
        f"Sent back to the MASH by {_receiver(d)}", _council_answer(d)
    ),
    "stepped_up": lambda d: Entry(f"Stepped up to the MASH by {d.get('team', '')}"),
    "handover_chased": lambda d: Entry(f"Handover chased: not yet received by {_receiver(d)}"),
    "handover_escalated": lambda d: Entry(
        f"Handover escalated: still not received by {_receiver(d)}"
    ),
    "child_linked": lambda d: Entry("Linked to this person record"),
    "person_created": _person_created,
    "characteristics_recorded": _characteristics,
    "school_and_gp_recorded": _school_and_gp,
    "child_protection_plan_started": lambda d: Entry(
        "Child protection plan started",
        f"Category {d.get('category', '')}; first review conference due by "
        f"{date.fromisoformat(d['review_due_on']):%-d %B %Y}."
        if d.get("review_due_on")
        else "",
    ),
    "review_conference_recorded": lambda d: Entry(
        "Child protection review conference",
        (
            f"Category {d.get('category', '')}; "
            + (
                f"the plan continues, next review due by "
                f"{date.fromisoformat(d['next_review_due_on']):%-d %B %Y}."
                if d.get("next_review_due_on")
                else "the plan ended."
            )
            + ("" if d.get("on_time", True) else " Held later than it was due.")
        ),
    ),
    "cin_episode_closed": lambda d: Entry(
        "Child in need episode closed",
        f"Reason {d.get('reason', '')}, on {date.fromisoformat(d['closed_on']):%-d %B %Y}."
        if d.get("closed_on")
        else "",
    ),
    "returned_to_hub": lambda d: Entry("Returned to the hub by a manager"),
    "relationship_recorded": lambda d: Entry("Family relationship recorded"),
    "relationships_recorded": lambda d: Entry(
        "Family relationships recorded",
        " ".join(
            f"{what}: {', '.join(d[key])}."
            for key, what in (("added", "Added"), ("removed", "Removed"))
            if d.get(key)
        ),
    ),
    "adult_linked": lambda d: Entry("Adult linked to their person record"),
    "adult_unlinked": lambda d: Entry(
        "Adult's link to a person record undone",
        "It was the wrong record: the adult is as the referrer described them again.",
    ),
    # Claims on the queues (frontdoor/contacts/actions/claims.py).
    "contact_claimed": lambda d: Entry(
        "Claimed" + (" as the next family" if d.get("next") else ""),
        f"In the queue “{d.get('queue', '')}”",
    ),
    "claim_released": lambda d: Entry(
        "Claim released", f"In the queue “{d.get('queue', '')}”; it was {d.get('claimed_by', '')}’s"
    ),
    # The practice model's analysis (frontdoor/practice): the entries themselves are read on
    # the analysis, not repeated in the timeline.
    "practice_analysis_started": lambda d: Entry("Risk, need and strength analysis started"),
    "practice_analysis_extended": lambda d: Entry(
        "Added to the risk, need and strength analysis",
        f"At {str(d.get('stage', '')).lower()}"
        + (f"; scale {d['scale']}/10" if d.get("scale") is not None else ""),
    ),
    "practice_analysis_closed": lambda d: Entry("Risk, need and strength analysis closed"),
    "practice_entry_withdrawn": lambda d: Entry(
        "An entry in the analysis no longer applies", str(d.get("section", ""))
    ),
    # Management oversight and supervision (frontdoor/supervision).
    "oversight_recorded": _oversight_recorded,
    "oversight_action_set": _oversight_action_set,
    "challenge_responded": lambda d: Entry(
        "Challenge answered: "
        + ("agreed and revised" if d.get("reply") == "revise" else "explained and maintained")
    ),
    "oversight_action_completed": lambda d: Entry("Oversight action done"),
}


# Which keys of an event's data name another person (a person's id, or a list of them), verb by
# verb: a relative, an adult linked, a brother or sister, the other half of a duplicate pair.
# The timeline withholds the detail of an event that names someone its reader may not open
# (`frontdoor.access.timeline`; docs/adr/0016). Every event the tests write is checked against
# this (conftest.py, `events_name_only_declared_people`), so a new verb cannot forget it.
PEOPLE_KEYS: dict[str, tuple[str, ...]] = {
    "relationship_recorded": ("relative",),
    "relationships_recorded": ("relative",),
    "adult_linked": ("adult",),
    "adult_unlinked": ("adult",),
    "sibling_considered": ("sibling",),
    "siblings_considered": ("sibling_people",),
    "child_linked": ("previous_person",),
    "missing_child_linked": ("previous_person",),
    "duplicate_rejected": ("other",),
    "person_merged": ("merged",),
    "person_merged_away": ("kept",),
    "person_unmerged": ("other",),
    "audit_exported": ("person",),
}

# What an event that names a restricted person shows instead of its detail.
WITHHELD = "Details about a restricted record"


def people_named(verb: str, data: dict[str, Any]) -> set[str]:
    """The ids of the other people an event's data names (by `PEOPLE_KEYS`)."""
    named: set[str] = set()
    for key in PEOPLE_KEYS.get(verb, ()):
        value = data.get(key)
        values = value if isinstance(value, list) else [value]
        named.update(str(v) for v in values if v)
    return named


def withheld(event: Event) -> Entry:
    """The event as shown to a reader who may not open a person it names: what kind of event it
    was, and nothing of its detail (nor the reason typed with it)."""
    title = RENDERERS[event.verb](event.data or {}).title if event.verb in RENDERERS else ""
    return Entry(title or event.verb.replace("_", " ").capitalize(), WITHHELD)


def describe(event: Event) -> Entry:
    """The event in words, whole. Readers show `frontdoor.access.timeline.describe`, which
    withholds what names a person the reader may not open."""
    render = RENDERERS.get(event.verb)
    entry = render(event.data or {}) if render else Entry(event.verb.replace("_", " ").capitalize())
    if event.reason:
        entry = Entry(entry.title, f"{entry.detail} Reason: {event.reason}".strip())
    return entry
