"""HTTP behaviour of the partner pages: the queue of requests and answering them, the
professionals' referral form, the agency's own referrals, and feedback to referrers."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from frontdoor.contacts.models import FamilyContact
from frontdoor.enquiries.models import Answer, Attachment
from frontdoor.enquiries.tests import factories as ef
from frontdoor.partners import views as partner_views
from frontdoor.partners.models import ReferrerFeedback
from frontdoor.partners.tests import factories as pf

pytestmark = pytest.mark.django_db


# --- The queue and answering --------------------------------------------------------------------


def test_police_partner_sees_the_agencys_queue_soonest_due_first(
    client, manager, police_partner, child_protection_hub, police_agency, health_agency
):
    green = ef.sent(manager, child_protection_hub, police_agency, rag="green")
    red = ef.sent(manager, child_protection_hub, police_agency, rag="red")
    amber = ef.sent(manager, child_protection_hub, police_agency, rag="amber")
    ef.sent(manager, child_protection_hub, health_agency, rag="red")  # not theirs
    client.force_login(police_partner)
    response = client.get(reverse("partners:requests"))
    assert response.status_code == 200
    # Sorted on the stored due time: red (4 working hours) first; amber (24 working hours) and
    # green (72 clock hours) fall either way round depending on the weekend.
    expected = sorted([red, amber, green], key=lambda e: e.due_at)
    assert [e.pk for e in response.context["queue"]] == [e.pk for e in expected]
    assert expected[0] == red


def test_the_partners_queue_counts_every_request_and_pages_through_them(
    client, monkeypatch, manager, police_partner, child_protection_hub, police_agency
):
    """Not cut short at a few hundred: every unanswered request is counted and reachable."""
    monkeypatch.setattr(partner_views, "WORK_PER_PAGE", 2)
    sent = [ef.sent(manager, child_protection_hub, police_agency) for _ in range(3)]
    client.force_login(police_partner)
    first = client.get(reverse("partners:requests"))
    second = client.get(reverse("partners:requests"), {"page": 2})
    assert "3 waiting for your answer, soonest due first (1 to 2)" in first.content.decode()
    assert 'rel="next"' in first.content.decode()
    shown = [e.pk for e in first.context["queue"]] + [e.pk for e in second.context["queue"]]
    assert sorted(shown) == sorted(e.pk for e in sent)


def test_partner_home_counts_open_and_overdue_requests(
    client, manager, police_partner, child_protection_hub, police_agency
):
    ef.sent(manager, child_protection_hub, police_agency)
    client.force_login(police_partner)
    response = client.get(reverse("partners:home"))
    assert (response.context["open"], response.context["overdue"]) == (1, 0)


def test_police_partner_sees_what_is_asked_the_basis_and_the_consent_position(
    client, manager, police_partner, child_protection_hub, police_agency
):
    enquiry = ef.sent(manager, child_protection_hub, police_agency)
    client.force_login(police_partner)
    page = client.get(reverse("partners:request", args=[enquiry.pk])).content.decode()
    assert "Is the family known to you?" in page
    assert enquiry.lawful_basis.text in page
    assert "Consent was given by Jo Smith (mother)" in page
    assert "Amy Smith" in page
    # Never the concern, the screening or what other agencies said.
    assert "frightened to go home" not in page
    assert "Known to police for domestic abuse" not in page


def _answer(token: str, **changes: str) -> dict[str, str]:
    return {
        "token": token,
        "known": "yes",
        "summary": "Two call-outs to the address in March.",
        "known_risks": "Father cautioned for assault in 2024.",
        **changes,
    }


def test_police_partner_can_answer_and_a_double_submit_saves_one_answer(
    client, manager, police_partner, child_protection_hub, police_agency
):
    enquiry = ef.sent(manager, child_protection_hub, police_agency)
    client.force_login(police_partner)
    url = reverse("partners:request", args=[enquiry.pk])
    token = client.get(url).context["form"].initial["token"]
    first = client.post(url, _answer(token))
    again = client.post(url, _answer(token))
    assert (first.status_code, again.status_code) == (302, 302)
    assert Answer.objects.filter(enquiry=enquiry).count() == 1
    shown = client.get(url).content.decode()
    assert "Your agency&#x27;s answer" in shown or "Your agency's answer" in shown
    assert "Two call-outs to the address in March." in shown


def test_a_second_answer_from_another_form_is_refused_clearly(
    client, manager, police_partner, child_protection_hub, police_agency
):
    enquiry = ef.sent(manager, child_protection_hub, police_agency)
    ef.answered(police_partner, enquiry, key="the-first")
    client.force_login(police_partner)
    response = client.post(
        reverse("partners:request", args=[enquiry.pk]), _answer("another-tab", summary="New")
    )
    assert response.status_code == 400
    assert "This request was already answered on" in response.content.decode()
    assert Answer.objects.get().summary.startswith("Two call-outs")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"known": ""}, "Select yes if the child or family is known to your agency"),
        ({"summary": ""}, "Enter what your agency knows, or which records you checked"),
        ({"known_risks": ""}, "Enter the risks your agency knows of, or &#x27;None known&#x27;"),
    ],
)
def test_police_partner_is_told_what_the_answer_needs(
    client, manager, police_partner, child_protection_hub, police_agency, changes, message
):
    enquiry = ef.sent(manager, child_protection_hub, police_agency)
    client.force_login(police_partner)
    response = client.post(reverse("partners:request", args=[enquiry.pk]), _answer("t", **changes))
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page
    assert message in page
    assert not Answer.objects.exists()


def test_police_partner_can_attach_a_pdf_but_not_a_program(
    client, manager, police_partner, child_protection_hub, police_agency
):
    enquiry = ef.sent(manager, child_protection_hub, police_agency)
    client.force_login(police_partner)
    url = reverse("partners:request", args=[enquiry.pk])
    program = SimpleUploadedFile("log.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")
    refused = client.post(url, {**_answer("t1"), "attachments": [program]})
    assert refused.status_code == 400
    assert "log.pdf:" in refused.content.decode()
    pdf = SimpleUploadedFile("log.pdf", b"%PDF-1.7\n%%EOF", "application/pdf")
    assert client.post(url, {**_answer("t2"), "attachments": [pdf]}).status_code == 302
    assert Attachment.objects.get().filename == "log.pdf"


# --- The professionals' referral form -------------------------------------------------------------


def _start(client) -> str:
    response = client.post(reverse("partners:new-referral"))
    assert response.status_code == 302
    return response["Location"].split("/")[-3]


def _step(draft: str, step: str) -> str:
    return reverse("partners:referral-step", kwargs={"draft": draft, "step": step})


ABOUT_YOU = {
    "referrer_name": "PC Priya Tester",
    "referrer_role": "Police constable",
    "referrer_phone": "01632 960 001",
    "referrer_email": "priya@police.example",
}
CONCERN = {
    "narrative": "Neighbours called us about shouting; Amy (7) was crying at the door.",
    "concern_categories": ["DA"],
    "family_knows": "no",
}
CHILD = {
    "first_name": "Amy",
    "last_name": "Smith",
    "sex": "F",
    "date_of_birth_day": "27",
    "date_of_birth_month": "3",
    "date_of_birth_year": "2019",
}


def test_police_partner_can_send_a_referral_and_sees_an_acknowledgement(client, police_partner):
    client.force_login(police_partner)
    draft = _start(client)
    assert client.post(_step(draft, "about-you"), ABOUT_YOU).status_code == 302
    assert client.post(_step(draft, "concern"), CONCERN).status_code == 302
    assert client.post(_step(draft, "children"), CHILD).status_code == 302
    assert client.post(_step(draft, "children"), {"action": "continue"}).status_code == 302
    assert client.post(_step(draft, "adults"), {"action": "continue"}).status_code == 302
    sent = client.post(_step(draft, "check"))
    family = FamilyContact.objects.get()
    assert sent["Location"] == reverse("partners:referral", args=[family.pk])
    assert family.submitted_by_agency == police_partner.agency
    assert family.referral_source == police_partner.agency.referral_source
    page = client.get(sent["Location"]).content.decode()
    assert "Referral received" in page
    assert family.reference in page
    # Sent again (the back button, a retry): the same referral, not a second one.
    assert client.post(_step(draft, "check"))["Location"] == sent["Location"]
    assert FamilyContact.objects.count() == 1


@pytest.mark.parametrize(
    ("step", "body", "messages"),
    [
        (
            "about-you",
            {},
            [
                "Enter your full name",
                "Enter your job title",
                "Enter a phone number the MASH can call you on",
                "Enter your work email address",
            ],
        ),
        (
            "about-you",
            {**ABOUT_YOU, "referrer_phone": "call me", "referrer_email": "priya"},
            [
                "Enter a phone number, like 01632 960 001 or +44 7700 900 982",
                "Enter an email address in the correct format, like name@example.com",
            ],
        ),
        (
            "concern",
            {},
            [
                "Tell us what you are worried about",
                "Select at least one thing the worry is about",
                "Select whether you have told the family",
            ],
        ),
        ("children", {"action": "continue"}, ["Add at least one child"]),
    ],
)
def test_the_referral_form_tells_professionals_exactly_what_to_do(
    client, police_partner, step, body, messages
):
    client.force_login(police_partner)
    draft = _start(client)
    response = client.post(_step(draft, step), body)
    assert response.status_code == 400
    page = response.content.decode()
    for message in messages:
        assert message in page


def test_police_partner_can_remove_a_child_and_a_made_up_button_removes_none(
    client, police_partner
):
    client.force_login(police_partner)
    draft = _start(client)
    for first in ("Amy", "Ben"):
        client.post(_step(draft, "children"), {**CHILD, "first_name": first, "action": "add"})
    for value in ("remove-abc", "remove-", "remove-7"):
        assert client.post(_step(draft, "children"), {"action": value}).status_code == 302
    client.post(_step(draft, "children"), {"action": "remove-0"})
    page = client.get(_step(draft, "children")).content.decode()
    assert "Ben Smith" in page
    assert "Amy Smith" not in page


def test_the_check_page_lists_what_is_missing_before_sending(client, police_partner):
    client.force_login(police_partner)
    draft = _start(client)
    response = client.post(_step(draft, "check"))
    assert response.status_code == 400
    page = response.content.decode()
    for message in ("Tell us about you", "Tell us what you are worried about"):
        assert message in page
    assert not FamilyContact.objects.exists()


# --- The agency's own referrals, and the outcome it may know -----------------------------------


def test_police_partner_sees_only_the_agencys_own_referrals(
    client, police_partner, health_partner, contact_officer
):
    own = pf.submitted(police_partner)
    pf.submitted(health_partner)
    from frontdoor.contacts.tests import factories as f

    f.received(contact_officer)  # a phone call, not an online referral
    client.force_login(police_partner)
    response = client.get(reverse("partners:referrals"))
    assert [family.pk for family, _ in response.context["rows"]] == [own.pk]


def test_referrer_sees_the_outcome_only_once_the_mash_has_fed_back(
    client, police_partner, screener, manager, child_protection_hub
):
    family = pf.submitted(police_partner)
    pf.decided(family, screener=screener, manager=manager, hub=child_protection_hub)
    client.force_login(police_partner)
    url = reverse("partners:referral", args=[family.pk])
    before = client.get(url).content.decode()
    assert "Decided: feedback to follow" in before
    assert "Information and advice" not in before
    client.force_login(manager)
    response = client.post(
        reverse("partners:feedback", args=[family.pk]),
        {"method": "portal", "message": "Mother has been given advice; school will keep in touch."},
    )
    assert response.status_code == 302
    client.force_login(police_partner)
    after = client.get(url).content.decode()
    assert "Outcome: Information and advice" in after
    assert "Mother has been given advice" in after
    assert pf.RATIONALE not in after  # the rationale is never the referrer's


def test_feedback_queue_lists_referrers_waiting_soonest_due_first(
    client, contact_officer, police_partner, screener, manager, child_protection_hub
):
    family = pf.submitted(police_partner)
    pf.decided(family, screener=screener, manager=manager, hub=child_protection_hub)
    client.force_login(contact_officer)
    response = client.get(reverse("partners:feedback-queue"))
    assert [fam.pk for fam in response.context["families"]] == [family.pk]


def test_recording_feedback_needs_a_method(
    client, manager, police_partner, screener, child_protection_hub
):
    family = pf.submitted(police_partner)
    pf.decided(family, screener=screener, manager=manager, hub=child_protection_hub)
    client.force_login(manager)
    response = client.post(reverse("partners:feedback", args=[family.pk]), {})
    assert response.status_code == 400
    assert "Select how the referrer was told" in response.content.decode()
    assert ReferrerFeedback.objects.get().given_at is None
