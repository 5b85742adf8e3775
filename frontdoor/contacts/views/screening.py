"""Screening one child: saying who the child is (a recorded search, its ranked candidates, and
linking one or creating a new person record), and the screening form with the sibling prompts
and the practice panel.
"""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from frontdoor.access.policies import can, require
from frontdoor.access.queries import signed_in_user
from frontdoor.contacts import actions
from frontdoor.contacts.forms import ScreeningForm
from frontdoor.contacts.models import Contact
from frontdoor.contacts.queries import brothers_and_sisters_on_record, get_contact_for
from frontdoor.contacts.sibling_prompts import sibling_prompts
from frontdoor.contacts.views.page import (
    _child_form_page,
    _int,
    _practice,
    _siblings,
)
from frontdoor.contacts.workflow import Status
from frontdoor.govuk.pages import GET_POST, WORKFLOW_ERRORS, add_workflow_errors, uuid_or_none
from frontdoor.matching.actions import search_for_child
from frontdoor.matching.forms import PersonSearchForm
from frontdoor.matching.models import PersonSearch
from frontdoor.matching.queries import Criteria, offered_candidates, shown_search
from frontdoor.people.queries import characteristics_summary, openable_person
from frontdoor.practice.forms import analysis_texts
from frontdoor.workflow.errors import NotReady


@GET_POST
def link_child(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """Who is this child? A search (recorded, so a new record can be traced to it), its ranked
    candidates with reasons, and the choice: this is the child, or a new person record.

    Opening the page searches with the referrer's description; "Search again" posts new
    criteria and comes back to `?search=<id>`, so no name or date of birth is put in a URL."""
    user = signed_in_user(request)
    contact = get_contact_for(user, pk, path=request.path, log=True)
    require(user, "link_child")
    if request.method == "POST" and request.POST.get("action") == "search":
        return _search_again(request, contact)
    if request.method == "POST":
        return _link_or_create(request, contact)
    recorded = shown_search(user, contact, uuid_or_none(request.GET.get("search")))
    if recorded is None:
        recorded, _ = search_for_child(by=user, contact=contact)
    return _link_page(request, contact, recorded)


def _link_page(
    request: HttpRequest,
    contact: Contact,
    recorded: PersonSearch | None,
    form: PersonSearchForm | None = None,
) -> HttpResponse:
    user = signed_in_user(request)
    if form is None and recorded is not None:
        criteria = Criteria.from_json(recorded.criteria)
        form = PersonSearchForm(initial=PersonSearchForm.initial_from(criteria))
    return render(
        request,
        "contacts/link_child.html",
        {
            "contact": contact,
            "form": form,
            "search": recorded,
            "candidates": offered_candidates(user, recorded) if recorded else None,
            "considered": recorded.criteria.get("considered", 0) if recorded else 0,
            "can_open": can(user, "view_child"),
        },
        status=400 if form is not None and form.errors else 200,
    )


def _search_again(request: HttpRequest, contact: Contact) -> HttpResponse:
    form = PersonSearchForm(request.POST)
    if not form.is_valid():
        # No results and no "create" button until a search has been shown.
        return _link_page(request, contact, None, form)
    recorded, _ = search_for_child(
        by=signed_in_user(request), contact=contact, criteria=form.criteria(form.cleaned_data)
    )
    return redirect(f"{reverse('contacts:link', args=[contact.pk])}?search={recorded.pk}")


def _link_or_create(request: HttpRequest, contact: Contact) -> HttpResponse:
    user = signed_in_user(request)
    version = _int(request.POST.get("version"))
    try:
        if request.POST.get("action") == "create":
            search_id = uuid_or_none(request.POST.get("search"))
            search = shown_search(user, contact, search_id)
            actions.create_person_for_child(
                by=user, contact=contact, search=search, expected_version=version
            )
            messages.success(request, f"New person record created for {contact.child_name}")
        else:
            person = openable_person(user, request.POST.get("person"))
            if person is None:
                messages.error(request, "Choose the person this child is, or create a new record")
                return redirect("contacts:link", pk=contact.pk)
            actions.link_child(by=user, contact=contact, person=person, expected_version=version)
            messages.success(request, f"{contact.child_name} linked to {person.full_name}")
    except WORKFLOW_ERRORS as exc:
        messages.error(request, str(exc))
        if isinstance(exc, NotReady) and request.POST.get("action") == "create":
            return redirect("contacts:link", pk=contact.pk)
    return redirect("contacts:family", pk=contact.family_id)


@GET_POST
def screen(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    contact = get_contact_for(signed_in_user(request), pk)
    require(request.user, "record_screening")
    siblings = _siblings(contact, {Status.AWAITING_SCREENING, Status.SCREENED})
    form = ScreeningForm(
        request.POST or None,
        siblings=siblings,
        sibling_prompts=sibling_prompts(contact.family),
        initial={
            "version": contact.version,
            "rag": contact.rag,
            "level_of_need": contact.level_of_need,
            "summary": contact.screening_summary,
            "recommendation": contact.screening_recommendation,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        screening = actions.Screening(
            rag=data["rag"],
            level_of_need=data["level_of_need"],
            summary=data["summary"],
            recommendation=data["recommendation"],
            analysis=analysis_texts(data),
        )
        try:
            actions.record_screening(
                by=signed_in_user(request),
                contacts=[contact, *form.also_for()],
                screening=screening,
                versions={str(contact.pk): data["version"]},
                siblings=form.sibling_answers(),
            )
        except WORKFLOW_ERRORS as exc:
            add_workflow_errors(form, exc)
        else:
            messages.success(request, "Screening recorded")
            return redirect("contacts:family", pk=contact.family_id)
    return _child_form_page(
        request,
        "contacts/screen.html",
        contact,
        form,
        siblings_on_record=brothers_and_sisters_on_record(contact.person) if contact.person else [],
        # The census details are recorded at screening on the child's own form (issue 16).
        characteristics=characteristics_summary(contact.person) if contact.person else [],
        practice=_practice(request, contact, "screening"),
    )
