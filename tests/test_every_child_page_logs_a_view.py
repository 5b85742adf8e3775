"""Every page that shows a child's record logs the view (../shared/SECURITY.md, 9).

The view is logged by the one reader of a record about a child, `open_record`
(frontdoor/access/records.py), unless a reader asks it not to (`log=False`, meant for an action
that only needs its target). Two readers that pages used asked that, and the second review and
the urgent review pages showed a child's name, contact and the manager's answers about her with
no view logged (issue 17). Nothing here trusts a reader to remember: the URL registry is walked.

In the canary world (tests/canary_world.py) one child passes through every stage the system
has, under a unique name, and the manager is on her allow-list. The manager opens every page
route, and every API read, that takes the id of a record (each filled in with the id of every
record about her that could fit), and every answer that names her must have logged, in that
request, a view of her: of her record, or of a contact about her.

Lists (queues, a team's children, a search's results) take no record id and are not views of
a record; the pages below take one but are lists of children, and why.
"""

from __future__ import annotations

import re
import sys
import time
from typing import Any

import pytest
from django.db.models import Q
from django.test import Client
from django.urls import get_resolver

from frontdoor.access.models import RestrictedRecord
from frontdoor.access.records import AboutAChild, child_paths
from frontdoor.access.tests.service_accounts import token_for
from frontdoor.audit.models import RecordView
from tests.canary_world import NAME
from tests.test_canary_crawl import (  # noqa: F401 (`the_world` and `world` are fixtures)
    _fill,
    _walk,
    route_model,
    the_world,
    world,
)

pytestmark = pytest.mark.django_db

# Routes with a record's id whose page names several children, like a queue, and why. Each
# child's own page (linked from the row) logs its view.
LISTS = {
    # The urgent review's progress: each child in the batch by name, their worker and whether
    # the review is done. The item's own page (oversight:record-review) is the child's.
    "/oversight/urgent-reviews/<uuid:pk>/": "a batch's progress, child by child",
    "/api/backlog/urgent-reviews/<urgent_review_id>": "a batch's progress, child by child",
}
PLACEHOLDER = re.compile(r"<(?:\w+:)?(\w+)>")


def her_records() -> dict[type, list[str]]:
    """The id of every record about her, by kind of record."""
    from django.apps import apps

    her = list(RestrictedRecord.objects.values_list("person_id", flat=True))
    ids: dict[type, list[str]] = {}
    for model in apps.get_models():
        if not issubclass(model, AboutAChild):
            continue
        about = Q()
        for path in child_paths(model):
            about |= Q(**{f"{path or 'pk'}__in": her})
        rows = model._default_manager.filter(about).values_list("pk", flat=True).distinct()
        ids[model] = [str(pk) for pk in rows]
    return ids


def record_pages() -> list[tuple[str, str]]:
    """(route pattern, url) for every page route that takes one record's id, given each id of
    a record about her that its reader could open."""
    by_kind = her_records()
    every = sorted({i for kind in by_kind.values() for i in kind})
    pages = []
    for pattern, entry in _walk(get_resolver()):
        if pattern.startswith(("api/", "admin/")) or "(?P<" in pattern:
            continue
        names = PLACEHOLDER.findall(pattern)
        if len(names) != 1 or names[0] in ("slug", "step"):
            continue  # a list, a form by name, or a record's sub-record (its own route below)
        kind = route_model(entry, names[0])
        given = by_kind.get(kind, []) if kind is not None else every
        pages += [("/" + pattern, url) for url in _fill(pattern, {"*": given})]
    return pages


def api_record_reads() -> list[tuple[str, str]]:
    """(operation path, url) for every API read that takes one id, given each id of a record
    about her."""
    from config.api import api

    every = sorted({i for kind in her_records().values() for i in kind})
    reads = []
    for prefix, router in api._routers:
        for path, path_view in router.path_operations.items():
            if not any("GET" in op.methods for op in path_view.operations):
                continue
            full = "/" + "/".join(p.strip("/") for p in ("api", prefix, path) if p.strip("/"))
            braced = re.sub(r"\{(\w+)\}", r"<\1>", full.lstrip("/"))
            if len(PLACEHOLDER.findall(braced)) != 1 or "<slug>" in braced:
                continue
            reads += [("/" + braced, url) for url in _fill(braced, {"*": every})]
    return reads


def views_of_her() -> int:
    her = RestrictedRecord.objects.values_list("person_id", flat=True)
    return RecordView.objects.filter(
        Q(person_id__in=her) | Q(family_contact__contacts__person_id__in=her)
    ).count()


# Pages that showed her with no view logged before this test (issue 17): the world must reach
# each of them showing her, or the test proves nothing about them.
MUST_REACH = {
    "/guardrails/second-reviews/<uuid:pk>/",
    "/api/second-reviews/<review_id>",
    "/oversight/reviews/<uuid:pk>/",
    "/audits/cases/<uuid:pk>/",
    "/audits/actions/<uuid:pk>/",
    "/contacts/child/<uuid:pk>/link/",
}


def unlogged(
    client: Client, reads: list[tuple[str, str]], headers: dict[str, str], shown: set[str]
) -> list[str]:
    """The reads that named her with no view of her logged; `shown` gathers the routes that
    named her."""
    missing = []
    for pattern, url in reads:
        if pattern in LISTS:
            continue
        before = views_of_her()
        response = client.get(url, headers=headers)
        if response.status_code != 200 or NAME.lower() not in _text(response).lower():
            continue
        shown.add(pattern)
        if views_of_her() == before:
            missing.append(f"{pattern} ({url})")
    return missing


def _text(response: Any) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    return response.content.decode("utf-8", "replace")


def test_every_page_showing_a_childs_record_logs_the_view(world, capsys):  # noqa: F811
    users, _ = world
    manager = users["manager"]
    client = Client()
    client.force_login(manager)
    session = client.session
    session["frontdoor_stepped_up_at"] = int(time.time())
    session.save()
    pages = record_pages()
    shown: set[str] = set()
    missing = unlogged(client, pages, {}, shown)
    bearer = {"Authorization": f"Bearer {token_for(manager, name='view log check')}"}
    reads = api_record_reads()
    missing += unlogged(Client(), reads, bearer, shown)
    assert MUST_REACH - shown == set(), "the world no longer shows her on these"
    with capsys.disabled():
        sys.stdout.write(
            f"\n{len(pages)} pages and {len(reads)} API reads of her records,"
            f" {len(shown)} routes showed her, {len(missing)} with no view logged\n"
        )
    assert missing == [], (
        "Shown without a view logged (read it through open_record):\n"
        + "\n".join(sorted(set(missing)))
    )
