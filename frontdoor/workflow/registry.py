"""Every state machine in the project, found in the installed apps' `workflow` modules."""

from __future__ import annotations

from importlib import import_module

from django.apps import apps

from frontdoor.workflow.machine import StateMachine


def machines() -> list[StateMachine]:
    found: list[StateMachine] = []
    for config in apps.get_app_configs():
        if not config.name.startswith("frontdoor."):
            continue
        try:
            module = import_module(f"{config.name}.workflow")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.workflow":
                raise
            continue
        found += [v for v in vars(module).values() if isinstance(v, StateMachine)]
    return sorted({m.name: m for m in found}.values(), key=lambda m: m.name)
