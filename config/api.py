"""The partner and service-account API (django-ninja, OpenAPI 3.1 at /api/openapi.json).

It calls the same actions and queries as the pages, so it obeys the same policy. Every operation
needs a service account's bearer token (`frontdoor/access/tokens.py`) or a signed-in session;
anyone else gets a 401 in JSON, whatever the method.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer
from ninja.security import SessionAuth as NinjaSessionAuth

from frontdoor.access.tokens import user_for_token
from frontdoor.assessments.api import router as assessments_router
from frontdoor.backlog.api import router as backlog_router
from frontdoor.contacts.api import router as contacts_router
from frontdoor.enquiries.api import router as enquiries_router
from frontdoor.enquiries.api.hub import router as hub_enquiries_router
from frontdoor.guardrails.api import router as second_reviews_router
from frontdoor.handovers.api import router as handovers_router
from frontdoor.history.api import router as history_router
from frontdoor.integration.api import router as events_router
from frontdoor.matching.api import router as matching_router
from frontdoor.missing.api import router as missing_router
from frontdoor.mywork.api import router as mywork_router
from frontdoor.oversight.api import router as oversight_router
from frontdoor.partners.api import router as partners_router
from frontdoor.people.api import router as people_router
from frontdoor.police.api import router as police_router
from frontdoor.strategy.api import router as strategy_router
from frontdoor.visits.api import router as visits_router
from frontdoor.workflow.errors import WorkflowError
from frontdoor.workflow.respond import describe


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> object | None:
        user = user_for_token(token)
        if user is not None:
            request.user = user
        return user


class SessionAuth(NinjaSessionAuth):
    """A signed-in browser session (with its second factor done: SecondFactorRequiredMiddleware
    makes a half-signed-in session anonymous for the API), which must send the CSRF token with
    any change, as the pages do.

    django-ninja checks CSRF before it looks for a session at all, so a caller with neither a
    token nor a session got 403 "CSRF check Failed" for a POST instead of the documented 401.
    Without a session there is no ambient credential for a forged request to borrow, so the
    check is made only when there is one. (The class keeps ninja's name, and so the OpenAPI
    document keeps its "SessionAuth" security scheme.)"""

    def _get_key(self, request: HttpRequest) -> str | None:
        if not request.user.is_authenticated:
            return None  # not signed in: the 401 below, not a CSRF refusal
        return super()._get_key(request)


api = NinjaAPI(
    title="Frontdoor API",
    version="1",
    description=(
        "Contacts, queues, screening, hub routing, decisions and children's summaries for a "
        "children's services front door. See docs/api.md for examples."
    ),
    auth=[BearerToken(), SessionAuth()],
    docs_decorator=login_required,
    urls_namespace="api",
)
api.add_router("/contacts", contacts_router)
api.add_router("/children", people_router)
api.add_router("/people", matching_router)
api.add_router("/strategy-discussions", strategy_router)
api.add_router("/transfers", visits_router)
api.add_router("/assessments", assessments_router)
api.add_router("/missing", missing_router)
api.add_router("/police", police_router)
api.add_router("/history", history_router)
# Handovers with a receipt: the receiving system accepts or sends back (issue 18).
api.add_router("/handovers", handovers_router)
# Events for other systems: the pull feed (frontdoor/integration, docs/integration.md).
api.add_router("/events", events_router)
# Everything waiting on the caller, across every app (frontdoor/mywork).
api.add_router("/my-work", mywork_router)
# The hub's consent and enquiries, the backlog and urgent reviews, second reviews and
# management oversight: the same actions as their pages (issue 17).
api.add_router("/enquiries", hub_enquiries_router)
api.add_router("/backlog", backlog_router)
api.add_router("/second-reviews", second_reviews_router)
api.add_router("/oversight", oversight_router)
# Partner agencies' systems: their enquiries, and contacts they submit (the same policy as the
# partner pages: their own agency's only).
api.add_router("/partners/enquiries", enquiries_router)
api.add_router("/partners/contacts", partners_router)


def _error(request: HttpRequest, status: int, detail: object) -> HttpResponse:
    return api.create_response(request, {"detail": detail}, status=status)


def _problem(kind: str, field: str | None, message: str) -> dict[str, object]:
    """One problem of a 422. A reason about one input names it by its key in the body, as a
    schema's own refusal does (every operation's body is its `payload`); the record's state
    has an empty `loc`."""
    if field:
        # "actions.0.owner" is the owner of the first action: ["body", "payload", "actions", 0,
        # "owner"], as Pydantic names a list's item.
        at = [int(part) if part.isdigit() else part for part in field.split(".")]
        return {"type": "value_error", "loc": ["body", "payload", *at], "msg": message}
    return {"type": kind, "loc": [], "msg": message}


@api.exception_handler(WorkflowError)
def workflow_error(request: HttpRequest, exc: WorkflowError) -> HttpResponse:
    # The same words the pages show (frontdoor/workflow/respond.py). A record that is not
    # ready answers in the shape of a field's 422, so a client reads one format.
    answer = describe(exc)
    if answer.status == 422:
        detail: object = [_problem(answer.kind, answer.fields.get(m), m) for m in answer.messages]
    else:
        detail = answer.messages[0]
    return _error(request, answer.status, detail)


@api.exception_handler(PermissionDenied)
def forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return _error(request, 403, "Your role does not allow this")


@api.exception_handler(RequestDataTooBig)
def too_big(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    # A body over settings.DATA_UPLOAD_MAX_MEMORY_SIZE (a police batch, say): say so, not 500.
    return _error(request, 400, "The request body is too large: send it in smaller batches")


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return _error(request, 404, "Not found")


@api.exception_handler(AuthenticationError)
def unauthorised(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return _error(request, 401, "Send a valid bearer token or sign in")
