"""HTTP behaviour of the MASH's consent and enquiry pages, the attachment download and the
management information page: status codes, messages, redirects, what is saved."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from frontdoor.audit.models import RecordView
from frontdoor.enquiries.models import Consent, Enquiry
from frontdoor.enquiries.tests import factories as ef
from frontdoor.enquiries.uploads import check_file
from frontdoor.enquiries.workflow import ConsentStatus, EnquiryStatus

pytestmark = pytest.mark.django_db


def _decided(moment) -> dict[str, str]:
    local = timezone.localtime(moment)
    return {
        "decided_at_day": str(local.day),
        "decided_at_month": str(local.month),
        "decided_at_year": str(local.year),
        "decided_at_time": local.strftime("%H:%M"),
    }


def test_hub_worker_can_record_consent_on_the_page(client, hub_worker, family_in_hub):
    client.force_login(hub_worker)
    response = client.post(
        reverse("enquiries:consent", args=[family_in_hub.pk]),
        {
            "version": "0",
            "position": "given",
            "person_asked": "Jo Smith (mother)",
            **_decided(timezone.now() - timedelta(hours=1)),
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("enquiries:contact", args=[family_in_hub.pk])
    assert Consent.objects.get(family=family_in_hub).status == ConsentStatus.GIVEN


def test_hub_worker_is_told_what_proceeding_without_consent_needs(
    client, hub_worker, family_in_hub
):
    client.force_login(hub_worker)
    response = client.post(
        reverse("enquiries:consent", args=[family_in_hub.pk]),
        {"version": "0", "position": "refused", **_decided(timezone.now() - timedelta(hours=1))},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page
    for message in (
        "Enter who was asked for consent",
        "Select the lawful reason for proceeding without consent",
        "Enter why proceeding without consent is justified for this family",
    ):
        assert message in page
    assert not Consent.objects.exists()


def test_manager_can_authorise_on_the_page_and_the_hub_can_then_send(
    client, hub_worker, manager, family_in_hub, police_agency
):
    client.force_login(hub_worker)
    client.post(
        reverse("enquiries:consent", args=[family_in_hub.pk]),
        {
            "version": "0",
            "position": "not_sought",
            "without_consent_reason": str(ef.without_consent_reason().pk),
            "without_consent_detail": "Father is the alleged abuser and lives at the address.",
            **_decided(timezone.now() - timedelta(hours=1)),
        },
    )
    contact_page = client.get(reverse("enquiries:contact", args=[family_in_hub.pk])).content
    assert b"A manager must authorise proceeding without consent" in contact_page
    client.force_login(manager)
    response = client.post(
        reverse("enquiries:authorise", args=[family_in_hub.pk]),
        {"decision": "authorise", "version": "1"},
    )
    assert response.status_code == 302
    assert Consent.objects.get().status == ConsentStatus.AUTHORISED


def test_manager_who_declines_must_give_reasons(client, hub_worker, manager, family_in_hub):
    ef_refused = {
        "version": "0",
        "position": "refused",
        "person_asked": "Jo Smith (mother)",
        "without_consent_reason": str(ef.without_consent_reason().pk),
        "without_consent_detail": "Risk of harm if asked again.",
        **_decided(timezone.now() - timedelta(hours=1)),
    }
    client.force_login(hub_worker)
    client.post(reverse("enquiries:consent", args=[family_in_hub.pk]), ef_refused)
    client.force_login(manager)
    response = client.post(
        reverse("enquiries:authorise", args=[family_in_hub.pk]), {"decision": "decline"}
    )
    assert response.status_code == 400
    assert "Enter why proceeding without consent is not authorised" in response.content.decode()


def test_hub_worker_can_send_requests_from_the_page_once(
    client, hub_worker, consented_family, police_agency, health_agency
):
    client.force_login(hub_worker)
    url = reverse("enquiries:send", args=[consented_family.pk])
    form = client.get(url)
    assert form.status_code == 200
    key = form.context["form"].initial["send_key"]
    body = {
        "send_key": key,
        "agencies": [str(police_agency.pk), str(health_agency.pk)],
        "question": "Any incidents at the address in the last year?",
        "lawful_basis": str(ef.basis().pk),
    }
    first = client.post(url, body)
    again = client.post(url, body)  # a double click
    assert (first.status_code, again.status_code) == (302, 302)
    assert Enquiry.objects.filter(family=consented_family).count() == 2


def test_hub_worker_is_told_what_a_request_needs(client, hub_worker, consented_family):
    client.force_login(hub_worker)
    response = client.post(reverse("enquiries:send", args=[consented_family.pk]), {"send_key": "k"})
    assert response.status_code == 400
    page = response.content.decode()
    for message in (
        "Select at least one agency to ask",
        "Enter what you want to know",
        "Select the lawful basis for asking",
    ):
        assert message in page


def test_hub_sees_each_agencys_status_on_the_contact_page(
    client, hub_worker, manager, police_partner, child_protection_hub, police_agency, health_agency
):
    family = ef.in_hub_with_consent(manager, child_protection_hub)
    police, health = ef.send(manager, family, [police_agency, health_agency])
    if police.agency != police_agency:
        police, health = health, police
    ef.answered(police_partner, police)
    Enquiry.objects.filter(pk=health.pk).update(due_at=timezone.now() - timedelta(hours=1))
    client.force_login(hub_worker)
    page = client.get(reverse("contacts:family", args=[family.pk])).content.decode()
    assert "Consent and MASH enquiries" in page
    assert "Answered" in page
    assert "Overdue" in page
    assert "Two call-outs to the address" in page  # the police answer lands on the contact


def test_hub_worker_can_see_every_outstanding_request_most_urgent_first(
    client, hub_worker, manager, child_protection_hub, police_agency
):
    later = ef.sent(manager, child_protection_hub, police_agency, rag="green")
    sooner = ef.sent(manager, child_protection_hub, police_agency, rag="red")
    client.force_login(hub_worker)
    response = client.get(reverse("enquiries:index"))
    assert response.status_code == 200
    assert [row.enquiry.pk for row in response.context["rows"]] == [sooner.pk, later.pk]


def test_hub_worker_can_withdraw_a_request(
    client, hub_worker, manager, child_protection_hub, police_agency
):
    enquiry = ef.sent(manager, child_protection_hub, police_agency)
    client.force_login(hub_worker)
    url = reverse("enquiries:withdraw", args=[enquiry.pk])
    assert client.post(url, {"version": "1"}).status_code == 400
    assert client.post(url, {"version": "1", "reason": "Sent in error"}).status_code == 302
    enquiry.refresh_from_db()
    assert enquiry.status == EnquiryStatus.WITHDRAWN


def test_opening_a_request_is_logged_as_a_view_of_the_contact(
    client, hub_worker, manager, child_protection_hub, police_agency
):
    enquiry = ef.sent(manager, child_protection_hub, police_agency)
    client.force_login(hub_worker)
    assert client.get(reverse("enquiries:enquiry", args=[enquiry.pk])).status_code == 200
    assert RecordView.objects.filter(user=hub_worker, family_contact=enquiry.family).exists()


def test_attachment_is_a_download_for_the_hub_and_the_answering_agency(
    client, hub_worker, manager, police_partner, child_protection_hub, police_agency
):
    enquiry = ef.sent(manager, child_protection_hub, police_agency)
    pdf = check_file("log.pdf", b"%PDF-1.7\n%%EOF", max_bytes=1024)
    answer = ef.answered(police_partner, enquiry, attachments=[pdf])
    url = reverse("enquiries:attachment", args=[answer.attachments.get().pk])
    for user in (hub_worker, police_partner):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment;")
        assert response["Cache-Control"] == "no-store"
        assert response.content == b"%PDF-1.7\n%%EOF"


def test_manager_sees_the_figures_with_chart_table_and_drill_down(
    client, manager, police_partner, child_protection_hub, police_agency
):
    ef.answered(police_partner, ef.sent(manager, child_protection_hub, police_agency))
    client.force_login(manager)
    page = client.get(reverse("enquiries:information")).content.decode()
    for title in (
        "Enquiries sent each month, by agency",
        "Time to answer, by agency",
        "Enquiries answered on time, by agency",
    ):
        assert title in page
    assert page.count("<svg") >= 3
    assert page.count("<table") >= 3
    drill = reverse("enquiries:information-list", args=["on-time"])
    assert drill in page
    listed = client.get(f"{drill}?months=6&agency={police_agency.pk}")
    assert listed.status_code == 200
    assert len(listed.context["rows"]) == 1


@pytest.mark.parametrize(
    "query", ["?months=6&month=2001-01", "?agency=not-a-uuid", "?month=2026-13"]
)
def test_drill_down_filters_are_allow_listed(client, manager, query):
    client.force_login(manager)
    url = reverse("enquiries:information-list", args=["sent"]) + query
    assert client.get(url).status_code == 404


def test_an_unknown_figure_is_not_found(client, manager):
    client.force_login(manager)
    url = reverse("enquiries:information-list", args=["everything"])
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("persona", ["hub_worker", "police_partner", "contact_officer"])
def test_others_cannot_see_the_partner_figures(client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("enquiries:information")).status_code == 403
