"""The permission matrix, checked cell by cell (../shared/SECURITY.md, 1).

`frontdoor/access/permission-matrix.txt` is the one place that says who may do what: for each
page route and API operation, each kind of record it can be asked about, and each role, the
answer is `allow`, `404` (out of scope: its existence is not shown), `403` (in sight, but not
for this role) or `invalid` (let through, but this record refuses the step). This test:

- fails if a route (from the URL resolver) or an API operation (from the django-ninja routers)
  is not in the matrix, or the matrix names one that no longer exists;
- for every row, builds a real record of the row's kind in the row's state through the real
  actions (tests/matrix_records.py), signs in as each role (a finished sign-in, stepped up, for
  pages; a bearer token for the API) and checks the answer.

`allow` means the request succeeded: a page, or a redirect onwards (not to sign in, to step up,
or with an error message); for a POST, the action happened: a complete, valid form or JSON body
(tests/matrix_bodies.py) came back 2xx or redirected onwards with no form errors. A 400, 409
or 422 is `invalid`, never `allow`. A POST gets a fresh record once the one it was sent about
has changed; a refused POST (403 or 404) must leave its record as it was.

A restricted record (`:restricted`, nobody in the cast on the allow-list) must answer every
role exactly as a made-up id does: each of its cells is also asked with made-up ids and the
answers compared, so "restricted" cannot be told from "does not exist".

CI runs this on SQLite and on PostgreSQL. A failing row prints the line as observed, to compare.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.contrib import messages
from django.forms import BaseForm
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from config.api import api
from frontdoor.access.step_up import SESSION_KEY as STEPPED_UP_AT
from frontdoor.access.tests.service_accounts import token_for
from tests.matrix_bodies import api_body, page_body
from tests.matrix_records import BUILDERS, Built, Cast, build, cast_of_every_role, parse

MATRIX = Path(settings.BASE_DIR) / "frontdoor" / "access" / "permission-matrix.txt"
ROLES = [
    "contact_officer",
    "screener",
    "hub_worker",
    "manager",
    "area_worker",
    "partner",
    "auditor",
    "senior_leader",
    "admin",
    "ig_lead",
    "early_help_worker",
]
OUTCOMES = {"allow", "403", "404", "invalid"}
# A query string a route needs whatever the record (the backlog's filter: every waiting child).
QUERIES = {"oversight:start-urgent-review": "older_than=0"}
# Break-glass is the way into a restricted record: its form is the same for any id, and giving
# the reason opens a restricted record but answers 404 for an id that is no record.
OPENS_RESTRICTED = {"access:break-glass"}
# The information governance lead keeps the allow-lists (see_restricted_identities), and answers
# "who has looked at this child?": the log of views of a restricted child, never its record.
SEES_WHO_VIEWED_RESTRICTED = {("governance:child-views-of", "ig_lead")}


@dataclass(frozen=True)
class Row:
    route: str  # a URL name, or "api" for an API operation
    method: str
    path: str  # "" for a page; the API operation's path, e.g. /api/contacts/{family_id}
    record: str
    expected: tuple[str, ...]
    line: int

    @property
    def id(self) -> str:
        where = self.path or self.route
        return f"{self.method} {where} [{self.record}]"

    @property
    def real(self) -> bool:
        """About a record that exists (not `-`, nothing, or `absent`, a made-up id)."""
        return parse(self.record)[0] not in ("-", "absent")


def parse_matrix() -> list[Row]:
    rows = []
    for number, text in enumerate(MATRIX.read_text().splitlines(), 1):
        text = text.split("#", 1)[0].strip()
        if not text:
            continue
        parts = text.split()
        if parts[0] == "api":
            route, method, path, record, *cells = parts
        else:
            route, method, record, *cells = parts
            path = ""
        assert len(cells) == len(ROLES), f"line {number}: {len(cells)} cells for {len(ROLES)}"
        assert set(cells) <= OUTCOMES, f"line {number}: unknown outcome in {cells}"
        rows.append(Row(route, method, path, record, tuple(cells), number))
    return rows


ROWS = parse_matrix()


# --- What the code has -------------------------------------------------------------------------


def _walk(resolver: URLResolver, prefix: str = "", namespace: str = "") -> Iterator[tuple]:
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), f"{namespace}{entry.name}", entry


def page_routes() -> set[str]:
    """Every named page route, less the Django admin (staff only, no case records) and the API
    (whose operations are listed one by one below)."""
    return {
        name
        for pattern, name, _ in _walk(get_resolver())
        if not pattern.startswith(("admin/", "api/"))
    }


@cache
def api_paths() -> dict[tuple[str, str], str]:
    """Each API operation, as the matrix names it (no trailing slash), and its real path (a
    router's "/" keeps its slash: without it the request is only redirected)."""
    found = {}
    for prefix, router in api._routers:
        for path, path_view in router.path_operations.items():
            for operation in path_view.operations:
                for method in operation.methods:
                    full = "/".join(p.strip("/") for p in ("api", prefix, path) if p.strip("/"))
                    found[(method, f"/{full}")] = f"/{full}/" if path.endswith("/") else f"/{full}"
    return found


def api_operations() -> set[tuple[str, str]]:
    return set(api_paths())


def test_every_page_route_is_in_the_matrix():
    listed = {r.route for r in ROWS if r.route != "api"}
    assert sorted(page_routes() - listed) == [], "Add these routes to the permission matrix"


def test_every_api_operation_is_in_the_matrix():
    listed = {(r.method, r.path.rstrip("/")) for r in ROWS if r.route == "api"}
    missing = sorted(api_operations() - listed)
    assert missing == [], "Add these API operations to the permission matrix"


def test_the_matrix_names_nothing_that_does_not_exist():
    pages = {r.route for r in ROWS if r.route != "api"} - page_routes()
    operations = {(r.method, r.path.rstrip("/")) for r in ROWS if r.route == "api"}
    assert (pages, operations - api_operations()) == (set(), set())


def test_the_matrix_has_no_duplicate_cells():
    keys = [(r.route, r.method, r.path, r.record) for r in ROWS]
    assert len(keys) == len(set(keys))


def test_every_kind_of_record_in_the_matrix_has_a_builder():
    unknown = sorted({r.record for r in ROWS if parse(r.record)[0] not in BUILDERS})
    assert unknown == [], "Add a builder to tests/matrix_records.py"


def takes_an_id(row: Row) -> bool:
    if row.route == "api":
        return "{" in row.path
    return any(type(c).__name__ == "UUIDConverter" for c in converters()[row.route].values())


def test_a_restricted_record_is_never_opened_but_by_breaking_glass():
    # A route that takes no id (a form, a sample of decisions) may act beside a restricted
    # record without opening it: what it shows and writes is checked cell by cell.
    leaks = [
        f"line {r.line}: {r.id}"
        for r in ROWS
        if parse(r.record)[2] == "restricted"
        and takes_an_id(r)
        and r.route not in OPENS_RESTRICTED
        and any(
            answer == "allow" and (r.route, role) not in SEES_WHO_VIEWED_RESTRICTED
            for role, answer in zip(ROLES, r.expected, strict=True)
        )
    ]
    assert leaks == []


# --- The cast ----------------------------------------------------------------------------------


@pytest.fixture
def cast(make_user, child_protection_hub, area_team, police_agency) -> Cast:
    return cast_of_every_role(make_user, child_protection_hub, area_team, police_agency)


# --- Asking ------------------------------------------------------------------------------------


def _value(name: str, converter: Any, built: Built) -> Any:
    if "*" in built.values:  # a made-up id, or a name that matches nothing
        return built.values["*"] if type(converter).__name__ == "UUIDConverter" else "x"
    if name not in built.values:
        raise AssertionError(f"the record has no value for the route's {name!r}")
    return built.values[name]


@cache
def converters() -> dict[str, dict[str, Any]]:
    """Each page route's parameters and their converters, by the route's name."""
    return {name: entry.pattern.converters for _, name, entry in _walk(get_resolver())}


def page_url(row: Row, built: Built) -> str:
    kwargs = {k: _value(k, c, built) for k, c in converters()[row.route].items()}
    query = "&".join(q for q in (built.query, QUERIES.get(row.route, "")) if q)
    return reverse(row.route, kwargs=kwargs) + (f"?{query}" if query else "")


def api_url(row: Row, built: Built) -> str:
    path = api_paths()[(row.method, row.path.rstrip("/"))]
    while "{" in path:
        start = path.index("{")
        end = path.index("}", start)
        name = path[start + 1 : end]
        value = built.values["*"] if "*" in built.values else built.values[name]
        path = path[:start] + str(value) + path[end + 1 :]
    return path


def made_up_ids(built: Built) -> Built:
    """The same record's values with every id made up: what a record that does not exist gets."""
    fresh: dict[Any, uuid.UUID] = {}
    values = {
        name: fresh.setdefault(value, uuid.uuid4()) if isinstance(value, uuid.UUID) else value
        for name, value in built.values.items()
    }
    return replace(built, values=values)


@dataclass
class Answer:
    outcome: str
    detail: str  # what the response said, for a failing row's report


SIGN_IN = ("/sign-in/?", "/sign-in/code/?")
STEP_UP = "/confirm-it-is-you/"


def _form_errors(response: Any) -> list[str]:
    """The errors of any bound form the page was rendered with."""
    found = []
    for context in getattr(response, "context", None) or []:
        for values in getattr(context, "dicts", []):
            for value in values.values():
                if isinstance(value, BaseForm) and value.is_bound and value.errors:
                    found += [f"{k}: {' '.join(v)}" for k, v in value.errors.items()]
    return list(dict.fromkeys(found))  # a form is in several of the context's layers


def _error_messages(response: Any) -> list[str]:
    """The error messages this request added (not those still waiting from an earlier one)."""
    stored = getattr(response.wsgi_request, "_messages", None)
    added = getattr(stored, "_queued_messages", [])
    return [str(m) for m in added if m.level >= messages.ERROR]


def classify(response: Any, *, api: bool = False) -> Answer:
    status = response.status_code
    location = response.get("Location", "")
    problems = _error_messages(response) + _form_errors(response)
    detail = f"{status} {location}".strip()
    if problems:
        detail += f" {problems}"
    elif status >= 400 and response.get("Content-Type", "").startswith("application/json"):
        detail += f" {response.content[:300].decode(errors='replace')}"
    if status in (403, 404, 401, 405) or status >= 500:
        return Answer(str(status), detail)
    if status in (400, 409, 422) or problems:
        return Answer("invalid", detail)
    if status in (301, 302, 303) and api:
        return Answer("redirect", detail)  # an API answers; it never sends a caller elsewhere
    if status in (301, 302, 303) and location.startswith(SIGN_IN):
        return Answer("sign-in", detail)  # signing out lands on plain /sign-in/: that is allow
    if status in (301, 302, 303) and location.startswith(STEP_UP):
        return Answer("step-up", detail)
    if 200 <= status < 400:
        return Answer("allow", detail)
    return Answer(str(status), detail)


def signed_in(user: Any) -> Client:
    """A finished sign-in, stepped up a moment ago (as before an export or a break-glass)."""
    client = Client()
    client.force_login(user)
    session = client.session
    session[STEPPED_UP_AT] = int(time.time())
    session.save()
    return client


def ask(row: Row, cast: Cast, role: str, built: Built, signed: dict[str, Any]) -> Answer:
    """Ask as `role`, signed in once for the row (`signed` keeps each role's page client or
    API token)."""
    user = cast.users[role]
    if row.route == "api":
        if role not in signed:
            signed[role] = {"Authorization": f"Bearer {token_for(user, name='matrix')}"}
        headers = signed[role]
        url = api_url(row, built)
        if row.method == "GET":
            return classify(Client().get(url, headers=headers), api=True)
        body = json.dumps(api_body(row.method, row.path, cast, built, user), default=str)
        response = Client().generic(row.method, url, body, "application/json", headers=headers)
        return classify(response, api=True)
    if role not in signed:
        signed[role] = signed_in(user)
    client = signed[role]
    url = page_url(row, built)
    if row.method == "GET":
        return classify(client.get(url))
    return classify(client.post(url, page_body(row.route, cast, built, user)))


def _observed_line(row: Row, observed: list[str]) -> str:
    head = f"api {row.method} {row.path}" if row.route == "api" else f"{row.route} {row.method}"
    return f"{head} {row.record} " + " ".join(observed)


@pytest.mark.django_db
@pytest.mark.parametrize("row", ROWS, ids=[r.id for r in ROWS])
def test_every_cell_of_the_permission_matrix(row: Row, cast: Cast):
    observed, wrong = [], []
    restricted = parse(row.record)[2] == "restricted" and row.route not in OPENS_RESTRICTED
    writes = row.method != "GET"
    built: Built | None = None
    signed: dict[str, Any] = {}  # each role signed in once for the row
    for role, want in zip(ROLES, row.expected, strict=True):
        if built is None:
            built = build(cast, row.record)
        before = built.fingerprint() if writes else None
        answer = ask(row, cast, role, built, signed)
        observed.append(answer.outcome)
        if answer.outcome != want:
            wrong.append(f"{role}: expected {want}, got {answer.outcome} ({answer.detail})")
        # Where the matrix lets a role see a restricted record on purpose (the information
        # governance lead, who keeps the allow-lists, reads who was viewed), there is nothing
        # to hide; everywhere else a restricted record must look like no record at all.
        if restricted and want != "allow":
            missing = ask(row, cast, role, made_up_ids(built), signed)
            if missing.outcome != answer.outcome:
                wrong.append(
                    f"{role}: a restricted record answered {answer.outcome} ({answer.detail}),"
                    f" a made-up id {missing.outcome} ({missing.detail})"
                )
        if writes:
            changed = built.fingerprint() != before
            if changed and answer.outcome in ("403", "404"):
                wrong.append(f"{role}: refused with {answer.outcome}, yet the record changed")
            if changed or answer.outcome == "allow":
                built = None  # the next role gets a record as this one found it
    assert wrong == [], (
        f"line {row.line}:\n" + "\n".join(wrong) + "\nobserved: " + _observed_line(row, observed)
    )


def cells() -> int:
    return len(ROWS) * len(ROLES)


def cells_with_real_records() -> int:
    return sum(1 for r in ROWS if r.real) * len(ROLES)
