"""Every state machine in the project, every legal and illegal step, in one table each."""

from __future__ import annotations

import pytest

from frontdoor.workflow.errors import IllegalStep, IllegalTransition
from frontdoor.workflow.registry import machines

CASES = [
    (machine, action, state)
    for machine in machines()
    for action in machine.table
    for state in machine.states.values
]


@pytest.mark.parametrize(
    ("machine", "action", "state"), CASES, ids=[f"{m.name}:{a}:{s}" for m, a, s in CASES]
)
def test_each_step_is_legal_only_from_the_states_its_table_names(machine, action, state):
    sources, target = machine.table[action]
    if state in sources:
        assert machine.next(action, state) == (target or state)
        assert action in machine.allowed(state)
    else:
        with pytest.raises(IllegalTransition) as refused:
            machine.next(action, state)
        assert isinstance(refused.value, IllegalStep)
        assert str(refused.value)  # words a practitioner can act on, never empty
        assert action not in machine.allowed(state)


def test_every_machine_says_where_its_diagram_lives_and_names_each_step():
    found = machines()
    assert len(found) >= 9
    assert len({m.doc for m in found}) == len(found)
    for machine in found:
        assert machine.doc.endswith(".md") and machine.module.endswith("workflow.py")
        assert machine.table, f"{machine.name} has no steps"
