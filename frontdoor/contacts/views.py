"""Contact pages. Thin: parse the request, call one action or query, render or redirect."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from frontdoor.access import kept_answers
from frontdoor.access.models import Role
from frontdoor.access.policies import can, require
from frontdoor.access.queries import signed_in_user
from frontdoor.audit.models import Event
from frontdoor.contacts import actions, drafts
from frontdoor.contacts.forms import (
    AdultForm,
    AnalysisForm,
    ChildForm,
    ConcernForm,
    DecisionForm,
    ReferrerForm,
    ReturnToHubForm,
    ScreeningForm,
    SendToHubForm,
)
from frontdoor.contacts.models import Contact, ContactDraft, FamilyContact
from frontdoor.contacts.queries import (
    SCREENING,
    Queue,
    find_queue,
    get_contact_for,
    get_family_contact_for,
    queue_families,
    queue_summaries,
)
from frontdoor.contacts.sibling_prompts import sibling_prompts
from frontdoor.contacts.workflow import (
    IllegalTransition,
    NotReady,
    StaleRecord,
    Status,
    allowed_actions,
)
from frontdoor.guardrails.decision_page import decision_guardrails
from frontdoor.guardrails.forms import indicator_answers
from frontdoor.matching.actions import search_for_child
from frontdoor.matching.forms import PersonSearchForm
from frontdoor.matching.models import PersonSearch
from frontdoor.matching.queries import Criteria, offered_candidates, shown_search
from frontdoor.people.queries import siblings_of, visible_people
from frontdoor.timescales.queries import due_at

GET_POST = require_http_methods(["GET", "POST"])
WORKFLOW_ERRORS = (NotReady, StaleRecord, IllegalTransition)


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
    if role == Role.ADMIN:
        return redirect("admin:index")
    if role == Role.PARTNER:
        return redirect("partners:home")
    return render(request, "contacts/home.html")


# --- Queues -----------------------------------------------------------------------------------


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


# --- The family contact -----------------------------------------------------------------------


def family(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    family = get_family_contact_for(signed_in_user(request), pk, path=request.path)
    children = list(family.contacts.all())
    return render(
        request,
        "contacts/family.html",
        {
            "family": family,
            "children": [(child, allowed_actions(child.status)) for child in children],
            "adults": family.adults.all(),
            "events": Event.objects.filter(family_contact=family).select_related(
                "actor", "contact"
            ),
            "can_send": can(request.user, "send_to_hub")
            and any(c.status == Status.SCREENED for c in children),
        },
    )


@GET_POST
def send_to_hub(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    family = get_family_contact_for(signed_in_user(request), pk, path=request.path)
    require(request.user, "send_to_hub")
    form = SendToHubForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.send_to_hub(
                by=signed_in_user(request), family=family, hub=form.cleaned_data["hub"]
            )
        except WORKFLOW_ERRORS as exc:
            _add_workflow_error(form, exc)
        else:
            messages.success(request, f"Sent to the {form.cleaned_data['hub'].name}")
            return redirect("contacts:family", pk=family.pk)
    return render(request, "contacts/send_to_hub.html", {"family": family, "form": form})


# --- One child's contact ----------------------------------------------------------------------


@GET_POST
def link_child(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """Who is this child? A search (recorded, so a new record can be traced to it), its ranked
    candidates with reasons, and the choice: this is the child, or a new person record.

    Opening the page searches with the referrer's description; "Search again" posts new
    criteria and comes back to `?search=<id>`, so no name or date of birth is put in a URL."""
    user = signed_in_user(request)
    contact = get_contact_for(user, pk)
    require(user, "link_child")
    if request.method == "POST" and request.POST.get("action") == "search":
        return _search_again(request, contact)
    if request.method == "POST":
        return _link_or_create(request, contact)
    recorded = shown_search(user, contact, _uuid(request.GET.get("search")))
    if recorded is None:
        recorded, _ = search_for_child(by=user, contact=contact)
    return _link_page(request, contact, recorded)


def _link_page(
    request: HttpRequest,
    contact: Contact,
    recorded: PersonSearch | None,
    form: PersonSearchForm | None = None,
) -> HttpResponse:
    user = signed_in_user(request)
    if form is None and recorded is not None:
        criteria = Criteria.from_json(recorded.criteria)
        form = PersonSearchForm(initial=PersonSearchForm.initial_from(criteria))
    return render(
        request,
        "contacts/link_child.html",
        {
            "contact": contact,
            "form": form,
            "search": recorded,
            "candidates": offered_candidates(user, recorded) if recorded else None,
            "considered": recorded.criteria.get("considered", 0) if recorded else 0,
            "can_open": can(user, "view_child"),
        },
        status=400 if form is not None and form.errors else 200,
    )


def _search_again(request: HttpRequest, contact: Contact) -> HttpResponse:
    form = PersonSearchForm(request.POST)
    if not form.is_valid():
        # No results and no "create" button until a search has been shown.
        return _link_page(request, contact, None, form)
    recorded, _ = search_for_child(
        by=signed_in_user(request), contact=contact, criteria=form.criteria(form.cleaned_data)
    )
    return redirect(f"{reverse('contacts:link', args=[contact.pk])}?search={recorded.pk}")


def _link_or_create(request: HttpRequest, contact: Contact) -> HttpResponse:
    user = signed_in_user(request)
    version = _int(request.POST.get("version"))
    try:
        if request.POST.get("action") == "create":
            search_id = _uuid(request.POST.get("search"))
            search = PersonSearch.objects.filter(pk=search_id).first() if search_id else None
            actions.create_person_for_child(
                by=user, contact=contact, search=search, expected_version=version
            )
            messages.success(request, f"New person record created for {contact.child_name}")
        else:
            person = (
                visible_people(user)
                .filter(pk=_uuid(request.POST.get("person")) or uuid.UUID(int=0))
                .first()
            )
            if person is None:
                messages.error(request, "Choose the person this child is, or create a new record")
                return redirect("contacts:link", pk=contact.pk)
            actions.link_child(by=user, contact=contact, person=person, expected_version=version)
            messages.success(request, f"{contact.child_name} linked to {person.full_name}")
    except WORKFLOW_ERRORS as exc:
        messages.error(request, str(exc))
        if isinstance(exc, NotReady) and request.POST.get("action") == "create":
            return redirect("contacts:link", pk=contact.pk)
    return redirect("contacts:family", pk=contact.family_id)


def _siblings(contact: Contact, statuses: set[str]) -> QuerySet[Contact]:
    return Contact.objects.filter(family_id=contact.family_id, status__in=statuses).exclude(
        pk=contact.pk
    )


@GET_POST
def screen(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    contact = get_contact_for(signed_in_user(request), pk)
    require(request.user, "record_screening")
    siblings = _siblings(contact, {Status.AWAITING_SCREENING, Status.SCREENED})
    form = ScreeningForm(
        request.POST or kept_answers.take(request),  # what a timeout interrupted, if anything
        siblings=siblings,
        sibling_prompts=sibling_prompts(contact.family),
        initial={
            "version": contact.version,
            "rag": contact.rag,
            "level_of_need": contact.level_of_need,
            "summary": contact.screening_summary,
            "recommendation": contact.screening_recommendation,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        screening = actions.Screening(
            rag=data["rag"],
            level_of_need=data["level_of_need"],
            summary=data["summary"],
            recommendation=data["recommendation"],
        )
        try:
            actions.record_screening(
                by=signed_in_user(request),
                contacts=[contact, *form.also_for()],
                screening=screening,
                versions={str(contact.pk): data["version"]},
                siblings=form.sibling_answers(),
            )
        except WORKFLOW_ERRORS as exc:
            _add_workflow_error(form, exc)
        else:
            messages.success(request, "Screening recorded")
            return redirect("contacts:family", pk=contact.family_id)
    return _child_form_page(
        request,
        "contacts/screen.html",
        contact,
        form,
        siblings_on_record=siblings_of(contact.person) if contact.person else [],
    )


@GET_POST
def analyse(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    contact = get_contact_for(signed_in_user(request), pk)
    require(request.user, "record_analysis")
    siblings = _siblings(contact, {Status.IN_HUB, Status.AWAITING_DECISION})
    form = AnalysisForm(
        request.POST or kept_answers.take(request),  # what a timeout interrupted, if anything
        siblings=siblings,
        initial={
            "version": contact.version,
            "worries": contact.worries,
            "working_well": contact.working_well,
            "needs_to_happen": contact.needs_to_happen,
            "scale": contact.scale,
            "proposed_outcome": contact.proposed_outcome,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        analysis = actions.Analysis(
            worries=data["worries"],
            working_well=data["working_well"],
            needs_to_happen=data["needs_to_happen"],
            scale=data["scale"],
            proposed_outcome=data["proposed_outcome"],
        )
        try:
            actions.record_analysis(
                by=signed_in_user(request),
                contacts=[contact, *form.also_for()],
                analysis=analysis,
                versions={str(contact.pk): data["version"]},
            )
        except WORKFLOW_ERRORS as exc:
            _add_workflow_error(form, exc)
        else:
            messages.success(request, "Analysis recorded and sent for a manager's decision")
            return redirect("contacts:family", pk=contact.family_id)
    return _child_form_page(request, "contacts/analyse.html", contact, form)


@GET_POST
def decide(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    contact = get_contact_for(signed_in_user(request), pk)
    require(request.user, "record_decision")
    siblings = _siblings(contact, {Status.SCREENED, Status.IN_HUB, Status.AWAITING_DECISION})
    rag = contact.rag or "amber"
    form = DecisionForm(
        request.POST or kept_answers.take(request),  # what a timeout interrupted, if anything
        siblings=siblings,
        initial={
            "version": contact.version,
            "outcome": contact.proposed_outcome,
            "see_by": due_at(f"see_child_{rag}", timezone.now()),
            "see_by_team": None,
        },
    )
    # Risk indicators, the child's history, and an answer for each indicator above the outcome.
    guardrails = decision_guardrails(contact, siblings, form)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        details = actions.DecisionDetails(
            outcome=data["outcome"],
            rationale=data["rationale"],
            see_by=data.get("see_by"),
            see_by_team=data.get("see_by_team"),
            strategy_same_day=bool(data.get("strategy_same_day")),
            indicator_answers=indicator_answers(data),
        )
        try:
            actions.record_decision(
                by=signed_in_user(request),
                contacts=[contact, *form.also_for()],
                details=details,
                versions={str(contact.pk): data["version"]},
            )
        except WORKFLOW_ERRORS as exc:
            _add_workflow_error(form, exc)
        else:
            messages.success(request, f"Decision recorded: {details.outcome.replace('_', ' ')}")
            return redirect("contacts:family", pk=contact.family_id)
    return _child_form_page(
        request, "contacts/decide.html", contact, form, guardrails=guardrails, default_rag=rag
    )


@GET_POST
def return_to_hub(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    contact = get_contact_for(signed_in_user(request), pk)
    require(request.user, "return_to_hub")
    form = ReturnToHubForm(request.POST or None, initial={"version": contact.version})
    if request.method == "POST" and form.is_valid():
        try:
            actions.return_to_hub(
                by=signed_in_user(request),
                contact=contact,
                reason=form.cleaned_data["reason"],
                expected_version=form.cleaned_data["version"],
            )
        except WORKFLOW_ERRORS as exc:
            _add_workflow_error(form, exc)
        else:
            messages.success(request, "Sent back to the hub")
            return redirect("contacts:family", pk=contact.family_id)
    return _child_form_page(request, "contacts/return_to_hub.html", contact, form)


def _child_form_page(
    request: HttpRequest, template: str, contact: Contact, form: Any, **extra: Any
) -> HttpResponse:
    family = get_family_contact_for(signed_in_user(request), contact.family_id, path=request.path)
    context = {"contact": contact, "family": family, "form": form, **extra}
    return render(request, template, context, status=400 if form.errors else 200)


def _add_workflow_error(form: Any, exc: Exception) -> None:
    for reason in getattr(exc, "reasons", None) or [str(exc)]:
        form.add_error(None, reason)


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _uuid(value: str | None) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


# --- Recording a new contact: a question-page journey with a server-side draft ----------------


@GET_POST
def new_contact(request: HttpRequest) -> HttpResponse:
    require(request.user, "receive_contact")
    if request.method == "POST":
        draft = drafts.start_draft(by=signed_in_user(request))
        return redirect("contacts:draft-step", draft=draft.pk, step="referrer")
    return render(
        request,
        "contacts/new.html",
        {"drafts": ContactDraft.objects.filter(owner=signed_in_user(request))[:20]},
    )


@GET_POST
def draft_step(request: HttpRequest, draft: uuid.UUID, step: str) -> HttpResponse:
    require(request.user, "receive_contact")
    if step not in drafts.STEPS:
        raise Http404
    submitted = FamilyContact.objects.filter(idempotency_key=f"{request.user.pk}:{draft}").first()
    if submitted is not None:
        # The draft was already submitted (a double click or a retry): show what it became.
        return redirect("contacts:family", pk=submitted.pk)
    record = drafts.get_draft_for(signed_in_user(request), draft)
    handler = {
        "referrer": _question_step,
        "concern": _question_step,
        "children": _list_step,
        "adults": _list_step,
        "check": _check_step,
    }[step]
    return handler(request, record, step)


FORMS = {"referrer": ReferrerForm, "concern": ConcernForm}


def _next_step(step: str) -> str:
    return drafts.STEPS[drafts.STEPS.index(step) + 1]


def _question_step(request: HttpRequest, draft: ContactDraft, step: str) -> HttpResponse:
    form_class = FORMS[step]
    initial = drafts.answers(draft, step)
    if step == "referrer" and "received_at" not in initial:
        initial["received_at"] = timezone.now()
    form = form_class(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        drafts.save_step(draft, step, form.cleaned_data)
        return redirect("contacts:draft-step", draft=draft.pk, step=_next_step(step))
    return render(
        request,
        f"contacts/draft_{step}.html",
        {"draft": draft, "form": form, "step": step},
        status=400 if form.errors else 200,
    )


def _list_step(request: HttpRequest, draft: ContactDraft, step: str) -> HttpResponse:
    children = drafts.items(draft, "children")
    form_kwargs: dict[str, Any] = {"children": children} if step == "adults" else {}
    form_class = AdultForm if step == "adults" else ChildForm
    form = form_class(**form_kwargs)
    error = ""
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action.startswith("remove-"):
            drafts.remove_from_list(draft, step, _int(action.removeprefix("remove-")) or 0)
            return redirect("contacts:draft-step", draft=draft.pk, step=step)
        if action == "continue":
            if step == "children" and not children:
                error = "Add at least one child"
            else:
                return redirect("contacts:draft-step", draft=draft.pk, step=_next_step(step))
        else:
            form = form_class(request.POST, **form_kwargs)
            if form.is_valid():
                cleaned = dict(form.cleaned_data)
                if isinstance(form, AdultForm):
                    relationships = form.relationships()
                    cleaned = {
                        k: v for k, v in cleaned.items() if not k.startswith("relationship_")
                    }
                    cleaned["relationships"] = relationships
                try:
                    drafts.add_to_list(draft, step, cleaned)
                except NotReady as exc:
                    error = str(exc)
                else:
                    return redirect("contacts:draft-step", draft=draft.pk, step=step)
    return render(
        request,
        f"contacts/draft_{step}.html",
        {
            "draft": draft,
            "form": form,
            "step": step,
            "children": children,
            "adults": drafts.items(draft, "adults"),
            "list_error": error,
        },
        status=400 if (form.errors or error) else 200,
    )


def _check_step(request: HttpRequest, draft: ContactDraft, step: str) -> HttpResponse:
    problems = drafts.missing_steps(draft)
    if request.method == "POST" and not problems:
        try:
            family = drafts.submit_draft(by=signed_in_user(request), draft=draft)
        except NotReady as exc:
            problems = exc.reasons
        else:
            messages.success(
                request, f"Contact {family.reference} recorded. It is now in the screening queue."
            )
            return redirect("contacts:family", pk=family.pk)
    try:
        details = drafts.details_from_draft(draft) if not problems else None
    except NotReady as exc:
        details, problems = None, exc.reasons
    return render(
        request,
        "contacts/draft_check.html",
        {"draft": draft, "details": details, "problems": problems, "step": step},
        status=400 if problems and request.method == "POST" else 200,
    )
