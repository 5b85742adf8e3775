"""Walk every URL in the configuration. Each must be classified here, and an anonymous visitor
must be turned away from every one that is not public. A new URL fails this test until it is
added to CLASSIFIED (../shared/STYLE.md, "Access: deny by default")."""

from __future__ import annotations

import re
import uuid

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

PUBLIC = "public"  # anyone: the sign-in page and the health check only
SIGNED_IN = "signed-in"  # redirects an anonymous visitor to sign in
API = "api"  # refuses an anonymous caller with 401
ADMIN = "admin"  # Django admin: staff sign-in
API_DOCS = "api-docs"  # the OpenAPI docs page: sign-in required

CLASSIFIED = {
    "home": SIGNED_IN,
    "access:sign-in": PUBLIC,
    "access:sign-out": SIGNED_IN,
    "access:health": PUBLIC,
    "access:second-factor": SIGNED_IN,
    "access:set-up-app": SIGNED_IN,
    "access:recovery-codes": SIGNED_IN,
    "access:new-recovery-codes": SIGNED_IN,
    "access:step-up": SIGNED_IN,
    "access:keep-signed-in": SIGNED_IN,
    "access:break-glass": SIGNED_IN,
    "access:api-tokens": SIGNED_IN,
    "access:issue-api-token": SIGNED_IN,
    "access:revoke-api-token": SIGNED_IN,
    "access:reset-second-factor": SIGNED_IN,
    "integration:webhooks": SIGNED_IN,
    "integration:subscription": SIGNED_IN,
    "integration:replay": SIGNED_IN,
    "integration:replay-dead-letters": SIGNED_IN,
    "integration:new": SIGNED_IN,
    "integration:pause": SIGNED_IN,
    "integration:resume": SIGNED_IN,
    "integration:delete": SIGNED_IN,
    "governance:index": SIGNED_IN,
    "governance:child-views": SIGNED_IN,
    "governance:child-views-of": SIGNED_IN,
    "governance:user-activity": SIGNED_IN,
    "governance:export": SIGNED_IN,
    "governance:break-glass-log": SIGNED_IN,
    "governance:break-glass": SIGNED_IN,
    "governance:restricted-records": SIGNED_IN,
    "contacts:new": SIGNED_IN,
    "contacts:draft-step": SIGNED_IN,
    "contacts:screening-queue": SIGNED_IN,
    "contacts:queue": SIGNED_IN,
    "contacts:hubs": SIGNED_IN,
    "contacts:family": SIGNED_IN,
    "contacts:send-to-hub": SIGNED_IN,
    "contacts:claim": SIGNED_IN,
    "contacts:find": SIGNED_IN,
    "contacts:release": SIGNED_IN,
    "contacts:claim-next": SIGNED_IN,
    "contacts:link": SIGNED_IN,
    "contacts:screen": SIGNED_IN,
    "contacts:analyse": SIGNED_IN,
    "contacts:decide": SIGNED_IN,
    "contacts:return-to-hub": SIGNED_IN,
    "people:search": SIGNED_IN,
    "people:search-results": SIGNED_IN,
    "people:child": SIGNED_IN,
    "people:characteristics": SIGNED_IN,
    "people:school-and-gp": SIGNED_IN,
    "people:adult": SIGNED_IN,
    "people:adult-unlink": SIGNED_IN,
    "people:chronology": SIGNED_IN,
    "people:chronology-print": SIGNED_IN,
    "people:duplicates": SIGNED_IN,
    "people:duplicate-pair": SIGNED_IN,
    "people:undo-merge": SIGNED_IN,
    "history:import": SIGNED_IN,
    "oversight:overview": SIGNED_IN,
    "oversight:backlog": SIGNED_IN,
    "oversight:urgent-reviews": SIGNED_IN,
    "oversight:start-urgent-review": SIGNED_IN,
    "oversight:urgent-review": SIGNED_IN,
    "oversight:my-reviews": SIGNED_IN,
    "oversight:record-review": SIGNED_IN,
    "casework_audits:index": SIGNED_IN,
    "casework_audits:sample": SIGNED_IN,
    "casework_audits:summary": SIGNED_IN,
    "casework_audits:round": SIGNED_IN,
    "casework_audits:audit": SIGNED_IN,
    "casework_audits:moderate": SIGNED_IN,
    "casework_audits:add-action": SIGNED_IN,
    "casework_audits:grade": SIGNED_IN,
    "casework_audits:case": SIGNED_IN,
    "casework_audits:mine": SIGNED_IN,
    "casework_audits:actions": SIGNED_IN,
    "casework_audits:complete-action": SIGNED_IN,
    "supervision:for-me": SIGNED_IN,
    "supervision:due": SIGNED_IN,
    "supervision:counts": SIGNED_IN,
    "supervision:respond": SIGNED_IN,
    "supervision:complete-action": SIGNED_IN,
    "supervision:child": SIGNED_IN,
    "supervision:record": SIGNED_IN,
    "practice:analysis": SIGNED_IN,
    "practice:extend": SIGNED_IN,
    "practice:withdraw": SIGNED_IN,
    "guardrails:record-indicators": SIGNED_IN,
    "guardrails:second-reviews": SIGNED_IN,
    "guardrails:second-review": SIGNED_IN,
    "strategy:index": SIGNED_IN,
    "strategy:discussion": SIGNED_IN,
    "strategy:circulate": SIGNED_IN,
    "strategy:conference": SIGNED_IN,
    "strategy:plan-review": SIGNED_IN,
    "referrals:close-episode": SIGNED_IN,
    "visits:mine": SIGNED_IN,
    "visits:overdue": SIGNED_IN,
    "visits:team": SIGNED_IN,
    "visits:allocation": SIGNED_IN,
    "visits:record-visit": SIGNED_IN,
    "handovers:queue": SIGNED_IN,
    "mywork:mine": SIGNED_IN,
    "mywork:team": SIGNED_IN,
    "handovers:handover": SIGNED_IN,
    "handovers:accept": SIGNED_IN,
    "handovers:send-back": SIGNED_IN,
    "handovers:resend": SIGNED_IN,
    "handovers:step-up": SIGNED_IN,
    "handovers:council-answer": SIGNED_IN,
    "assessments:caseloads": SIGNED_IN,
    "assessments:assessment": SIGNED_IN,
    "assessments:authorise": SIGNED_IN,
    "insight:index": SIGNED_IN,
    "insight:measure": SIGNED_IN,
    "insight:front-door": SIGNED_IN,
    "insight:front-door-children": SIGNED_IN,
    "insight:front-door-export": SIGNED_IN,
    "returns:index": SIGNED_IN,
    "returns:census": SIGNED_IN,
    "returns:annex-a": SIGNED_IN,
    "returns:quality": SIGNED_IN,
    "missing:now": SIGNED_IN,
    "missing:queue": SIGNED_IN,
    "missing:report": SIGNED_IN,
    "missing:child": SIGNED_IN,
    "missing:report-child": SIGNED_IN,
    "missing:episode": SIGNED_IN,
    "missing:link": SIGNED_IN,
    "missing:police-report": SIGNED_IN,
    "missing:return": SIGNED_IN,
    "missing:attempt": SIGNED_IN,
    "missing:offer": SIGNED_IN,
    "missing:answer": SIGNED_IN,
    "missing:complete": SIGNED_IN,
    "missing:siblings": SIGNED_IN,
    "missing:review": SIGNED_IN,
    "missing:repeat": SIGNED_IN,
    "missing:repeat-decision": SIGNED_IN,
    "missing:information": SIGNED_IN,
    "missing:information-children": SIGNED_IN,
    "police:triage": SIGNED_IN,
    "police:upload": SIGNED_IN,
    "police:batches": SIGNED_IN,
    "police:batch": SIGNED_IN,
    "police:notification": SIGNED_IN,
    "police:rate": SIGNED_IN,
    "police:review-list": SIGNED_IN,
    "police:review": SIGNED_IN,
    "police:quality": SIGNED_IN,
    "police:quality-list": SIGNED_IN,
    "police:volume": SIGNED_IN,
    "police:volume-week": SIGNED_IN,
    "enquiries:index": SIGNED_IN,
    "enquiries:contact": SIGNED_IN,
    "enquiries:consent": SIGNED_IN,
    "enquiries:authorise": SIGNED_IN,
    "enquiries:send": SIGNED_IN,
    "enquiries:enquiry": SIGNED_IN,
    "enquiries:withdraw": SIGNED_IN,
    "enquiries:attachment": SIGNED_IN,
    "enquiries:information": SIGNED_IN,
    "enquiries:information-list": SIGNED_IN,
    "partners:home": SIGNED_IN,
    "partners:requests": SIGNED_IN,
    "partners:request": SIGNED_IN,
    "partners:referrals": SIGNED_IN,
    "partners:new-referral": SIGNED_IN,
    "partners:referral-step": SIGNED_IN,
    "partners:referral": SIGNED_IN,
    "partners:feedback-queue": SIGNED_IN,
    "partners:feedback": SIGNED_IN,
}

EXAMPLE_ARGS = {"uuid": str(uuid.uuid4()), "slug": "screening", "str": "x", "int": "1", "path": "x"}


def _walk(resolver: URLResolver, prefix: str = "", namespace: str = ""):
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), f"{namespace}{entry.name}" if entry.name else None


def _example_path(pattern: str) -> str:
    # A plain <name> segment (django-ninja's routes) is filled like a uuid: every id is one.
    path = re.sub(r"<([a-z_]+)>", EXAMPLE_ARGS["uuid"], pattern)
    for converter, example in EXAMPLE_ARGS.items():
        while f"<{converter}:" in path:
            start = path.index(f"<{converter}:")
            end = path.index(">", start)
            path = path[:start] + example + path[end + 1 :]
    path = path.replace("^", "").replace("$", "").replace("\\Z", "")
    return "/" + path


ALL = list(_walk(get_resolver()))


def _kind(pattern: str, name: str | None) -> str | None:
    if pattern.startswith("admin/"):
        return ADMIN
    if pattern.startswith("api/"):
        return API_DOCS if ("docs" in pattern or "openapi" in pattern) else API
    return CLASSIFIED.get(name or "")


def test_every_url_is_classified():
    unclassified = [(p, n) for p, n in ALL if _kind(p, n) is None]
    assert unclassified == [], "Classify these URLs in tests/test_every_url_is_protected.py"


def test_nothing_classified_is_missing_from_the_configuration():
    names = {n for _, n in ALL}
    assert set(CLASSIFIED) - names == set()


@pytest.mark.django_db
@pytest.mark.parametrize(("pattern", "name"), ALL, ids=[p or "root" for p, _ in ALL])
def test_anonymous_visitor_is_turned_away(client, pattern, name):
    kind = _kind(pattern, name)
    path = _example_path(pattern)
    if "(?P<" in path or "<" in path:
        pytest.skip("pattern needs arguments this walker does not fill")
    response = client.get(path)
    if kind == PUBLIC:
        assert response.status_code == 200
    elif kind == API:
        assert response.status_code in (401, 404, 405)
    elif kind == ADMIN:
        # The admin has no sign-in page of its own: it sends everyone to the service's.
        assert response.status_code in (302, 404), path
        if response.status_code == 302:
            assert response["Location"].startswith(("/sign-in/", "/admin/login/"))
    else:
        assert response.status_code == 302, path
        assert response["Location"].startswith("/sign-in/")
