"""The backlog and urgent reviews over the API (/api/backlog): the same queries and actions as
the pages; a 422 names the failing field (or query parameter) by its API key."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from frontdoor.api.tests.bodies import failing_fields, problems
from frontdoor.audit.models import Event
from frontdoor.backlog.models import UrgentReview, UrgentReviewItem
from frontdoor.contacts.tests import factories as f

pytestmark = pytest.mark.django_db


def start_body(contact, *workers, **changes):
    return {
        "contacts": [str(contact.pk)],
        "workers": [w.username for w in workers],
        "due_on": (timezone.localdate() + timedelta(days=2)).isoformat(),
        "reason": "Waiting too long",
        **changes,
    }


def test_manager_can_read_the_backlog_by_age(api_as, manager, contact_officer):
    family = f.received(contact_officer)
    response = api_as(manager).get("/api/backlog")
    assert response.status_code == 200
    screening = next(q for q in response.json()["queues"] if q["queue"] == "screening")
    assert screening["children"] == 1
    assert screening["bands"][0] == {"band": "under-1", "label": "Under 1 day", "children": 1}
    waiting = api_as(manager).get("/api/backlog/waiting", queue="screening").json()
    assert [w["id"] for w in waiting["items"]] == [str(family.pk)]
    assert waiting["items"][0]["children"][0]["name"] == "Amy Smith"


def test_hub_worker_cannot_read_the_backlog(api_as, hub_worker):
    assert api_as(hub_worker).get("/api/backlog").status_code == 403
    assert api_as(hub_worker).get("/api/backlog/waiting").status_code == 403


def test_an_unknown_queue_or_age_is_a_422_naming_the_parameter(api_as, manager):
    api = api_as(manager)
    assert failing_fields(api.get("/api/backlog/waiting", queue="nowhere")) == ["query.queue"]
    assert failing_fields(api.get("/api/backlog/waiting", older_than_days=5)) == [
        "query.older_than_days"
    ]


def test_manager_can_start_an_urgent_review_and_each_worker_records_theirs(
    api_as, manager, screener, contact_officer
):
    contact = f.only_child(f.received(contact_officer))
    started = api_as(manager).post("/api/backlog/urgent-reviews", start_body(contact, screener))
    assert started.status_code == 201, started.content
    review = started.json()
    assert (review["total"], review["outstanding"]) == (1, 1)
    assert Event.objects.filter(verb="urgent_review_assigned", contact=contact).count() == 1
    api = api_as(screener)
    [item] = api.get("/api/backlog/reviews/mine").json()["items"]
    assert item["urgent_review_id"] == review["id"]
    recorded = api.post(
        f"/api/backlog/reviews/{item['id']}",
        {"outcome": "safe_to_wait", "note": "Read the file: safe", "version": item["version"]},
    )
    assert recorded.status_code == 200, recorded.content
    assert recorded.json()["outcome"] == "safe_to_wait"
    assert Event.objects.filter(verb="urgent_review_recorded", actor=screener).count() == 1
    assert api.get("/api/backlog/reviews/mine").json() == {"items": [], "count": 0}
    followed = api_as(manager).get(f"/api/backlog/urgent-reviews/{review['id']}").json()
    assert (followed["done"], followed["workers"][0]["done"]) == (1, 1)


def test_hub_worker_cannot_start_an_urgent_review(api_as, hub_worker, screener, contact_officer):
    contact = f.only_child(f.received(contact_officer))
    response = api_as(hub_worker).post("/api/backlog/urgent-reviews", start_body(contact, screener))
    assert response.status_code == 403
    assert not UrgentReview.objects.exists()


def test_an_urgent_review_without_its_details_is_a_422_naming_each_field(
    api_as, manager, screener, contact_officer, police_partner
):
    contact = f.only_child(f.received(contact_officer))
    api = api_as(manager)
    unknown = start_body(contact, screener, workers=["nobody"])
    assert failing_fields(api.post("/api/backlog/urgent-reviews", unknown)) == [
        "body.payload.workers.0"
    ]
    body = start_body(
        contact,
        police_partner,
        reason="",
        due_on=(timezone.localdate() - timedelta(days=1)).isoformat(),
    )
    response = api.post("/api/backlog/urgent-reviews", body)
    assert failing_fields(response) == [
        "body.payload.due_on",
        "body.payload.reason",
        "body.payload.workers",
    ]
    assert problems(response)[2]["msg"] == "Priya Tester cannot record reviews"
    assert not UrgentReview.objects.exists()


def test_only_the_assigned_worker_can_record_a_review(
    api_as, manager, screener, hub_worker, contact_officer
):
    contact = f.only_child(f.received(contact_officer))
    api_as(manager).post("/api/backlog/urgent-reviews", start_body(contact, screener))
    item = UrgentReviewItem.objects.get()
    body = {"outcome": "progressed", "note": "Screened it", "version": item.version}
    # Another worker does not see it (as on the page); a manager sees it but may not record it.
    assert api_as(hub_worker).post(f"/api/backlog/reviews/{item.pk}", body).status_code == 404
    response = api_as(manager).post(f"/api/backlog/reviews/{item.pk}", body)
    assert problems(response) == [
        {
            "type": "not_ready",
            "loc": [],
            "msg": "Only the worker this review is assigned to can record it",
        }
    ]
    stale = api_as(screener).post(f"/api/backlog/reviews/{item.pk}", {**body, "version": 9})
    assert stale.status_code == 409
    bad = api_as(screener).post(f"/api/backlog/reviews/{item.pk}", {**body, "outcome": "fine"})
    assert failing_fields(bad) == ["body.payload.outcome"]
    item.refresh_from_db()
    assert item.outcome == ""
