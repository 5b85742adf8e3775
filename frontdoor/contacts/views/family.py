"""The family contact's page (its children with the steps each allows, its adults and its
history), and sending every undecided child in it to one hub together.
"""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from frontdoor.access.policies import can, require
from frontdoor.access.queries import signed_in_user
from frontdoor.contacts import actions
from frontdoor.contacts.forms import SendToHubForm
from frontdoor.contacts.queries import family_events, get_family_contact_for, queues_waiting_in
from frontdoor.contacts.views.queues import claim_form
from frontdoor.contacts.workflow import CONTACT, Status
from frontdoor.govuk.pages import GET_POST, WORKFLOW_ERRORS, add_workflow_errors


def family(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    user = signed_in_user(request)
    family = get_family_contact_for(user, pk, path=request.path)
    children = list(family.contacts.all())
    claims = [
        {
            "queue": queue,
            "form": claim_form(
                request,
                family,
                queue,
                may_claim=can(user, queue.work_action),
                may_release_others=can(user, "release_others_claim"),
            ),
        }
        for queue in queues_waiting_in(family, children)
    ]
    return render(
        request,
        "contacts/family.html",
        {
            "family": family,
            "claims": claims,
            "children": [(child, CONTACT.allowed(child.status)) for child in children],
            "adults": family.adults.all(),
            "events": family_events(family),
            "can_send": can(request.user, "send_to_hub")
            and any(c.status == Status.SCREENED for c in children),
        },
    )


@GET_POST
def send_to_hub(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    family = get_family_contact_for(signed_in_user(request), pk, path=request.path)
    require(request.user, "send_to_hub")
    form = SendToHubForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.send_to_hub(
                by=signed_in_user(request), family=family, hub=form.cleaned_data["hub"]
            )
        except WORKFLOW_ERRORS as exc:
            add_workflow_errors(form, exc)
        else:
            messages.success(request, f"Sent to the {form.cleaned_data['hub'].name}")
            return redirect("contacts:family", pk=family.pk)
    return render(request, "contacts/send_to_hub.html", {"family": family, "form": form})
