"""The hub's pages: its risk, need and strength analysis with a proposed outcome, and a
manager sending the proposal back to the hub, saying why.
"""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from frontdoor.access.policies import require
from frontdoor.access.queries import signed_in_user
from frontdoor.contacts import actions
from frontdoor.contacts.forms import AnalysisForm, ReturnToHubForm
from frontdoor.contacts.queries import get_contact_for
from frontdoor.contacts.views.page import (
    _child_form_page,
    _practice,
    _siblings,
)
from frontdoor.contacts.workflow import Status
from frontdoor.govuk.pages import GET_POST, WORKFLOW_ERRORS, add_workflow_errors


@GET_POST
def analyse(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    contact = get_contact_for(signed_in_user(request), pk)
    require(request.user, "record_analysis")
    siblings = _siblings(contact, {Status.IN_HUB, Status.AWAITING_DECISION})
    form = AnalysisForm(
        request.POST or None,
        siblings=siblings,
        initial={
            "version": contact.version,
            "worries": contact.worries,
            "working_well": contact.working_well,
            "needs_to_happen": contact.needs_to_happen,
            "scale": contact.scale,
            "proposed_outcome": contact.proposed_outcome,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        analysis = actions.Analysis(
            worries=data["worries"],
            working_well=data["working_well"],
            needs_to_happen=data["needs_to_happen"],
            scale=data["scale"],
            proposed_outcome=data["proposed_outcome"],
        )
        try:
            actions.record_analysis(
                by=signed_in_user(request),
                contacts=[contact, *form.also_for()],
                analysis=analysis,
                versions={str(contact.pk): data["version"]},
            )
        except WORKFLOW_ERRORS as exc:
            add_workflow_errors(form, exc)
        else:
            messages.success(request, "Analysis recorded and sent for a manager's decision")
            return redirect("contacts:family", pk=contact.family_id)
    return _child_form_page(
        request, "contacts/analyse.html", contact, form, practice=_practice(request, contact, "hub")
    )


@GET_POST
def return_to_hub(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    contact = get_contact_for(signed_in_user(request), pk)
    require(request.user, "return_to_hub")
    form = ReturnToHubForm(request.POST or None, initial={"version": contact.version})
    if request.method == "POST" and form.is_valid():
        try:
            actions.return_to_hub(
                by=signed_in_user(request),
                contact=contact,
                reason=form.cleaned_data["reason"],
                expected_version=form.cleaned_data["version"],
            )
        except WORKFLOW_ERRORS as exc:
            add_workflow_errors(form, exc)
        else:
            messages.success(request, "Sent back to the hub")
            return redirect("contacts:family", pk=contact.family_id)
    return _child_form_page(request, "contacts/return_to_hub.html", contact, form)
