"""The MASH overview (every queue, its size, what is overdue) and the backlog (every open item
banded by age, with its family). Thin: parse, call one query, render."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from frontdoor.access.policies import can, require
from frontdoor.access.queries import signed_in_user
from frontdoor.backlog.backlog import BANDS, backlog_flag, backlog_rows, waiting_families
from frontdoor.backlog.forms import BacklogFilterForm
from frontdoor.backlog.queries import urgent_reviews_with_progress
from frontdoor.contacts.queries import all_queues, open_contacts_in_no_queue, queue_summaries
from frontdoor.guardrails.queries import below_indicator_figures
from frontdoor.handovers.queries import not_yet_received, sent_back
from frontdoor.teams.models import Team


def overview(request: HttpRequest) -> HttpResponse:
    require(request.user, "view_overview")
    user = signed_in_user(request)
    summaries = queue_summaries(user)
    return render(
        request,
        "oversight/overview.html",
        {
            "summaries": summaries,
            "total_children": sum(s.children for s in summaries),
            "total_overdue": sum(s.overdue for s in summaries),
            # By construction this is always zero; if it ever is not, the page says so loudly.
            "unqueued": open_contacts_in_no_queue().count(),
            "now": timezone.now(),
            "flag": backlog_flag(user),
            "below": below_indicator_figures(user),
            "reviews": urgent_reviews_with_progress(user)[:5],
            # Issue 18: no child falls out of the front door between two teams.
            # Both whole, never cut short: each is a list of exceptions that must be small,
            # and a child past the 50th would be the one nobody saw.
            "not_received": list(not_yet_received(user)),
            "sent_back": list(sent_back(user)),
            # Issue 17: each team's children to allocate and see, where a MASH manager looks
            # after transferring children (linked from nowhere before).
            "receiving_teams": (
                list(Team.objects.receiving_teams()) if can(user, "view_casework") else []
            ),
        },
    )


def backlog(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    require(user, "view_backlog")
    queues = all_queues()
    form = BacklogFilterForm(request.GET or None, queues=[(q.slug, q.name) for q in queues])
    older_than, queue = 0, None
    if form.is_bound and form.is_valid():
        older_than = form.older_than_days()
        queue = next((q for q in queues if q.slug == form.cleaned_data["queue"]), None)
    families = waiting_families(user, older_than_days=older_than, queue=queue)
    page = Paginator(families, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "oversight/backlog.html",
        {
            "form": form,
            "bands": BANDS,
            "rows": backlog_rows(user),
            "flag": backlog_flag(user),
            "page": page,
            "older_than": older_than,
            "queue_slug": queue.slug if queue else "",
            "now": timezone.now(),
        },
        status=400 if form.errors else 200,
    )
