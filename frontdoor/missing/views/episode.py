"""One missing episode: its page, and one small form page per step (templates/missing/step.html).
Thin: parse the request, call one action, render or redirect."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from frontdoor.access.models import User
from frontdoor.access.policies import require
from frontdoor.access.queries import signed_in_user
from frontdoor.govuk.pages import GET_POST, WORKFLOW_ERRORS, take_step
from frontdoor.missing import actions
from frontdoor.missing.forms import (
    AnswerForm,
    AttemptForm,
    FindChildForm,
    InterviewForm,
    OfferForm,
    PoliceReportForm,
    ReturnForm,
    RiskReviewForm,
    SiblingsForm,
)
from frontdoor.missing.models import Episode
from frontdoor.missing.queries import (
    attempt_gap_label,
    episode_history,
    episode_warnings,
    get_episode_for,
    sibling_rows,
)
from frontdoor.missing.workflow import EPISODE
from frontdoor.people.queries import openable_person, search_people

# --- One episode --------------------------------------------------------------------------------


def episode(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    user = signed_in_user(request)
    found = get_episode_for(user, pk, path=request.path)
    now = timezone.now()
    rows = sibling_rows(found)
    history = episode_history(found)
    return render(
        request,
        "missing/episode.html",
        {
            "episode": found,
            "allowed": EPISODE.allowed(found.status),
            "warnings": episode_warnings(found, now),
            "attempts": found.attempts.select_related("recorded_by"),
            "siblings": rows,
            "unconsidered": [r.sibling for r in rows if r.considered is None],
            "review": getattr(found, "risk_review", None),
            "flags": found.person.repeat_missing_flags.order_by("-raised_at")
            if found.person
            else [],
            "history": history,
            "gap_words": attempt_gap_label() if found.returned_at else "",
            "now": now,
        },
    )


@dataclass(frozen=True)
class Step:
    """One form page that takes one step on an episode."""

    action: str  # the policy rule
    transition: str  # the step in workflow.TRANSITIONS that the page leads to
    form: Callable[..., Any]
    perform: Callable[[User, Episode, dict[str, Any]], object]
    heading: str
    submit: str
    success: str
    intro: str = ""
    initial: Callable[[Episode, User], dict[str, Any]] | None = None


def _step(request: HttpRequest, pk: uuid.UUID, step: Step, **form_kwargs: Any) -> HttpResponse:
    user = signed_in_user(request)
    found = get_episode_for(user, pk, path=request.path)
    require(user, step.action)
    if request.method == "GET" and not EPISODE.may(step.transition, found.status):
        # Say why at once, rather than let someone fill in a form the state will refuse.
        messages.error(request, EPISODE.refusal(step.transition, found.status))
        return redirect("missing:episode", pk=found.pk)
    initial = {"version": found.version, **(step.initial(found, user) if step.initial else {})}
    form = step.form(request.POST or None, initial=initial, **form_kwargs)
    done = take_step(
        request,
        form,
        lambda data: step.perform(user, found, data),
        then=reverse("missing:episode", args=[found.pk]),
        success=step.success,
    )
    if done is not None:
        return done
    return render(
        request,
        "missing/step.html",
        {"episode": found, "form": form, "step": step},
        status=400 if form.errors else 200,
    )


def _now_initial(field: str) -> Callable[[Episode, User], dict[str, Any]]:
    return lambda episode, user: {field: timezone.now()}


POLICE_REPORT = Step(
    action="report_missing",
    transition="record_police_report",
    form=PoliceReportForm,
    perform=lambda user, episode, d: actions.record_police_report(
        by=user,
        episode=episode,
        details=actions.PoliceReportDetails(
            agency=d["police_force"],
            reference=d["police_reference"],
            risk_grade=d["risk_grade"],
            reported_at=d["reported_at"],
        ),
        expected_version=d["version"],
    ),
    heading="Police report",
    submit="Save police report",
    success="Police report linked",
    intro="The police's reference and risk grade belong on the child's record.",
    initial=lambda episode, user: {
        "reported_at": episode.reported_to_police_at,
        "police_force": episode.police_report.agency if episode.police_report else None,
        "police_reference": episode.police_report.reference if episode.police_report else "",
        "risk_grade": episode.police_report.risk_grade if episode.police_report else None,
    },
)
RETURN = Step(
    action="record_return",
    transition="record_return",
    form=ReturnForm,
    perform=lambda user, episode, d: actions.record_return(
        by=user,
        episode=episode,
        returned_at=d["returned_at"],
        where_found=d["where_found"],
        expected_version=d["version"],
    ),
    heading="The child has returned",
    submit="Record return",
    success="Return recorded. The return home interview is due within 72 hours",
    intro="Recording the return starts the 72-hour clock for the return home interview.",
    initial=_now_initial("returned_at"),
)
ATTEMPT = Step(
    action="log_contact_attempt",
    transition="log_contact_attempt",
    form=AttemptForm,
    perform=lambda user, episode, d: actions.log_contact_attempt(
        by=user,
        episode=episode,
        attempted_at=d["attempted_at"],
        method=d["method"],
        result=d["result"],
        note=d["note"],
    ),
    heading="Log an attempt to reach the child",
    submit="Save attempt",
    success="Attempt logged",
    intro="Log every attempt, including those that did not reach the child.",
    initial=_now_initial("attempted_at"),
)
OFFER = Step(
    action="offer_rhi",
    transition="offer_rhi",
    form=OfferForm,
    perform=lambda user, episode, d: actions.offer_rhi(
        by=user,
        episode=episode,
        offered_at=d["offered_at"],
        offered_by=d["offered_by"],
        answer=d["answer"],
        expected_version=d["version"],
    ),
    heading="Return home interview offered",
    submit="Save offer",
    success="Offer of a return home interview recorded",
    initial=lambda episode, user: {"offered_at": timezone.now(), "offered_by": user.display_name},
)
ANSWER = Step(
    action="offer_rhi",
    transition="record_rhi_accepted",
    form=AnswerForm,
    perform=lambda user, episode, d: actions.record_rhi_answer(
        by=user, episode=episode, answer=d["answer"], expected_version=d["version"]
    ),
    heading="The child's answer",
    submit="Save answer",
    success="Answer recorded",
)
INTERVIEW = Step(
    action="complete_rhi",
    transition="complete_rhi",
    form=InterviewForm,
    perform=lambda user, episode, d: actions.complete_rhi(
        by=user,
        episode=episode,
        interview=actions.InterviewDetails(
            completed_at=d["completed_at"],
            completed_by=d["completed_by"],
            organisation=d["organisation"],
            independent=d["independent"],
            summary=d["summary"],
        ),
        expected_version=d["version"],
    ),
    heading="Return home interview completed",
    submit="Save interview",
    success="Return home interview recorded. Now review the risk",
    intro="The interview is done by someone independent of the child's care.",
    initial=_now_initial("completed_at"),
)
REVIEW = Step(
    action="record_risk_review",
    transition="record_risk_review",
    form=RiskReviewForm,
    perform=lambda user, episode, d: actions.record_risk_review(
        by=user,
        episode=episode,
        review=actions.RiskReviewDetails(
            push_factors=d["push_factors"],
            pull_factors=d["pull_factors"],
            where_went=d["where_went"],
            with_whom=d["with_whom"],
            sexual_exploitation="cse" in d["exploitation"],
            criminal_exploitation="cce" in d["exploitation"],
            none_identified="none" in d["exploitation"],
            exploitation_detail=d["exploitation_detail"],
            risk_level=d["risk_level"],
            plan_update=d["plan_update"],
        ),
        expected_version=d["version"],
    ),
    heading="Risk review",
    submit="Save risk review",
    success="Risk review recorded. The episode is closed",
    intro=(
        "Reconsider the risk with what the interview and the return told you, and update the "
        "plan. The episode stays in the queue until this is done."
    ),
)


def _step_page(step: Step) -> Callable[[HttpRequest, uuid.UUID], HttpResponse]:
    """The view of one step's form page (frontdoor/missing/urls.py names each)."""

    @GET_POST
    def page(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
        return _step(request, pk, step)

    return page


police_report = _step_page(POLICE_REPORT)
record_return = _step_page(RETURN)
log_attempt = _step_page(ATTEMPT)
offer = _step_page(OFFER)
answer = _step_page(ANSWER)
complete = _step_page(INTERVIEW)
review = _step_page(REVIEW)


@GET_POST
def siblings(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    user = signed_in_user(request)
    found = get_episode_for(user, pk, path=request.path)
    require(user, "record_siblings_considered")
    rows = sibling_rows(found)
    if not rows:
        messages.error(request, "No brothers or sisters are known for this child")
        return redirect("missing:episode", pk=found.pk)
    step = Step(
        action="record_siblings_considered",
        transition="record_siblings_considered",
        form=SiblingsForm,
        perform=lambda u, e, d: actions.record_siblings_considered(
            by=u, episode=e, notes=form_notes(d), expected_version=d["version"]
        ),
        heading="Brothers and sisters",
        submit="Save",
        success="Brothers and sisters recorded as considered",
        intro=(
            "Children whose brother or sister goes missing may be at risk too. Record what was "
            "considered for each of them."
        ),
    )

    def form_notes(data: dict[str, Any]) -> dict[str, str]:
        return {row.sibling.key: data[f"sibling_{i}"] for i, row in enumerate(rows)}

    return _step(request, pk, step, rows=rows)


@GET_POST
def link(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    user = signed_in_user(request)
    found = get_episode_for(user, pk, path=request.path)
    require(user, "link_missing_child")
    if request.method == "POST":
        person = openable_person(user, request.POST.get("person"))
        if person is None:
            messages.error(request, "Choose the person this child is")
            return redirect("missing:link", pk=found.pk)
        try:
            actions.link_missing_child(
                by=user,
                episode=found,
                person=person,
                expected_version=_int(request.POST.get("version")),
            )
        except WORKFLOW_ERRORS as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request, f"{found.first_name} {found.last_name} linked to {person.full_name}"
            )
        return redirect("missing:episode", pk=found.pk)
    form = FindChildForm(
        request.GET or None,
        initial={
            "name": f"{found.first_name} {found.last_name}",
            "date_of_birth": found.date_of_birth,
        },
    )
    name, born = f"{found.first_name} {found.last_name}", found.date_of_birth
    if form.is_bound and form.is_valid():
        name, born = form.cleaned_data["name"], form.cleaned_data["date_of_birth"]
    results = search_people(user, name=name, date_of_birth=born)
    if not results and born is not None:
        results = search_people(user, name=name)
    return render(
        request,
        "missing/link.html",
        {"episode": found, "form": form, "results": results},
        status=400 if form.errors else 200,
    )


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None
