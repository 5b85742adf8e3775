"""The police notification pages: the triage queue, uploads and batch reports, a notification,
reviewing matches and rating quality. Thin: parse the request, call one action or query, render or
redirect."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from frontdoor.access.policies import require
from frontdoor.access.queries import signed_in_user
from frontdoor.govuk.pages import GET_POST, WORKFLOW_ERRORS, add_workflow_errors
from frontdoor.police import actions, queries
from frontdoor.police.formats import BadFile, rows_from_csv
from frontdoor.police.forms import QualityForm, ReviewForm, UploadForm
from frontdoor.police.workflow import MatchStatus, QualityIssue, RowOutcome, Source


def triage(request: HttpRequest) -> HttpResponse:
    """Police notifications waiting for screening, one row per family, riskiest first."""
    require(request.user, "view_police_notifications")
    user = signed_in_user(request)
    page = Paginator(queries.triage_queue(user), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "police/triage.html",
        {
            "page": page,
            "review_count": queries.review_list(user).count(),
            "now": timezone.now(),
        },
    )


@GET_POST
def upload(request: HttpRequest) -> HttpResponse:
    require(request.user, "import_police_batch")
    user = signed_in_user(request)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            raw = rows_from_csv(data["file"].read(), data["kind"])
        except BadFile as exc:
            form.add_error("file", exc.message)
        else:
            # Accepted at once; the task worker imports it, and its page shows how far it got.
            batch = actions.receive_batch(
                by=user,
                force=data["force"],
                rows=[(data["kind"], number, row) for number, row in raw],
                source=Source.CSV,
                filename=data["file"].name,
                kind=data["kind"],
            )
            return redirect("police:batch", pk=batch.pk)
    return render(request, "police/upload.html", {"form": form})


def batches(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    if not queries.may_see_batches(user):
        raise PermissionDenied
    listed = queries.visible_batches(user).select_related("agency", "received_by")
    page = Paginator(listed, 50).get_page(request.GET.get("page"))
    return render(request, "police/batches.html", {"page": page})


def batch(request: HttpRequest, pk: str) -> HttpResponse:
    user = signed_in_user(request)
    if not queries.may_see_batches(user):
        raise PermissionDenied
    found = queries.get_batch_for(user, pk)
    outcome = request.GET.get("outcome", "")
    outcome = outcome if outcome in RowOutcome.values else ""
    rejected = list(queries.batch_rows(found, RowOutcome.REJECTED)[:500])
    page = Paginator(queries.batch_rows(found, outcome), 100).get_page(request.GET.get("page"))
    return render(
        request,
        "police/batch.html",
        {
            "batch": found,
            "rejected": rejected,
            "page": page,
            "outcome": outcome,
            "outcome_query": f"outcome={outcome}&" if outcome else "",
            "outcomes": RowOutcome.choices,
        },
    )


def notification(request: HttpRequest, pk: str) -> HttpResponse:
    require(request.user, "view_police_notifications")
    user = signed_in_user(request)
    found = queries.get_notification_for(user, pk, path=request.path)
    changes = queries.notification_changes(found)
    return render(
        request,
        "police/notification.html",
        {"notification": found, "changes": changes, "children": found.children.all()},
    )


def review_list(request: HttpRequest) -> HttpResponse:
    require(request.user, "review_police_match")
    user = signed_in_user(request)
    page = Paginator(queries.review_list(user), 50).get_page(request.GET.get("page"))
    return render(request, "police/review_list.html", {"page": page})


@GET_POST
def review(request: HttpRequest, contact: str) -> HttpResponse:
    require(request.user, "review_police_match")
    user = signed_in_user(request)
    child = queries.get_review_for(user, contact)
    offered = queries.review_candidates(user, child)
    choices = [(str(o.person.pk), _choice_label(o)) for o in offered if not o.restricted]
    form = ReviewForm(request.POST or None, choices=choices)
    if child.match_status != MatchStatus.REVIEW:
        messages.info(request, "This match has already been reviewed.")
        return redirect("police:notification", pk=child.notification_id)
    if request.method == "POST" and form.is_valid():
        chosen = form.cleaned_data["person"]
        person = None if chosen == "none" else queries.chosen_person(user, chosen)
        try:
            actions.resolve_match(by=user, child=child, person=person)
        except WORKFLOW_ERRORS as exc:
            add_workflow_errors(form, exc, "person")
        else:
            done = "linked to the record" if person else "left for screening to find or create"
            messages.success(request, f"{child} is {done}.")
            return redirect("police:notification", pk=child.notification_id)
    return render(request, "police/review.html", {"child": child, "offered": offered, "form": form})


def _choice_label(offered: queries.Offered) -> str:
    person = offered.person
    born = f", born {person.date_of_birth:%-d %B %Y}" if person.date_of_birth else ""
    return f"{person}{born} (record {person.pk.hex[:8].upper()}, score {offered.score})"


@GET_POST
def rate(request: HttpRequest, pk: str) -> HttpResponse:
    require(request.user, "rate_police_notification")
    user = signed_in_user(request)
    found = queries.get_notification_for(user, pk, path=request.path)
    initial = {}
    if hasattr(found, "quality"):
        rating = found.quality
        initial = {
            "complete": "yes" if rating.complete else "no",
            "issues": [issue for issue in QualityIssue.values if getattr(rating, issue)],
            "comment": rating.comment,
        }
    form = QualityForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.rate_quality(
                by=user,
                notification=found,
                complete=data["complete"] == "yes",
                issues=data["issues"],
                comment=data["comment"],
            )
        except WORKFLOW_ERRORS as exc:
            add_workflow_errors(form, exc)
        else:
            messages.success(request, f"Quality of {found.reference} recorded.")
            return redirect("police:notification", pk=found.pk)
    return render(request, "police/rate.html", {"notification": found, "form": form})
