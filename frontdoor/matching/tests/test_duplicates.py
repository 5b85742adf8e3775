"""Duplicates: the job finds them, a manager merges or rejects, and a merge is undone exactly."""

from __future__ import annotations

from datetime import date

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.core.management import call_command

from frontdoor.access import actions as access_actions
from frontdoor.access.models import Role
from frontdoor.audit.models import Event
from frontdoor.child_record.queries import timeline
from frontdoor.contacts import actions as contact_actions
from frontdoor.contacts.tests import factories as f
from frontdoor.history.actions import import_history
from frontdoor.matching import actions
from frontdoor.matching.duplicates import likely_duplicates
from frontdoor.matching.index import index_people
from frontdoor.matching.merging import NOT_MOVED, links_to_move, person_links
from frontdoor.matching.models import DuplicatePair, Merge, PairStatus
from frontdoor.people.actions import record_relationship, set_up_household
from frontdoor.people.models import Person, RelationshipKind
from frontdoor.workflow.errors import NotReady, StaleRecord

pytestmark = pytest.mark.django_db

# Tables a merge and its undoing may change: the append-only audit trail and the merge's own
# bookkeeping. Every other table must end exactly as it began.
BOOKKEEPING = {
    "audit.event",
    "audit.recordview",
    "audit.chainhead",
    # The integration events: an append-only log beside the audit trail, so the merge and its
    # undoing are each published, never unwritten (docs/adr/0029).
    "outbox.integrationevent",
    "matching.duplicatepair",
    "matching.merge",
    "sessions.session",
}


def database() -> dict[str, list[str]]:
    return {
        model._meta.label_lower: sorted(map(repr, model._default_manager.values_list()))
        for model in apps.get_models()
        if model._meta.label_lower not in BOOKKEEPING and not model._meta.proxy
    }


@pytest.fixture
def twice(screener, contact_officer):
    """Amy on record twice: a contact, relationships, a household and early help on the second
    record, and a brother and a household shared with the first."""
    kept = f.person("Amy", "Smith", date(2019, 3, 27))
    merged = f.person("Aimee", "Smith", date(2019, 3, 27))
    Person.objects.filter(pk=merged.pk).update(nhs_number="9990000018", postcode="WX1 2AB")
    merged.refresh_from_db()
    index_people([merged])
    ben = f.person("Ben", "Smith", date(2016, 5, 1))
    for person in (kept, merged):
        record_relationship(by=screener, person=person, relative=ben, kind=RelationshipKind.SIBLING)
    record_relationship(by=screener, person=kept, relative=merged, kind=RelationshipKind.SIBLING)
    set_up_household(
        by=screener,
        members=[kept, merged, ben],
        address="1 Elm Road",
        postcode="WX1 2AB",
        moved_in=date(2020, 1, 1),
    )
    contact = f.only_child(f.received(contact_officer))
    contact_actions.link_child(by=screener, contact=contact, person=merged)
    import_history(
        by=screener,
        kind="early_help",
        source="test",
        rows=[
            (
                2,
                {
                    "source_system": "EHM",
                    "source_reference": "EH-1",
                    "nhs_number": "9990000018",
                    "start_date": "2024-01-01",
                },
            ),
        ],
    )
    return kept, merged


@pytest.fixture
def pair(twice):
    kept, merged = twice
    first, second = sorted((kept, merged), key=lambda p: p.pk)
    return DuplicatePair.objects.create(
        first=first,
        second=second,
        score=90,
        reasons=["Same date of birth"],
        found_at=kept.created_at,
    )


def test_every_foreign_key_to_a_person_is_moved_or_explained():
    keys = {link.key for link in person_links()}
    assert set(NOT_MOVED) <= keys, "NOT_MOVED names a relation that no longer exists"
    moved = {link.key for link in links_to_move()}
    # Hidden relations (related_name="+") are found too, and so will any added later.
    assert {
        ("assessments.assessment", "person"),
        ("visits.allocation", "person"),
        ("contacts.contact", "person"),
        ("history.earlyhelpepisode", "person"),
        ("contacts.siblingconsideration", "sibling"),
    } <= moved
    assert moved | set(NOT_MOVED) == keys


def test_manager_can_merge_and_every_row_moves_to_the_kept_record(manager, twice, pair):
    kept, merged = twice
    merge = actions.merge_pair(by=manager, pair=pair, keep=kept)
    merged.refresh_from_db()
    kept.refresh_from_db()
    assert merged.merged_into == kept
    assert kept.contacts.count() == 1 and kept.early_help_episodes.count() == 1
    assert not merged.contacts.exists() and not merged.relationships.exists()
    assert kept.nhs_number == "9990000018"  # a blank filled from the merged record
    # The brother, the household and the record's link to itself could not move twice.
    assert len(merge.set_aside) == 5
    assert pair.__class__.objects.get().status == PairStatus.MERGED
    verbs = set(Event.objects.filter(person__in=[kept, merged]).values_list("verb", flat=True))
    assert {"person_merged", "person_merged_away"} <= verbs
    # The merged record's history shows on the kept record's timeline.
    assert timeline(kept).filter(person=merged, verb="early_help_episode_imported").exists()


def test_undoing_a_merge_leaves_the_database_as_it_was(manager, twice, pair):
    kept, _ = twice
    before = database()
    merge = actions.merge_pair(by=manager, pair=pair, keep=kept)
    assert database() != before
    actions.undo_merge(by=manager, merge=merge)
    assert database() == before
    assert DuplicatePair.objects.get().status == PairStatus.AWAITING_REVIEW
    assert Event.objects.filter(verb="person_unmerged").count() == 2
    with pytest.raises(StaleRecord):
        actions.undo_merge(by=manager, merge=Merge.objects.get())


def test_a_merge_can_be_made_again_after_it_was_undone(manager, twice, pair):
    kept, merged = twice
    actions.undo_merge(by=manager, merge=actions.merge_pair(by=manager, pair=pair, keep=kept))
    pair.refresh_from_db()
    actions.merge_pair(by=manager, pair=pair, keep=merged)
    kept.refresh_from_db()
    assert kept.merged_into == merged


def test_manager_can_reject_a_pair_and_it_is_not_offered_again(manager, twice, pair):
    actions.reject_pair(by=manager, pair=pair)
    assert DuplicatePair.objects.get().status == PairStatus.NOT_DUPLICATES
    assert actions.record_duplicate_pairs(likely_duplicates(threshold=50)) == 0
    with pytest.raises(Exception, match="not the same person"):
        actions.merge_pair(by=manager, pair=pair, keep=twice[0])


def test_manager_cannot_merge_a_restricted_record(manager, make_user, twice, pair):
    ig_lead = make_user("iris", Role.IG_LEAD)
    access_actions.restrict_person(by=ig_lead, person=twice[1], reason="Staff member's child")
    with pytest.raises(NotReady, match="restricted record"):
        actions.merge_pair(by=manager, pair=pair, keep=twice[0])


def test_screener_cannot_merge_or_review(screener, twice, pair):
    with pytest.raises(PermissionDenied):
        actions.merge_pair(by=screener, pair=pair, keep=twice[0])
    with pytest.raises(PermissionDenied):
        actions.reject_pair(by=screener, pair=pair)


def test_the_job_finds_a_misspelt_duplicate_but_not_a_twin(db):
    amy = f.person("Amy", "Smith", date(2019, 3, 27))
    amie = f.person("Amie", "Smith", date(2019, 3, 27))
    f.person("Ella", "Smith", date(2019, 3, 27))  # her twin
    f.person("Zoe", "Brown", date(2001, 1, 1))
    found = likely_duplicates()
    assert [{x.first, x.second} for x in found] == [{amy.pk, amie.pk}]
    assert "Same date of birth" in [r.text for r in found[0].comparison.reasons]
    call_command("find_duplicates")
    call_command("find_duplicates")  # a second run files nothing new
    assert DuplicatePair.objects.count() == 1
