"""Where the work is: the home page sending each person to their own work, the screening
queue, each hub's queue and the list of hubs.
"""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.template.backends.utils import csrf_input
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_POST

from frontdoor.access.models import Role
from frontdoor.access.policies import can, require
from frontdoor.access.queries import signed_in_user
from frontdoor.contacts.actions import claims
from frontdoor.contacts.forms.queues import FindContactForm, QueueFilterForm
from frontdoor.contacts.models import FamilyContact
from frontdoor.contacts.queries import (
    SCREENING,
    Queue,
    claimants,
    family_with_reference,
    find_queue,
    get_family_to_claim,
    queue_page,
    queue_summaries,
)
from frontdoor.govuk.pages import WORKFLOW_ERRORS
from frontdoor.workflow.errors import WorkflowError
from frontdoor.workflow.respond import describe

# The queue's rows and the claim form are Jinja2 templates (settings.TEMPLATES; docs/adr/0038).
ROWS_ENGINE = "jinja2"

# Where each role's work is: the page a person lands on when they sign in.
LANDING: dict[str, str] = {
    Role.MANAGER: "oversight:overview",
    Role.SENIOR_LEADER: "oversight:overview",
    Role.SCREENER: "contacts:screening-queue",
    Role.CONTACT_OFFICER: "contacts:screening-queue",
    # An area worker's work spans apps (children to see, handovers to receive, challenges):
    # "My work" gathers it (frontdoor/mywork, docs/adr/0028) and links their children's list.
    Role.AREA_WORKER: "mywork:mine",
    Role.EARLY_HELP_WORKER: "handovers:queue",
    Role.ADMIN: "admin:index",
    Role.PARTNER: "partners:home",
    Role.IG_LEAD: "governance:index",  # who viewed what, restrictions, break-glass
    Role.AUDITOR: "casework_audits:mine",  # the case audits assigned to them
}


def home(request: HttpRequest) -> HttpResponse:
    """Send each person to where their work is."""
    user = signed_in_user(request)
    if user.role == Role.HUB_WORKER:
        if user.team and user.team.kind == "hub":
            return redirect("contacts:queue", slug=user.team.slug)
        return redirect("contacts:hubs")
    if user.role in LANDING:
        return redirect(LANDING[user.role])
    return render(request, "contacts/home.html")


def screening_queue(request: HttpRequest) -> HttpResponse:
    return _queue_page(request, SCREENING)


def queue(request: HttpRequest, slug: str) -> HttpResponse:
    return _queue_page(request, find_queue(slug))


def _queue_page(
    request: HttpRequest, queue: Queue, refused: WorkflowError | None = None
) -> HttpResponse:
    require(request.user, "view_queues")
    user = signed_in_user(request)
    form = QueueFilterForm(request.GET or None, queue=queue, user=user, claimants=claimants(queue))
    filters = form.filters()
    page = queue_page(user, queue, filters, request.GET.get("page"))
    # The filters ride along in the pagination links, so page 2 is page 2 of the same list.
    kept = request.GET.copy()
    kept.pop("page", None)
    answer = describe(refused) if refused is not None else None
    may_claim = can(user, queue.work_action)
    may_release_others = can(user, "release_others_claim")
    rows = render_to_string(
        "contacts/_queue_rows.html",
        {
            "families": page.object_list,
            "queue": queue,
            # A queue of several steps says each child's step; one of a single step says it
            # only of a brother or sister at another step.
            "several_statuses": len(queue.statuses) > 1,
            "may_claim": may_claim,
            "may_release_others": may_release_others,
            "may_break_glass": can(user, "break_glass"),
            "csrf_field": csrf_input(request),
        },
        request=request,
        using=ROWS_ENGINE,
    )
    return render(
        request,
        "contacts/queue.html",
        {
            "queue": queue,
            # Autoescaped by Jinja2 as it was rendered (config/jinja.py).
            "rows": mark_safe(rows),  # noqa: S308
            "page": page,
            "form": form,
            "filtered": filters.any,
            "kept_query": kept.urlencode(),
            "now": timezone.now(),
            "may_claim": may_claim,
            "errors": [{"text": m} for m in answer.messages] if answer else [],
        },
        status=answer.status if answer else 200,
    )


def claim_form(
    request: HttpRequest,
    family: FamilyContact,
    queue: Queue,
    *,
    may_claim: bool,
    may_release_others: bool,
) -> SafeString:
    """Who holds the family in `queue`, with the button to claim or release it: the same
    template as the queue's rows, for the family contact's page."""
    html = render_to_string(
        "contacts/_claim.html",
        {
            "family": family,
            "queue": queue,
            "may_claim": may_claim,
            "may_release_others": may_release_others,
            "csrf_field": csrf_input(request),
        },
        request=request,
        using=ROWS_ENGINE,
    )
    return mark_safe(html)  # noqa: S308 - autoescaped by Jinja2 (config/jinja.py)


def queue_url(queue: Queue) -> str:
    if queue.slug == SCREENING.slug:
        return reverse("contacts:screening-queue")
    return reverse("contacts:queue", kwargs={"slug": queue.slug})


@require_POST
def claim(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """Claim a family from its queue's page, and open it."""
    user = signed_in_user(request)
    family = get_family_to_claim(user, pk)
    queue = find_queue(request.POST.get("queue", ""))
    try:
        claims.claim(by=user, family=family, queue=queue)
    except WORKFLOW_ERRORS as exc:
        return _queue_page(request, queue, refused=exc)
    return redirect("contacts:family", pk=family.pk)


@require_POST
def release(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """Release a claim (one's own, or a manager anyone's) and go back to the queue."""
    user = signed_in_user(request)
    family = get_family_to_claim(user, pk)
    queue = find_queue(request.POST.get("queue", ""))
    try:
        claims.release(by=user, family=family, queue=queue)
    except WORKFLOW_ERRORS as exc:
        return _queue_page(request, queue, refused=exc)
    messages.success(request, f"Claim released: contact {family.reference} is free to claim")
    return HttpResponseRedirect(queue_url(queue))


@require_POST
def claim_next(request: HttpRequest, slug: str) -> HttpResponse:
    """Claim the most urgent unclaimed family in the queue, and open it."""
    user = signed_in_user(request)
    require(user, "view_queues")
    queue = find_queue(slug)
    family = claims.claim_next(by=user, queue=queue)
    if family is None:
        messages.info(request, "Every family in this queue is claimed: nothing left to claim")
        return HttpResponseRedirect(queue_url(queue))
    return redirect("contacts:family", pk=family.pk)


def hubs(request: HttpRequest) -> HttpResponse:
    require(request.user, "view_queues")
    summaries = [s for s in queue_summaries(signed_in_user(request)) if s.queue.hub is not None]
    return render(request, "contacts/hubs.html", {"summaries": summaries})


def find_contact(request: HttpRequest) -> HttpResponse:
    """Open a contact by the reference someone quoted (a partner on the phone, a referrer's
    email); "not found" is the same for a reference that names nothing and one the user may
    not open."""
    require(request.user, "view_contact")
    user = signed_in_user(request)
    form = FindContactForm(request.GET or None)
    if form.is_valid():
        family = family_with_reference(user, form.cleaned_data["reference"])
        if family is not None:
            return redirect("contacts:family", pk=family.pk)
        form.add_error("reference", "No contact you can open has that reference")
    return render(request, "contacts/find.html", {"form": form}, status=400 if form.errors else 200)
