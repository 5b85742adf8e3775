"""Every page is reachable, and every link leads somewhere (issue 17).

For each of the 11 roles of the permission matrix, on a world where every kind of record the
matrix names exists (built by tests/matrix_records.py through the real actions, restricted
records included), the role signs in and walks the navigation breadth-first from its landing
page, following every link within the service (and every redirect, as a browser would). It
fails on:

- (a) a page route the role may open (an `allow` for a GET of that route in
  frontdoor/access/permission-matrix.txt) that no page it reached links to: a page that can be
  found only by typing its address;
- (b) a link offered to the role that answers it 403 or 404: a page offering what the role may
  not open (the view's policy and the link's disagree).

It also checks that the role's landing page is its own work, not "your role has no work queue".
"""

from __future__ import annotations

import re
import sys
from collections import deque
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.urls import Resolver404, resolve

from frontdoor.access.tests.personas import county, persona
from tests.matrix_records import Cast, build, cast_of_every_role, parse
from tests.test_permission_matrix import ROLES, ROWS, signed_in

pytestmark = pytest.mark.django_db

HREF = re.compile(r"""<a\b[^>]*?\bhref="([^"#]*)(?:#[^"]*)?\"""")
# Not the service's pages: files, the Django admin (staff tooling, not in the matrix), the
# API (its own matrix rows) and signing out (a button, never a link).
OUTSIDE = ("/static/", "/admin/", "/api/", "/sign-out/")
# Every page reached is read for its links: a record's page offers the steps of its state (an
# episode's offer of an interview, a plan's review), so the tenth child's record does not offer
# what the first does, and reading a sample of each route's pages missed them (ADR 0033).
MAX_PAGES = 2500

# Pages the matrix lets a role open that are reached by something other than a link on a page,
# and why. Every other `allow` must be linked from a page the role can reach.
NOT_BY_A_LINK = {
    "access:sign-in": "signing in: the way in, before any page",
    "access:second-factor": "the second step of signing in",
    "access:set-up-app": "the first sign-in sends the user there, once",
    "access:recovery-codes": "shown once, after setting up the authenticator",
    "access:step-up": "a redirect from a page that needs the user to confirm it is them",
    "access:health": "for the load balancer, not for people",
    "access:break-glass": "a redirect from a restricted child's record (its form takes a reason)",
    "people:search-results": "the answer to the search form (a POST, then a redirect)",
    "contacts:draft-step": "the next step of the new contact form, after each POST",
    "partners:referral-step": "the next step of a partner's referral form, after each POST",
    "governance:child-views-of": "the answer to the governance lead's search for a child",
    "governance:export": "the export button on a report's form, with its dates and a reason",
}


# Pages a role may open that are, by design, not offered to it.
BY_DESIGN = {
    # docs/adr/0028: no work of theirs is gathered on My work, so it is not on their bar (the
    # page still answers, empty).
    **{
        (role, "mywork:mine"): "no work of theirs is gathered there (ADR 0028)"
        for role in ("contact_officer", "senior_leader", "admin", "ig_lead")
    },
    # The policy lets a screener read casework (a child's history, ADR 0033) but a screener
    # holds, records and authorises none of it: no list of theirs names an assessment or a
    # strategy discussion, and the child's record is where their history is read.
    ("screener", "assessments:assessment"): "assesses no child; reads history on the record",
    ("screener", "strategy:discussion"): "holds no strategy discussion; not their list",
    # The grading form is the assigned auditor's (a manager's POST is refused); a manager reads
    # a graded or ungraded audit, and moderates it, on the audit's own page.
    ("manager", "casework_audits:grade"): "grading is the auditor's; managers read the audit",
}


def build_world() -> tuple[Cast, list[str]]:
    """The cast, and one record of every kind and state the matrix names for a page (restricted
    ones too, to catch a link offered to a record the role may not open). Answers also what
    could not be built, which fails every test. Built once for the module: each role's walk
    only reads it (a GET never changes state: the canary crawl proves it), and each starts from
    it as built (conftest.py's `built_once_per_module`)."""
    cast = cast_of_every_role(persona, *county())
    return cast, world(cast)


@pytest.fixture(scope="module")
def the_world(built_once_per_module: Any) -> tuple[Cast, list[str]]:
    return built_once_per_module(build_world)


@pytest.fixture
def walked_world(the_world: tuple[Cast, list[str]]) -> tuple[Cast, list[str]]:
    cast, problems = the_world
    for user in cast.users.values():  # as the database has them (an earlier walk rolled back)
        user.refresh_from_db()
    return cast, problems


def world(cast: Cast) -> list[str]:
    """Build one record of every kind and state the matrix names for a page (restricted ones
    too, to catch a link offered to a record the role may not open), and the work each role
    holds as its own. Answers what could not be built, which fails the test."""
    problems = []
    for record in sorted({r.record for r in ROWS if r.route != "api"}):
        kind, _, how = parse(record)
        if kind in ("-", "absent") or how == "granted":
            continue
        try:
            build(cast, record)
        except Exception as error:  # noqa: BLE001 (reported, and the test fails on it)
            problems.append(f"{record}: {error!r}")
    try:
        hub_workers_own_child(cast)
    except Exception as error:  # noqa: BLE001 (reported, and the test fails on it)
        problems.append(f"the hub worker's own child: {error!r}")
    return problems


def hub_workers_own_child(cast: Cast) -> None:
    """A child transferred for an assessment and allocated by the manager to Hamid, the hub
    worker: the allocation form offers hub workers (a MASH social worker may assess a child
    the hub knows), and the assessment follows the child to the allocated worker. The matrix's
    records are allocated to Sam, so without this the world held no assessment a hub worker's
    own lists could name, and the walk could not tell whether one is linked (issue 17)."""
    from frontdoor.visits import actions as visit_actions

    allocation = build(cast, "allocation:awaiting").record
    visit_actions.allocate_worker(
        by=cast.manager, allocation=allocation, worker=cast.users["hub_worker"]
    )


def may_open(role: str) -> set[str]:
    column = ROLES.index(role)
    return {
        r.route
        for r in ROWS
        if r.route != "api" and r.method == "GET" and r.expected[column] == "allow"
    }


def route_of(url: str) -> str | None:
    try:
        match = resolve(urlsplit(url).path)
    except Resolver404:
        return None
    return match.view_name


def links(html: str) -> list[str]:
    found = []
    for href in HREF.findall(html):
        href = href.replace("&amp;", "&")
        if href.startswith("/") and not href.startswith("//") and not href.startswith(OUTSIDE):
            found.append(href)
    return found


def walk(client: Any) -> tuple[str, set[str], list[str], int]:
    """Breadth-first from the landing page. Answers the landing route, the routes reached,
    the links that answered 403 or 404 (and the page offering each), and the pages read."""
    reached: set[str] = set()
    refused: list[str] = []
    seen: set[str] = set()
    queue: deque[tuple[str, str]] = deque([("/", "signing in")])
    landing = ""
    while queue and len(seen) < MAX_PAGES:
        url, offered_on = queue.popleft()
        if urlsplit(url).path in seen:
            continue
        seen.add(urlsplit(url).path)
        response = client.get(url)
        name = route_of(url)
        if response.status_code in (403, 404):
            refused.append(f"{response.status_code} {url} ({name}), linked from {offered_on}")
            continue
        assert response.status_code < 500, f"{response.status_code} on {url}"
        reached |= {name} if name else set()
        if response.status_code in (301, 302, 303):
            # Followed, as a browser would (the Django admin too: the administrator's landing).
            queue.appendleft((response["Location"], offered_on))
            landing = landing or (route_of(response["Location"]) or "") if url == "/" else landing
            continue
        if name and is_page(response):
            queue.extend((href, url) for href in links(response.content.decode()))
    return landing, reached, refused, len(seen)


def is_page(response: Any) -> bool:
    return response.status_code == 200 and response.get("Content-Type", "").startswith("text/html")


# What each role's own work is: where "/" sends them.
LANDS_ON = {
    "contact_officer": "contacts:screening-queue",
    "screener": "contacts:screening-queue",
    "hub_worker": "contacts:queue",
    "manager": "oversight:overview",
    "area_worker": "mywork:mine",
    "partner": "partners:home",
    "auditor": "casework_audits:mine",
    "senior_leader": "oversight:overview",
    "admin": "admin:index",  # users, teams and code lists, with its pages in the service
    "ig_lead": "governance:index",
    "early_help_worker": "handovers:queue",
}


@pytest.mark.parametrize("role", ROLES)
def test_every_page_a_role_may_open_is_linked_and_every_link_opens(role, walked_world, capsys):
    cast, problems_building = walked_world
    assert problems_building == []
    user = cast.users[role]
    if role == "admin":  # as deployed (frontdoor/demo/seed.py): Django admin's staff
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    landing, reached, refused, pages = walk(signed_in(user))
    designed = {route for (who, route) in BY_DESIGN if who == role}
    unreachable = sorted(may_open(role) - reached - set(NOT_BY_A_LINK) - designed)
    with capsys.disabled():
        sys.stdout.write(
            f"\n{role}: {pages} pages walked from {landing}, {len(reached)} routes reached,"
            f" {len(unreachable)} unreachable, {len(refused)} links refused\n"
        )
    problems = []
    if pages >= MAX_PAGES:
        problems.append(f"stopped after {pages} pages: the walk did not finish")
    if landing != LANDS_ON[role]:
        problems.append(f"lands on {landing}, not on {LANDS_ON[role]}")
    problems += [f"may open {name}, yet no page links to it" for name in unreachable]
    problems += [
        f"{name} is linked after all: take it off BY_DESIGN" for name in designed & reached
    ]
    problems += [f"is offered a link that refuses them: {link}" for link in refused]
    assert problems == [], f"{role}:\n" + "\n".join(problems)
