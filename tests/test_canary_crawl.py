"""The canary crawl (../shared/SECURITY.md, 3).

Unique marker strings are seeded into records that a role must not see:

- a restricted child (a staff member's child) and the contact about her, which nobody but the
  allow-list may open: her name, address, postcode and the concern's narrative;
- the narratives and children's names of ordinary contacts, which partner agencies (for now:
  their own submissions are not built yet), auditors, senior leaders, administrators and the
  information governance lead must not read.

Then each role crawls everything it can reach: every page route filled in with the id of every
record there is, every link on every page it gets, every API read with every id, searches
by the first letters of the markers, the dashboards, the governance pages and an audit export,
the error pages, and the email that break-glass sends. Any marker in any answer fails the test.
The crawl prints how many answers it read and how many markers it found (always 0).

The same crawl proves that GET never changes state (../shared/SECURITY.md, 21): every table
but the audit trail and sign-in bookkeeping is identical before and after thousands of reads.
"""

from __future__ import annotations

import ast
import inspect
import io
import json
import re
import sys
import textwrap
import time
import zipfile
from collections import deque
from datetime import timedelta
from typing import Any

import pytest
from django.apps import apps
from django.core import mail
from django.db import models
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from config.api import api
from frontdoor.access import actions as access_actions
from frontdoor.access.models import Role
from frontdoor.access.tests.personas import county, persona
from frontdoor.access.tests.service_accounts import token_for, twin_of
from frontdoor.handovers.actions import early_help_team
from tests import canary_world
from tests.canary_world import ORDINARY, RESTRICTED

pytestmark = pytest.mark.django_db

# Who must not see which markers. The manager is on the restricted child's allow-list, and
# MASH staff may read ordinary contacts, so they crawl for the restricted markers only.
MUST_NOT_SEE = {
    "contact_officer": RESTRICTED,
    "screener": RESTRICTED,
    "hub_worker": RESTRICTED,
    "area_worker": RESTRICTED,
    "partner": RESTRICTED + ORDINARY,
    "health_partner": RESTRICTED + ORDINARY,
    "auditor": RESTRICTED + ORDINARY,
    "senior_leader": RESTRICTED + ORDINARY,
    "admin": RESTRICTED + ORDINARY,
    # Early help reads only the children stepped down to its team (none in the canary world).
    "early_help_worker": RESTRICTED + ORDINARY,
    # The information governance lead may see who a restricted child is (to keep allow-lists
    # and answer "who viewed"), never what is recorded about any child.
    "ig_lead": [canary_world.SAID, "Zqxordinarynarrative"],
}
MAX_ANSWERS = 6000
found_total: list[int] = []
read_total: list[int] = []


def build_world() -> tuple[dict[str, Any], Any]:
    """The cast and the canary world. Built once for the module: each role's crawl only reads it
    (and proves it), and each starts from it as built (conftest.py's `built_once_per_module`)."""
    hub, area_team, police = county()
    health = canary_world.health_agency()
    users = {
        "contact_officer": persona("colin", Role.CONTACT_OFFICER),
        "screener": persona("alice", Role.SCREENER),
        "hub_worker": persona("hamid", Role.HUB_WORKER, team=hub),
        "manager": persona("maya", Role.MANAGER),
        "area_worker": persona("sam", Role.AREA_WORKER, team=area_team),
        "partner": persona("priya", Role.PARTNER, agency=police),
        "health_partner": persona("hannah", Role.PARTNER, agency=health),
        "auditor": persona("aisha", Role.AUDITOR),
        "senior_leader": persona("lena", Role.SENIOR_LEADER),
        "admin": persona("adam", Role.ADMIN, is_staff=True, is_superuser=True),
        "ig_lead": persona("iris", Role.IG_LEAD, email="iris@wessex.example"),
        "early_help_worker": persona("eve", Role.EARLY_HELP_WORKER, team=early_help_team()),
    }
    built = canary_world.build(users, hub, area_team, police)
    return users, built.person


@pytest.fixture(scope="module")
def the_world(built_once_per_module):
    return built_once_per_module(build_world)


@pytest.fixture
def world(the_world):
    users, person = the_world
    for user in users.values():  # as the database has them (an earlier crawl rolled back)
        user.refresh_from_db()
    person.refresh_from_db()
    return users, person


# --- Where to go ---------------------------------------------------------------------------


def _walk(resolver: URLResolver, prefix: str = "") -> Any:
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            yield from _walk(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry


def every_uuid() -> dict[type[models.Model], list[str]]:
    """Whatever a route could be given, by kind of record: the id of every record about the
    restricted child (in any app), two of every other kind of record about a child (the
    ordinary children's), and the records that are about no child (teams, agencies, batches,
    rounds, ...)."""
    from django.db.models import Q

    from frontdoor.access.models import RestrictedRecord
    from frontdoor.access.records import AboutAChild, child_paths

    restricted = list(RestrictedRecord.objects.values_list("person_id", flat=True))
    ids: dict[type[models.Model], list[str]] = {}
    for model in apps.get_models():
        if not isinstance(model._meta.pk, models.UUIDField):
            continue
        rows = model._default_manager.order_by("pk")
        if not issubclass(model, AboutAChild):
            ids[model] = [str(pk) for pk in rows.values_list("pk", flat=True)[:40]]
            continue
        about = Q()
        for path in child_paths(model):
            about |= Q(**{f"{path or 'pk'}__in": restricted})
        theirs = list(rows.filter(about).values_list("pk", flat=True).distinct())
        others = list(rows.exclude(pk__in=theirs).values_list("pk", flat=True)[:2])
        ids[model] = [str(pk) for pk in theirs + others]
    return ids


def _unwrapped(view: Any) -> Any:
    while hasattr(view, "__wrapped__"):
        view = view.__wrapped__
    return getattr(view, "view_class", view)


def route_model(entry: URLPattern, parameter: str) -> type[models.Model] | None:
    """The kind of record a route's one id names, read from its view: the reader it hands the
    id to (`get_x_for(user, pk)`) says what it returns. None when the view does not say (it
    is then given every id there is)."""
    view = _unwrapped(entry.callback)
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(view)))
    except (OSError, TypeError):
        return None
    module = sys.modules[view.__module__]
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        if not any(isinstance(a, ast.Name) and a.id == parameter for a in node.args):
            continue
        reader = _resolve(module, node.func)
        if reader is None or not getattr(reader, "__name__", "").startswith("get_"):
            continue
        returned = getattr(reader, "__annotations__", {}).get("return")
        found = getattr(sys.modules[reader.__module__], str(returned), None)
        if isinstance(found, type) and issubclass(found, models.Model):
            return found
    return None


def _resolve(module: Any, func: ast.expr) -> Any:
    if isinstance(func, ast.Name):
        return getattr(module, func.id, None)
    if isinstance(func, ast.Attribute):
        owner = _resolve(module, func.value)
        return getattr(owner, func.attr, None) if owner is not None else None
    return None


def _fill(pattern: str, values: dict[str, list[str]]) -> list[str]:
    paths = ["/" + pattern]
    for name in re.findall(r"<(?:\w+:)?(\w+)>", pattern):
        filled = []
        for path in paths:
            token = re.search(r"<(?:\w+:)?" + name + ">", path)
            assert token is not None
            for value in values.get(name, values["*"]):
                filled.append(path[: token.start()] + value + path[token.end() :])
        paths = filled
    return paths


def related_id_pairs() -> list[tuple[str, str]]:
    """(parent, child) ids of every record that points at another by a UUID foreign key: the
    pairs a route with two ids (an episode and its request, say) can really be given."""
    pairs: set[tuple[str, str]] = set()
    for model in apps.get_models():
        if not isinstance(model._meta.pk, models.UUIDField):
            continue
        for field in model._meta.concrete_fields:
            if field.is_relation and isinstance(field.target_field, models.UUIDField):
                rows = model._default_manager.exclude(**{f"{field.attname}__isnull": True})
                pairs |= {
                    (str(parent), str(child))
                    for parent, child in rows.values_list(field.attname, "pk")[:200]
                }
    return sorted(pairs)


def _fill_pairs(pattern: str, pairs: list[tuple[str, str]]) -> list[str]:
    """A route with two ids, given every related pair both ways round (not every id with every
    other: nearly all of those are pairs that cannot exist, and a quarter of the crawl)."""
    tokens = list(re.finditer(r"<(?:\w+:)?\w+>", pattern))
    first, second = tokens
    paths = []
    for a, b in [*pairs, *((b, a) for a, b in pairs)]:
        paths.append(
            "/"
            + pattern[: first.start()]
            + a
            + pattern[first.end() : second.start()]
            + b
            + pattern[second.end() :]
        )
    return paths


def start_urls() -> list[str]:
    by_kind = every_uuid()
    ids = [i for kind in by_kind.values() for i in kind]
    pairs = related_id_pairs()
    from frontdoor.teams.models import Team

    slugs = ["screening", *Team.objects.values_list("slug", flat=True)]
    values = {"*": ids, "slug": slugs, "step": ["referrer", "check"], "str": ["x"]}
    urls = []
    for pattern, entry in _walk(get_resolver()):
        if pattern.startswith(("api/", "admin/")) or "(?P<" in pattern:
            continue
        placeholders = re.findall(r"<(?:\w+:)?(\w+)>", pattern)
        if len(placeholders) == 2 and all(name not in values for name in placeholders):
            urls += _fill_pairs(pattern, pairs)
        elif len(placeholders) == 1 and placeholders[0] not in values:
            kind = route_model(entry, placeholders[0])
            given = by_kind.get(kind, ids) if kind is not None else ids
            urls += _fill(pattern, {**values, "*": given or ids})
        else:
            urls += _fill(pattern, values)
    urls += ["/admin/", "/no-such-page/"]
    return urls


def governance_search(client: Client) -> tuple[str, list[str]]:
    """The "who viewed this child" search, by the markers' first letters. The search is posted
    (no name ever goes in a URL): its answer is read like a page, and the links it offers, to
    each child's page by id and dates, join the crawl."""
    today = timezone.localdate()
    response = client.post(
        "/governance/child-views/",
        {
            "name": "Zqx",
            "date_from_day": "1",
            "date_from_month": "1",
            "date_from_year": "2020",
            "date_to_day": str(today.day),
            "date_to_month": str(today.month),
            "date_to_year": str(today.year),
        },
    )
    text = _text(response)
    return text, [u.replace("&amp;", "&") for u in HREF.findall(text)]


def api_urls() -> list[str]:
    ids = [i for kind in every_uuid().values() for i in kind]
    from frontdoor.teams.models import Team

    slugs = ["screening", *Team.objects.values_list("slug", flat=True)]
    urls = []
    for prefix, router in api._routers:
        for path, path_view in router.path_operations.items():
            for operation in path_view.operations:
                if "GET" not in operation.methods:
                    continue
                full = "/" + "/".join(p.strip("/") for p in ("api", prefix, path) if p.strip("/"))
                full += "/" if path.endswith("/") and path != "/" else ""
                braced = re.sub(r"\{(\w+)\}", r"<\1>", full.lstrip("/"))
                urls += _fill(braced, {"*": ids, "slug": slugs})
    return urls + ["/api/openapi.json"]


# --- Crawling ------------------------------------------------------------------------------------

HREF = re.compile(r'href="(/[^"#]*)"')


# What a read may write: the audit of the read itself, and sign-in bookkeeping.
READS_MAY_WRITE = {
    "audit.Event",
    "audit.RecordView",
    "audit.ChainHead",  # the hash chain's head moves with every audit row
    "matching.PersonSearch",  # the record that a search was shown before a person is created
    "sessions.Session",
    "axes.AccessAttempt",
    "axes.AccessLog",
    "axes.AccessFailureLog",
    "access.ApiToken",  # last used at
}


def state() -> dict[str, int]:
    """A fingerprint of every other table: a hash of all its rows, in key order. The one
    exception is the authenticator set-up page, which makes its pending (unconfirmed) key the
    first time it is shown; confirmed authenticators are held to the rule."""
    fingerprint = {}
    for model in apps.get_models():
        label = model._meta.label
        if label in READS_MAY_WRITE or not model._meta.managed:
            continue
        rows = model._default_manager.order_by("pk")
        if label == "otp_totp.TOTPDevice":
            rows = rows.filter(confirmed=True)
        fingerprint[label] = hash(repr(list(rows.values_list())))
    return fingerprint


def _text(response: Any) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if content[:2] == b"PK":  # a spreadsheet: read its XML
        with zipfile.ZipFile(io.BytesIO(content)) as book:
            content = b"".join(book.read(name) for name in book.namelist())
    headers = "\n".join(f"{k}: {v}" for k, v in response.items())
    return headers + "\n" + content.decode("utf-8", "replace")


def crawl(client: Client, urls: list[str], markers: list[str], headers: dict | None = None):
    seen: set[str] = set()
    queue = deque(urls)
    found: list[str] = []
    failed: list[str] = []
    while queue and len(seen) < MAX_ANSWERS:
        url = queue.popleft()
        if url in seen or url.startswith(("/static/", "/sign-out/")):
            continue
        seen.add(url)
        response = client.get(url, headers=headers or {})
        if response.status_code >= 500:
            failed.append(f"{response.status_code} {url}")
        text = _text(response)
        found += [f"{m} in {url}" for m in markers if m.lower() in text.lower()]
        if response.get("Content-Type", "").startswith("text/html"):
            queue.extend(u.replace("&amp;", "&") for u in HREF.findall(text) if u not in seen)
    assert failed == [], f"reads that failed: {failed[:20]}"
    return seen, found


@pytest.mark.parametrize("role", list(MUST_NOT_SEE))
def test_role_never_sees_a_canary(role, world, django_capture_on_commit_callbacks, capsys):
    users, restricted_person = world
    user = users[role]
    markers = MUST_NOT_SEE[role]
    client = Client()
    client.force_login(user)
    session = client.session
    session["frontdoor_stepped_up_at"] = int(time.time())  # may export, as after step-up
    session.save()
    # Searches, as a person would make them: by the first letters of a name (never a whole
    # marker, which the form would rightly echo back), and by the canaries' date of birth.
    searches = [
        {"first_name": "Zqxrestrictednam", "last_name": "Zqxrestrictednam"},
        {"first_name": "Ordinary0", "last_name": "Zqxordinarychil"},
        {"date_of_birth_day": "3", "date_of_birth_month": "2", "date_of_birth_year": "2014"},
    ]
    results = []
    for criteria in searches:
        response = client.post("/children/search/", criteria)
        if response.status_code == 302:
            results.append(response["Location"])
    answer, links = governance_search(client)
    found = [f"{m} in the governance search" for m in markers if m.lower() in answer.lower()]
    results += links
    if role == "ig_lead":  # the one role that may search: the crawl must reach the children
        assert any(re.match(r"/governance/child-views/[0-9a-f-]{36}/\?date_", u) for u in links)
    # The API as this role's system. The administrator here is Django admin staff, which a
    # service account never is: their role's system is a separate account.
    token = token_for(twin_of(user) if user.is_staff else user, name="canary crawl")
    bearer = {"Authorization": f"Bearer {token}"}
    before = state()
    pages, found_in_pages = crawl(client, start_urls() + results, markers)
    found += found_in_pages
    calls, found_api = crawl(Client(), api_urls(), markers, bearer)
    found += found_api
    changed = [label for label, rows in state().items() if before.get(label) != rows]
    assert changed == [], f"{len(pages) + len(calls)} GETs changed {changed}"
    for criteria in [
        {"first_name": "Zqxrestrictednam", "last_name": "Zqxrestrictednam"},
        {"first_name": "Ordinary0", "last_name": "Zqxordinarychil"},
        {"date_of_birth": "2014-02-03"},
    ]:
        response = Client().post(
            "/api/people/search", json.dumps(criteria), "application/json", headers=bearer
        )
        text = _text(response)
        found += [f"{m} in API search {criteria}" for m in markers if m.lower() in text.lower()]
    # An export, for the role that may make one; everyone else is refused.
    today = timezone.localdate()
    for target in users.values():
        response = client.post(
            f"/governance/export/?report=user-activity&user={target.username}"
            f"&from={today - timedelta(days=1)}&to={today}",
            {"reason": "Canary crawl: checking what an export holds"},
        )
        text = _text(response)
        found += [
            f"{m} in export of {target.username}" for m in markers if m.lower() in text.lower()
        ]
    # Emails: a break-glass by someone else sends the governance lead a notification.
    with django_capture_on_commit_callbacks(execute=True):
        access_actions.break_glass(
            by=users["screener"], person=restricted_person, reason="Crawl: police at the door"
        )
    for email in mail.outbox:
        text = f"{email.subject}\n{email.body}"
        found += [f"{m} in an email" for m in markers if m.lower() in text.lower()]
    read_total.append(len(pages) + len(calls) + len(users) + len(mail.outbox))
    found_total.append(len(found))
    with capsys.disabled():
        sys.stdout.write(
            f"\ncanary crawl as {role}: {read_total[-1]} answers read, {len(found)} found\n"
        )
    assert found == []
    assert len(pages) > 50 and len(calls) > 10
