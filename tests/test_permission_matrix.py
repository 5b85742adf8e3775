"""The permission matrix, checked cell by cell (../shared/SECURITY.md, 1).

`frontdoor/access/permission-matrix.txt` is the one place that says who may do what: for each
page route and API operation, each kind of record it can be asked about, and each role, the
answer is `allow`, `404` (out of scope: its existence is not shown) or `403` (in sight, but not
for this role, or a restricted record). This test:

- fails if a route (from the URL resolver) or an API operation (from the django-ninja routers)
  is not in the matrix, or the matrix names one that no longer exists;
- for every row, builds the record, signs in as each role (a finished sign-in for pages, a
  bearer token for the API) and checks the answer.

`allow` means the request got past access control: a page, a redirect onwards, a form's 400 or
an API's 409/422 all count; a redirect to the code or step-up page counts too. CI runs this on
SQLite and on PostgreSQL. A failing row prints the line as observed, to compare.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from config.api import api
from frontdoor.access import actions as access_actions
from frontdoor.access.models import Role
from frontdoor.access.tests.service_accounts import token_for
from frontdoor.contacts import drafts
from frontdoor.contacts.tests import factories as f

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
]
OUTCOMES = {"allow", "403", "404"}


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


def api_operations() -> set[tuple[str, str]]:
    found = set()
    for prefix, router in api._routers:
        for path, path_view in router.path_operations.items():
            for operation in path_view.operations:
                for method in operation.methods:
                    full = "/".join(p.strip("/") for p in ("api", prefix, path) if p.strip("/"))
                    found.add((method, f"/{full}"))
    return found


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


# --- The records a row can be about --------------------------------------------------------------


@dataclass
class Cast:
    users: dict[str, Any]
    ig_lead: Any
    hub: Any
    area_team: Any


@pytest.fixture
def cast(make_user, child_protection_hub, area_team, police_agency, settings) -> Cast:
    # Fast hashing: this test makes ten users per row and checks access, not passwords.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    users = {
        "contact_officer": make_user("colin", Role.CONTACT_OFFICER),
        "screener": make_user("alice", Role.SCREENER),
        "hub_worker": make_user("hamid", Role.HUB_WORKER, team=child_protection_hub),
        "manager": make_user("maya", Role.MANAGER),
        "area_worker": make_user("sam", Role.AREA_WORKER, team=area_team),
        "partner": make_user("priya", Role.PARTNER, agency=police_agency),
        "auditor": make_user("aisha", Role.AUDITOR),
        "senior_leader": make_user("lena", Role.SENIOR_LEADER),
        "admin": make_user("adam", Role.ADMIN),
        "ig_lead": make_user("iris", Role.IG_LEAD),
    }
    return Cast(users, users["ig_lead"], child_protection_hub, area_team)


def _family(cast: Cast, state: str) -> Any:
    u = cast.users
    if state == "received":
        return f.linked(u["screener"], f.received(u["contact_officer"]))
    if state == "screened":
        return f.screened(u["screener"], f.received(u["contact_officer"]))
    if state == "hub":
        return f.in_hub(u["screener"], cast.hub)
    if state == "decision":
        return f.awaiting_decision(u["manager"], cast.hub)
    raise AssertionError(f"unknown state {state}")


def _restrict(cast: Cast, person: Any, how: str) -> None:
    if how == "":
        return
    access_actions.restrict_person(by=cast.ig_lead, person=person, reason="Staff member's child")
    if how == "granted":
        for user in cast.users.values():
            access_actions.grant_access(
                by=cast.ig_lead,
                person=person,
                user=user,
                expires_at=timezone.now() + timedelta(days=7),
                reason="On the allow-list for this test",
            )


def build(cast: Cast, record: str) -> dict[str, Any]:
    """Values for the route's parameters, from the row's kind of record."""
    kind, _, agency = record.partition(":")
    if kind in PARTNER_KINDS:
        return _partner_record(cast, kind, agency)
    if kind == "api-token":
        return _api_token()
    return _mash_record(cast, record)


def _api_token() -> dict[str, Any]:
    """A live token of a service account (the administrator's pages)."""
    from frontdoor.access.models import User
    from frontdoor.access.tests.service_accounts import issuer

    system = User.objects.get_or_create(
        username="matrix-system", defaults={"role": Role.SCREENER, "is_service_account": True}
    )[0]
    issued = access_actions.issue_api_token(by=issuer(), user=system, name="Matrix system")
    return {"token": issued.api_token.public_id}


def _mash_record(cast: Cast, record: str) -> dict[str, Any]:
    kind, _, rest = record.partition(":")
    state, _, how = rest.partition(":")
    if kind == "-":
        return {}
    if kind == "absent":
        return {"*": uuid.uuid4()}
    if kind in ("family", "contact"):
        family = _family(cast, state)
        contact = f.only_child(family)
        _restrict(cast, contact.person, how)
        return {"family": family.pk, "contact": contact.pk}
    if kind == "person":
        person = f.person("Rowan", "Matrix")
        _restrict(cast, person, state)
        return {"person": person.pk}
    if kind == "draft":
        owner = cast.users["contact_officer"]
        return {"draft": drafts.start_draft(by=owner).pk, "owner": owner}
    if kind == "queue":
        return {"slug": "screening" if state == "screening" else cast.hub.slug}
    if kind == "search":  # a person search the screener made and had recorded
        from frontdoor.matching.actions import record_search
        from frontdoor.matching.queries import Criteria, find_people

        screener = cast.users["screener"]
        criteria = Criteria(first_name="Rowan", last_name="Matrix")
        found = find_people(screener, criteria)
        return {"pk": record_search(by=screener, criteria=criteria, found=found).pk}
    if kind == "export":
        today = timezone.localdate()
        query = f"report=user-activity&user=alice&from={today - timedelta(days=7)}&to={today}"
        return {"query": query}
    if kind == "break-glass":
        person = f.person("Rowan", "Matrix")
        _restrict(cast, person, "restricted")
        opened = access_actions.break_glass(
            by=cast.users["manager"], person=person, reason="Emergency for this test"
        )
        return {"pk": opened.pk}
    raise AssertionError(f"unknown kind of record {record}")


PARTNER_KINDS = ("enquiry", "attachment", "submission", "partner-draft", "figure")


def _partner_record(cast: Cast, kind: str, agency: str) -> dict[str, Any]:
    """Records of partner agencies in the loop (frontdoor/enquiries, frontdoor/partners)."""
    if kind in ("enquiry", "attachment"):  # a MASH enquiry to the police or to health
        return _enquiry(cast, agency=agency, attach=kind == "attachment")
    if kind == "submission":  # a contact a partner agency sent on the referral form
        return _submission(cast, agency=agency)
    if kind == "partner-draft":  # the police partner's own referral, being typed
        return {"draft": drafts.start_draft(by=cast.users["partner"]).pk, "step": "about-you"}
    return {"figure": "sent"}  # a figure on the partner agencies' information page


def _partner_of(cast: Cast, agency: str) -> Any:
    """The police partner is Priya, in the cast; the health partner is made when needed."""
    if agency == "police":
        return cast.users["partner"]
    from frontdoor.agencies.models import Agency, AgencyKind
    from frontdoor.codelists.models import Code

    health = Agency.objects.get_or_create(
        name="Wessex Community Health",
        defaults={
            "kind": AgencyKind.HEALTH,
            "referral_source": Code.objects.get(code_list="referral_source", code="3B"),
        },
    )[0]
    from frontdoor.access.models import User

    return User.objects.get_or_create(
        username="hannah", defaults={"role": Role.PARTNER, "agency": health}
    )[0]


def _enquiry(cast: Cast, *, agency: str, attach: bool) -> dict[str, Any]:
    from frontdoor.enquiries.tests import factories as ef
    from frontdoor.enquiries.uploads import check_file

    partner = _partner_of(cast, agency)
    assert partner.agency is not None
    enquiry = ef.sent(cast.users["manager"], cast.hub, partner.agency)
    if not attach:
        return {"pk": enquiry.pk, "enquiry_id": enquiry.pk}
    pdf = check_file("notes.pdf", b"%PDF-1.7\n%%EOF", max_bytes=1024)
    answer = ef.answered(partner, enquiry, attachments=[pdf])
    return {"pk": answer.attachments.get().pk}


def _submission(cast: Cast, *, agency: str) -> dict[str, Any]:
    from frontdoor.contacts import actions as contact_actions

    family = contact_actions.receive_contact(
        by=_partner_of(cast, agency), details=f.contact_details()
    )
    return {"pk": family.pk, "family_id": family.pk}


# --- Asking ------------------------------------------------------------------------------------


PARAMETER_SOURCES = {
    "pk": ("family", "contact", "pk", "person"),
    "family_id": ("family", "family_id"),
    "contact_id": ("contact",),
    "person_id": ("person",),
    "person": ("person",),
    "draft": ("draft",),
    "slug": ("slug",),
    "enquiry_id": ("enquiry_id",),
    "figure": ("figure",),
    "token": ("token",),
}


def _value(name: str, row: Row, built: dict[str, Any]) -> Any:
    if "*" in built:
        return "x" if name in ("slug", "step", "figure", "month") else built["*"]
    if name == "step":
        return built.get("step", "referrer")
    sources = PARAMETER_SOURCES.get(name, ())
    if row.record.startswith("contact") and name == "pk":
        sources = ("contact",)
    for source in sources:
        if source in built:
            return built[source]
    raise AssertionError(f"{row.id}: no value for parameter {name!r}")


def page_url(row: Row, built: dict[str, Any]) -> str:
    for _, name, entry in _walk(get_resolver()):
        if name == row.route:
            kwargs = {k: _value(k, row, built) for k in entry.pattern.converters}
            query = f"?{built['query']}" if "query" in built else ""
            return reverse(row.route, kwargs=kwargs) + query
    raise AssertionError(f"no route {row.route}")


def api_url(row: Row, built: dict[str, Any]) -> str:
    path = row.path
    while "{" in path:
        start = path.index("{")
        end = path.index("}", start)
        path = path[:start] + str(_value(path[start + 1 : end], row, built)) + path[end + 1 :]
    return path


def api_body(row: Row, cast: Cast) -> dict[str, Any]:
    from frontdoor.api.tests import bodies

    last = row.path.rstrip("/").rsplit("/", 1)[-1]
    if row.path.startswith("/api/partners/"):
        return _partner_api_body(last)
    return {
        "contacts": bodies.contact_body(),
        "link": {"create": True},
        "search": {"first_name": "Rowan", "last_name": "Matrix"},  # /api/people/search
        "screening": bodies.screening_body(),
        "send-to-hub": {"hub": cast.hub.slug},
        "analysis": bodies.analysis_body(),
        "decision": bodies.decision_body(cast.area_team.slug),
    }.get(last, {})


def _partner_api_body(last: str) -> dict[str, Any]:
    """Valid bodies for the partner operations, so that the cell is about access, not a 422."""
    from frontdoor.api.tests import bodies

    if last == "answer":
        return {"known": "no", "summary": "Not known to us: checked our records"}
    mash_only = {"received_at", "referral_source", "referrer_organisation", "referrer_is_public"}
    return {k: v for k, v in bodies.contact_body().items() if k not in mash_only}


def outcome(response: Any) -> str:
    status = response.status_code
    if status in (403, 404):
        return str(status)
    if status == 401:
        return "401"
    if status == 302 and response["Location"].startswith(("/sign-in/?", "/sign-in/code/?")):
        return "sign-in"  # turned away to sign in (signing out lands on plain /sign-in/)
    if status >= 500:
        return f"{status}"
    return "allow"


def ask(row: Row, cast: Cast, role: str, built: dict[str, Any]) -> str:
    user = cast.users[role]
    if row.route == "api":
        client = Client()
        headers = {"Authorization": f"Bearer {token_for(user, name='matrix')}"}
        url = api_url(row, built)
        if row.method == "GET":
            return outcome(client.get(url, headers=headers))
        body = json.dumps(api_body(row, cast))
        return outcome(client.generic(row.method, url, body, "application/json", headers=headers))
    client = Client()
    client.force_login(user)
    url = page_url(row, built)
    if row.method == "GET":
        return outcome(client.get(url))
    return outcome(client.post(url, {}))


def _observed_line(row: Row, observed: list[str]) -> str:
    head = f"api {row.method} {row.path}" if row.route == "api" else f"{row.route} {row.method}"
    return f"{head} {row.record} " + " ".join(observed)


@pytest.mark.django_db
@pytest.mark.parametrize("row", ROWS, ids=[r.id for r in ROWS])
def test_every_cell_of_the_permission_matrix(row: Row, cast: Cast):
    observed = []
    built = build(cast, row.record)
    for role in ROLES:
        if row.method != "GET" and role != ROLES[0]:
            built = build(cast, row.record)  # a fresh record for each role: a POST changes it
        observed.append(ask(row, cast, role, built))
    wrong = [
        f"{role}: expected {want}, got {got}"
        for role, want, got in zip(ROLES, row.expected, observed, strict=True)
        if want != got
    ]
    assert wrong == [], (
        f"line {row.line}:\n" + "\n".join(wrong) + "\nobserved: " + _observed_line(row, observed)
    )


def cells() -> int:
    return len(ROWS) * len(ROLES)
