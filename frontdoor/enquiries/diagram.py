"""docs/workflow-enquiries.md, generated from the transitions tables so that it can never drift.

A file of its own rather than a section of docs/workflow.md, which the contact workflow's
generator writes whole (`manage.py workflow_diagram`).
"""

from __future__ import annotations

from enum import Enum

from frontdoor.enquiries.workflow import (
    CONSENT_TRANSITIONS,
    ENQUIRY_TRANSITIONS,
    ConsentStatus,
    EnquiryStatus,
)

PATH = "docs/workflow-enquiries.md"


def _mermaid(
    states: type[ConsentStatus] | type[EnquiryStatus],
    table: dict[str, tuple[frozenset[str], str]],
    start: str,
    ends: list[str],
) -> list[str]:
    order = [s.value for s in states]
    lines = ["```mermaid", "stateDiagram-v2", f"    [*] --> {start}"]
    lines += [f"    {s.value}: {s.label}" for s in states]
    for action, (sources, target) in table.items():
        for source in sorted(sources, key=order.index):
            lines.append(f"    {_value(source)} --> {_value(target)}: {action}")
    lines += [f"    {end} --> [*]" for end in ends]
    return [*lines, "```", ""]


def _value(state: str) -> str:
    return state.value if isinstance(state, Enum) else state


def _table(
    states: type[ConsentStatus] | type[EnquiryStatus],
    table: dict[str, tuple[frozenset[str], str]],
) -> list[str]:
    order = [s.value for s in states]
    lines = ["| Action | From | To |", "| --- | --- | --- |"]
    for action, (sources, target) in table.items():
        froms = ", ".join(str(states(s).label) for s in sorted(sources, key=order.index))
        lines.append(f"| `{action}` | {froms} | {states(target).label} |")
    return [*lines, ""]


def workflow_markdown() -> str:
    lines = [
        "# Consent and MASH enquiries",
        "",
        "Generated from `frontdoor/enquiries/workflow.py` by",
        "`manage.py enquiries_workflow_diagram`.",
        "Do not edit by hand: a test fails when this file and the tables disagree.",
        "",
        "## Consent (one per family contact)",
        "",
        "Anything but consent given waits for a manager, who is never the person who recorded it.",
        "Enquiries go only once consent is given or proceeding without it is authorised.",
        "",
        *_mermaid(ConsentStatus, CONSENT_TRANSITIONS, ConsentStatus.NOT_RECORDED.value, []),
        *_table(ConsentStatus, CONSENT_TRANSITIONS),
        "## An enquiry (one per agency asked)",
        "",
        "Overdue, chased and escalated are not states: they are times on the enquiry's clock,",
        "set once each by `manage.py sweep` (docs/adr/0009-partner-agencies-enquiries.md).",
        "",
        *_mermaid(
            EnquiryStatus,
            ENQUIRY_TRANSITIONS,
            f"{EnquiryStatus.SENT.value}: send_enquiries",
            [EnquiryStatus.ANSWERED.value, EnquiryStatus.WITHDRAWN.value],
        ),
        *_table(EnquiryStatus, ENQUIRY_TRANSITIONS),
    ]
    return "\n".join(lines)
