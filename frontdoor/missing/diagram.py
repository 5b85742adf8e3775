"""docs/workflow-missing.md, generated from the transitions tables so that it can never drift.

A file of its own rather than a section of docs/workflow.md, which the contact workflow's
generator writes whole (`manage.py workflow_diagram`).
"""

from __future__ import annotations

from frontdoor.missing.workflow import FLAG_TRANSITIONS, TRANSITIONS, FlagStatus, Status

PATH = "docs/workflow-missing.md"


def _sorted(states: frozenset[Status]) -> list[Status]:
    return sorted(states, key=list(Status).index)


def workflow_markdown() -> str:
    lines = [
        "# The missing episode workflow",
        "",
        "Generated from `frontdoor/missing/workflow.py` by `manage.py missing_workflow_diagram`.",
        "Do not edit by hand: a test fails when this file and the tables disagree.",
        "",
        "A missing episode runs from when the child went missing to their return, then through",
        "the return home interview to the risk review. The risk review is the only way an",
        "episode closes, and it needs every brother and sister to have been considered. A step",
        "that records something without moving the episode on is drawn as a loop.",
        "",
        "```mermaid",
        "stateDiagram-v2",
        f"    [*] --> {Status.MISSING.value}: report_missing / notify_missing",
    ]
    for status in Status:
        lines.append(f"    {status.value}: {status.label}")
    for action, (sources, target) in TRANSITIONS.items():
        for source in _sorted(sources):
            lines.append(f"    {source.value} --> {(target or source).value}: {action}")
    lines += [f"    {Status.REVIEWED.value} --> [*]", "```", ""]
    lines += ["| Action | From | To |", "| --- | --- | --- |"]
    for action, (sources, target) in TRANSITIONS.items():
        froms = ", ".join(s.label for s in _sorted(sources))
        lines.append(f"| `{action}` | {froms} | {target.label if target else '(stays)'} |")
    lines += [
        "",
        "## Repeat missing",
        "",
        "When an episode takes a child to the local trigger (by default 3 episodes in 30 days),",
        "the child goes on the manager's list for a strategy discussion decision.",
        "",
        "```mermaid",
        "stateDiagram-v2",
        f"    [*] --> {FlagStatus.AWAITING_DECISION.value}: an episode reaches the trigger",
    ]
    for flag_status in FlagStatus:
        lines.append(f"    {flag_status.value}: {flag_status.label}")
    for action, (flag_sources, flag_target) in FLAG_TRANSITIONS.items():
        for flag_source in sorted(flag_sources, key=list(FlagStatus).index):
            lines.append(f"    {flag_source.value} --> {flag_target.value}: {action}")
    lines += [f"    {FlagStatus.DECIDED.value} --> [*]", "```", ""]
    return "\n".join(lines)
