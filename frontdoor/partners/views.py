"""Partner agencies' pages: their queue of requests for information and answering them, their
own referrals (the professionals' referral form, an acknowledgement, and the outcome once the
MASH has fed back), and the MASH's record of feedback to referrers. Thin: parse, call one action
or query, render or redirect.

The referral form is the MASH's own intake journey (a server-side draft saved after every page,
`contacts.drafts`; `contacts.actions.receive_contact` at the end, with the draft's id as the
idempotency key), asked in words for people outside social care.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from frontdoor.access.policies import require
from frontdoor.access.queries import signed_in_user
from frontdoor.contacts import drafts
from frontdoor.contacts.models import ContactDraft
from frontdoor.contacts.queries import already_submitted, get_family_contact_for
from frontdoor.contacts.views import draft_list_step
from frontdoor.enquiries import actions as enquiry_actions
from frontdoor.enquiries.forms import AnswerForm, new_key
from frontdoor.enquiries.queries import get_enquiry_for, partner_answered, partner_queue
from frontdoor.enquiries.views import posted
from frontdoor.govuk.pages import GET_POST, WORKFLOW_ERRORS, add_workflow_errors
from frontdoor.partners import actions
from frontdoor.partners.forms import AboutYouForm, ConcernForm, FeedbackForm, PartnerChildForm
from frontdoor.partners.queries import (
    feedback_due,
    feedback_rows,
    get_submission_for,
    submissions,
    what_the_referrer_sees,
)
from frontdoor.workflow.errors import NotReady


def home(request: HttpRequest) -> HttpResponse:
    require(request.user, "view_partner_requests")
    user = signed_in_user(request)
    queue = partner_queue(user)
    return render(
        request,
        "partners/home.html",
        {
            "agency": user.agency,
            "open": queue.count(),
            "overdue": queue.filter(due_at__lt=timezone.now()).count(),
            "referrals": submissions(user)[:5],
        },
    )


# --- Requests for information ----------------------------------------------------------------


# Work lists are paged, with every row counted in the caption; none is cut short.
WORK_PER_PAGE = 50


def requests(request: HttpRequest) -> HttpResponse:
    """The agency's queue: unanswered requests, the soonest due first; then recent answers."""
    require(request.user, "view_partner_requests")
    user = signed_in_user(request)
    return render(
        request,
        "partners/requests.html",
        {
            "agency": user.agency,
            # Every unanswered request, a page at a time: never cut short.
            "queue": Paginator(partner_queue(user), WORK_PER_PAGE).get_page(
                request.GET.get("page")
            ),
            "answered": partner_answered(user)[:20],
            "now": timezone.now(),
        },
    )


@GET_POST
def request_page(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """One request: what is asked, on what basis, the consent position, who it is about; and
    the answer form (or the answer given)."""
    require(request.user, "view_partner_requests")
    user = signed_in_user(request)
    enquiry = get_enquiry_for(user, pk, path=request.path)
    form = AnswerForm(
        posted(request),
        request.FILES if request.method == "POST" else None,
        initial={"token": new_key()},
    )
    # Posted again after it was answered (a double click, a retry, the back button): the action
    # decides, so the same token gets the first answer back and another gets a clear refusal.
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            _, created = enquiry_actions.answer_enquiry(
                by=user,
                enquiry=enquiry,
                details=enquiry_actions.AnswerDetails(
                    known=data["known"],
                    summary=data["summary"],
                    known_risks=data.get("known_risks", ""),
                    attachments=data.get("attachments") or [],
                    idempotency_key=data["token"],
                ),
            )
        except WORKFLOW_ERRORS as exc:
            add_workflow_errors(form, exc)
        else:
            if created:
                messages.success(request, "Answer sent to the MASH")
            return redirect("partners:request", pk=enquiry.pk)
    return render(
        request,
        "partners/request.html",
        {"enquiry": enquiry, "form": form},
        status=400 if form.errors else 200,
    )


# --- The agency's own referrals ---------------------------------------------------------------


def referrals(request: HttpRequest) -> HttpResponse:
    require(request.user, "view_own_submissions")
    user = signed_in_user(request)
    rows = [(f, what_the_referrer_sees(f)) for f in submissions(user)[:200]]
    return render(
        request,
        "partners/referrals.html",
        {"agency": user.agency, "rows": rows},
    )


def referral(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    require(request.user, "view_own_submissions")
    family = get_submission_for(signed_in_user(request), pk, path=request.path)
    return render(
        request,
        "partners/referral.html",
        {
            "family": family,
            "children": what_the_referrer_sees(family),
        },
    )


@GET_POST
def new_referral(request: HttpRequest) -> HttpResponse:
    require(request.user, "submit_contact")
    user = signed_in_user(request)
    if request.method == "POST":
        draft = drafts.start_draft(by=user)
        return redirect("partners:referral-step", draft=draft.pk, step="about-you")
    return render(
        request,
        "partners/new_referral.html",
        {"drafts": ContactDraft.objects.filter(owner=user)[:20]},
    )


STEPS = ("about-you", "concern", "children", "adults", "check")
# The draft keeps the MASH intake's step names, so the same code turns it into a contact.
DRAFT_STEP = {"about-you": "referrer", "concern": "concern"}
MISSING = {
    "Answer the questions about who raised the concern": "Tell us about you",
    "Describe the concern": "Tell us what you are worried about",
    "Add at least one child": "Add at least one child",
}


@GET_POST
def referral_step(request: HttpRequest, draft: uuid.UUID, step: str) -> HttpResponse:
    require(request.user, "submit_contact")
    if step not in STEPS:
        raise Http404
    user = signed_in_user(request)
    sent = already_submitted(user, draft)
    if sent is not None:
        # Already sent (a double click, a retry, the back button): show the acknowledgement.
        return redirect("partners:referral", pk=sent.pk)
    record = drafts.get_draft_for(user, draft)  # another person's draft: a 404
    if step in DRAFT_STEP:
        return _question_step(request, record, step)
    if step in ("children", "adults"):
        return draft_list_step(
            request,
            record,
            step,
            child_form=PartnerChildForm,
            page="partners/step_{step}.html",
            step_url="partners:referral-step",
        )
    return _check_step(request, record)


def _next(step: str) -> str:
    return STEPS[STEPS.index(step) + 1]


def _about_you_initial(request: HttpRequest, draft: ContactDraft) -> dict[str, Any]:
    saved = drafts.answers(draft, "referrer")
    if saved:
        return saved
    user = signed_in_user(request)
    return {
        "referrer_name": user.get_full_name(),
        "referrer_role": user.job_title,
        "referrer_email": user.email,
    }


def _question_step(request: HttpRequest, draft: ContactDraft, step: str) -> HttpResponse:
    form_class = AboutYouForm if step == "about-you" else ConcernForm
    initial = (
        _about_you_initial(request, draft)
        if step == "about-you"
        else drafts.answers(draft, "concern")
    )
    form = form_class(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        cleaned = dict(form.cleaned_data)
        if step == "about-you":
            cleaned.update(_from_the_agency(request))
        drafts.save_step(draft, DRAFT_STEP[step], cleaned)
        return redirect("partners:referral-step", draft=draft.pk, step=_next(step))
    return render(
        request,
        f"partners/step_{step.replace('-', '_')}.html",
        {"draft": draft, "form": form, "step": step},
        status=400 if form.errors else 200,
    )


def _from_the_agency(request: HttpRequest) -> dict[str, Any]:
    """What the MASH's intake asks a contact officer, answered from the partner's own user (and
    enforced again by receive_contact: a partner's submission is always their agency's)."""
    agency = signed_in_user(request).agency
    assert agency is not None  # a partner always belongs to an agency (database constraint)
    return {
        "received_at": timezone.now(),  # set again when the referral is sent
        "referral_source": agency.referral_source,
        "agency": agency,
        "referrer_is_public": "no",
        "referrer_organisation": agency.name,
    }


def _check_step(request: HttpRequest, draft: ContactDraft) -> HttpResponse:
    user = signed_in_user(request)
    problems = [MISSING.get(p, p) for p in drafts.missing_steps(draft)]
    if request.method == "POST" and not problems:
        # The contact is received when it is sent, not when the form was started.
        drafts.save_step(
            draft,
            "referrer",
            {**drafts.answers(draft, "referrer"), "received_at": timezone.now()},
        )
        try:
            family = drafts.submit_draft(by=user, draft=draft)
        except NotReady as exc:
            problems = exc.reasons
        else:
            messages.success(request, f"Referral sent. Your reference is {family.reference}")
            return redirect("partners:referral", pk=family.pk)
    details = None
    if not problems:
        try:
            details = drafts.details_from_draft(draft)
        except NotReady as exc:
            problems = exc.reasons
    return render(
        request,
        "partners/step_check.html",
        {"draft": draft, "details": details, "problems": problems, "agency": user.agency},
        status=400 if problems and request.method == "POST" else 200,
    )


# --- Feedback to referrers (MASH staff) -------------------------------------------------------


def feedback_queue(request: HttpRequest) -> HttpResponse:
    require(request.user, "record_referrer_feedback")
    return render(
        request,
        "partners/feedback_queue.html",
        {
            "families": Paginator(feedback_due(signed_in_user(request)), WORK_PER_PAGE).get_page(
                request.GET.get("page")
            ),
            "now": timezone.now(),
        },
    )


@GET_POST
def feedback(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    user = signed_in_user(request)
    family = get_family_contact_for(user, pk, path=request.path)
    require(user, "record_referrer_feedback")
    form = FeedbackForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            actions.record_referrer_feedback(
                by=user,
                family=family,
                method=form.cleaned_data["method"],
                message=form.cleaned_data.get("message", ""),
            )
        except WORKFLOW_ERRORS as exc:
            add_workflow_errors(form, exc)
        else:
            messages.success(request, "Feedback to the referrer recorded")
            return redirect("contacts:family", pk=family.pk)
    return render(
        request,
        "partners/feedback.html",
        {"family": family, "rows": feedback_rows(family), "form": form},
        status=400 if form.errors else 200,
    )
