"""The actions for sending and withdrawing enquiries, and answering them: the policy, the state,
the audit row and the stored due time (consent is in test_consent.py)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.http import Http404

from frontdoor.audit.models import Event
from frontdoor.contacts.tests import factories as f
from frontdoor.enquiries import actions
from frontdoor.enquiries.models import Answer, Attachment, Enquiry
from frontdoor.enquiries.tests import factories as ef
from frontdoor.enquiries.uploads import check_file
from frontdoor.enquiries.workflow import EnquiryStatus
from frontdoor.workflow.errors import IllegalTransition, NotReady

pytestmark = pytest.mark.django_db

# Monday 2 March 2026, 10:00 in London (GMT, so 10:00 UTC): a plain working morning.
MONDAY_10AM = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)


# --- Sending: the due time from the RAG, stored ------------------------------------------------


@pytest.mark.parametrize(
    ("rag", "sent", "due"),
    [
        # Red: 4 working hours (09:00-17:00). Monday 10:00 -> Monday 14:00.
        ("red", MONDAY_10AM, datetime(2026, 3, 2, 14, 0, tzinfo=UTC)),
        # Red sent at 15:00 on a Friday: 2 hours on Friday, 2 on Monday -> Monday 11:00.
        ("red", datetime(2026, 3, 6, 15, 0, tzinfo=UTC), datetime(2026, 3, 9, 11, 0, tzinfo=UTC)),
        # Amber: 24 working hours = three 8-hour days. Monday 10:00 -> Thursday 10:00.
        ("amber", MONDAY_10AM, datetime(2026, 3, 5, 10, 0, tzinfo=UTC)),
        # Green: 72 clock hours. Monday 10:00 -> Thursday 10:00, weekends counted.
        ("green", MONDAY_10AM, datetime(2026, 3, 5, 10, 0, tzinfo=UTC)),
        ("green", datetime(2026, 3, 6, 15, 0, tzinfo=UTC), datetime(2026, 3, 9, 15, 0, tzinfo=UTC)),
    ],
)
def test_enquiry_due_time_comes_from_the_rag_and_is_stored(
    manager, child_protection_hub, police_agency, rag, sent, due
):
    with time_machine.travel(sent, tick=False):
        enquiry = ef.sent(manager, child_protection_hub, police_agency, rag=rag)
    enquiry.refresh_from_db()
    assert (enquiry.rag, enquiry.sent_at, enquiry.due_at) == (rag, sent, due)


def test_hub_worker_can_send_requests_to_police_and_health(
    hub_worker, child_protection_hub, police_agency, health_agency, consented_family
):
    family = consented_family
    sent = ef.send(hub_worker, family, [police_agency, health_agency])
    assert {e.agency for e in sent} == {police_agency, health_agency}
    assert all(e.status == EnquiryStatus.SENT for e in sent)
    assert all(e.sent_by == hub_worker for e in sent)
    events = Event.objects.filter(verb="enquiry_sent", family_contact=family)
    assert sorted(e.data["agency"] for e in events) == sorted(
        [police_agency.name, health_agency.name]
    )
    # What the partner is shown is copied onto the enquiry: who it is about, the consent.
    assert {s["name"] for s in sent[0].subjects} == {"Amy Smith", "Jo Smith"}
    assert sent[0].consent_summary.startswith("Consent was given by Jo Smith (mother)")


def test_the_same_send_form_twice_sends_each_agency_one_request(
    hub_worker, child_protection_hub, police_agency, health_agency, consented_family
):
    family = consented_family
    first = ef.send(hub_worker, family, [police_agency, health_agency], key="form-1")
    again = ef.send(hub_worker, family, [police_agency, health_agency], key="form-1")
    assert {e.pk for e in first} == {e.pk for e in again}
    assert Enquiry.objects.count() == 2
    assert Event.objects.filter(verb="enquiry_sent").count() == 2


def test_hub_worker_cannot_send_before_consent_is_recorded(
    hub_worker, child_protection_hub, police_agency, family_in_hub
):
    family = family_in_hub
    with pytest.raises(NotReady) as caught:
        ef.send(hub_worker, family, [police_agency])
    assert caught.value.reasons == ["Record the family's consent position before sending enquiries"]


def test_hub_worker_cannot_send_about_a_contact_not_with_a_hub(hub_worker, screener, police_agency):
    family = f.screened(screener)
    ef.consent_given(hub_worker, family)
    with pytest.raises(NotReady) as caught:
        ef.send(hub_worker, family, [police_agency], question=" ")
    assert caught.value.reasons == [
        "Enquiries can be sent only while a child in this contact is with a hub",
        "Enter what you are asking the agencies",
    ]


@pytest.mark.parametrize("persona", ["police_partner", "contact_officer", "screener", "auditor"])
def test_others_cannot_send_enquiries(
    request, persona, hub_worker, child_protection_hub, police_agency, consented_family
):
    family = consented_family
    with pytest.raises(PermissionDenied):
        ef.send(request.getfixturevalue(persona), family, [police_agency])


def test_new_request_tells_the_agency_mailbox_with_a_link_and_no_personal_data(
    hub_worker,
    child_protection_hub,
    police_agency,
    mailoutbox,
    django_capture_on_commit_callbacks,
    consented_family,
):
    police_agency.mailbox = "mash@police.example"
    police_agency.save()
    family = consented_family
    with django_capture_on_commit_callbacks(execute=True):
        (enquiry,) = ef.send(hub_worker, family, [police_agency])
    (mail,) = mailoutbox
    assert mail.to == ["mash@police.example"]
    assert f"/partners/requests/{enquiry.pk}/" in mail.body
    for personal in ("Amy", "Smith", "WX1", "frightened", "Jo "):
        assert personal not in mail.body + mail.subject


def test_hub_worker_can_withdraw_a_request_with_a_reason(
    manager, hub_worker, child_protection_hub, police_agency
):
    enquiry = ef.sent(manager, child_protection_hub, police_agency)
    with pytest.raises(NotReady):
        actions.withdraw_enquiry(by=hub_worker, enquiry=enquiry, reason="")
    withdrawn = actions.withdraw_enquiry(by=hub_worker, enquiry=enquiry, reason="Sent in error")
    assert withdrawn.status == EnquiryStatus.WITHDRAWN
    assert Event.objects.filter(verb="enquiry_withdrawn").count() == 1
    with pytest.raises(IllegalTransition):
        actions.withdraw_enquiry(by=hub_worker, enquiry=withdrawn, reason="Again")


# --- Answering, once ----------------------------------------------------------------------------


def test_police_partner_can_answer_their_agencys_request(
    manager, police_partner, child_protection_hub, police_agency
):
    enquiry = ef.sent(manager, child_protection_hub, police_agency)
    answer = ef.answered(police_partner, enquiry)
    enquiry.refresh_from_db()
    assert enquiry.status == EnquiryStatus.ANSWERED
    assert enquiry.answered_at == answer.answered_at
    assert (answer.known, answer.answered_by) == ("yes", police_partner)
    event = Event.objects.get(verb="enquiry_answered")
    assert event.data["on_time"] is True
    assert event.family_contact_id == enquiry.family_id


def test_answering_twice_with_the_same_key_returns_the_first_answer(
    manager, police_partner, child_protection_hub, police_agency
):
    enquiry = ef.sent(manager, child_protection_hub, police_agency)
    first = ef.answered(police_partner, enquiry, key="double-click")
    details = actions.AnswerDetails(known="no", summary="A retry", idempotency_key="double-click")
    again, created = actions.answer_enquiry(by=police_partner, enquiry=enquiry, details=details)
    assert (again.pk, created) == (first.pk, False)
    assert Answer.objects.count() == 1
    assert Event.objects.filter(verb="enquiry_answered").count() == 1


def test_answering_again_with_another_key_is_refused_and_nothing_is_saved(
    manager, police_partner, child_protection_hub, police_agency
):
    enquiry = ef.sent(manager, child_protection_hub, police_agency)
    ef.answered(police_partner, enquiry, key="first")
    with pytest.raises(actions.AlreadyAnswered) as caught:
        ef.answered(police_partner, enquiry, key="second", summary="Something else")
    assert "already answered" in str(caught.value)
    assert Answer.objects.get().summary.startswith("Two call-outs")


def test_answering_a_stale_copy_of_the_enquiry_still_gives_one_answer(
    manager, police_partner, child_protection_hub, police_agency
):
    """Two tabs: both loaded the request before either answered."""
    enquiry = ef.sent(manager, child_protection_hub, police_agency)
    stale = Enquiry.objects.get(pk=enquiry.pk)
    ef.answered(police_partner, enquiry, key="tab-1")
    replay = actions.AnswerDetails(
        known="yes", summary="x", known_risks="y", idempotency_key="tab-1"
    )
    _, created = actions.answer_enquiry(by=police_partner, enquiry=stale, details=replay)
    assert created is False
    assert Answer.objects.count() == 1


def test_health_partner_cannot_answer_a_police_request(
    manager, health_partner, child_protection_hub, police_agency
):
    enquiry = ef.sent(manager, child_protection_hub, police_agency)
    with pytest.raises(Http404):
        ef.answered(health_partner, enquiry)
    assert Answer.objects.count() == 0


def test_hub_worker_cannot_answer_a_request(
    manager, hub_worker, child_protection_hub, police_agency
):
    enquiry = ef.sent(manager, child_protection_hub, police_agency)
    with pytest.raises(PermissionDenied):
        ef.answered(hub_worker, enquiry)


def test_police_partner_cannot_answer_a_withdrawn_request(
    manager, police_partner, child_protection_hub, police_agency
):
    enquiry = ef.sent(manager, child_protection_hub, police_agency)
    actions.withdraw_enquiry(by=manager, enquiry=enquiry, reason="Sent in error")
    enquiry.refresh_from_db()
    with pytest.raises(IllegalTransition) as caught:
        ef.answered(police_partner, enquiry)
    assert str(caught.value) == (
        "This request has been withdrawn by the MASH: it cannot be answered now"
    )


@pytest.mark.parametrize(
    ("known", "summary", "risks", "message"),
    [
        ("", "Known", "", "Select yes if the child or family is known to your agency"),
        ("no", "  ", "", "Enter what your agency knows about the child and family"),
        ("yes", "Known", "", "Enter the risks your agency knows of, or write 'None known'"),
    ],
)
def test_police_partner_is_told_what_an_answer_needs(
    manager, police_partner, child_protection_hub, police_agency, known, summary, risks, message
):
    enquiry = ef.sent(manager, child_protection_hub, police_agency)
    details = actions.AnswerDetails(known=known, summary=summary, known_risks=risks)
    with pytest.raises(NotReady) as caught:
        actions.answer_enquiry(by=police_partner, enquiry=enquiry, details=details)
    assert caught.value.reasons == [message]
    assert Answer.objects.count() == 0


def test_police_partner_can_attach_files_to_an_answer(
    manager, police_partner, child_protection_hub, police_agency
):
    enquiry = ef.sent(manager, child_protection_hub, police_agency)
    pdf = check_file("log.pdf", b"%PDF-1.7\n%%EOF", max_bytes=1024)
    answer = ef.answered(police_partner, enquiry, attachments=[pdf])
    (saved,) = Attachment.objects.filter(answer=answer)
    assert (saved.filename, saved.content_type, bytes(saved.content)) == (
        "log.pdf",
        "application/pdf",
        b"%PDF-1.7\n%%EOF",
    )


def test_an_answer_tells_the_sender_with_a_link_only(
    manager,
    police_partner,
    child_protection_hub,
    police_agency,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    manager.email = "maya@council.example"
    manager.save()
    enquiry = ef.sent(manager, child_protection_hub, police_agency)
    with django_capture_on_commit_callbacks(execute=True):
        ef.answered(police_partner, enquiry)
    (mail,) = mailoutbox
    assert mail.to == ["maya@council.example"]
    assert f"/enquiries/{enquiry.pk}/" in mail.body
    assert "Amy" not in mail.body
    assert "call-outs" not in mail.body
