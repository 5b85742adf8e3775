"""An event on a child's timeline that names someone the reader may not open shows what kind of
event it was and nothing of its detail, on the record's page, the chronology and the API alike
(../shared/SECURITY.md, 4; docs/adr/0016, 0037). Before, "Family relationships recorded. Added:
Alleged perpetrator, Parent's partner" about a restricted adult was on the timeline of every
reader of the child. Which keys of an event name a person is declared per verb
(audit.timeline.PEOPLE_KEYS), and every test's events are checked against it (conftest.py)."""

from __future__ import annotations

import ast
from datetime import timedelta
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from frontdoor.access.actions import grant_access
from frontdoor.access.records import reading_as
from frontdoor.access.tests.service_accounts import token_for
from frontdoor.access.timeline import describe
from frontdoor.audit.models import Event
from frontdoor.audit.tests.declared_people import undeclared_people_keys
from frontdoor.audit.timeline import PEOPLE_KEYS, WITHHELD

pytestmark = pytest.mark.django_db

# What would say what the restricted adult is to Amy, or who he is.
DESCRIBING = ("Jonty", "Marchbanks", "perpetrator", "partner")


def assert_says_nothing_of_him(text: str) -> None:
    for words in DESCRIBING:
        assert words.lower() not in text.lower(), words


def test_the_childs_record_withholds_the_detail_of_an_event_about_a_restricted_adult(
    hub_worker, amy_and_a_restricted_adult
):
    amy, _ = amy_and_a_restricted_adult
    client = Client()
    client.force_login(hub_worker)
    page = client.get(reverse("people:child", args=[amy.pk])).content.decode()
    assert "Family relationships recorded" in page and WITHHELD in page
    assert_says_nothing_of_him(page)


def test_the_chronology_withholds_a_relationship_to_a_restricted_adult(
    hub_worker, amy_and_a_restricted_adult
):
    amy, _ = amy_and_a_restricted_adult
    client = Client()
    client.force_login(hub_worker)
    for name in ("people:chronology", "people:chronology-print"):
        page = client.get(reverse(name, args=[amy.pk]))
        assert page.status_code == 200
        assert WITHHELD in page.content.decode()
        assert_says_nothing_of_him(page.content.decode())


def test_the_api_withholds_the_detail_of_an_event_about_a_restricted_adult(
    hub_worker, amy_and_a_restricted_adult
):
    amy, _ = amy_and_a_restricted_adult
    answer = Client().get(
        f"/api/children/{amy.pk}",
        headers={"Authorization": f"Bearer {token_for(hub_worker, name='timeline test')}"},
    )
    assert answer.status_code == 200
    timeline = answer.json()["timeline"]
    recorded = [e for e in timeline if e["verb"] == "relationships_recorded"]
    assert recorded and all(e["detail"] == WITHHELD for e in recorded)
    assert_says_nothing_of_him(str(timeline))


def test_a_reader_on_the_allow_list_sees_the_detail(
    hub_worker, ig_lead, amy_and_a_restricted_adult
):
    amy, jonty = amy_and_a_restricted_adult
    grant_access(
        by=ig_lead,
        person=jonty,
        user=hub_worker,
        expires_at=timezone.now() + timedelta(days=7),
        reason="Works the family's case",
    )
    event = Event.objects.filter(person=amy, verb="relationships_recorded").latest("id")
    with reading_as(hub_worker):
        assert "Alleged perpetrator" in describe(event).detail


def test_an_event_that_names_a_person_under_an_undeclared_key_is_found(
    amy_and_a_restricted_adult,
):
    amy, jonty = amy_and_a_restricted_adult
    made_up = [("made_up_verb", amy.pk, {"someone": str(jonty.pk), "other": "x"})]
    assert undeclared_people_keys(made_up) == [("made_up_verb", "someone")]
    declared = [("relationships_recorded", amy.pk, {"relative": str(jonty.pk)})]
    assert undeclared_people_keys(declared) == []
    # The child the event is about is not "another person".
    assert undeclared_people_keys([("made_up_verb", amy.pk, {"child": str(amy.pk)})]) == []


def test_every_declared_key_belongs_to_a_verb_the_code_writes():
    source = "\n".join(
        p.read_text() for p in Path("frontdoor").rglob("*.py") if "tests" not in p.parts
    )
    for verb in PEOPLE_KEYS:
        assert f'"{verb}"' in source, verb


def test_only_the_access_layer_describes_events_whole():
    """Every reader goes through access.timeline.describe; audit.timeline.describe (whole) is
    called by nothing else."""
    callers = []
    for path in Path("frontdoor").rglob("*.py"):
        if "tests" in path.parts or path.parts[:2] in {("frontdoor", "access")}:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if (
                isinstance(node, ast.ImportFrom)
                and node.module == "frontdoor.audit.timeline"
                and any(alias.name == "describe" for alias in node.names)
            ):
                callers.append(str(path))
    assert callers == []
