"""Recording a new contact: a question-page journey over a server-side draft (referrer,
concern, children, adults, check), ending in the intake action. The partners' referral form
reuses its list step with its own child form and pages.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from frontdoor.access.policies import require
from frontdoor.access.queries import signed_in_user
from frontdoor.contacts import drafts
from frontdoor.contacts.forms import AdultForm, ChildForm, ConcernForm, ReferrerForm
from frontdoor.contacts.models import ContactDraft
from frontdoor.contacts.queries import already_submitted
from frontdoor.govuk.pages import GET_POST
from frontdoor.workflow.errors import NotReady


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
    submitted = already_submitted(signed_in_user(request), draft)
    if submitted is not None:
        # The draft was already submitted (a double click or a retry): show what it became.
        return redirect("contacts:family", pk=submitted.pk)
    record = drafts.get_draft_for(signed_in_user(request), draft)
    handler = {
        "referrer": _question_step,
        "concern": _question_step,
        "children": draft_list_step,
        "adults": draft_list_step,
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


def draft_list_step(
    request: HttpRequest,
    draft: ContactDraft,
    step: str,
    *,
    child_form: type[ChildForm] = ChildForm,
    page: str = "contacts/draft_{step}.html",
    step_url: str = "contacts:draft-step",
) -> HttpResponse:
    """The children or the adults of a draft: add one, remove one, or go on. The partners'
    referral form (frontdoor/partners/views.py) serves it with its own child form and pages."""
    children = drafts.items(draft, "children")
    form_kwargs: dict[str, Any] = {"children": children} if step == "adults" else {}
    form_class = AdultForm if step == "adults" else child_form
    form = form_class(**form_kwargs)
    error = ""
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action.startswith("remove-"):
            index = action.removeprefix("remove-")
            # Only the page's own buttons say which: any other value removes nothing.
            drafts.remove_from_list(draft, step, int(index) if index.isdigit() else -1)
            return redirect(step_url, draft=draft.pk, step=step)
        if action == "continue":
            if step == "children" and not children:
                error = "Add at least one child"
            else:
                return redirect(step_url, draft=draft.pk, step=_next_step(step))
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
                    return redirect(step_url, draft=draft.pk, step=step)
    return render(
        request,
        page.format(step=step),
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
