"""The screening and decision forms carry optional additions to the analysis: typed once, they
become entries of the child's one analysis in the stage's own transaction."""

from __future__ import annotations

import pytest
from django.urls import reverse

from frontdoor.codelists.models import CodeList
from frontdoor.contacts.models import Decision
from frontdoor.contacts.tests import factories as f
from frontdoor.practice.models import Analysis, Entry
from frontdoor.practice.queries import analyses_of

pytestmark = pytest.mark.django_db


def test_screener_adds_a_worry_while_screening(client, screener, contact_officer):
    contact = f.only_child(f.linked(screener, f.received(contact_officer)))
    client.force_login(screener)
    response = client.post(
        reverse("contacts:screen", args=[contact.pk]),
        {
            "version": contact.version,
            "rag": "red",
            "level_of_need": f.code(CodeList.LEVEL_OF_NEED, "4").pk,
            "summary": "Bruising seen at school",
            "recommendation": "Child protection hub",
            "practice_worries": "Bruise to the cheek, no explanation given",
            "practice_working_well": "",
        },
    )
    assert response.status_code == 302
    entry = Entry.objects.get()
    assert (entry.section, entry.stage, entry.text) == (
        "worries",
        "screening",
        "Bruise to the cheek, no explanation given",
    )


def test_a_screening_that_fails_adds_nothing_to_the_analysis(client, screener, contact_officer):
    contact = f.only_child(f.linked(screener, f.received(contact_officer)))
    client.force_login(screener)
    response = client.post(
        reverse("contacts:screen", args=[contact.pk]),
        {"version": contact.version, "practice_worries": "Kept in the form, not saved"},
    )
    assert response.status_code == 400
    assert "Kept in the form, not saved" in response.content.decode()
    assert not Entry.objects.exists()


def test_manager_adds_what_needs_to_happen_with_a_decision_that_ends_the_episode(
    client, manager, screener
):
    contact = f.only_child(f.screened(screener))
    client.force_login(manager)
    response = client.post(
        reverse("contacts:decide", args=[contact.pk]),
        {
            "version": contact.version,
            "outcome": "information_advice",
            "rationale": "Parents engaging with school nurse",
            "practice_needs_to_happen": "School nurse to review in a month",
        },
    )
    assert response.status_code == 302 and Decision.objects.count() == 1
    entry = Entry.objects.get()
    assert (entry.stage, entry.section) == ("decision", "needs_to_happen")
    current, earlier, is_open = analyses_of(contact.person)
    assert current is None and not is_open  # the decision ended the episode
    assert earlier[0].analysis == Analysis.objects.get()
