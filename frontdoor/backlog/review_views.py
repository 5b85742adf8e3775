"""Urgent review pages: a manager starts one from the backlog and follows it to zero; each
worker records the reviews assigned to them. Work without JavaScript (plain forms)."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from frontdoor.access.policies import require
from frontdoor.access.queries import signed_in_user
from frontdoor.backlog import actions
from frontdoor.backlog.backlog import waiting_contacts
from frontdoor.backlog.forms import (
    BacklogFilterForm,
    RecordUrgentReviewForm,
    StartUrgentReviewForm,
)
from frontdoor.backlog.queries import (
    get_urgent_review_for,
    get_urgent_review_item_for,
    my_urgent_reviews,
    progress_by_worker,
    review_items,
    urgent_reviews_with_progress,
)
from frontdoor.contacts.queries import all_queues, visible_contacts
from frontdoor.govuk.pages import GET_POST, WORKFLOW_ERRORS, add_workflow_errors
from frontdoor.workflow.errors import NotReady


@GET_POST
def start(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    require(user, "start_urgent_review")
    queues = all_queues()
    # The filter travels in the query string, on the GET and on the POST alike.
    chosen = BacklogFilterForm(request.GET or None, queues=[(q.slug, q.name) for q in queues])
    older_than, queue = 7, None
    if chosen.is_bound and chosen.is_valid():
        older_than = chosen.older_than_days()
        queue = next((q for q in queues if q.slug == chosen.cleaned_data["queue"]), None)
    waiting = (
        visible_contacts(user)
        .filter(pk__in=waiting_contacts(older_than_days=older_than, queue=queue).values("pk"))
        .select_related("family", "person")
        .order_by("family__received_at", "family_id", "position")
    )
    form = StartUrgentReviewForm(
        request.POST or None,
        waiting=waiting,
        initial={"children": list(waiting.values_list("pk", flat=True))},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            review = actions.start_urgent_review(
                by=user,
                contacts=list(data["children"]),
                workers=list(data["workers"]),
                due_on=data["due_on"],
                reason=data["reason"],
                criteria={"older_than_days": older_than, "queue": queue.slug if queue else ""},
            )
        except NotReady as exc:
            add_workflow_errors(form, exc)
        else:
            messages.success(request, f"Urgent review started: {review.items.count()} children")
            return redirect("oversight:urgent-review", pk=review.pk)
    return render(
        request,
        "oversight/start_urgent_review.html",
        {"form": form, "older_than": older_than, "queue": queue, "count": waiting.count()},
        status=400 if form.errors else 200,
    )


def index(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    require(user, "view_urgent_reviews")
    return render(
        request,
        "oversight/urgent_reviews.html",
        {"reviews": urgent_reviews_with_progress(user)},
    )


def detail(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    user = signed_in_user(request)
    review = get_urgent_review_for(user, pk)
    return render(
        request,
        "oversight/urgent_review.html",
        {
            "review": review,
            "workers": progress_by_worker(review),
            "items": review_items(user, review),
        },
    )


def mine(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    require(user, "record_urgent_review")
    return render(request, "oversight/my_reviews.html", {"items": my_urgent_reviews(user)})


@GET_POST
def record(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    user = signed_in_user(request)
    item = get_urgent_review_item_for(user, pk, path=request.path)
    form = RecordUrgentReviewForm(request.POST or None, initial={"version": item.version})
    if request.method == "POST" and form.is_valid():
        try:
            actions.record_urgent_review(
                by=user,
                item=item,
                outcome=form.cleaned_data["outcome"],
                note=form.cleaned_data["note"],
                expected_version=form.cleaned_data["version"],
            )
        except WORKFLOW_ERRORS as exc:
            add_workflow_errors(form, exc)
        else:
            messages.success(request, "Review recorded")
            return redirect("oversight:my-reviews")
    return render(
        request,
        "oversight/record_review.html",
        {"item": item, "form": form, "may_record": item.assigned_to_id == user.pk},
        status=400 if form.errors else 200,
    )
