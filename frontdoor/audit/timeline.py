"""Turning audit events into a child's timeline, in plain words.

The timeline is the audit trail rendered: nothing is typed twice, and nothing shown in the
timeline can differ from what was recorded.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
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
    return Entry("Manager's decision recorded", detail)


def _referral(d: dict[str, Any]) -> Entry:
    return Entry(
        "Referral opened",
        f"Assessment due by {_when(d.get('assessment_due_at', ''))}"
        + ("" if d.get("decided_in_time", True) else ". Decision made outside 1 working day"),
    )


RENDERERS: dict[str, Callable[[dict[str, Any]], Entry]] = {
    "contact_received": _received,
    "screening_recorded": _screened,
    "sent_to_hub": _sent,
    "analysis_recorded": _analysed,
    "decision_recorded": _decided,
    "referral_opened": _referral,
    "child_linked": lambda d: Entry("Linked to this person record"),
    "person_created": lambda d: Entry("Person record created"),
    "returned_to_hub": lambda d: Entry("Returned to the hub by a manager"),
    "relationship_recorded": lambda d: Entry("Family relationship recorded"),
}


def describe(event: Event) -> Entry:
    render = RENDERERS.get(event.verb)
    entry = render(event.data or {}) if render else Entry(event.verb.replace("_", " ").capitalize())
    if event.reason:
        entry = Entry(entry.title, f"{entry.detail} Reason: {event.reason}".strip())
    return entry
