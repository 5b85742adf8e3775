"""Where the work is: the home page sending each person to their own work, the screening
queue, each hub's queue and the list of hubs.
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from frontdoor.access.models import Role
from frontdoor.access.policies import require
from frontdoor.access.queries import signed_in_user
from frontdoor.contacts.queries import SCREENING, Queue, find_queue, queue_families, queue_summaries


def home(request: HttpRequest) -> HttpResponse:
    """Send each person to where their work is."""
    user = signed_in_user(request)
    role = user.role
    if role in (Role.MANAGER, Role.SENIOR_LEADER):
        return redirect("oversight:overview")
    if role == Role.HUB_WORKER:
        if user.team and user.team.kind == "hub":
            return redirect("contacts:queue", slug=user.team.slug)
        return redirect("contacts:hubs")
    if role in (Role.SCREENER, Role.CONTACT_OFFICER):
        return redirect("contacts:screening-queue")
    if role == Role.AREA_WORKER:
        return redirect("visits:mine")
    if role == Role.EARLY_HELP_WORKER:
        return redirect("handovers:queue")
    if role == Role.ADMIN:
        return redirect("admin:index")
    if role == Role.PARTNER:
        return redirect("partners:home")
    return render(request, "contacts/home.html")


def screening_queue(request: HttpRequest) -> HttpResponse:
    return _queue_page(request, SCREENING)


def queue(request: HttpRequest, slug: str) -> HttpResponse:
    return _queue_page(request, find_queue(slug))


def _queue_page(request: HttpRequest, queue: Queue) -> HttpResponse:
    require(request.user, "view_queues")
    families = queue_families(signed_in_user(request), queue)
    page = Paginator(families, 50).get_page(request.GET.get("page"))
    return render(
        request, "contacts/queue.html", {"queue": queue, "page": page, "now": timezone.now()}
    )


def hubs(request: HttpRequest) -> HttpResponse:
    require(request.user, "view_queues")
    summaries = [s for s in queue_summaries(signed_in_user(request)) if s.queue.hub is not None]
    return render(request, "contacts/hubs.html", {"summaries": summaries})
