"""A child's page and person search. Thin: one action or query each."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from frontdoor.access.models import User
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
from frontdoor.contacts.actions.adults import (
    change_adult_relationships,
    link_adult,
    unlink_adult,
)
from frontdoor.contacts.models import ContactAdult
from frontdoor.contacts.queries import (
    adult_candidates,
    get_contact_for,
    get_named_adult_for,
    previous_contacts,
    told_kinds,
)
from frontdoor.govuk.pages import WORKFLOW_ERRORS, add_workflow_errors
from frontdoor.handovers.queries import handovers_of
from frontdoor.history.queries import early_help_for, legacy_records_for
from frontdoor.matching.actions import record_search
from frontdoor.matching.forms import PersonSearchForm
from frontdoor.matching.queries import Criteria, find_people, get_search_for, offered_candidates
from frontdoor.people.actions import (
    record_characteristics,
    record_chronology_printed,
    record_school_and_gp,
)
from frontdoor.people.forms import (
    NEW_PERSON,
    CharacteristicsForm,
    ChronologyFilterForm,
    NamedAdultForm,
    SchoolAndGpForm,
    UnlinkAdultForm,
)
from frontdoor.people.models import Person
from frontdoor.people.queries import (
    characteristics_summary,
    get_person_for,
    households_of,
    openable_person,
    relationship_kinds,
)


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


@require_http_methods(["GET", "POST"])
def school_and_gp(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """The child's school and GP practice (issue 17), changed from the child's record."""
    user = signed_in_user(request)
    person = get_person_for(user, pk, path=request.path)
    require(user, "record_school_and_gp")
    form = SchoolAndGpForm(request.POST or None, initial=SchoolAndGpForm.initial_for(person))
    if request.method == "POST" and form.is_valid():
        try:
            record_school_and_gp(by=user, person=person, details=form.details())
        except WORKFLOW_ERRORS as exc:
            add_workflow_errors(form, exc)
        else:
            messages.success(request, "School and GP saved")
            return redirect(reverse("people:child", args=[person.pk]) + "#working-with")
    return render(
        request,
        "people/school_and_gp.html",
        {"person": person, "form": form},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def adult(request: HttpRequest, contact_id: uuid.UUID, position: int) -> HttpResponse:
    """An adult named in a contact about the child (issue 17): say which person record is
    theirs, and what they are to the child, as several relationships if need be."""
    user = signed_in_user(request)
    contact = get_contact_for(user, contact_id)  # a 404 outside the MASH
    require(user, "link_child")
    if contact.person_id is None:  # a child not linked yet has no record to relate them to
        raise Http404
    child = get_person_for(user, contact.person_id, path=request.path)
    named = get_named_adult_for(user, contact, position)
    linked = named.person
    name = f"{named.first_name} {named.last_name}"
    form = NamedAdultForm(
        request.POST or None,
        initial={
            "kinds": relationship_kinds(child, linked) if linked else told_kinds(named, child),
            "version": named.version,
        },
        candidates=None if linked else adult_candidates(user, named),
        adult_name=name,
        child_name=child.first_name,
    )
    if request.method == "POST" and form.is_valid() and _link_adult(user, form, named, child):
        messages.success(request, f"{name}'s relationships to {child.first_name} saved")
        return redirect(reverse("people:child", args=[child.pk]) + "#family")
    return render(
        request,
        "people/adult.html",
        {"person": child, "adult": named, "adult_name": name, "form": form, "contact": contact},
        status=400 if form.errors else 200,
    )


def _link_adult(user: User, form: NamedAdultForm, named: ContactAdult, child: Person) -> bool:
    """Link the adult (or change their relationships); False, with the form's errors, if not."""
    kinds = form.cleaned_data["kinds"]
    version = form.cleaned_data["version"]
    try:
        if named.person is not None:
            change_adult_relationships(
                by=user, adult=named, child=child, kinds=kinds, expected_version=version
            )
            return True
        choice = form.cleaned_data["person"]
        person = None if choice == NEW_PERSON else openable_person(user, choice)
        if choice != NEW_PERSON and person is None:
            form.add_error("person", "Select the adult's person record, or create a new one")
            return False
        link_adult(
            by=user, adult=named, child=child, person=person, kinds=kinds, expected_version=version
        )
    except WORKFLOW_ERRORS as exc:
        add_workflow_errors(form, exc)
        return False
    return True


@require_http_methods(["GET", "POST"])
def unlink(request: HttpRequest, contact_id: uuid.UUID, position: int) -> HttpResponse:
    """Undo a link to the wrong person record (issue 17), with the reason; the adult's page
    then offers the search's people again. The same policy as linking."""
    user = signed_in_user(request)
    contact = get_contact_for(user, contact_id)
    require(user, "link_child")
    if contact.person_id is None:
        raise Http404
    child = get_person_for(user, contact.person_id, path=request.path)
    named = get_named_adult_for(user, contact, position)
    if named.person is None:  # nothing to undo: the adult's own page links them
        return redirect("people:adult", contact_id=contact.pk, position=position)
    name = f"{named.first_name} {named.last_name}"
    form = UnlinkAdultForm(request.POST or None, initial={"version": named.version})
    if request.method == "POST" and form.is_valid():
        try:
            unlink_adult(
                by=user,
                adult=named,
                child=child,
                reason=form.cleaned_data["reason"],
                expected_version=form.cleaned_data["version"],
            )
        except WORKFLOW_ERRORS as exc:
            add_workflow_errors(form, exc)
        else:
            messages.success(request, f"{name} is no longer linked to that person record")
            return redirect("people:adult", contact_id=contact.pk, position=position)
    return render(
        request,
        "people/adult_unlink.html",
        {"person": child, "adult": named, "adult_name": name, "form": form, "contact": contact},
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
