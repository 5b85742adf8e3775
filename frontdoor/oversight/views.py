"""The MASH overview: every queue, its size, what is overdue and the oldest item."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from frontdoor.access.policies import require
from frontdoor.access.queries import signed_in_user
from frontdoor.contacts.queries import open_contacts_in_no_queue, queue_summaries


def overview(request: HttpRequest) -> HttpResponse:
    require(request.user, "view_overview")
    summaries = queue_summaries(signed_in_user(request))
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
        },
    )
