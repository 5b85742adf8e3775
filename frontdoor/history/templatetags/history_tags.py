"""Marks for imported history wherever a person is listed."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import template

from frontdoor.history.queries import open_early_help

register = template.Library()


@register.simple_tag
def open_early_help_ids(candidates: Iterable[Any]) -> set[object]:
    """The ids of the listed people (search candidates) with an early help episode open."""
    return open_early_help(
        candidate.person for candidate in candidates if not getattr(candidate, "restricted", False)
    )
