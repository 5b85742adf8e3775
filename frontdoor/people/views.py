"""A child's page and person search. Thin: one query each."""

from __future__ import annotations

import uuid

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from frontdoor.access.queries import signed_in_user
from frontdoor.access.policies import require
from frontdoor.people.forms import PersonSearchForm
from frontdoor.people.queries import (
    family_members,
    get_person_for,
    previous_contacts,
    running_deadlines,
    search_people,
    timeline,
)


def child(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    person = get_person_for(signed_in_user(request), pk, path=request.path)
    today = timezone.localdate()
    return render(
        request,
        "people/child.html",
        {
            "person": person,
            "age": person.age_on(today),
            "family_members": family_members(person),
            "contacts": previous_contacts(person),
            "deadlines": running_deadlines(person),
            "events": timeline(person)[:200],
            "now": timezone.now(),
        },
    )


def search(request: HttpRequest) -> HttpResponse:
    require(request.user, "search_people")
    form = PersonSearchForm(request.GET or None)
    results = None
    if form.is_bound and form.is_valid():
        results = search_people(
            signed_in_user(request),
            name=form.cleaned_data["name"],
            date_of_birth=form.cleaned_data["date_of_birth"],
        )
    return render(
        request,
        "people/search.html",
        {"form": form, "results": results},
        status=400 if form.errors else 200,
    )
