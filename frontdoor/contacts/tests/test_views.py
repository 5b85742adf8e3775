"""HTTP behaviour of the contact pages: status codes, redirects, what is saved."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from frontdoor.audit.models import RecordView
from frontdoor.contacts import queries
from frontdoor.contacts.models import Contact, ContactDraft, Decision, FamilyContact
from frontdoor.contacts.tests import factories as f
from frontdoor.contacts.workflow import Status

pytestmark = pytest.mark.django_db


def _date_parts(prefix: str, day) -> dict[str, str]:
    return {
        f"{prefix}_day": str(day.day),
        f"{prefix}_month": str(day.month),
        f"{prefix}_year": str(day.year),
    }


# --- queues -----------------------------------------------------------------------------------


def test_screener_can_see_the_screening_queue_most_urgent_first(client, screener, contact_officer):
    later = f.received(contact_officer, received_at=timezone.now() - timedelta(minutes=10))
    sooner = f.received(contact_officer, received_at=timezone.now() - timedelta(hours=5))
    client.force_login(screener)
    response = client.get(reverse("contacts:screening-queue"))
    assert response.status_code == 200
    families = list(response.context["page"].object_list)
    assert [fam.pk for fam in families] == [sooner.pk, later.pk]
    assert "Overdue by 1 hour" in response.content.decode()


def test_screener_sees_a_childs_name_on_the_queue_as_text_never_as_markup(
    client, screener, contact_officer
):
    """The rows are a Jinja2 template (docs/adr/0038): autoescaped like every page."""
    f.received(contact_officer, children=[f.child('<b onclick="x()">Amy</b>', "O'Neil")])
    client.force_login(screener)
    html = client.get(reverse("contacts:screening-queue")).content.decode()
    assert "<b onclick" not in html
    assert "&lt;b onclick=&#34;x()&#34;&gt;Amy&lt;/b&gt; O&#39;Neil" in html
    # Django's own tags inside the rows stay safe HTML, not escaped twice.
    assert '<strong class="govuk-tag govuk-tag--' in html


def test_screener_sees_each_familys_children_on_the_queue_in_the_order_they_were_named(
    client, screener, contact_officer
):
    """The page reads the children of its 50 families in one statement (`queue_page`), not
    through a prefetch: each family gets its own children, in the referrer's order."""
    first = f.received(contact_officer, children=[f.child("Zoe"), f.child("Amy"), f.child("Kit")])
    second = f.received(contact_officer, children=[f.child("Bea")])
    client.force_login(screener)
    page = client.get(reverse("contacts:screening-queue")).context["page"]
    children = {family.pk: [c.first_name for c in family.children] for family in page.object_list}
    assert children == {first.pk: ["Zoe", "Amy", "Kit"], second.pk: ["Bea"]}


@pytest.mark.parametrize(
    ("asked", "shown", "families"),
    [
        ("", 1, ["a", "b"]),
        ("2", 2, ["c", "d"]),
        ("3", 3, ["e"]),
        ("4", 3, ["e"]),  # past the end: the last page, as Django's paginator gives
        ("0", 3, ["e"]),
        ("x", 1, ["a", "b"]),  # not a number: the first page
        # Typed by hand, beyond what an offset can hold: past the end, never a 500.
        ("99999999999999999999", 3, ["e"]),
        ("-5", 3, ["e"]),
    ],
)
def test_screener_sees_the_page_of_the_queue_asked_for_and_how_many_wait(
    client, screener, contact_officer, monkeypatch, asked, shown, families
):
    """The page's rows carry the length of the whole queue (one statement, not a count and
    then the page), and the page chosen is the one Django's `Paginator.get_page` would give."""
    monkeypatch.setattr(queries, "QUEUE_PAGE_SIZE", 2)
    now = timezone.now()
    made = {
        name: f.received(
            contact_officer,
            received_at=now - timedelta(hours=10 - n),
            children=[f.child(name.upper())],
        )
        for n, name in enumerate("abcde")
    }
    client.force_login(screener)
    page = client.get(reverse("contacts:screening-queue"), {"page": asked}).context["page"]
    assert page.number == shown
    assert page.paginator.count == 5 and page.paginator.num_pages == 3
    assert [family.pk for family in page.object_list] == [made[name].pk for name in families]


def test_screener_sees_an_empty_queue_as_one_empty_page(client, screener):
    client.force_login(screener)
    response = client.get(reverse("contacts:screening-queue"), {"page": "2"})
    page = response.context["page"]
    assert (page.number, page.paginator.count, list(page.object_list)) == (1, 0, [])
    assert "Nothing is waiting in this queue." in response.content.decode()


def test_partner_cannot_see_a_queue(client, police_partner):
    client.force_login(police_partner)
    assert client.get(reverse("contacts:screening-queue")).status_code == 403


def test_queue_page_runs_the_same_number_of_queries_however_long_the_queue(
    client, screener, contact_officer
):
    client.force_login(screener)
    url = reverse("contacts:screening-queue")
    f.received(contact_officer, children=[f.child("Amy"), f.child("Ben")])
    client.get(url)  # the first request after signing in stamps the session
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(15):
        f.received(contact_officer, children=[f.child("Cal"), f.child("Dee"), f.child("Eve")])
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)
    # session, user, the second-factor device (django-otp re-checks it on every request), the
    # page of families with the queue's length (docs/adr/0046), their children (restricted
    # ones found in the same query); the filter form's choices: who may raise a contact (the
    # code list) and who holds claims here; and the children hidden from this reader, asked
    # once per request rather than inside every statement (frontdoor/access/records.py)
    assert len(few) <= 8


# --- the family contact and the child's record ------------------------------------------------


def test_partner_gets_404_for_a_contact_they_did_not_submit(
    client, police_partner, contact_officer
):
    family = f.received(contact_officer)
    client.force_login(police_partner)
    assert client.get(reverse("contacts:family", args=[family.pk])).status_code == 404


def test_screener_viewing_a_contact_is_logged(client, screener, contact_officer):
    family = f.received(contact_officer)
    client.force_login(screener)
    assert client.get(reverse("contacts:family", args=[family.pk])).status_code == 200
    assert RecordView.objects.filter(user=screener, family_contact=family).count() == 1


def test_manager_viewing_a_child_is_logged_and_shows_the_timeline(client, manager, screener):
    family = f.screened(screener)
    person = f.only_child(family).person
    client.force_login(manager)
    response = client.get(reverse("people:child", args=[person.pk]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Contact received" in body and "Screening recorded" in body
    assert RecordView.objects.filter(user=manager, person=person, kind="child_record").exists()


def test_child_page_is_not_shown_when_the_view_cannot_be_logged(
    client, manager, screener, monkeypatch
):
    family = f.screened(screener)
    person = f.only_child(family).person

    def broken(**kwargs):
        raise RuntimeError("audit database unavailable")

    monkeypatch.setattr("frontdoor.audit.actions.record_view", broken)
    client.force_login(manager)
    client.raise_request_exception = False
    response = client.get(reverse("people:child", args=[person.pk]))
    assert response.status_code == 500
    assert person.first_name not in response.content.decode()


def test_contact_officer_cannot_open_a_childs_record(client, contact_officer, screener):
    family = f.screened(screener)
    client.force_login(contact_officer)
    assert (
        client.get(reverse("people:child", args=[f.only_child(family).person.pk])).status_code
        == 404
    )


# --- forms: GOV.UK errors and nothing saved ---------------------------------------------------


def test_screener_sees_govuk_errors_and_nothing_is_saved_when_screening_is_incomplete(
    client, screener, contact_officer
):
    family = f.received(contact_officer)
    contact = f.only_child(family)
    client.force_login(screener)
    response = client.post(
        reverse("contacts:screen", args=[contact.pk]), {"version": contact.version}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "There is a problem" in body
    assert "Select a RAG rating" in body and "Enter a screening summary" in body
    contact.refresh_from_db()
    assert contact.status == Status.AWAITING_SCREENING and contact.rag == ""


def test_manager_is_told_when_someone_else_decided_first(
    client, manager, second_manager, screener, area_team
):
    family = f.screened(screener)
    contact = f.only_child(family)
    form = {
        "version": contact.version,
        "outcome": "strategy_discussion",
        "rationale": "Significant harm suspected",
        **_date_parts("see_by", timezone.localdate() + timedelta(days=1)),
        "see_by_time": "10:00",
        "see_by_team": str(area_team.pk),
    }
    client.force_login(second_manager)
    assert client.post(reverse("contacts:decide", args=[contact.pk]), form).status_code == 302
    client.force_login(manager)
    response = client.post(reverse("contacts:decide", args=[contact.pk]), form)
    assert "Someone else changed this contact" in response.content.decode()
    assert Decision.objects.count() == 1


def test_manager_must_give_a_see_by_time_for_a_strategy_discussion(client, manager, screener):
    family = f.screened(screener)
    contact = f.only_child(family)
    client.force_login(manager)
    response = client.post(
        reverse("contacts:decide", args=[contact.pk]),
        {"version": contact.version, "outcome": "strategy_discussion", "rationale": "Harm"},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Enter the date and time by which the child must be seen" in body
    assert "Choose the team that will see the child" in body
    assert not Decision.objects.exists()


def test_manager_sees_which_council_revealed_under_refer_to_another_council(
    client, manager, screener, settings
):
    settings.FRONTDOOR_DFE_LA_NUMBER = "850"  # Hampshire
    contact = f.only_child(f.screened(screener))
    client.force_login(manager)
    page = client.get(reverse("contacts:decide", args=[contact.pk])).content.decode()
    # GOV.UK conditional reveal: the question sits under its radio, in the page without
    # JavaScript (the class only hides it once govuk-frontend runs), and only once.
    radio = page.index('value="other_council" data-aria-controls="conditional-id_outcome-6"')
    reveal = page.index('<div class="govuk-radios__conditional govuk-radios__conditional--hidden"')
    select = page.index('<select name="other_council"')
    assert radio < reveal < select
    assert page.count('name="other_council"') == 1
    assert '<option value="383">Leeds</option>' in page
    assert 'value="850"' not in page  # this council is not another council


def test_manager_must_say_which_council_the_child_is_referred_to(client, manager, screener):
    contact = f.only_child(f.screened(screener))
    client.force_login(manager)
    url = reverse("contacts:decide", args=[contact.pk])
    form = {"version": contact.version, "outcome": "other_council", "rationale": "Moved away"}
    response = client.post(url, form)
    assert response.status_code == 400
    body = response.content.decode()
    assert '<a href="#id_other_council">Select the council the child is referred to</a>' in body
    own = client.post(url, {**form, "other_council": "999"})  # the demo county's own number
    assert own.status_code == 400
    assert "Select the council the child is referred to" in own.content.decode()
    assert not Decision.objects.exists()
    done = client.post(url, {**form, "other_council": "383"})
    assert done.status_code == 302
    decision = Decision.objects.get()
    assert (decision.outcome, decision.other_council.label) == ("other_council", "Leeds")
    assert decision.handovers.get().council.code == "383"


def test_hub_worker_gets_403_on_the_decision_page(
    client, hub_worker, screener, child_protection_hub
):
    family = f.in_hub(screener, child_protection_hub)
    client.force_login(hub_worker)
    assert client.get(reverse("contacts:decide", args=[f.only_child(family).pk])).status_code == 403


# --- recording a contact: the question pages --------------------------------------------------


def test_contact_officer_can_record_a_contact_through_the_question_pages(client, contact_officer):
    client.force_login(contact_officer)
    response = client.post(reverse("contacts:new"))
    draft = ContactDraft.objects.get()
    step = lambda name: reverse("contacts:draft-step", args=[draft.pk, name])  # noqa: E731
    assert response["Location"] == step("referrer")
    now = timezone.localtime()
    # Five minutes ago, with its own date (just after midnight that is yesterday).
    received = now - timedelta(minutes=5)
    response = client.post(
        step("referrer"),
        {
            **_date_parts("received_at", received.date()),
            "received_at_time": received.strftime("%H:%M"),
            "referral_source": "2A",
            "referrer_is_public": "no",
            "referrer_name": "Ms Teacher",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    response = client.post(
        step("concern"),
        {"concern_categories": ["DA"], "narrative": "Frightened to go home", "family_knows": "no"},
    )
    assert response.status_code == 302
    for first in ("Amy", "Ben"):
        response = client.post(
            step("children"),
            {
                "action": "add",
                "first_name": first,
                "last_name": "Smith",
                "sex": "F",
                **_date_parts("date_of_birth", now.date() - timedelta(days=2000)),
            },
        )
        assert response.status_code == 302
    client.post(step("children"), {"action": "continue"})
    response = client.post(
        step("adults"),
        {
            "action": "add",
            "first_name": "Jo",
            "last_name": "Smith",
            "relationship_0": "parent",
            "relationship_1": "parent",
        },
    )
    assert response.status_code == 302
    response = client.post(step("check"))
    family = FamilyContact.objects.get()
    assert response["Location"] == reverse("contacts:family", args=[family.pk])
    assert [c.first_name for c in family.contacts.order_by("position")] == ["Amy", "Ben"]
    assert family.adults.get().relationships.count() == 2
    # A double click or a retry of the last step records nothing new.
    again = client.post(step("check"))
    assert again["Location"] == reverse("contacts:family", args=[family.pk])
    assert Contact.objects.count() == 2


def test_contact_officer_is_told_to_add_a_child_before_continuing(client, contact_officer):
    client.force_login(contact_officer)
    client.post(reverse("contacts:new"))
    draft = ContactDraft.objects.get()
    response = client.post(
        reverse("contacts:draft-step", args=[draft.pk, "children"]), {"action": "continue"}
    )
    assert response.status_code == 400
    assert "Add at least one child" in response.content.decode()


def test_someone_elses_draft_is_a_404(client, contact_officer, screener):
    client.force_login(contact_officer)
    client.post(reverse("contacts:new"))
    draft = ContactDraft.objects.get()
    client.force_login(screener)
    assert (
        client.get(reverse("contacts:draft-step", args=[draft.pk, "referrer"])).status_code == 404
    )


# --- where each person lands ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "lands_on"),
    [
        ("ig_lead", "governance:index"),
        ("auditor", "casework_audits:mine"),
        ("senior_leader", "oversight:overview"),
        ("screener", "contacts:screening-queue"),
    ],
)
def test_each_role_lands_on_its_own_work(client, make_user, role, lands_on):
    client.force_login(make_user(f"lands-{role}", role))
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response.url == reverse(lands_on)
    assert client.get(response.url).status_code == 200
