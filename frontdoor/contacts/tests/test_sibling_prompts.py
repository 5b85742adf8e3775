"""Brothers and sisters at screening: prompted, answered, and added to the family contact."""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.test import Client

from frontdoor.access import actions as access_actions
from frontdoor.access.models import Role
from frontdoor.access.queries import RESTRICTED_PLACEHOLDER
from frontdoor.access.tests.service_accounts import token_for
from frontdoor.audit.models import Event
from frontdoor.codelists.models import CodeList
from frontdoor.contacts import actions
from frontdoor.contacts.models import Contact, SiblingConsideration
from frontdoor.contacts.queries import brothers_and_sisters_on_record
from frontdoor.contacts.sibling_prompts import sibling_prompts
from frontdoor.contacts.tests import factories as f
from frontdoor.contacts.workflow import Status
from frontdoor.people.actions import record_relationship
from frontdoor.people.models import Person, RelationshipKind
from frontdoor.workflow.errors import NotReady

pytestmark = pytest.mark.django_db

SCREENING = {
    "rag": "amber",
    "level_of_need": "",
    "summary": "Known to the early help team.",
    "recommendation": "Early help hub",
}


@pytest.fixture
def family(screener, contact_officer):
    """A contact about Amy alone; Amy's brother Ben and half-sister Cara are on record."""
    family = f.linked(screener, f.received(contact_officer))
    amy = f.only_child(family).person
    ben = f.person("Ben", "Smith", date(2016, 5, 1))
    cara = f.person("Cara", "Jones", date(2021, 9, 9))
    record_relationship(by=screener, person=amy, relative=ben, kind=RelationshipKind.SIBLING)
    record_relationship(by=screener, person=amy, relative=cara, kind=RelationshipKind.HALF_SIBLING)
    return family


def screen(by, contact, siblings=None):
    return actions.record_screening(
        by=by,
        contacts=[contact],
        screening=actions.Screening(
            rag="amber",
            level_of_need=f.code(CodeList.LEVEL_OF_NEED, "2"),
            summary="Known to the early help team.",
            recommendation="Early help hub",
        ),
        siblings=siblings,
    )


def ids(family):
    return {p.sibling.first_name: str(p.sibling.pk) for p in sibling_prompts(family)}


def test_screener_is_prompted_about_each_sibling_not_in_the_contact(family):
    prompts = sibling_prompts(family)
    assert [(p.name, p.relationship) for p in prompts] == [
        ("Ben Smith", "brother or sister"),
        ("Cara Jones", "half-brother or half-sister"),
    ]


def test_screener_cannot_screen_while_a_sibling_prompt_is_unanswered(screener, family):
    contact = f.only_child(family)
    with pytest.raises(NotReady) as refused:
        screen(screener, contact, {ids(family)["Ben"]: "no_action"})
    assert refused.value.reasons == ["Select what should happen for Cara Jones"]
    # About the answer for Cara, by her person id: the API's `siblings.<id>` (docs/adr/0036).
    assert refused.value.fields == {
        "Select what should happen for Cara Jones": f"siblings.{ids(family)['Cara']}"
    }
    contact.refresh_from_db()
    assert contact.status == Status.AWAITING_SCREENING
    assert not SiblingConsideration.objects.exists()


def test_screener_can_add_a_sibling_to_the_family_contact(screener, family):
    contact = f.only_child(family)
    sibling = ids(family)
    screen(screener, contact, {sibling["Ben"]: "add", sibling["Cara"]: "no_action"})
    added = Contact.objects.get(family=family, person_id=sibling["Ben"])
    assert (added.status, added.screening_due_at, added.position) == (
        Status.AWAITING_SCREENING,
        contact.screening_due_at,
        1,
    )
    answers = dict(SiblingConsideration.objects.values_list("sibling__first_name", "answer"))
    assert answers == {"Ben": "add", "Cara": "no_action"}
    verbs = list(Event.objects.filter(family_contact=family).values_list("verb", flat=True))
    assert verbs.count("sibling_considered") == 2
    assert "child_added_to_contact" in verbs
    # Answered once for this family contact: nobody is prompted again, Ben included.
    assert sibling_prompts(family) == []


def test_screener_is_not_prompted_about_a_sibling_already_in_the_contact(screener, contact_officer):
    family = f.linked(
        screener,
        f.received(
            contact_officer, children=[f.child("Amy"), f.child("Ben", born=date(2016, 5, 1))]
        ),
    )
    amy, ben = (c.person for c in family.contacts.order_by("position"))
    record_relationship(by=screener, person=amy, relative=ben, kind=RelationshipKind.SIBLING)
    assert sibling_prompts(family) == []


def test_a_restricted_sibling_is_prompted_without_their_name(screener, family, make_user):
    ig_lead = make_user("iris", Role.IG_LEAD)
    ben = ids(family)["Ben"]
    access_actions.restrict_person(
        by=ig_lead, person=Person.objects.get(pk=ben), reason="Staff member's brother"
    )
    names = [p.name for p in sibling_prompts(family)]
    assert "Ben Smith" not in names and len(names) == 2


def test_screener_sees_a_govuk_error_for_an_unanswered_sibling(client, screener, family):
    client.force_login(screener)
    contact = f.only_child(family)
    page = client.get(f"/contacts/child/{contact.pk}/screening/")
    assert b"Ben Smith: what should happen?" in page.content
    assert b"Brothers and sisters on record" in page.content
    level = f.code(CodeList.LEVEL_OF_NEED, "2")
    response = client.post(
        f"/contacts/child/{contact.pk}/screening/",
        {
            **SCREENING,
            "level_of_need": level.pk,
            "version": contact.version,
            f"sibling_{ids(family)['Ben'].replace('-', '')}": "no_action",
        },
    )
    assert response.status_code == 400
    assert b"Select what should happen for Cara Jones" in response.content
    assert b"govuk-error-summary" in response.content


def test_screener_can_answer_sibling_prompts_over_the_api(screener, family):
    contact = f.only_child(family)
    token = token_for(screener, name="tests")
    body = {
        "rag": "amber",
        "level_of_need": "2",
        "summary": "Known to early help.",
        "recommendation": "Early help hub",
        "siblings": {ids(family)["Ben"]: "no_action"},
    }
    url = f"/api/contacts/children/{contact.pk}/screening"
    headers = {"Authorization": f"Bearer {token}"}
    refused = Client().post(url, json.dumps(body), "application/json", headers=headers)
    assert refused.status_code == 422
    assert "Select what should happen for Cara Jones" in refused.content.decode()
    body["siblings"][ids(family)["Cara"]] = "add"
    accepted = Client().post(url, json.dumps(body), "application/json", headers=headers)
    assert accepted.status_code == 200, accepted.content
    assert Contact.objects.filter(family=family).count() == 2


def test_screener_sees_both_children_of_one_contact_as_brother_and_sister_on_record(
    client, screener, contact_officer
):
    family = f.linked(
        screener,
        f.received(
            contact_officer, children=[f.child("Amy"), f.child("Ben", born=date(2016, 5, 1))]
        ),
    )
    amy, ben = family.contacts.order_by("position")
    client.force_login(screener)
    page = client.get(f"/contacts/child/{amy.pk}/screening/").content.decode()
    aside = page.split("Brothers and sisters on record")[1]
    assert "None recorded." not in aside
    assert f"{ben.person.full_name}</a>, named in the same contact" in aside
    assert amy.person.full_name + "</a>" not in aside


def test_a_restricted_child_named_in_the_same_contact_is_listed_without_their_name(
    screener, contact_officer, make_user
):
    family = f.linked(
        screener,
        f.received(
            contact_officer, children=[f.child("Amy"), f.child("Ben", born=date(2016, 5, 1))]
        ),
    )
    amy, ben = family.contacts.order_by("position")
    access_actions.restrict_person(
        by=make_user("iris", Role.IG_LEAD), person=ben.person, reason="Staff member's son"
    )
    (member,) = brothers_and_sisters_on_record(amy.person)
    assert (member.name, member.person) == (RESTRICTED_PLACEHOLDER, None)
    # The placeholder describes nothing about them, not even where they were named (issue 17).
    assert (member.relationship, member.source, member.kinds) == ("", "", ())
