"""No list of work stops short (a list cut at its 500th row leaves the 501st child in a list
nobody reads): every list the API gives is paged with its full count, and the pages say how many
there are in all."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from config.api import api as frontdoor_api
from frontdoor.enquiries import views as enquiry_views
from frontdoor.enquiries.tests import factories as ef

pytestmark = pytest.mark.django_db

# Lists that are not of work about children, each small and whole by its nature.
WHOLE_LISTS = {
    "/api/contacts/queues/": "the council's few queues, with their counts",
    "/api/enquiries/reasons": "the listed lawful bases and reasons, a short code list",
    "/api/my-work": "everything waiting on the caller, built whole from every clock (no cap)",
}


def test_every_list_the_api_gives_is_paged_with_its_count():
    """A new list endpoint that returns a bare array (and so, sooner or later, a slice of one)
    fails here until it is paged (frontdoor/api/pagination.py) or named above with its reason."""
    schema = frontdoor_api.get_openapi_schema()
    bare = []
    for path, operations in schema["paths"].items():
        get = operations.get("get")
        if get is None:
            continue
        content = get["responses"].get(200, get["responses"].get("200", {})).get("content", {})
        answer = content.get("application/json", {}).get("schema", {})
        if answer.get("type") == "array" and path not in WHOLE_LISTS:
            bare.append(path)
    assert bare == []
    assert set(WHOLE_LISTS) <= set(schema["paths"]), "a whole list named above has gone"


def test_unanswered_enquiries_are_paged_with_every_one_counted(
    api_as, manager, hub_worker, child_protection_hub, police_agency
):
    sent = [ef.sent(manager, child_protection_hub, police_agency) for _ in range(3)]
    api = api_as(hub_worker)
    first = api.get("/api/enquiries/?limit=2").json()
    second = api.get("/api/enquiries/?limit=2&offset=2").json()
    assert first["count"] == second["count"] == 3
    ids = [row["id"] for row in first["items"] + second["items"]]
    assert sorted(ids) == sorted(str(e.pk) for e in sent)
    assert api.get("/api/enquiries/?limit=101").status_code == 422
    # A page costs the same statements however many rows it has (no statement per row).
    with CaptureQueriesContext(connection) as three:
        api.get("/api/enquiries/")
    ef.sent(manager, child_protection_hub, police_agency)
    with CaptureQueriesContext(connection) as four:
        api.get("/api/enquiries/")

    # Counted on the list's own tables: the caller's token and session are read or touched on
    # their own schedule, not per row.
    def reading_enquiries(queries: CaptureQueriesContext) -> int:
        return sum("enquiries_" in q["sql"] for q in queries.captured_queries)

    assert reading_enquiries(four) == reading_enquiries(three)


def test_the_enquiries_page_counts_them_all_and_pages_through_them(
    monkeypatch, manager, hub_worker, child_protection_hub, police_agency
):
    monkeypatch.setattr(enquiry_views, "ENQUIRIES_PER_PAGE", 2)
    sent = [ef.sent(manager, child_protection_hub, police_agency) for _ in range(3)]
    client = Client()
    client.force_login(hub_worker)
    url = reverse("enquiries:index")
    first = client.get(url).content.decode()
    assert "3 unanswered: 1 to 2" in first
    assert 'rel="next"' in first
    second = client.get(url, {"page": 2}).content.decode()
    assert "3 unanswered: 3 to 3" in second
    shown = [e for e in sent if e.family.reference in first + second]
    assert len(shown) == 3
