"""Importing history: linking to people, idempotency, bad rows beside good ones, and audit."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied

from frontdoor.audit.models import Event
from frontdoor.contacts.tests import factories as f
from frontdoor.history.actions import import_history
from frontdoor.history.models import EarlyHelpEpisode, ImportKind, LegacyRecord
from frontdoor.history.rows import read_csv
from frontdoor.matching.queries import Criteria, find_people
from frontdoor.people.models import Person

pytestmark = pytest.mark.django_db
SAMPLES = Path(settings.BASE_DIR) / "docs" / "samples"


def sample(name: str, kind: str) -> list[tuple[int, dict[str, str]]]:
    return read_csv((SAMPLES / name).read_bytes(), kind)


def run(user, kind: str, rows) -> object:
    return import_history(by=user, kind=kind, rows=rows, source="test")


def snapshot() -> list[tuple]:
    return sorted(
        (*EarlyHelpEpisode.objects.values_list(), *LegacyRecord.objects.values_list()),
        key=str,
    )


def test_screener_can_import_the_sample_early_help_file(screener):
    result = run(screener, ImportKind.EARLY_HELP, sample("early-help.csv", ImportKind.EARLY_HELP))
    assert (result.created, result.rejected, result.people_created) == (5, 0, 5)
    isla = EarlyHelpEpisode.objects.get(source_reference="EH-1003")
    assert (isla.person.full_name, isla.ended_on, isla.organisation) == (
        "Isla Okafor",
        None,
        "Northgate Primary School",
    )


def test_importing_the_same_files_twice_changes_nothing(screener):
    for name, kind in (("early-help.csv", "early_help"), ("legacy-history.csv", "legacy_history")):
        run(screener, kind, sample(name, kind))
    before, people, events = snapshot(), Person.objects.count(), Event.objects.count()
    for name, kind in (("early-help.csv", "early_help"), ("legacy-history.csv", "legacy_history")):
        again = run(screener, kind, sample(name, kind))
        assert (again.created, again.updated, again.unchanged) == (0, 0, 5)
    assert (snapshot(), Person.objects.count()) == (before, people)
    # Only the two imports' own summary events were added.
    assert list(
        Event.objects.filter(pk__gt=0).order_by("-id")[:2].values_list("verb", flat=True)
    ) == [
        "history_imported",
        "history_imported",
    ]
    assert Event.objects.count() == events + 2


def test_legacy_records_link_to_the_same_child_as_early_help(screener):
    run(screener, "early_help", sample("early-help.csv", "early_help"))
    run(screener, "legacy_history", sample("legacy-history.csv", "legacy_history"))
    amelia = Person.objects.get(first_name="Amelia")
    kinds = sorted(LegacyRecord.objects.filter(person=amelia).values_list("kind", flat=True))
    assert kinds == ["assessment", "referral"]
    # Noah has no NHS number in either file: linked by name and date of birth.
    noah = Person.objects.get(first_name="Noah")
    assert LegacyRecord.objects.get(source_reference="CF-CPP-3301").person == noah


def test_a_row_links_to_the_person_with_its_nhs_number_first(screener):
    known = f.person("Amelia", "Hartley-Jones", date(2015, 4, 12))
    known.nhs_number = "9990000018"
    known.save()
    rows = [
        (
            2,
            {
                "source_system": "EHM",
                "source_reference": "X1",
                "nhs_number": "9990000018",
                "start_date": "2024-01-01",
            },
        )
    ]
    result = run(screener, "early_help", rows)
    assert (result.created, result.people_created) == (1, 0)
    assert EarlyHelpEpisode.objects.get().person == known


def test_a_misspelt_name_with_the_same_birth_date_links_by_matching(screener):
    amy = f.person("Amy", "Smith", date(2019, 3, 27))
    rows = [
        (
            2,
            {
                "source_system": "EHM",
                "source_reference": "X2",
                "first_name": "Amy",
                "last_name": "Smyth",
                "date_of_birth": "2019-03-27",
                "start_date": "2024-01-01",
            },
        )
    ]
    assert run(screener, "early_help", rows).people_created == 0
    assert EarlyHelpEpisode.objects.get().person == amy


def test_a_twin_is_not_taken_for_their_sister(screener):
    f.person("Ella", "Smith", date(2019, 3, 27))
    rows = [
        (
            2,
            {
                "source_system": "EHM",
                "source_reference": "X3",
                "first_name": "Amy",
                "last_name": "Smith",
                "date_of_birth": "2019-03-27",
                "start_date": "2024-01-01",
            },
        )
    ]
    assert run(screener, "early_help", rows).people_created == 1
    assert EarlyHelpEpisode.objects.get().person.first_name == "Amy"


def test_bad_rows_are_reported_and_good_rows_still_import(screener):
    rows = sample("early-help.csv", "early_help")
    number, cells = rows[2]
    rows[2] = (number, {**cells, "start_date": "next Tuesday"})
    rows.append((7, {**rows[0][1], "source_reference": "EH-1001"}))
    result = run(screener, "early_help", rows)
    assert [str(p) for p in result.problems] == [
        "Row 4: enter the episode start date as a date, like 2024-03-31",
        "Row 7: the source reference is also on row 2: each record must appear once",
    ]
    assert [(p.row, p.field) for p in result.problems] == [
        (4, "start_date"),
        (7, "source_reference"),
    ]
    assert (result.created, result.rejected) == (4, 2)


def test_an_nhs_number_nobody_has_without_a_name_is_refused(screener):
    rows = [
        (
            2,
            {
                "source_system": "EHM",
                "source_reference": "X4",
                "nhs_number": "9990000042",
                "start_date": "2024-01-01",
            },
        )
    ]
    result = run(screener, "early_help", rows)
    assert [p.field for p in result.problems] == ["nhs_number"]
    assert not EarlyHelpEpisode.objects.exists()


def test_a_changed_row_updates_the_record_and_says_what_changed(screener):
    rows = sample("early-help.csv", "early_help")[:1]
    run(screener, "early_help", rows)
    number, cells = rows[0]
    result = run(screener, "early_help", [(number, {**cells, "outcome": "Reopened"})])
    assert (result.updated, result.created) == (1, 0)
    assert EarlyHelpEpisode.objects.get().outcome == "Reopened"
    event = Event.objects.filter(verb="early_help_episode_updated").get()
    assert (event.person.first_name, event.data["changed"]) == ("Amelia", ["outcome"])


def test_every_imported_record_is_audited_on_the_childs_record(screener):
    run(screener, "legacy_history", sample("legacy-history.csv", "legacy_history"))
    events = Event.objects.filter(verb="legacy_record_imported")
    assert events.count() == 5
    assert all(event.person_id and event.actor == screener for event in events)
    summary = Event.objects.get(verb="history_imported")
    assert summary.data["created"] == 5 and summary.data["source"] == "test"


def test_imported_children_are_found_by_person_search(screener):
    run(screener, "early_help", sample("early-help.csv", "early_help"))
    found = find_people(screener, Criteria(first_name="Isla", last_name="Okafor"))
    assert found.ranked and found.ranked[0].comparison.score == 100


def test_contact_officer_cannot_import_history(contact_officer):
    with pytest.raises(PermissionDenied):
        run(contact_officer, "early_help", [])
