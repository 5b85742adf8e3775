"""A manager's decision page: the outcome, rationale, who sees the child and by when, with the
risk indicators, the child's history and an answer for each indicator above the outcome.
"""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone

from frontdoor.access.policies import can, require
from frontdoor.access.queries import signed_in_user
from frontdoor.contacts.forms import DecisionForm
from frontdoor.contacts.queries import get_contact_for
from frontdoor.contacts.views.page import (
    _child_form_page,
    _practice,
    _siblings,
)
from frontdoor.contacts.workflow import Status
from frontdoor.decisions import actions as decision_actions
from frontdoor.enquiries.queries import family_enquiries
from frontdoor.govuk.pages import GET_POST, WORKFLOW_ERRORS, add_workflow_errors
from frontdoor.guardrails.decision_page import decision_guardrails
from frontdoor.guardrails.forms import indicator_answers
from frontdoor.practice.forms import analysis_texts
from frontdoor.timescales.queries import due_at


@GET_POST
def decide(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    contact = get_contact_for(signed_in_user(request), pk)
    require(request.user, "record_decision")
    siblings = _siblings(contact, {Status.SCREENED, Status.IN_HUB, Status.AWAITING_DECISION})
    rag = contact.rag or "amber"
    form = DecisionForm(
        request.POST or None,
        siblings=siblings,
        initial={
            "version": contact.version,
            "outcome": contact.proposed_outcome,
            "see_by": due_at(f"see_child_{rag}", timezone.now()),
            "see_by_team": None,
        },
    )
    # Risk indicators, the child's history, and an answer for each indicator above the outcome.
    guardrails = decision_guardrails(contact, siblings, form)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        details = decision_actions.DecisionDetails(
            outcome=data["outcome"],
            rationale=data["rationale"],
            see_by=data.get("see_by"),
            see_by_team=data.get("see_by_team"),
            strategy_same_day=bool(data.get("strategy_same_day")),
            indicator_answers=indicator_answers(data),
            analysis=analysis_texts(data),
            other_council=data.get("other_council"),
        )
        try:
            decision_actions.record_decision(
                by=signed_in_user(request),
                contacts=[contact, *form.also_for()],
                details=details,
                versions={str(contact.pk): data["version"]},
            )
        except WORKFLOW_ERRORS as exc:
            add_workflow_errors(form, exc)
        else:
            messages.success(request, f"Decision recorded: {details.outcome.replace('_', ' ')}")
            return redirect("contacts:family", pk=contact.family_id)
    return _child_form_page(
        request,
        "contacts/decide.html",
        contact,
        form,
        guardrails=guardrails,
        default_rag=rag,
        practice=_practice(request, contact, "decision"),
        # What partners said, above the choices (issue 17); None for a role that may not see it.
        partner_rows=(
            family_enquiries(signed_in_user(request), contact.family)
            if can(request.user, "view_enquiries")
            else None
        ),
    )
