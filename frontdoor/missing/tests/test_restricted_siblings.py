"""A missing child's restricted brother or sister is the placeholder "Restricted record" and
nothing else, on the episode's page, its siblings form and the API alike: not their name, nor
what they are to the child ("Half-brother or half-sister"), nor their id (in a link, a
`person_id` or a key). The risk review still waits for them (docs/api.md, "The risk review waits
for every brother and sister"), so they are counted without being named or described. The rule
is the child's record's (people.queries.shown_to_reader; ../shared/SECURITY.md, 4; ADR 0037)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from frontdoor.access.models import RestrictedRecord
from frontdoor.access.queries import RESTRICTED_PLACEHOLDER
from frontdoor.missing.models import SiblingConsidered
from frontdoor.missing.tests import factories as f
from frontdoor.missing.workflow import Status
from frontdoor.people.models import RelationshipKind

pytestmark = pytest.mark.django_db

REVIEW = {
    "push_factors": "Arguments at home",
    "pull_factors": "Older friends",
    "where_went": "Westbury",
    "with_whom": "Not known",
    "plan_update": "Referral to the exploitation panel",
}


@pytest.fixture
def amy_with_a_restricted_half_sibling(hub_worker):
    """Amy's episode, waiting for its review; Beth (a full sister) and Hector Smith, her
    half-brother, whose record is restricted."""
    amy = f.child()
    beth = f.sibling_of(amy)
    hector = f.sibling_of(amy, "Hector", kind=RelationshipKind.HALF_SIBLING)
    RestrictedRecord.objects.create(
        person=hector, reason="Child of a member of staff", restricted_at=timezone.now()
    )
    return f.interviewed(hub_worker, amy), beth, hector


def describes(text: str, hector) -> list[str]:
    """Whatever in `text` names or describes Hector."""
    found = [w for w in ("Hector", "half-brother", "half-sister") if w.lower() in text.lower()]
    return found + ([str(hector.pk)] if str(hector.pk) in text else [])


def test_the_episode_page_shows_a_restricted_half_sibling_as_the_placeholder_only(
    client, hub_worker, amy_with_a_restricted_half_sibling
):
    episode, _, hector = amy_with_a_restricted_half_sibling
    client.force_login(hub_worker)
    page = client.get(reverse("missing:episode", args=[episode.pk])).content.decode()
    assert "Beth Smith" in page and RESTRICTED_PLACEHOLDER in page
    assert describes(page, hector) == []
    form = client.get(reverse("missing:siblings", args=[episode.pk])).content.decode()
    assert RESTRICTED_PLACEHOLDER in form
    assert describes(form, hector) == []


def test_the_api_shows_a_restricted_half_sibling_as_the_placeholder_only_placed_last(
    api_as, hub_worker, amy_with_a_restricted_half_sibling
):
    episode, beth, hector = amy_with_a_restricted_half_sibling
    response = api_as(hub_worker).get(f"/api/missing/episodes/{episode.pk}")
    assert response.status_code == 200
    siblings = response.json()["siblings"]
    assert [s["name"] for s in siblings] == ["Beth Smith", RESTRICTED_PLACEHOLDER]
    hidden = siblings[-1]
    assert hidden["relationship"] == "" and hidden["person_id"] is None
    assert describes(response.content.decode(), hector) == []


def test_the_review_waits_for_a_restricted_half_sibling_too(
    api_as, hub_worker, amy_with_a_restricted_half_sibling
):
    episode, beth, hector = amy_with_a_restricted_half_sibling
    api = api_as(hub_worker)
    review = {
        **REVIEW,
        "sexual_exploitation": False,
        "criminal_exploitation": True,
        "none_identified": False,
        "risk_level": "medium",
    }
    url = f"/api/missing/episodes/{episode.pk}"
    # Beth considered, the restricted half-brother not: the review is refused, without his name.
    keys = [s["key"] for s in api.get(url).json()["siblings"]]
    api.post(f"{url}/siblings", {"siblings": [{"key": keys[0], "note": "Beth is safe."}]})
    refused = api.post(f"{url}/risk-review", review)
    assert refused.status_code == 422
    assert RESTRICTED_PLACEHOLDER in refused.content.decode()
    assert describes(refused.content.decode(), hector) == []
    # Considered through the placeholder's key, recorded against him, and the review goes ahead.
    done = api.post(
        f"{url}/siblings", {"siblings": [{"key": keys[1], "note": "Seen by his own worker."}]}
    )
    assert done.status_code == 200, done.content
    assert describes(done.content.decode(), hector) == []
    # Recorded against his key on record, not pointed at his record (the reader may not).
    row = SiblingConsidered.objects.get(sibling_key=f"person:{hector.pk}")
    assert row.sibling_id is None and row.sibling_name == RESTRICTED_PLACEHOLDER
    assert api.post(f"{url}/risk-review", review).status_code == 200
    episode.refresh_from_db()
    assert episode.status == Status.REVIEWED


def test_a_sibling_considered_before_their_record_was_restricted_stays_considered(
    api_as, hub_worker
):
    amy = f.child()
    hector = f.sibling_of(amy, "Hector", kind=RelationshipKind.HALF_SIBLING)
    episode = f.interviewed(hub_worker, amy)
    api = api_as(hub_worker)
    url = f"/api/missing/episodes/{episode.pk}"
    key = f"person:{hector.pk}"
    api.post(f"{url}/siblings", {"siblings": [{"key": key, "note": "Seen at school."}]})
    RestrictedRecord.objects.create(
        person=hector, reason="Child of a member of staff", restricted_at=timezone.now()
    )
    [shown] = api.get(url).json()["siblings"]
    assert shown["name"] == RESTRICTED_PLACEHOLDER and shown["considered"] is True
    assert shown["key"] != key
    # Restricted since: what was recorded about him is his now, and is not changed.
    again = api.post(f"{url}/siblings", {"siblings": [{"key": shown["key"], "note": "Changed."}]})
    assert again.status_code == 422
    assert "cannot be changed" in again.content.decode()
