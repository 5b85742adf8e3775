"""Who may do what: decided once, here.

Each action name maps to the roles allowed to take it. Reads are scoped separately by the
`visible_*(user)` querysets in each app's queries.py: a record outside a user's scope is a 404
(its existence is not leaked); a visible record the user may not act on is a 403.

Templates ask `can(user, action)`; actions call `require(user, action)` before anything else.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied

from frontdoor.access.models import Role

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from frontdoor.access.models import User

R = Role

# The staff who work inside the MASH and see its contacts.
MASH_STAFF = frozenset({R.CONTACT_OFFICER, R.SCREENER, R.HUB_WORKER, R.MANAGER})
# Staff who may open a child's record (need to know: contact officers record, but do not read
# case history).
CASE_READERS = frozenset({R.SCREENER, R.HUB_WORKER, R.MANAGER, R.AREA_WORKER})

RULES: dict[str, frozenset[Role]] = {
    # Reading.
    "view_queues": MASH_STAFF,
    "view_contact": MASH_STAFF,
    "view_child": CASE_READERS,
    "search_people": CASE_READERS | {R.CONTACT_OFFICER},
    "view_overview": frozenset({R.MANAGER, R.SENIOR_LEADER}),
    # Acting on a contact (workflow.py names the transitions).
    "receive_contact": MASH_STAFF,
    "link_child": frozenset({R.SCREENER, R.HUB_WORKER, R.MANAGER}),
    "create_person": frozenset({R.SCREENER, R.HUB_WORKER, R.MANAGER}),
    # The census characteristics on a person (issue 16): whoever works the child records them
    # as they learn them, at screening, in the hub or on a visit.
    "record_characteristics": CASE_READERS,
    # The child's school and GP practice (issue 17): the same workers, as they learn them.
    "record_school_and_gp": CASE_READERS,
    "record_screening": frozenset({R.SCREENER, R.MANAGER}),
    "send_to_hub": frozenset({R.SCREENER, R.MANAGER}),
    "record_analysis": frozenset({R.HUB_WORKER, R.MANAGER}),
    "return_to_hub": frozenset({R.MANAGER}),
    "record_decision": frozenset({R.MANAGER}),
    # Claims on the queues (docs/adr/0026): whoever may take a queue's step may claim its
    # families (the queue names the step); a manager may also release another worker's claim.
    "release_others_claim": frozenset({R.MANAGER}),
    # From decision to doorstep: strategy discussions, section 47, transfer, visits, assessments.
    "view_casework": CASE_READERS,
    "record_strategy_discussion": frozenset({R.HUB_WORKER, R.AREA_WORKER, R.MANAGER}),
    "record_conference": frozenset({R.AREA_WORKER, R.MANAGER}),
    "allocate_worker": frozenset({R.MANAGER}),
    # Handovers with a receipt (frontdoor/handovers, issue 18): the receiving team accepts a
    # child or sends them back; the MASH manager hands a child sent back over again.
    "view_handovers": CASE_READERS | {R.EARLY_HELP_WORKER},
    "receive_handover": frozenset({R.MANAGER, R.AREA_WORKER, R.EARLY_HELP_WORKER}),
    "resend_handover": frozenset({R.MANAGER}),
    "step_up_child": frozenset({R.EARLY_HELP_WORKER}),
    # A referral to another council: nobody there signs in, so whoever in the MASH hears the
    # other council's answer (the screener or hub worker who rang, the manager) records it.
    "record_council_answer": frozenset({R.SCREENER, R.HUB_WORKER, R.MANAGER}),
    # Events for other systems (frontdoor/integration, ADR 0029): the council's own case
    # systems read the feed as a case reader would (ids and codes of children they may open);
    # the administrator keeps the webhook subscriptions and replays their dead letters.
    "read_integration_events": CASE_READERS,
    "manage_webhooks": frozenset({R.ADMIN}),
    "record_visit": frozenset({R.AREA_WORKER, R.HUB_WORKER, R.MANAGER}),
    "submit_assessment": frozenset({R.AREA_WORKER, R.HUB_WORKER, R.MANAGER}),
    "authorise_assessment": frozenset({R.MANAGER}),
    # Closing a child in need episode for a reason the work did not decide (CIN census RC1-RC7:
    # adopted, died, an order, moved away, adult services, services ceased): a manager's call.
    "close_episode": frozenset({R.MANAGER}),
    "view_caseloads": frozenset({R.MANAGER, R.SENIOR_LEADER}),
    "view_performance": frozenset({R.MANAGER, R.SENIOR_LEADER}),
    # The front door's management information (frontdoor/insight, issue 9): managers follow a
    # count to the children behind it; senior leaders read and export the figures, never the
    # children. An export also needs a reason and a recent step-up, and is audited.
    "view_performance_children": frozenset({R.MANAGER}),
    "export_performance": frozenset({R.MANAGER, R.SENIOR_LEADER}),
    # Statutory returns (issue 16, docs/adr/0030): the CIN census and Ofsted's Annex A lists are
    # produced by MASH managers and by senior leaders, who answer for the council's returns.
    # They identify children by id, never by name; a download also needs a recent step-up and
    # is audited. The page that lists the records the census would reject names the children
    # and links to their records, so it is for managers only.
    "download_returns": frozenset({R.MANAGER, R.SENIOR_LEADER}),
    "check_census_quality": frozenset({R.MANAGER}),
    # Children who go missing (frontdoor/missing). There is no missing children coordinator
    # role yet: hub workers and managers coordinate; a police force notifies starts and returns
    # through the API (the action also checks the partner's agency is a police force).
    "view_missing": CASE_READERS,
    "report_missing": frozenset({R.HUB_WORKER, R.MANAGER}),
    "notify_missing": frozenset({R.PARTNER}),
    "link_missing_child": frozenset({R.HUB_WORKER, R.MANAGER}),
    "record_return": frozenset({R.HUB_WORKER, R.MANAGER}),
    "log_contact_attempt": frozenset({R.HUB_WORKER, R.MANAGER}),
    "offer_rhi": frozenset({R.HUB_WORKER, R.MANAGER}),
    "complete_rhi": frozenset({R.HUB_WORKER, R.MANAGER}),
    "record_siblings_considered": frozenset({R.HUB_WORKER, R.MANAGER}),
    "record_risk_review": frozenset({R.HUB_WORKER, R.MANAGER}),
    "view_repeat_missing": frozenset({R.MANAGER}),
    "respond_to_repeat_missing": frozenset({R.MANAGER}),
    "view_missing_information": frozenset({R.MANAGER, R.SENIOR_LEADER}),
    # Knowing the child (issue 3): history imported from the early help and old social care
    # systems, and duplicate person records found by the nightly job. A merge changes which
    # record every contact and referral belongs to, so only a manager confirms, merges or
    # undoes one.
    "import_history": frozenset({R.SCREENER, R.HUB_WORKER, R.MANAGER}),
    "review_duplicates": frozenset({R.MANAGER}),
    "merge_people": frozenset({R.MANAGER}),
    # Oversight (issue 9): threshold guardrails and backlogs (frontdoor/guardrails,
    # frontdoor/oversight). Indicators are recorded at screening and in the hub; a decision below
    # them is reviewed by a second manager. Senior leaders read the figures (the backlog by age,
    # decisions below the indicators), never the children behind them. Managers start urgent
    # reviews of the backlog and workers record the reviews assigned to them (the queries scope
    # a worker to their own assignments).
    "record_risk_indicators": frozenset({R.SCREENER, R.HUB_WORKER, R.MANAGER}),
    "view_second_reviews": frozenset({R.MANAGER}),
    "record_second_review": frozenset({R.MANAGER}),
    "view_backlog": frozenset({R.MANAGER, R.SENIOR_LEADER}),
    "start_urgent_review": frozenset({R.MANAGER}),
    "view_urgent_reviews": frozenset({R.MANAGER}),
    "record_urgent_review": frozenset({R.SCREENER, R.HUB_WORKER, R.MANAGER}),
    # Case audits (issue 9, frontdoor/casework_audits). Managers sample decisions, assign them
    # to auditors, moderate the grades and set actions. An auditor grades the cases assigned to
    # them and reads only those cases, through the audit (the queries scope them; they never
    # gain "view_child"). An action's owner completes it (scoped to their own). Senior leaders
    # read the grades over time, never the children behind them.
    "view_case_audits": frozenset({R.MANAGER}),
    "sample_case_audits": frozenset({R.MANAGER}),
    "grade_case_audit": frozenset({R.AUDITOR}),
    "moderate_case_audit": frozenset({R.MANAGER}),
    "set_audit_action": frozenset({R.MANAGER}),
    "complete_audit_action": frozenset({R.SCREENER, R.HUB_WORKER, R.MANAGER}),
    "view_audit_summary": frozenset({R.MANAGER, R.SENIOR_LEADER}),
    # Management oversight and supervision on the child's record (issue 9,
    # frontdoor/supervision, docs/adr/0015). Managers record it; everyone who reads the child's
    # record reads it. The person whose screening or decision is challenged, or a manager of
    # their team, responds (the queries scope who); an action's owner, or a manager, records it
    # done. Senior leaders read the counts of challenges, never the children behind them.
    "view_oversight": CASE_READERS,
    "record_oversight": frozenset({R.MANAGER}),
    "respond_to_challenge": frozenset({R.SCREENER, R.HUB_WORKER, R.MANAGER, R.AREA_WORKER}),
    "complete_oversight_action": CASE_READERS,
    "view_due_oversight": frozenset({R.MANAGER}),
    "view_challenge_counts": frozenset({R.MANAGER, R.SENIOR_LEADER}),
    # The practice model (issue 9, frontdoor/practice): one risk, need and strength analysis per
    # child and episode. Those who work the child read and extend it; auditors and senior
    # leaders read it only where their own pages already show them the child (the panel);
    # partners never see it.
    "view_practice_analysis": CASE_READERS | {R.AUDITOR, R.SENIOR_LEADER},
    "extend_practice_analysis": CASE_READERS,
    # Administration: users, teams, code lists, timescales. Not case records.
    "administer": frozenset({R.ADMIN}),
    # Other systems' access to the API (issue 13): service accounts and their tokens, on the
    # administrator's pages (frontdoor/access/administration.py), each change audited.
    "create_service_account": frozenset({R.ADMIN}),
    "view_api_tokens": frozenset({R.ADMIN}),
    "issue_api_token": frozenset({R.ADMIN}),
    "revoke_api_token": frozenset({R.ADMIN}),
    # A person who lost their authenticator app sets up a new one at their next sign-in.
    "reset_second_factor": frozenset({R.ADMIN}),
    # Restricted records (../shared/SECURITY.md, 4): who may break glass, who keeps the
    # allow-lists, and who may question and export the audit trail (9-12).
    "break_glass": CASE_READERS,
    "manage_restrictions": frozenset({R.IG_LEAD}),
    # The lead who keeps the allow-lists sees who a restricted record is (never what is in it:
    # the role reads no case records), to answer "who viewed this child" (records.py).
    "see_restricted_identities": frozenset({R.IG_LEAD}),
    "query_audit": frozenset({R.IG_LEAD}),
    "export_audit": frozenset({R.IG_LEAD}),
    # Partner agencies in the loop (frontdoor/enquiries, frontdoor/partners). Consent and MASH
    # enquiries are the hub's; proceeding without consent needs a manager. Reading enquiries
    # and answers (police intelligence, health detail) is for those who work the contact, not
    # contact officers. A partner officer answers their own agency's enquiries and submits and
    # follows their own agency's contacts: which ones is scoped by the queries (404 otherwise).
    "record_consent": frozenset({R.HUB_WORKER, R.MANAGER}),
    "authorise_without_consent": frozenset({R.MANAGER}),
    "view_enquiries": frozenset({R.SCREENER, R.HUB_WORKER, R.MANAGER}),
    "send_enquiry": frozenset({R.HUB_WORKER, R.MANAGER}),
    "withdraw_enquiry": frozenset({R.HUB_WORKER, R.MANAGER}),
    "view_enquiry_information": frozenset({R.MANAGER, R.SENIOR_LEADER}),
    "record_referrer_feedback": MASH_STAFF,
    "view_partner_requests": frozenset({R.PARTNER}),
    "answer_enquiry": frozenset({R.PARTNER}),
    "submit_contact": frozenset({R.PARTNER}),
    "view_own_submissions": frozenset({R.PARTNER}),
    # Police notifications in batches (frontdoor/police). MASH staff upload a force's CSV file;
    # a force's own system sends its batches through the API (the action also checks the
    # partner's agency is a police force). Police leads see their own force's quality figures
    # only (scoped by the queries); MASH managers and senior leaders see every force's.
    "import_police_batch": MASH_STAFF,
    "send_police_batch": frozenset({R.PARTNER}),
    "view_police_notifications": MASH_STAFF,
    "review_police_match": frozenset({R.SCREENER, R.HUB_WORKER, R.MANAGER}),
    "rate_police_notification": MASH_STAFF,
    "view_police_information": frozenset({R.MANAGER, R.SENIOR_LEADER, R.PARTNER}),
}


def can(user: User | AnonymousUser | None, action: str) -> bool:
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    allowed = RULES.get(action)
    if allowed is None:
        # An action missing from RULES is a programming error, never an implicit allow.
        raise KeyError(f"No access rule for action {action!r}")
    return getattr(user, "role", None) in allowed


def require(user: User | AnonymousUser | None, action: str) -> None:
    if not can(user, action):
        raise PermissionDenied(f"Your role does not allow you to {action.replace('_', ' ')}.")
