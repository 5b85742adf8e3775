"""Information governance pages: who looked, who took what away, and break-glass.

Thin: parse, call one query, render. Only the information governance role gets past `require`.
Exports need their own permission, a reason and a recent step-up, are marked
OFFICIAL-SENSITIVE and escape formula-like cells (frontdoor/exports), and each writes one audit
event.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from frontdoor.access import step_up
from frontdoor.access.models import User
from frontdoor.access.policies import require
from frontdoor.access.queries import signed_in_user
from frontdoor.audit.actions import record_event
from frontdoor.audit.models import Severity
from frontdoor.exports import spreadsheet
from frontdoor.exports.forms import ExportReasonForm
from frontdoor.governance import queries
from frontdoor.governance.forms import ChildViewsDatesForm, ChildViewsForm, UserActivityForm

BREAK_GLASS_PER_PAGE = 50
HEADINGS = [
    "When (UK time)",
    "Who",
    "Username",
    "Role",
    "Organisation",
    "What",
    "Child",
    "Reason",
    "Request id",
]


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    require(request.user, "query_audit")
    return render(request, "governance/index.html")


@require_http_methods(["GET", "POST"])
def child_views(request: HttpRequest) -> HttpResponse:
    """Who viewed this child, step one: find the child by name and give the dates. The search
    is posted (with its CSRF token): a child's name must never be in a URL, where it would
    reach access logs and Referer headers. A GET shows the empty form, and never searches,
    whatever its query string holds."""
    user = signed_in_user(request)
    require(user, "query_audit")
    form = ChildViewsForm(request.POST if request.method == "POST" else None)
    context: dict[str, Any] = {"form": form}
    if form.is_bound and form.is_valid():
        context["matches"] = queries.find_children(user, form.cleaned_data["name"])
        context["dates"] = urlencode(_date_parts(form.cleaned_data))
    return render(
        request, "governance/child_views.html", context, status=400 if form.errors else 200
    )


@require_GET
def child_views_of(request: HttpRequest, person: uuid.UUID) -> HttpResponse:
    """Step two: the views of one child, by the child's id and the dates only."""
    user = signed_in_user(request)
    require(user, "query_audit")
    child = queries.get_child_for(user, person)
    form = ChildViewsDatesForm(request.GET or None)
    context: dict[str, Any] = {"form": form, "person": child}
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        context["rows"] = queries.views_of_child(user, child, data["date_from"], data["date_to"])
        context["export_url"] = _export_url("child-views", person=str(child.pk), **_dates(data))
    return render(
        request, "governance/child_views_of.html", context, status=400 if form.errors else 200
    )


def _date_parts(data: dict[str, Any]) -> dict[str, int]:
    """The dates as the date fields send them, for the links to a child's page."""
    return {
        f"{field}_{part}": getattr(data[field], part)
        for field in ("date_from", "date_to")
        for part in ("day", "month", "year")
    }


@require_GET
def user_activity(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    require(user, "query_audit")
    form = UserActivityForm(request.GET or None)
    context: dict[str, Any] = {"form": form}
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        context["target"] = data["user"]
        context["rows"] = queries.activity_of_user(
            user, data["user"], data["date_from"], data["date_to"]
        )
        context["export_url"] = _export_url(
            "user-activity", user=data["user"].username, **_dates(data)
        )
    return render(
        request, "governance/user_activity.html", context, status=400 if form.errors else 200
    )


def _dates(data: dict[str, Any]) -> dict[str, str]:
    return {"from": data["date_from"].isoformat(), "to": data["date_to"].isoformat()}


def _export_url(report: str, **params: str) -> str:
    return f"{reverse('governance:export')}?{urlencode({'report': report, **params})}"


def _report(request: HttpRequest, user: User) -> tuple[str, list[queries.Activity], Any]:
    """Parse the export's filters (allow-listed, never passed to the ORM as they are)."""
    params = request.GET
    try:
        start = date.fromisoformat(params.get("from", ""))
        end = date.fromisoformat(params.get("to", ""))
    except ValueError as exc:
        raise Http404 from exc
    report = params.get("report", "")
    if report == "child-views":
        try:
            person = queries.get_child_for(user, uuid.UUID(params.get("person", "")))
        except ValueError as exc:
            raise Http404 from exc
        title = f"Who viewed {person.full_name}, {start:%d %b %Y} to {end:%d %b %Y}"
        return title, queries.views_of_child(user, person, start, end), person
    if report == "user-activity":
        target = User.objects.filter(username=params.get("user", "")).first()
        if target is None:
            raise Http404
        title = f"What {target.display_name} viewed or exported, {start:%d %b %Y} to {end:%d %b %Y}"
        return title, queries.activity_of_user(user, target, start, end), None
    raise Http404


@require_http_methods(["GET", "POST"])
def export(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    require(user, "export_audit")
    title, rows, person = _report(request, user)
    if not step_up.is_recent(request):
        return step_up.redirect_to_step_up(request)
    form = ExportReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        content = spreadsheet.workbook_bytes(
            spreadsheet.Sheet(
                "Audit export",  # the title, which may hold a name, is in row 2
                title,
                HEADINGS,
                (
                    [
                        r.when,
                        r.who,
                        r.username,
                        r.role,
                        r.organisation,
                        r.what,
                        r.child,
                        r.reason,
                        r.request_id,
                    ]
                    for r in rows
                ),
            )
        )
        with transaction.atomic():
            # The child is named in the data, not as the event's person: an information
            # governance enquiry must not show up on the child's timeline for caseworkers.
            record_event(
                actor=user,
                verb="audit_exported",
                reason=form.cleaned_data["reason"],
                severity=Severity.HIGH,
                data={
                    "report": request.GET.get("report", ""),
                    "rows": len(rows),
                    "person": str(person.pk) if person else "",
                },
            )
        return spreadsheet.download(content, "audit-export")
    return render(
        request,
        "governance/export.html",
        {"form": form, "title": title, "count": len(rows)},
        status=400 if form.errors else 200,
    )


@require_GET
def break_glass_log(request: HttpRequest) -> HttpResponse:
    """Every break-glass, newest first, a page at a time, with what became of its notice."""
    user = signed_in_user(request)
    page = Paginator(queries.break_glass_log(user), BREAK_GLASS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    notices = queries.break_glass_notices(user, list(page.object_list))
    return render(
        request,
        "governance/break_glass_log.html",
        {
            "page": page,
            "rows": [(opened, notices.get(opened.pk)) for opened in page.object_list],
            "now": timezone.now(),
        },
    )


@require_GET
def break_glass(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    user = signed_in_user(request)
    opened = queries.get_break_glass_for(user, pk)
    return render(
        request,
        "governance/break_glass.html",
        {
            "opened": opened,
            "notice": queries.break_glass_notices(user, [opened]).get(opened.pk),
            "now": timezone.now(),
        },
    )


@require_GET
def restricted_records(request: HttpRequest) -> HttpResponse:
    records = queries.restricted_records(signed_in_user(request))
    return render(request, "governance/restricted_records.html", {"records": records})
