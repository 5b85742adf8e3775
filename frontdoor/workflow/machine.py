"""A state machine declared as data: the table is the workflow (../shared/STYLE.md)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from django.db import models

from frontdoor.workflow.errors import IllegalTransition

# action name -> (the states it may start from, the state it leaves the record in; None: the
# record stays in the state it was in, a step that records something without moving it on)
Table = Mapping[str, tuple[frozenset[str], str | None]]


@dataclass(frozen=True)
class StateMachine:
    """One record's workflow.

    `noun` names the record in a refusal ("This episode is returned: it cannot be risk-reviewed
    now"); `past` says each step in those words; `refusals` replaces the sentence for a step
    where a plainer one helps ("Allocate the child to a worker before recording a visit")."""

    name: str
    title: str
    noun: str
    states: type[models.TextChoices]
    table: Table
    past: Mapping[str, str] = field(default_factory=dict)
    refusals: Mapping[str, str] = field(default_factory=dict)
    # How records enter and leave the machine, for the diagram: (action, state) pairs.
    starts: tuple[tuple[str, str], ...] = ()
    ends: tuple[str, ...] = ()
    # Where its generated diagram is written, under docs/.
    doc: str = ""
    module: str = ""
    about: str = ""

    def __post_init__(self) -> None:
        known = set(self.states.values)
        for action, (sources, target) in self.table.items():
            unknown = (set(sources) | ({target} if target else set())) - known
            if unknown:
                raise ValueError(f"{self.name}: {action} names unknown states {sorted(unknown)}")

    def next(self, action: str, current: str) -> str:
        """The state after `action`, or IllegalTransition if `action` may not start from
        `current`."""
        sources, target = self.table[action]
        if current not in sources:
            raise IllegalTransition(self.refusal(action, current), action=action, status=current)
        return current if target is None else target

    def may(self, action: str, current: str) -> bool:
        return current in self.table[action][0]

    def allowed(self, current: str) -> list[str]:
        return [action for action, (sources, _) in self.table.items() if current in sources]

    def refusal(self, action: str, current: str) -> str:
        if action in self.refusals:
            return self.refusals[action]
        label = self.states(current).label.lower() if current in self.states.values else current
        what = self.past.get(action, action.replace("_", " "))
        return f"This {self.noun} is {label}: it cannot be {what} now."

    def order(self, states: frozenset[str] | set[str]) -> list[str]:
        values = list(self.states.values)
        return sorted(states, key=values.index)
