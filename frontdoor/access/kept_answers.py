"""Typed work is never lost to a timeout, on any form (../shared/SECURITY.md, 17; docs/adr/0032).

When a session times out and the next request is a form being sent, SessionTimeoutMiddleware
keeps the answers against the user, on the server, before signing them out, and sends them to
sign in again with the page the form was on (the same-origin Referer) as where to go next: for a
form that posts to its own address that is the same page, and for one that posts elsewhere (a
partner's answer on the enquiry page, an oversight on the child's record) it is the page it was
on, not an address that only takes a POST.

When the same user signs in again and that page builds its form, the form takes the answers
back by itself: `GovukFormMixin` (frontdoor/govuk/forms/base.py), the base of every form in the
service, asks `given_back(form)` when it is built without data. So no view has to remember, and
a new form cannot forget; tests/test_no_lost_work.py sends every form in the permission matrix
through a timeout to prove it. The form is filled in as they left it, for them to check and send
again: nothing is saved for them, and a form that has since gone stale (someone else decided
first) still says so.

Kept answers are about a child, so the access rules hold:

- they are the typist's alone (kept against the user, given back only to them);
- they are given back only while the page itself is built, after the page has opened its record
  (`open_record`): a record now hidden from the user is a 404 before any form exists;
- restricting a child forgets every kept answer whose page names a record about that child
  (`forget_about`), and revoking someone's access to a restricted child forgets theirs, so
  nothing typed about the child outlives the user's right to it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import timedelta
from functools import reduce
from operator import or_
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from django.apps import apps
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import HttpRequest, QueryDict
from django.urls import Resolver404, resolve
from django.utils import timezone

from frontdoor.access.models import KeptAnswers, User
from frontdoor.access.records import AboutAChild, child_paths

if TYPE_CHECKING:
    from django.forms import BaseForm

    from frontdoor.people.models import Person

MAX_BYTES = 200_000
NOT_KEPT = {"csrfmiddlewaretoken"}
# In the session of someone signed in while answers were kept for them: only then does building
# a form look for them, so an ordinary page costs no query.
SESSION_FLAG = "frontdoor_kept_answers"
GIVEN_BACK = (
    "You were signed out before this was saved. We kept what you typed: check it, "
    "then save it again."
)

_request: ContextVar[HttpRequest | None] = ContextVar("frontdoor_kept_request", default=None)


@contextmanager
def answering(request: HttpRequest) -> Iterator[None]:
    """While `request` is answered, forms built for it may take back kept answers."""
    token = _request.set(request)
    try:
        yield
    finally:
        _request.reset(token)


def form_page(request: HttpRequest, *, with_query: bool = False) -> str:
    """The page a POSTed form was on: the Referer's path (and query, if asked: a filtered list
    needs it to be the same page again) when it is this service's own page, otherwise the
    address it was sent to."""
    referer = urlsplit(request.headers.get("Referer", ""))
    if referer.path.startswith("/") and referer.netloc == request.get_host():
        if with_query and referer.query:
            return f"{referer.path}?{referer.query}"
        return referer.path[:300]
    return request.get_full_path() if with_query else request.path[:300]


def keep(user: User, request: HttpRequest) -> str | None:
    """Keep the POSTed answers of `request` for `user`, against the page the form was on, and
    return that page (None if nothing was typed). Files are not kept."""
    data = {k: request.POST.getlist(k) for k in request.POST if k not in NOT_KEPT}
    if not data or len(json.dumps(data)) > MAX_BYTES:
        return None
    page = form_page(request)
    now = timezone.now()
    too_old = now - timedelta(seconds=settings.FRONTDOOR_SESSION_ABSOLUTE_SECONDS)
    KeptAnswers.objects.filter(kept_at__lt=too_old).delete()
    KeptAnswers.objects.filter(user=user, path=page).delete()
    KeptAnswers.objects.create(user=user, path=page, data=data, kept_at=now)
    return page


def note_on_sign_in(request: HttpRequest, user: User) -> None:
    """At the first request of a new session: are answers waiting for this user?"""
    if KeptAnswers.objects.filter(user=user).exists():
        request.session[SESSION_FLAG] = True


def given_back(form: BaseForm) -> QueryDict | None:
    """The answers kept for the page being built, if they are this form's: some of its fields
    are among them. Called by every form built without data (GovukFormMixin)."""
    request = _request.get()
    if request is None or request.method != "GET":
        return None
    answers = _answers_for(request)
    if answers is None:
        return None
    if not any(form.add_prefix(name) in answers for name in form.fields):
        return None
    if not getattr(request, "_frontdoor_kept_told", False):
        request._frontdoor_kept_told = True  # type: ignore[attr-defined]
        messages.info(request, GIVEN_BACK)
    return answers


def _answers_for(request: HttpRequest) -> QueryDict | None:
    """The answers kept for this user and page, taken once (deleted as they are given) and
    then shared by every form the page builds."""
    if hasattr(request, "_frontdoor_kept"):
        return request._frontdoor_kept  # type: ignore[no-any-return]
    request._frontdoor_kept = None  # type: ignore[attr-defined]
    user = request.user
    session = getattr(request, "session", None)
    if not isinstance(user, User) or session is None or not session.get(SESSION_FLAG):
        return None
    too_old = timezone.now() - timedelta(seconds=settings.FRONTDOOR_SESSION_ABSOLUTE_SECONDS)
    mine = KeptAnswers.objects.filter(user=user, kept_at__gte=too_old)
    kept = mine.filter(path=request.path[:300]).order_by("-kept_at").first()
    if kept is not None:
        KeptAnswers.objects.filter(user=user, path=kept.path).delete()
        answers = QueryDict(mutable=True)
        for key, values in kept.data.items():
            answers.setlist(key, [str(v) for v in values])
        request._frontdoor_kept = answers  # type: ignore[attr-defined]
    if not mine.exists():
        session.pop(SESSION_FLAG, None)
    given: QueryDict | None = getattr(request, "_frontdoor_kept", None)
    return given


# --- Access: nothing typed about a child outlives the right to read it -------------------------


def forget_about(person: Person, *, users: list[User] | None = None) -> int:
    """Delete the answers kept (for `users`, or for everyone) on pages that name a record about
    `person`. Returns how many were forgotten."""
    kept = KeptAnswers.objects.all()
    if users is not None:
        kept = kept.filter(user__in=users)
    doomed = [row.pk for row in kept.only("pk", "path") if _names(row.path, person)]
    KeptAnswers.objects.filter(pk__in=doomed).delete()
    return len(doomed)


def _names(path: str, person: Person) -> bool:
    """Does the page at `path` name a record about `person`? Its address's ids are looked up in
    every model about a child (an id that is a record of any of them, about this child, counts:
    forgetting too much is safe, keeping too much is not)."""
    try:
        ids = [str(v) for v in resolve(path).kwargs.values()]
    except Resolver404:
        return False
    if not ids:
        return False
    for model in apps.get_models():
        if not issubclass(model, AboutAChild):
            continue
        about = reduce(or_, (Q(**{p or "pk": person.pk}) for p in child_paths(model)))
        pks = _as_pks(model, ids)
        if pks and model._base_manager.filter(about, pk__in=pks).exists():
            return True
    return False


def _as_pks(model: Any, ids: list[str]) -> list[Any]:
    found = []
    for value in ids:
        try:
            found.append(model._meta.pk.to_python(value))
        except (ValidationError, ValueError, TypeError):
            continue
    return found
