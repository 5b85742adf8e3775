"""Valid bodies for the permission matrix's POST cells (tests/test_permission_matrix.py).

A cell is `allow` only when the action happened, so every POST sends what a user who may act
would send: a complete, valid form for a page, a valid JSON body for the API, about the row's
record (tests/matrix_records.py). A role that may not act then gets its 403 or 404 for the
same body, never a 400 for an incomplete one.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from frontdoor.access.models import User
from frontdoor.codelists.models import CodeList
from frontdoor.contacts.tests import factories as f
from tests.matrix_records import Built, Cast, recently, surname, this_minute

SAMPLES = Path(settings.BASE_DIR) / "docs" / "samples"
Body = Callable[[Cast, Built, User], dict[str, Any]]


def when(name: str, moment: datetime) -> dict[str, str]:
    """A date and time typed into a GOV.UK date-time field, in UK time."""
    local = timezone.localtime(moment)
    return {**on(name, local.date()), f"{name}_time": local.strftime("%H:%M")}


def on(name: str, day: date) -> dict[str, str]:
    return {
        f"{name}_day": str(day.day),
        f"{name}_month": str(day.month),
        f"{name}_year": str(day.year),
    }


def version(built: Built) -> int:
    return getattr(built.record, "version", 0)


def in_a_week() -> date:
    return timezone.localdate() + timedelta(days=7)


def code(code_list: str, value: str) -> Any:
    return f.code(code_list, value).pk


# --- Pages ------------------------------------------------------------------------------------


def _issue_api_token(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    system = User.objects.get_or_create(
        username="matrix-issued-system",
        defaults={"role": "screener", "is_service_account": True},
    )[0]
    return {"account": system.username, "name": "The matrix's system"}


def _revoke_api_token(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    return {"reason": "The token was pasted into an email by mistake"}


def _reset_second_factor(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    return {
        "person": cast.users["screener"].username,
        "reason": "Lost phone; identity checked by a video call with her manager",
    }


def _who_viewed(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    today = timezone.localdate()
    return {"name": "Rowan", **on("date_from", today - timedelta(days=30)), **on("date_to", today)}


def _break_glass(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    return {"reason": "The child is in hospital and the police need her history now"}


def _screening(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    return {
        "version": version(built),
        "rag": "red",
        "level_of_need": code(CodeList.LEVEL_OF_NEED, "4"),
        "summary": "Known to police for domestic abuse; no previous social care.",
        "recommendation": "Child protection hub",
    }


def _analysis(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    return {
        "version": version(built),
        "worries": "Repeated domestic abuse witnessed by the child.",
        "working_well": "The child attends school every day.",
        "needs_to_happen": "Strategy discussion with police and health.",
        "scale": "3",
        "proposed_outcome": "strategy_discussion",
    }


def _decision(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    return {
        "version": version(built),
        "outcome": "strategy_discussion",
        "rationale": "Reasonable cause to suspect significant harm.",
        **when("see_by", timezone.now() + timedelta(days=1)),
        "see_by_team": cast.area_team.pk,
    }


def _link_to(built: Built) -> Any:
    """The record to link the child to: the row's (`link_to`), or another record found at
    screening than the one already made."""
    return built.extra.get("link_to") or f.person("Amy", surname())


def _link(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    return {"version": version(built), "person": str(_link_to(built).pk)}


def _return_to_hub(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    return {"version": version(built), "reason": "The analysis does not weigh the history"}


def _send_to_hub(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    return {"hub": cast.hub.pk}


def _referrer(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    return {
        **when("received_at", recently()),
        "referral_source": "2A",
        "referrer_is_public": "no",
        "referrer_name": "Ms Teacher",
    }


def _indicators(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    from frontdoor.guardrails.models import RiskIndicator

    return {
        "indicators": [RiskIndicator.objects.get(code="high-dash").pk],
        "note": "Police notification: DASH high",
    }


def _csv(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, (SAMPLES / name).read_bytes(), "text/csv")


def _history(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    return {"kind": "early_help", "file": _csv("early-help.csv")}


def _police_upload(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    return {
        "force": cast.police.pk,
        "kind": "domestic_abuse",
        "file": _csv("police-domestic-abuse.csv"),
    }


def _rate(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    return {"complete": "no", "issues": ["missing_dash", "late"]}


def _police_review(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    return {"person": str(built.extra["candidates"][1].pk)}


def _person_search(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    return {"first_name": "Rowan", "last_name": "Matrix"}


def _extend(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    return {"worries": "Shouting heard at home", "score": "4", "score_reason": "Some safety"}


def _withdraw_entry(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    return {"reason": "The family has moved away from the partner"}


def _supervision(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    return {"kind": "supervision", "reason": "Discussed the plan for school attendance"}


def _respond(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    return {"reply": "revise", "explanation": "I will weigh the police history again"}


def _done(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    return {"note": "Spoke to the school: attendance is 96%"}


def _sample(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    from frontdoor.casework_audits.tests import factories as caf

    today = timezone.localdate()
    return {
        "template": caf.template().pk,
        "kind": "random",
        **on("start", today - timedelta(days=30)),
        **on("end", today),
        "size": "10",
        "auditors": [cast.users["auditor"].pk],
        **on("due_on", in_a_week()),
    }


def _grade(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    return {
        "version": version(built),
        "grade": "good",
        "comment": "Clear rationale; history considered.",
        **{f"q_{q.pk}": "good" for q in built.extra["questions"]},
    }


def _moderate(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    return {"version": version(built), "grade": "good", "reason": ""}


def _audit_action(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    return {
        "description": "Ask the school for attendance",
        "owner": cast.screener.pk,
        **on("action_due_on", in_a_week()),
    }


def _start_urgent_review(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    return {
        "children": [built.extra["contact"].pk],
        "workers": [cast.screener.pk],
        **on("due_on", in_a_week()),
        "reason": "Waiting too long",
    }


def _record_urgent_review(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    return {"version": version(built), "outcome": "safe_to_wait", "note": "Seen the file: safe"}


def _second_review(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    return {"version": version(built), "agrees": "yes", "reasons": "The DASH is out of date"}


def _duplicate(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    return {"version": version(built), "decision": "different"}


def _allocate(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    return {"version": version(built), "worker": cast.users["area_worker"].pk}


def _visit(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    return {
        "version": version(built),
        **when("visited_at", this_minute()),
        "location": "The family home",
        "child_seen": "yes",
        "seen_alone": "yes",
        "childs_views": "She said she likes her teacher",
        "daily_life": "School, then her gran's until tea",
    }


def _accept_handover(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    return {"version": version(built)}


def _send_back_handover(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    return {"version": version(built), "reason": "The family moved out of the county last week"}


def _step_up(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    return {"version": version(built), "what_changed": "Mum's new partner has moved in"}


def _resend_handover(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    return {"version": version(built), "team": cast.area_team.pk}


def _council_answer(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    return {
        "version": version(built),
        "answer": "accepted",
        "who": "Jo Patel, MASH team manager",
        "how": "phone",
        **when("told_at", this_minute()),
    }


def _api_accept_handover(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    # No version for a made-up id: the answer must be the 404, not a 422 about the version.
    return {"version": version(built)} if built.record else {}


def _api_send_back_handover(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    return {**_api_accept_handover(cast, built, user), "reason": "The family moved away"}


def _subscribe_webhook(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    system = User.objects.get_or_create(
        username="matrix-case-system",
        defaults={"role": "area_worker", "is_service_account": True},
    )[0]
    return {
        "name": f"Main case system {uuid.uuid4().hex[:8]}",
        "url": "https://cases.example.org/hooks/frontdoor",
        "account": system.username,
    }


def _replay_webhooks(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    return {"cursor": "0-0"}


def _submit_assessment(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    return {
        "version": version(built),
        "factors": [code(CodeList.ASSESSMENT_FACTOR, "3A")],
        "primary_need": code(CodeList.PRIMARY_NEED, "N1"),
        "outcome": "cin_plan",
        "summary": "Needs support with the home",
    }


def _authorise_assessment(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    return {"version": version(built), "decision": "authorise"}


def _discussion(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    return {
        "version": version(built),
        **when("held_at", this_minute()),
        "format": "meeting",
        "outcome": "section_47",
        "rationale": "Injury unexplained",
        "invited_council": "on",
        "attended_council": "on",
        "invited_police": "on",
        "attended_police": "on",
    }


def _circulate(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    return when("circulated_at", timezone.localtime().replace(second=0, microsecond=0))


def _conference(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    return {
        "version": version(built),
        "held": "yes",
        **on("held_on", timezone.localdate()),
        "child_protection_plan": "no",
    }


def _police_report(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    return {
        "version": version(built),
        "police_force": cast.police.pk,
        "police_reference": f"WX/PR/{surname()}",
        "risk_grade": "high",
        **when("reported_at", recently()),
    }


def _return(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    return {
        "version": version(built),
        **when("returned_at", recently()),
        "where_found": "At a friend's flat",
    }


def _attempt(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    return {**when("attempted_at", recently()), "method": "phone", "result": "no_answer"}


def _offer(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    return {
        "version": version(built),
        **when("offered_at", recently()),
        "offered_by": "Sam Lee, return home interview worker",
        "answer": "accepted",
    }


def _answer(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    return {"version": version(built), "answer": "accepted"}


def _interview(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    return {
        "version": version(built),
        **when("completed_at", recently()),
        "completed_by": "Sam Lee",
        "independent": "on",
    }


def _risk_review(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    return {
        "version": version(built),
        "push_factors": "Arguments at home",
        "pull_factors": "Older friends",
        "where_went": "A flat in Westbury",
        "with_whom": "Not known",
        "exploitation": ["none"],
        "risk_level": "medium",
        "plan_update": "Safety plan agreed with her mother",
    }


def _siblings(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    return {"version": version(built), "sibling_0": "Spoken to: not at risk"}


def _missing_link(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    return {"version": version(built), "person": str(built.extra["link_to"].pk)}


def _report_missing(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    return {**when("started_at", recently()), "missing_from": "Home"}


def _repeat_decision(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    return {
        "version": version(built),
        "decision": "strategy_discussion",
        "rationale": "Three episodes this month: exploitation is a worry",
    }


def _export_reason(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    return {"reason": "For the safeguarding partnership's quarterly meeting"}


def _census(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    # The year that ended last March: a complete return (this year's episodes are the matrix's
    # own records, whose census details are not all recorded).
    return {"year": "2026", **_export_reason(cast, built, user)}


def _annex_a(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    return {**on("as_of", timezone.localdate()), **_export_reason(cast, built, user)}


def _consent(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    return {
        "version": "0",
        "position": "given",
        "person_asked": "Jo Smith (mother)",
        **when("decided_at", recently()),
    }


def _authorise_without_consent(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    return {"decision": "authorise"}


def _send_enquiry(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    from frontdoor.enquiries.tests import factories as ef

    return {
        "send_key": f"matrix-{surname()}",
        "agencies": [str(cast.police.pk)],
        "question": "Any incidents at the address in the last year?",
        "lawful_basis": str(ef.basis().pk),
    }


def _withdraw_enquiry(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    return {"version": version(built), "reason": "Sent in error"}


def _partner_answer(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    return {
        "token": f"matrix-{surname()}",
        "known": "yes",
        "summary": "Two call-outs to the address in March.",
        "known_risks": "Father cautioned for assault in 2024.",
    }


def _feedback(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    return {"method": "phone", "message": "Told the teacher a social worker will visit"}


def _about_you(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    return {
        "referrer_name": "PC Priya Tester",
        "referrer_role": "Police constable",
        "referrer_phone": "01632 960 001",
        "referrer_email": "priya@police.example",
    }


def _nothing(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    return {}


def _plan_review(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    return {
        **on("held_on", timezone.localdate()),
        "category": code(CodeList.ABUSE_CATEGORY, "EMO"),
        "plan_continues": "yes",
    }


def _close_episode(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    return {**on("closed_on", timezone.localdate()), "reason": "RC7"}


def _characteristics(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    return {
        "sex": "F",
        "ethnicity": "WBRI",
        "disabilities": ["NONE"],
        "upn": "T938611200001",
        "first_language": "ENG",
        "interpreter_needed": "no",
    }


def _school_and_gp(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    return {
        "school": "Hillside Primary School",
        "school_urn": "100000",
        "gp_practice": "Riverside Medical Centre",
        "gp_practice_code": "A81001",
    }


def _named_adult(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    return {
        "person": "new",
        "kinds": ["partner_of_parent", "alleged_perpetrator"],
        "version": built.record.version,
    }


def _unlink_adult(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    return {
        "reason": "A different date of birth on the police record",
        "version": built.record.version,
    }


def _api_link_adult(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    return {"create": True, "kinds": ["partner_of_parent", "alleged_perpetrator"]}


def _in_screening(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    return {"queue": "screening"}


PAGES: dict[str, Body] = {
    "access:break-glass": _break_glass,
    "access:issue-api-token": _issue_api_token,
    "access:revoke-api-token": _revoke_api_token,
    "access:reset-second-factor": _reset_second_factor,
    "governance:child-views": _who_viewed,
    "access:keep-signed-in": _nothing,
    "access:new-recovery-codes": _nothing,
    "access:sign-out": _nothing,
    "assessments:assessment": _submit_assessment,
    "assessments:authorise": _authorise_assessment,
    "casework_audits:add-action": _audit_action,
    "casework_audits:complete-action": _done,
    "casework_audits:grade": _grade,
    "casework_audits:moderate": _moderate,
    "casework_audits:sample": _sample,
    "contacts:analyse": _analysis,
    "contacts:claim": _in_screening,
    "contacts:claim-next": _nothing,
    "contacts:decide": _decision,
    "contacts:draft-step": _referrer,
    "contacts:link": _link,
    "contacts:release": _in_screening,
    "contacts:new": _nothing,
    "contacts:return-to-hub": _return_to_hub,
    "contacts:screen": _screening,
    "contacts:send-to-hub": _send_to_hub,
    "enquiries:authorise": _authorise_without_consent,
    "enquiries:consent": _consent,
    "enquiries:send": _send_enquiry,
    "enquiries:withdraw": _withdraw_enquiry,
    "guardrails:record-indicators": _indicators,
    "guardrails:second-review": _second_review,
    "history:import": _history,
    "insight:front-door-export": _export_reason,
    "returns:census": _census,
    "returns:annex-a": _annex_a,
    "missing:answer": _answer,
    "missing:attempt": _attempt,
    "missing:complete": _interview,
    "missing:link": _missing_link,
    "missing:offer": _offer,
    "missing:police-report": _police_report,
    "missing:repeat-decision": _repeat_decision,
    "missing:report-child": _report_missing,
    "missing:return": _return,
    "missing:review": _risk_review,
    "missing:siblings": _siblings,
    "oversight:record-review": _record_urgent_review,
    "oversight:start-urgent-review": _start_urgent_review,
    "partners:feedback": _feedback,
    "partners:new-referral": _nothing,
    "partners:referral-step": _about_you,
    "partners:request": _partner_answer,
    "people:characteristics": _characteristics,
    "people:school-and-gp": _school_and_gp,
    "people:adult": _named_adult,
    "people:adult-unlink": _unlink_adult,
    "people:duplicate-pair": _duplicate,
    "people:search": _person_search,
    "people:undo-merge": _nothing,
    "police:rate": _rate,
    "police:review": _police_review,
    "police:upload": _police_upload,
    "practice:extend": _extend,
    "practice:withdraw": _withdraw_entry,
    "strategy:circulate": _circulate,
    "strategy:conference": _conference,
    "strategy:plan-review": _plan_review,
    "referrals:close-episode": _close_episode,
    "strategy:discussion": _discussion,
    "supervision:complete-action": _done,
    "supervision:record": _supervision,
    "supervision:respond": _respond,
    "visits:allocation": _allocate,
    "visits:record-visit": _visit,
    "handovers:accept": _accept_handover,
    "handovers:send-back": _send_back_handover,
    "handovers:resend": _resend_handover,
    "handovers:step-up": _step_up,
    "handovers:council-answer": _council_answer,
    "integration:replay": _replay_webhooks,
    "integration:replay-dead-letters": _nothing,
    "integration:new": _subscribe_webhook,
    "integration:pause": _nothing,
    "integration:resume": _nothing,
    "integration:delete": _nothing,
}


def page_body(route: str, cast: Cast, built: Built, user: User) -> dict[str, Any]:
    if route not in PAGES:
        raise AssertionError(f"no valid form for POST {route}: add one to tests/matrix_bodies.py")
    return PAGES[route](cast, built, user)


# --- The API ----------------------------------------------------------------------------------


def iso(moment: datetime) -> str:
    return moment.isoformat()


def _api_contact(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    from frontdoor.api.tests import bodies

    return bodies.contact_body()


def _api_partner_contact(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    from frontdoor.api.tests import bodies

    mash_only = {"received_at", "referral_source", "referrer_organisation", "referrer_is_public"}
    return {k: v for k, v in bodies.contact_body().items() if k not in mash_only}


def _api_link(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    return {"person_id": str(_link_to(built).pk)}


def _api_screening(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    from frontdoor.api.tests import bodies

    return bodies.screening_body()


def _api_analysis(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    from frontdoor.api.tests import bodies

    return bodies.analysis_body()


def _api_decision(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    from frontdoor.api.tests import bodies

    return bodies.decision_body(cast.area_team.slug)


def _api_send_to_hub(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    return {"hub": cast.hub.slug}


def _api_search(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    return {"first_name": "Rowan", "last_name": "Matrix"}


def _api_early_help(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    row = {
        "source_system": "EHM",
        "source_reference": "EH-MATRIX-1",
        "first_name": "Isla",
        "last_name": "Okafor",
        "date_of_birth": "2012-02-28",
        "start_date": "2024-09-02",
        "organisation": "Northgate Primary School",
    }
    return {"source": "EHM nightly", "rows": [row]}


def _api_legacy(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    row = {
        "source_system": "CareFirst",
        "source_reference": "CF-MATRIX-1",
        "record_type": "child_protection_plan",
        "first_name": "Isla",
        "last_name": "Okafor",
        "date_of_birth": "2012-02-28",
        "start_date": "2019-03-04",
        "end_date": "2020-01-02",
        "detail": "Neglect",
    }
    return {"source": "CareFirst", "rows": [row]}


def _api_submit_assessment(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    return {
        "factors": ["3A"],
        "primary_need": "N1",
        "outcome": "cin_plan",
        "summary": "Needs support with the home",
    }


def _api_authorise_assessment(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    return {"decision": "authorise"}


def _api_allocate(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    return {"worker": cast.users["area_worker"].username}


def _api_visit(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    return {
        "visited_at": iso(this_minute()),
        "child_seen": True,
        "location": "The family home",
        "seen_alone": True,
        "childs_views": "She said she likes her teacher",
        "daily_life": "School, then her gran's until tea",
    }


def _api_discussion(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    return {
        "held_at": iso(this_minute()),
        "format": "Meeting",
        "participants": [
            {"agency": "council", "attended": True},
            {"agency": "police", "attended": True},
        ],
        "outcome": "section_47",
        "rationale": "Injury unexplained",
    }


def _api_conference(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    return {"held_on": timezone.localdate().isoformat(), "child_protection_plan": False}


def _api_report_missing(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    return {"person_id": str(built.values["person_id"]), "started_at": iso(recently())}


def _api_police_report(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    return {
        "police_force_id": str(cast.police.pk),
        "police_reference": f"WX/PR/{surname()}",
        "risk_grade": "high",
        "reported_at": iso(recently()),
    }


def _api_link_missing(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    return {"person_id": str(built.extra["link_to"].pk)}


def _api_return(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    return {"returned_at": iso(recently()), "where_found": "At a friend's flat"}


def _api_attempt(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    return {"attempted_at": iso(recently()), "method": "phone", "result": "no_answer"}


def _api_offer(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    return {"offered_at": iso(recently()), "offered_by": "Sam Lee", "answer": "accepted"}


def _api_answer(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    return {"answer": "accepted"}


def _api_interview(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    return {"completed_at": iso(recently()), "completed_by": "Sam Lee", "independent": True}


def _api_siblings(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    sibling = built.extra["sibling"]
    return {"siblings": [{"key": f"person:{sibling.pk}", "note": "Spoken to: not at risk"}]}


def _api_risk_review(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    return {
        "push_factors": "Arguments at home",
        "pull_factors": "Older friends",
        "where_went": "A flat in Westbury",
        "with_whom": "Not known",
        "sexual_exploitation": False,
        "criminal_exploitation": False,
        "none_identified": True,
        "risk_level": "medium",
        "plan_update": "Safety plan agreed with her mother",
    }


def _api_police_start(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    started = recently() - timedelta(hours=2)
    return {
        "police_reference": f"WX/MP/{surname()}",
        "risk_grade": "medium",
        "started_at": iso(started),
        "reported_at": iso(started + timedelta(hours=1)),
        "child": {"first_name": "Cara", "last_name": surname(), "sex": "F"},
        "missing_from": "Foster home",
    }


def _api_police_return(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    return {
        "police_reference": built.extra["reference"],
        "returned_at": iso(recently()),
        "where_found": "At a friend's flat",
    }


def _api_repeat_decision(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    return {"decision": "strategy_discussion", "rationale": "Three episodes this month"}


def _api_police_batch(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    incident = {
        "police_reference": f"WX/API/{surname()}",
        "incident_at": iso(recently() - timedelta(days=1)),
        "notified_at": iso(recently()),
        "officer": "PC 4411 Dean",
        "team": "Wessex North Response",
        "location": "14 Elm Road",
        "postcode": "WX1 2AB",
        "victim_first_name": "Jo",
        "victim_last_name": "Smith",
        "perpetrator_first_name": "Lee",
        "perpetrator_last_name": "Smith",
        "risk_tool": "dash",
        "risk_level": "high",
        "marac": True,
        "narrative": "Shouting heard by a neighbour.",
        "children": [{"first_name": "Amy", "last_name": surname(), "sex": "F"}],
    }
    return {"domestic_abuse": [incident]}


def _api_partner_answer(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    return {"known": "no", "summary": "Not known to us: checked our records"}


def _api_characteristics(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    return {
        "sex": "F",
        "ethnicity": "WBRI",
        "disabilities": ["NONE"],
        "upn": "T938611200001",
        "first_language": "ENG",
        "interpreter_needed": False,
    }


# --- Issue 17, API parity: consent and enquiries, urgent reviews, second reviews, oversight ----


def _api_consent(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    return {
        "position": "given",
        "person_asked": "Jo Smith (mother)",
        "decided_at": recently().isoformat(),
        "version": 0,
    }


def _api_consent_decision(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    from frontdoor.enquiries.models import Consent

    consent = Consent.objects.get(family=built.extra["family"])
    return {"decision": "authorise", "version": consent.version}


def _api_send_enquiries(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    from frontdoor.enquiries.tests import factories as ef

    return {
        "agencies": [str(cast.police.pk)],
        "question": "Any incidents at the address in the last year?",
        "lawful_basis": ef.basis().pk,
    }


def _api_withdraw_enquiry(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    return {"reason": "Sent in error", "version": version(built)}


def _api_start_urgent_review(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    return {
        "contacts": [str(built.extra["contact"].pk)],
        "workers": [cast.screener.username],
        "due_on": in_a_week().isoformat(),
        "reason": "Waiting too long",
    }


def _api_urgent_review(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    # A made-up id has no version: send 1, so the answer is about the id, not the body.
    return {
        "outcome": "safe_to_wait",
        "note": "Seen the file: safe",
        "version": version(built) or 1,
    }


def _api_second_review(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    return {"agrees": True, "reasons": "The DASH is out of date", "version": version(built)}


def _api_oversight(cast: Cast, built: Built, user: User) -> dict[str, Any]:
    return {"kind": "supervision", "reason": "Discussed the plan for school attendance"}


API: dict[str, Body] = {
    "POST /api/assessments/{assessment_id}/authorise": _api_authorise_assessment,
    "POST /api/assessments/{assessment_id}/submit": _api_submit_assessment,
    "POST /api/contacts": _api_contact,
    "POST /api/handovers/{handover_id}/accept": _api_accept_handover,
    "POST /api/handovers/{handover_id}/return": _api_send_back_handover,
    "PUT /api/children/{person_id}/characteristics": _api_characteristics,
    "PUT /api/children/{person_id}/school-and-gp": _school_and_gp,
    "POST /api/contacts/children/{contact_id}/analysis": _api_analysis,
    "POST /api/contacts/children/{contact_id}/decision": _api_decision,
    "POST /api/contacts/children/{contact_id}/link": _api_link,
    "POST /api/contacts/children/{contact_id}/adults/{position}/link": _api_link_adult,
    "POST /api/contacts/children/{contact_id}/adults/{position}/unlink": _unlink_adult,
    "POST /api/contacts/children/{contact_id}/screening": _api_screening,
    "POST /api/contacts/{family_id}/send-to-hub": _api_send_to_hub,
    "POST /api/contacts/{family_id}/claim": _in_screening,
    "POST /api/contacts/{family_id}/release": _in_screening,
    "POST /api/contacts/queues/{slug}/claim-next": _nothing,
    "POST /api/history/early-help": _api_early_help,
    "POST /api/history/legacy-history": _api_legacy,
    "POST /api/missing/episodes": _api_report_missing,
    "POST /api/missing/episodes/{episode_id}/attempts": _api_attempt,
    "POST /api/missing/episodes/{episode_id}/link": _api_link_missing,
    "POST /api/missing/episodes/{episode_id}/police-report": _api_police_report,
    "POST /api/missing/episodes/{episode_id}/return": _api_return,
    "POST /api/missing/episodes/{episode_id}/rhi-answer": _api_answer,
    "POST /api/missing/episodes/{episode_id}/rhi-completed": _api_interview,
    "POST /api/missing/episodes/{episode_id}/rhi-offer": _api_offer,
    "POST /api/missing/episodes/{episode_id}/risk-review": _api_risk_review,
    "POST /api/missing/episodes/{episode_id}/siblings": _api_siblings,
    "POST /api/missing/police/returns": _api_police_return,
    "POST /api/missing/police/starts": _api_police_start,
    "POST /api/missing/repeat-missing/{flag_id}/decision": _api_repeat_decision,
    "POST /api/partners/contacts": _api_partner_contact,
    "POST /api/partners/enquiries/{enquiry_id}/answer": _api_partner_answer,
    "POST /api/people/search": _api_search,
    "POST /api/police/batches": _api_police_batch,
    "POST /api/strategy-discussions/section-47/{enquiry_id}/conference": _api_conference,
    "POST /api/strategy-discussions/{discussion_id}": _api_discussion,
    "POST /api/transfers/{allocation_id}/allocate": _api_allocate,
    "POST /api/transfers/{allocation_id}/visits": _api_visit,
    "POST /api/enquiries/contacts/{family_id}/consent": _api_consent,
    "POST /api/enquiries/contacts/{family_id}/consent/decision": _api_consent_decision,
    "POST /api/enquiries/contacts/{family_id}/send": _api_send_enquiries,
    "POST /api/enquiries/{enquiry_id}/withdraw": _api_withdraw_enquiry,
    "POST /api/backlog/urgent-reviews": _api_start_urgent_review,
    "POST /api/backlog/reviews/{item_id}": _api_urgent_review,
    "POST /api/second-reviews/{review_id}": _api_second_review,
    "POST /api/oversight/children/{person_id}": _api_oversight,
    "POST /api/oversight/challenges/{challenge_id}/response": _respond,
    "POST /api/oversight/actions/{action_id}/completion": _done,
}


def api_body(method: str, path: str, cast: Cast, built: Built, user: User) -> dict[str, Any]:
    key = f"{method} {path.rstrip('/')}"
    if key not in API:
        raise AssertionError(f"no valid body for {key}: add one to tests/matrix_bodies.py")
    return API[key](cast, built, user)
