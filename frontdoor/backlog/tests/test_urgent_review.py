"""Urgent review: a manager assigns the backlog to workers, and follows it to zero."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from frontdoor.audit.models import Event
from frontdoor.backlog import actions
from frontdoor.backlog.models import ReviewOutcome, UrgentReviewItem
from frontdoor.backlog.queries import get_urgent_review_for, my_urgent_reviews
from frontdoor.contacts.models import Contact
from frontdoor.contacts.tests import factories as f
from frontdoor.workflow.errors import NotReady, StaleRecord

pytestmark = pytest.mark.django_db


@pytest.fixture
def backlog(contact_officer):
    """Three families waiting over a week: two siblings, then two single children."""
    old = timezone.now() - timedelta(days=10)
    f.received(contact_officer, received_at=old, children=[f.child("Ann"), f.child("Ben")])
    f.received(contact_officer, received_at=old + timedelta(hours=1), children=[f.child("Cat")])
    f.received(contact_officer, received_at=old + timedelta(hours=2), children=[f.child("Dan")])
    return list(Contact.objects.all())


def start(manager, contacts, workers, **changes):
    return actions.start_urgent_review(
        by=manager,
        contacts=contacts,
        workers=workers,
        due_on=changes.get("due_on", timezone.localdate() + timedelta(days=2)),
        reason=changes.get("reason", "Waiting over a week"),
    )


def test_manager_can_assign_reviews_keeping_brothers_and_sisters_together(
    manager, screener, hub_worker, backlog, mailoutbox, django_capture_on_commit_callbacks
):
    for worker in (screener, hub_worker):
        worker.email = f"{worker.username}@council.example"
        worker.save()
    with django_capture_on_commit_callbacks(execute=True):
        review = start(manager, backlog, [screener, hub_worker])
    owners = {i.contact.first_name: i.assigned_to for i in review.items.all()}
    assert owners == {"Ann": screener, "Ben": screener, "Cat": hub_worker, "Dan": screener}
    assert Event.objects.filter(verb="urgent_review_assigned").count() == 4
    # One notice to each worker: a count, a date and a link, and no child's name.
    assert sorted(m.to[0] for m in mailoutbox) == [screener.email, hub_worker.email]
    assert "assigned you 3 urgent reviews" in mailoutbox[0].body
    assert all("Ann" not in m.body and "Smith" not in m.body for m in mailoutbox)


def test_manager_cannot_start_a_review_without_children_workers_or_a_future_date(manager):
    with pytest.raises(NotReady) as refused:
        start(manager, [], [], due_on=timezone.localdate() - timedelta(days=1), reason=" ")
    assert refused.value.reasons == [
        "Select at least one child to review",
        "Select at least one worker to review them",
        "The date the reviews are due must be today or in the future",
        "Enter why these children are being reviewed",
    ]


def test_an_area_worker_cannot_be_assigned_reviews(manager, make_user, area_team, backlog):
    sam = make_user("sam", "area_worker", team=area_team)
    with pytest.raises(NotReady, match="cannot record reviews"):
        start(manager, backlog, [sam])


def test_hub_worker_cannot_start_an_urgent_review(hub_worker, backlog):
    with pytest.raises(PermissionDenied):
        start(hub_worker, backlog, [hub_worker])


def test_worker_records_their_reviews_and_the_batch_counts_down_to_zero(manager, screener, backlog):
    review = start(manager, backlog, [screener])
    assert get_urgent_review_for(manager, review.pk).outstanding == 4
    for item in my_urgent_reviews(screener):
        actions.record_urgent_review(
            by=screener, item=item, outcome=ReviewOutcome.SAFE_TO_WAIT, note="Seen the file"
        )
    progress = get_urgent_review_for(manager, review.pk)
    assert (progress.outstanding, progress.done) == (0, 4)
    assert Event.objects.filter(verb="urgent_review_recorded").count() == 4


def test_only_the_assigned_worker_can_record_a_review(manager, screener, hub_worker, backlog):
    start(manager, backlog[:1], [screener])
    item = UrgentReviewItem.objects.get()
    with pytest.raises(NotReady, match="Only the worker this review is assigned to"):
        actions.record_urgent_review(
            by=hub_worker, item=item, outcome=ReviewOutcome.ESCALATED, note="Mine now"
        )


def test_a_review_cannot_be_recorded_twice(manager, screener, backlog):
    start(manager, backlog[:1], [screener])
    first, stale = UrgentReviewItem.objects.get(), UrgentReviewItem.objects.get()
    actions.record_urgent_review(
        by=screener, item=first, outcome=ReviewOutcome.PROGRESSED, note="Screened it"
    )
    with pytest.raises(StaleRecord):
        actions.record_urgent_review(
            by=screener, item=stale, outcome=ReviewOutcome.ESCALATED, note="Again"
        )


# --- pages -------------------------------------------------------------------------------------


def test_manager_starts_a_review_from_the_filter_with_every_waiting_child_preselected(
    client, manager, screener, backlog
):
    client.force_login(manager)
    url = reverse("oversight:start-urgent-review") + "?older_than=7"
    page = client.get(url)
    form = page.context["form"]
    assert form.initial["children"] == [c.pk for c in form.fields["children"].queryset]
    due = timezone.localdate() + timedelta(days=1)
    response = client.post(
        url,
        {
            "children": [c.pk for c in backlog],
            "workers": [screener.pk],
            "due_on_day": due.day,
            "due_on_month": due.month,
            "due_on_year": due.year,
            "reason": "Waiting over a week",
        },
    )
    assert response.status_code == 302
    assert UrgentReviewItem.objects.filter(assigned_to=screener).count() == 4


def test_worker_cannot_open_another_workers_review(client, manager, screener, hub_worker, backlog):
    start(manager, backlog[:1], [screener])
    item = UrgentReviewItem.objects.get()
    client.force_login(hub_worker)
    assert client.get(reverse("oversight:record-review", args=[item.pk])).status_code == 404
    client.force_login(screener)
    response = client.post(
        reverse("oversight:record-review", args=[item.pk]),
        {"version": item.version, "outcome": "safe_to_wait", "note": "Read the file"},
    )
    assert response.status_code == 302
    assert client.get(reverse("oversight:my-reviews")).context["items"].count() == 0


def test_hub_worker_sees_their_reviews_flagged_on_my_work(client, manager, hub_worker, backlog):
    start(manager, backlog, [hub_worker])
    client.force_login(hub_worker)
    page = client.get(reverse("visits:mine")).content.decode()
    assert "You have 4 urgent reviews to record" in page
