"""The duplicate review pages: HTTP behaviour only."""

from __future__ import annotations

from datetime import date

import pytest

from frontdoor.contacts.tests import factories as f
from frontdoor.matching.models import DuplicatePair, Merge, PairStatus
from frontdoor.people.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair(db):
    a, b = sorted(
        (f.person("Amy", "Smith", date(2019, 3, 27)), f.person("Amie", "Smith", date(2019, 3, 27))),
        key=lambda p: p.pk,
    )
    return DuplicatePair.objects.create(
        first=a,
        second=b,
        score=88,
        reasons=["Same date of birth", "Same surname"],
        found_at=a.created_at,
    )


def test_manager_can_see_the_queue_with_the_reasons(client, manager, pair):
    client.force_login(manager)
    response = client.get("/children/duplicates/")
    assert response.status_code == 200
    assert b"Same date of birth" in response.content
    assert f"/children/duplicates/{pair.pk}/".encode() in response.content


def test_manager_can_merge_then_undo_from_the_pages(client, manager, pair):
    client.force_login(manager)
    page = client.get(f"/children/duplicates/{pair.pk}/")
    assert page.status_code == 200
    response = client.post(
        f"/children/duplicates/{pair.pk}/",
        {"decision": f"keep:{pair.first_id}", "version": pair.version},
    )
    assert response.status_code == 302
    assert Person.objects.get(pk=pair.second_id).merged_into_id == pair.first_id
    merge = Merge.objects.get()
    queue = client.get("/children/duplicates/")
    assert b"Undo merge" in queue.content
    assert client.post(f"/children/duplicates/merges/{merge.pk}/undo/").status_code == 302
    assert Person.objects.get(pk=pair.second_id).merged_into_id is None
    assert DuplicatePair.objects.get().status == PairStatus.AWAITING_REVIEW


def test_manager_can_say_two_records_are_different_people(client, manager, pair):
    client.force_login(manager)
    client.post(f"/children/duplicates/{pair.pk}/", {"decision": "different", "version": 1})
    assert DuplicatePair.objects.get().status == PairStatus.NOT_DUPLICATES


def test_manager_must_answer_and_sees_a_govuk_error(client, manager, pair):
    client.force_login(manager)
    response = client.post(f"/children/duplicates/{pair.pk}/", {"version": 1})
    assert response.status_code == 400
    assert b"Select whether these are the same person" in response.content


def test_manager_is_told_when_someone_else_answered_first(client, manager, pair):
    client.force_login(manager)
    DuplicatePair.objects.filter(pk=pair.pk).update(version=2)
    response = client.post(
        f"/children/duplicates/{pair.pk}/", {"decision": "different", "version": 1}
    )
    assert response.status_code == 400
    assert b"Someone else changed this pair of records" in response.content


def test_screener_cannot_review_duplicates(client, screener, pair):
    client.force_login(screener)
    assert client.get("/children/duplicates/").status_code == 403
    assert client.get(f"/children/duplicates/{pair.pk}/").status_code == 403
