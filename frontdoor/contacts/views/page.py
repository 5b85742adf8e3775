"""What the contact pages share: the methods they answer, the workflow errors shown on a form,
the sibling contacts a step can also apply to, a child's form page with its family and the
practice panel, and reading an id or a version from the request without trusting it.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from frontdoor.access.queries import signed_in_user
from frontdoor.contacts.models import Contact
from frontdoor.contacts.queries import get_family_contact_for, siblings_in
from frontdoor.practice.queries import panel_for


def _siblings(contact: Contact, statuses: set[str]) -> QuerySet[Contact]:
    return siblings_in(contact, statuses)


def _child_form_page(
    request: HttpRequest, template: str, contact: Contact, form: Any, **extra: Any
) -> HttpResponse:
    family = get_family_contact_for(signed_in_user(request), contact.family_id, path=request.path)
    context = {"contact": contact, "family": family, "form": form, **extra}
    return render(request, template, context, status=400 if form.errors else 200)


def _practice(request: HttpRequest, contact: Contact, stage: str) -> Any:
    """The child's risk, need and strength analysis, shown and extended at this stage."""
    return panel_for(
        contact.person, user=signed_in_user(request), stage=stage, next_url=request.path
    )


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None
