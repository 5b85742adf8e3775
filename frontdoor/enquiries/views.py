"""The MASH's pages for consent and enquiries, the download of attachments, and the management
information page. Thin: parse, call one action or query, render or redirect.

Record pages look the record up first (a 404 outside the user's scope), then check the role
(a 403 for a record in sight that this role may not act on).
"""

from __future__ import annotations

import re
import uuid
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header

from frontdoor.access.policies import can, require
from frontdoor.access.queries import signed_in_user
from frontdoor.agencies.models import Agency
from frontdoor.contacts.models import FamilyContact
from frontdoor.contacts.queries import get_family_contact_for
from frontdoor.enquiries import actions
from frontdoor.enquiries.figures import DEFAULT_MONTHS
from frontdoor.enquiries.forms import (
    AuthoriseForm,
    ConsentForm,
    SendEnquiryForm,
    WithdrawForm,
    new_key,
)
from frontdoor.enquiries.queries import (
    at_a_glance,
    consent_for,
    consent_status,
    family_enquiries,
    get_attachment_for,
    get_enquiry_for,
    outstanding_enquiries,
    send_blockers_for,
)
from frontdoor.enquiries.workflow import ConsentPosition, ConsentStatus, EnquiryStatus
from frontdoor.figures.charts import render as render_chart
from frontdoor.figures.periods import Month, months_param, period_to
from frontdoor.govuk.pages import GET_POST, WORKFLOW_ERRORS, add_workflow_errors
from frontdoor.partners import information as measures


def posted(request: HttpRequest) -> QueryDict | None:
    """The form's data on a POST, even an empty one (which must show its errors, not a blank
    form); None on a GET. The partners' pages (frontdoor/partners/views.py) use it too."""
    return request.POST if request.method == "POST" else None


def _family(request: HttpRequest, pk: uuid.UUID) -> FamilyContact:
    """The contact, as the contact pages read it: a 404 outside scope, restricted records
    refused, the view logged."""
    return get_family_contact_for(signed_in_user(request), pk, path=request.path)


# A page of the unanswered enquiries: the caption counts them all.
ENQUIRIES_PER_PAGE = 50


def index(request: HttpRequest) -> HttpResponse:
    """Every unanswered enquiry, most urgent first, with its status at a glance."""
    require(request.user, "view_enquiries")
    page = Paginator(outstanding_enquiries(signed_in_user(request)), ENQUIRIES_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "enquiries/index.html",
        {"page": page, "rows": at_a_glance(page), "now": timezone.now()},
    )


def contact(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """One contact's consent position and every enquiry about it, with the answers."""
    family = _family(request, pk)
    require(request.user, "view_enquiries")
    consent = consent_for(family)
    return render(
        request,
        "enquiries/contact.html",
        {
            "family": family,
            "consent": consent,
            "consent_status": consent_status(consent),
            "rows": family_enquiries(signed_in_user(request), family),
            "blockers": send_blockers_for(family, consent_status(consent)),
        },
    )


@GET_POST
def consent(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    family = _family(request, pk)
    require(request.user, "record_consent")
    existing = consent_for(family)
    initial: dict[str, Any] = {"version": existing.version if existing else 0}
    if existing is not None:
        initial.update(
            position=existing.position,
            person_asked=existing.person_asked,
            decided_at=existing.decided_at,
            without_consent_reason=existing.without_consent_reason,
            without_consent_detail=existing.without_consent_detail,
        )
    form = ConsentForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            recorded = actions.record_consent(
                by=signed_in_user(request),
                family=family,
                details=actions.ConsentDetails(
                    position=data["position"],
                    decided_at=data["decided_at"],
                    person_asked=data.get("person_asked", ""),
                    without_consent_reason=data.get("without_consent_reason"),
                    without_consent_detail=data.get("without_consent_detail", ""),
                ),
                expected_version=data.get("version"),
            )
        except WORKFLOW_ERRORS as exc:
            add_workflow_errors(form, exc)
        else:
            messages.success(
                request,
                "Consent recorded"
                if recorded.status == ConsentStatus.GIVEN
                else "Recorded. A manager must now authorise proceeding without consent",
            )
            return redirect("enquiries:contact", pk=family.pk)
    return render(
        request,
        "enquiries/consent.html",
        {"family": family, "form": form},
        status=400 if form.errors else 200,
    )


@GET_POST
def authorise(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    family = _family(request, pk)
    require(request.user, "authorise_without_consent")
    existing = consent_for(family)
    if existing is None or existing.position == ConsentPosition.GIVEN:
        raise Http404  # nothing to authorise
    form = AuthoriseForm(posted(request), initial={"version": existing.version})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        decide = (
            actions.authorise_without_consent
            if data["decision"] == "authorise"
            else actions.decline_without_consent
        )
        try:
            decide(
                by=signed_in_user(request),
                family=family,
                note=data.get("note", ""),
                expected_version=data.get("version"),
            )
        except WORKFLOW_ERRORS as exc:
            add_workflow_errors(form, exc)
        else:
            messages.success(request, "Your decision on proceeding without consent is recorded")
            return redirect("enquiries:contact", pk=family.pk)
    return render(
        request,
        "enquiries/authorise.html",
        {"family": family, "consent": existing, "form": form},
        status=400 if form.errors else 200,
    )


@GET_POST
def send(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    family = _family(request, pk)
    require(request.user, "send_enquiry")
    existing = consent_for(family)
    form = SendEnquiryForm(posted(request), initial={"send_key": new_key()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            sent = actions.send_enquiries(
                by=signed_in_user(request),
                family=family,
                request=actions.EnquiryRequest(
                    agencies=list(data["agencies"]),
                    question=data["question"],
                    lawful_basis=data["lawful_basis"],
                    send_key=data["send_key"],
                ),
            )
        except WORKFLOW_ERRORS as exc:
            add_workflow_errors(form, exc)
        else:
            names = ", ".join(e.agency.name for e in sent)
            messages.success(request, f"Requests sent to {names}")
            return redirect("enquiries:contact", pk=family.pk)
    return render(
        request,
        "enquiries/send.html",
        {
            "family": family,
            "form": form,
            "consent": existing,
            "blockers": send_blockers_for(family, consent_status(existing)),
            "summary": actions.consent_summary(existing) if existing else "",
        },
        status=400 if form.errors else 200,
    )


def enquiry(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    user = signed_in_user(request)
    record = get_enquiry_for(user, pk, path=request.path)
    require(user, "view_enquiries")
    return render(
        request,
        "enquiries/enquiry.html",
        {
            "enquiry": record,
            "can_withdraw": record.status == EnquiryStatus.SENT and can(user, "withdraw_enquiry"),
        },
    )


@GET_POST
def withdraw(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    user = signed_in_user(request)
    record = get_enquiry_for(user, pk, path=request.path)
    require(user, "withdraw_enquiry")
    form = WithdrawForm(posted(request), initial={"version": record.version})
    if request.method == "POST" and form.is_valid():
        try:
            actions.withdraw_enquiry(
                by=user,
                enquiry=record,
                reason=form.cleaned_data["reason"],
                expected_version=form.cleaned_data.get("version"),
            )
        except WORKFLOW_ERRORS as exc:
            add_workflow_errors(form, exc)
        else:
            messages.success(request, f"Request to {record.agency.name} withdrawn")
            return redirect("enquiries:contact", pk=record.family_id)
    return render(
        request,
        "enquiries/withdraw.html",
        {"enquiry": record, "form": form},
        status=400 if form.errors else 200,
    )


def attachment(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """A file attached to an answer: always a download (never shown inline, so it cannot run
    as a page here), with the type found from its content, never cached."""
    found = get_attachment_for(signed_in_user(request), pk, path=request.path)
    response = HttpResponse(bytes(found.content), content_type=found.content_type)
    response["Content-Disposition"] = content_disposition_header(True, found.filename)
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


# --- Management information -------------------------------------------------------------------


def _months(request: HttpRequest) -> int:
    return months_param(request.GET.get("months"), measures.PERIODS, DEFAULT_MONTHS)


def information(request: HttpRequest) -> HttpResponse:
    require(request.user, "view_enquiry_information")
    months = _months(request)
    figures = [figure(months) for figure in measures.FIGURES]
    return render(
        request,
        "enquiries/information.html",
        {
            "figures": [(f, render_chart(f.chart, f"chart-{f.slug}")) for f in figures],
            "months": months,
            "periods": measures.PERIODS,
        },
    )


MONTH = re.compile(r"\d{4}-(0[1-9]|1[0-2])")


def _agency_filter(request: HttpRequest) -> Agency | None:
    raw = request.GET.get("agency")
    if not raw:
        return None
    try:
        key = uuid.UUID(raw)
    except ValueError as exc:
        raise Http404 from exc
    found = Agency.objects.filter(pk=key).first()
    if found is None:
        raise Http404
    return found


def _month_filter(request: HttpRequest, months: int) -> Month | None:
    month = request.GET.get("month", "")
    if not month:
        return None
    chosen = period_to(timezone.now(), months).month(month) if MONTH.fullmatch(month) else None
    if chosen is None:
        raise Http404
    return chosen


def information_list(request: HttpRequest, figure: str) -> HttpResponse:
    """The enquiries (or children's feedback) behind one figure. Every filter is allow-listed:
    a known figure, a real agency's id, a month inside the period."""
    require(request.user, "view_enquiry_information")
    months = _months(request)
    if figure in measures.FEEDBACK_LABELS:
        return render(
            request,
            "enquiries/information_feedback.html",
            {
                "title": measures.FEEDBACK_LABELS[figure],
                "rows": measures.feedback_behind(figure, months),
                "months": months,
                "back_url": f"{reverse('enquiries:information')}?months={months}",
                "can_open": can(request.user, "view_contact"),
            },
        )
    if figure not in measures.ENQUIRY_FIGURES:
        raise Http404
    agency = _agency_filter(request)
    month = _month_filter(request, months)
    return render(
        request,
        "enquiries/information_list.html",
        {
            "title": measures.ENQUIRY_FIGURES[figure][0],
            "agency": agency,
            "month": month.abbreviated if month else "",
            "rows": measures.enquiries_behind(figure, months, agency, month.slug if month else ""),
            "months": months,
            "back_url": f"{reverse('enquiries:information')}?months={months}",
            "can_open": can(request.user, "view_enquiries"),
            "now": timezone.now(),
        },
    )
