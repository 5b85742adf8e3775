"""Each machine's diagram, generated from its table so that it can never drift."""

from __future__ import annotations

from frontdoor.workflow.machine import StateMachine


def markdown(machine: StateMachine) -> str:
    lines = [
        f"# {machine.title}",
        "",
        f"Generated from `{machine.module}` by `manage.py workflow_diagrams`.",
        "Do not edit by hand: a test fails when this file and the table disagree.",
        "",
    ]
    if machine.about:
        lines += [machine.about, ""]
    lines += ["```mermaid", "stateDiagram-v2"]
    for action, state in machine.starts:
        lines.append(f"    [*] --> {state}: {action}")
    for state in machine.states:
        lines.append(f"    {state.value}: {state.label}")
    for action, (sources, target) in machine.table.items():
        for source in machine.order(sources):
            lines.append(f"    {source} --> {target or source}: {action}")
    for state in machine.ends:
        lines.append(f"    {state} --> [*]")
    lines += ["```", "", "| Action | From | To |", "| --- | --- | --- |"]
    for action, (sources, target) in machine.table.items():
        froms = ", ".join(machine.states(s).label for s in machine.order(sources))
        to = machine.states(target).label if target else "(stays where it is)"
        lines.append(f"| `{action}` | {froms} | {to} |")
    return "\n".join(lines) + "\n"
