"""docs/workflow.md, generated from the transitions table so that it can never drift."""

from __future__ import annotations

from frontdoor.contacts.workflow import TRANSITIONS, Status


def _node(status: Status) -> str:
    return status.value


def workflow_markdown() -> str:
    lines = [
        "# The front-door workflow",
        "",
        "Generated from `frontdoor/contacts/workflow.py` by `manage.py workflow_diagram`.",
        "Do not edit by hand: a test fails when this file and the table disagree.",
        "",
        "Each child's contact moves through these states. Brothers and sisters in one family",
        "contact move to a hub together; each child gets their own decision.",
        "",
        "```mermaid",
        "stateDiagram-v2",
        f"    [*] --> {_node(Status.AWAITING_SCREENING)}: receive_contact",
    ]
    for status in Status:
        lines.append(f"    {_node(status)}: {status.label}")
    for action, (sources, target) in TRANSITIONS.items():
        for source in sorted(sources, key=list(Status).index):
            lines.append(f"    {_node(source)} --> {_node(target)}: {action}")
    lines += [f"    {_node(Status.DECIDED)} --> [*]", "```", ""]
    lines += ["| Action | From | To |", "| --- | --- | --- |"]
    for action, (sources, target) in TRANSITIONS.items():
        froms = ", ".join(s.label for s in sorted(sources, key=list(Status).index))
        lines.append(f"| `{action}` | {froms} | {target.label} |")
    return "\n".join(lines) + "\n"
