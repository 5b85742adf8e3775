"""What the manager's decision page shows from the guardrails: the child's risk indicators, the
history summary, and a question for each indicator pointing above the outcome being chosen.

Kept here so that `contacts/views.decide` needs three lines: build this, add the questions to
the form, and pass the answers to `record_decision` (which checks them again, for the API too).
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from frontdoor.guardrails.actions import check_decision, questions
from frontdoor.guardrails.forms import add_indicator_questions
from frontdoor.guardrails.indicators import Found, indicators_for
from frontdoor.guardrails.queries import ChildHistory, child_history

if TYPE_CHECKING:
    from django import forms
    from django.db.models import QuerySet

    from frontdoor.contacts.models import Contact


@dataclass(frozen=True)
class DecisionGuardrails:
    indicators: list[Found]
    questions: list[Found]
    history: ChildHistory


def _chosen_siblings(siblings: QuerySet[Contact], data: Mapping[str, Any]) -> list[Contact]:
    raw = data.getlist("also_for") if hasattr(data, "getlist") else data.get("also_for") or []
    ids = []
    for value in raw if isinstance(raw, list) else [raw]:
        try:
            ids.append(uuid.UUID(str(value)))
        except ValueError:
            continue
    return list(siblings.filter(pk__in=ids)) if ids else []


def decision_guardrails(
    contact: Contact, siblings: QuerySet[Contact], form: forms.Form
) -> DecisionGuardrails:
    """Read the outcome and children from what was submitted (nothing, on a first visit), and
    add a required answer to `form` for each indicator pointing above that outcome."""
    data: Mapping[str, Any] = form.data or {}
    outcome = str(data.get("outcome") or "")
    pointing = check_decision([contact, *_chosen_siblings(siblings, data)], outcome, {}).pointing
    asked = questions(pointing)
    add_indicator_questions(form, asked)
    return DecisionGuardrails(
        indicators=indicators_for(contact), questions=asked, history=child_history(contact)
    )
