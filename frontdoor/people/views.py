"""A child's page and person search. Thin: one action or query each."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from frontdoor.access.policies import can, require
from frontdoor.access.queries import signed_in_user
from frontdoor.child_record.chronology import Kind, chronology
from frontdoor.child_record.queries import (
    child_protection_plans,
    cin_episodes,
    family_members,
    running_deadlines,
    timeline,
    visits_to,
    working_with,
)
from frontdoor.contacts.queries import previous_contacts
from frontdoor.govuk.pages import WORKFLOW_ERRORS, add_workflow_errors
from frontdoor.handovers.queries import handovers_of
from frontdoor.history.queries import early_help_for, legacy_records_for
from frontdoor.matching.actions import record_search
from frontdoor.matching.forms import PersonSearchForm
from frontdoor.matching.queries import Criteria, find_people, get_search_for, offered_candidates
from frontdoor.people.actions import record_characteristics, record_chronology_printed
from frontdoor.people.forms import CharacteristicsForm, ChronologyFilterForm
from frontdoor.people.models import Person
from frontdoor.people.queries import characteristics_summary, get_person_for, households_of


def child(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    user = signed_in_user(request)
    person = get_person_for(user, pk, path=request.path)
    today = timezone.localdate()
    casework = can(request.user, "view_casework")
    return render(
        request,
        "people/child.html",
        {
            "person": person,
            "age": person.age_on(today),
            "family_members": family_members(person),
            "contacts": previous_contacts(person),
            "deadlines": running_deadlines(person),
            # Who is working with the child, and their visits in the child's own words.
            "working_with": working_with(person) if casework else None,
            "visits": visits_to(person) if casework else None,
            "events": timeline(person)[:200],
            "now": timezone.now(),
            "households": households_of(person),
            "characteristics": characteristics_summary(person),
            "plans": child_protection_plans(person),
            "episodes": cin_episodes(person),
            "can_close_episode": can(request.user, "close_episode"),
            "can_record_review": can(request.user, "record_conference"),
            "can_record_characteristics": can(request.user, "record_characteristics"),
            "early_help": early_help_for(person),
            "legacy_records": legacy_records_for(person),
            "handovers": handovers_of(user, person),
        },
    )


@require_http_methods(["GET", "POST"])
def characteristics(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """The child's census characteristics: ethnicity, disabilities, UPN, language (issue 16)."""
    user = signed_in_user(request)
    person = get_person_for(user, pk, path=request.path)
    require(user, "record_characteristics")
    # Opened from screening, it goes back there; only a path on this site is followed.
    back = request.GET.get("next", "")
    if not (back.startswith("/") and url_has_allowed_host_and_scheme(back, allowed_hosts=None)):
        back = ""
    form = CharacteristicsForm(
        request.POST or None,
        initial=CharacteristicsForm.initial_for(person),
        date_of_birth=person.date_of_birth,
    )
    if request.method == "POST" and form.is_valid():
        try:
            record_characteristics(by=user, person=person, details=form.details())
        except WORKFLOW_ERRORS as exc:
            add_workflow_errors(form, exc)
        else:
            messages.success(request, "Census details saved")
            return redirect(back or reverse("people:child", args=[person.pk]))
    return render(
        request,
        "people/characteristics.html",
        {"person": person, "form": form, "back": back},
        status=400 if form.errors else 200,
    )


def _chronology_context(request: HttpRequest, pk: uuid.UUID) -> dict[str, object]:
    person = get_person_for(signed_in_user(request), pk, path=request.path)
    # Filters are allow-listed choices: an unknown kind is an error, never passed on.
    form = ChronologyFilterForm(request.GET or None)
    kinds = form.cleaned_data["kind"] if form.is_valid() else []
    return {
        "person": person,
        "form": form,
        "kinds": kinds,
        "kind_labels": [Kind(kind).label for kind in kinds],
        "entries": chronology(person, kinds),
        "query": request.GET.urlencode() if form.is_valid() else "",
    }


def chronology_page(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """The child's whole history, filtered with a plain GET form (no JavaScript needed)."""
    context = _chronology_context(request, pk)
    status = 400 if context["form"].errors else 200  # type: ignore[attr-defined]
    return render(request, "people/chronology.html", context, status=status)


def chronology_print(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """The chronology laid out for paper. Opening it is audited as a print."""
    context = _chronology_context(request, pk)
    person = context["person"]
    assert isinstance(person, Person)
    kinds = context["kinds"]
    assert isinstance(kinds, list)
    record_chronology_printed(by=signed_in_user(request), person=person, kinds=kinds)
    return render(
        request, "people/chronology_print.html", {**context, "printed_at": timezone.now()}
    )


@require_http_methods(["GET", "POST"])
def search(request: HttpRequest) -> HttpResponse:
    """Find a person: the form, and on POST the search, recorded, then its results.

    The search is posted and the results have their own address (the recorded search's id), so
    names and dates of birth never appear in a URL, a browser history or a server log."""
    require(request.user, "search_people")
    user = signed_in_user(request)
    form = PersonSearchForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        criteria = form.criteria(form.cleaned_data)
        found = find_people(user, criteria)
        recorded = record_search(by=user, criteria=criteria, found=found)
        return redirect("people:search-results", pk=recorded.pk)
    return render(
        request,
        "people/search.html",
        {"form": form, "candidates": None},
        status=400 if form.errors else 200,
    )


def search_results(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """A search the user made, as it was offered (with today's details of each person)."""
    require(request.user, "search_people")
    user = signed_in_user(request)
    recorded = get_search_for(user, pk)
    criteria = Criteria.from_json(recorded.criteria)
    return render(
        request,
        "people/search.html",
        {
            "form": PersonSearchForm(initial=PersonSearchForm.initial_from(criteria)),
            "candidates": offered_candidates(user, recorded),
            "considered": recorded.criteria.get("considered", 0),
            "can_open": can(user, "view_child"),
        },
    )
