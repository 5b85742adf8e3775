"""The police notification pages: HTTP behaviour, for the cast."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from frontdoor.contacts.models import Contact
from frontdoor.police.actions import import_batch, rate_quality
from frontdoor.police.models import Batch, Notification, NotificationChild
from frontdoor.police.tests.conftest import SAMPLES, sample
from frontdoor.police.workflow import Kind, MatchStatus, Source

pytestmark = pytest.mark.django_db


@pytest.fixture
def _upload(django_capture_on_commit_callbacks):
    """Upload a file; the task worker imports it when the request's transaction commits."""

    def upload(client, force, name="police-domestic-abuse.csv", kind=Kind.DOMESTIC_ABUSE):
        content = (SAMPLES / name).read_bytes()
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(
                reverse("police:upload"),
                {
                    "force": force.pk,
                    "kind": kind,
                    "file": SimpleUploadedFile(name, content, "text/csv"),
                },
            )

    return upload


def test_a_batch_waiting_for_the_worker_says_so(client, screener, police_agency):
    client.force_login(screener)
    content = (SAMPLES / "police-domestic-abuse.csv").read_bytes()
    response = client.post(
        reverse("police:upload"),
        {
            "force": police_agency.pk,
            "kind": Kind.DOMESTIC_ABUSE,
            "file": SimpleUploadedFile("a.csv", content, "text/csv"),
        },
    )
    page = client.get(response["Location"]).content.decode()
    assert "This batch is waiting to be imported" in page


def test_screener_can_upload_a_csv_and_sees_the_per_row_report(
    client, screener, police_agency, _upload
):
    client.force_login(screener)
    response = _upload(client, police_agency)
    batch = Batch.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("police:batch", args=[batch.pk])
    page = client.get(response["Location"]).content.decode()
    assert "Rows not imported" in page
    assert "The incident date and time must be a real date and time" in page
    assert "<code>child1_date_of_birth</code>" in page


def test_uploading_the_same_file_twice_creates_nothing_new(
    client, screener, police_agency, _upload
):
    client.force_login(screener)
    _upload(client, police_agency)
    contacts = Contact.objects.count()
    _upload(client, police_agency)
    second = Batch.objects.order_by("received_at").last()
    assert (second.created, second.unchanged) == (0, 3)
    assert Contact.objects.count() == contacts


def test_a_file_that_is_not_the_format_is_refused_with_a_clear_message(
    client, screener, police_agency
):
    client.force_login(screener)
    bad = SimpleUploadedFile("x.csv", b"name,colour\nA,blue\n", "text/csv")
    response = client.post(
        reverse("police:upload"),
        {"force": police_agency.pk, "kind": Kind.DOMESTIC_ABUSE, "file": bad},
    )
    assert response.status_code == 200
    assert "The selected file has a column this format does not have: name" in (
        response.content.decode()
    )
    assert not Batch.objects.exists()


def test_the_triage_queue_groups_each_family_and_puts_the_highest_risk_first(
    client, screener, police_agency
):
    import_batch(
        by=screener, force=police_agency, rows=sample(Kind.DOMESTIC_ABUSE), source=Source.CSV
    )
    client.force_login(screener)
    page = client.get(reverse("police:triage")).content.decode()
    assert page.index("WX/2026/1001") < page.index("WX/2026/1003") < page.index("WX/2026/1002")
    assert "No DASH" in page
    assert "Amy Smith" in page and "Ben Smith" in page


def test_screener_can_review_an_uncertain_match(client, screener, police_agency, two_kyles):
    import_batch(
        by=screener, force=police_agency, rows=sample(Kind.DOMESTIC_ABUSE), source=Source.CSV
    )
    kyle = NotificationChild.objects.get(first_name="Kyle")
    client.force_login(screener)
    url = reverse("police:review", args=[kyle.contact_id])
    assert client.post(url, {}).status_code == 200
    response = client.post(url, {"person": str(two_kyles[1].pk)})
    assert response.status_code == 302
    kyle.refresh_from_db()
    assert kyle.match_status == MatchStatus.CONFIRMED
    assert kyle.contact.person == two_kyles[1]


def test_contact_officer_cannot_review_a_match(client, contact_officer, police_agency, two_kyles):
    import_batch(
        by=contact_officer,
        force=police_agency,
        rows=sample(Kind.DOMESTIC_ABUSE),
        source=Source.CSV,
    )
    kyle = NotificationChild.objects.get(first_name="Kyle")
    client.force_login(contact_officer)
    assert client.get(reverse("police:review", args=[kyle.contact_id])).status_code == 403


def test_hub_worker_can_rate_a_notification(client, hub_worker, police_agency):
    import_batch(
        by=hub_worker, force=police_agency, rows=sample(Kind.DOMESTIC_ABUSE), source=Source.CSV
    )
    notification = Notification.objects.get(reference="WX/2026/1002")
    client.force_login(hub_worker)
    url = reverse("police:rate", args=[notification.pk])
    refused = client.post(url, {"complete": "no"})
    assert "Select what was wrong with the notification" in refused.content.decode()
    response = client.post(url, {"complete": "no", "issues": ["missing_dash", "late"]})
    assert response.status_code == 302
    notification.quality.refresh_from_db()
    assert (notification.quality.missing_dash, notification.quality.late) == (True, True)


def test_manager_sees_quality_by_team_and_drills_down(client, manager, screener, police_agency):
    import_batch(
        by=screener, force=police_agency, rows=sample(Kind.DOMESTIC_ABUSE), source=Source.CSV
    )
    late = Notification.objects.get(reference="WX/2026/1002")
    rate_quality(by=screener, notification=late, complete=False, issues=["missing_dash"])
    client.force_login(manager)
    page = client.get(reverse("police:quality"), {"by": "team", "months": "24"}).content
    assert b"Wessex North Response" in page and b"<svg" in page
    drill = client.get(
        reverse("police:quality-list"),
        {"by": "team", "group": "Wessex South Response", "figure": "late", "months": "24"},
    ).content.decode()
    assert "WX/2026/1002" in drill and "WX/2026/1001" not in drill
    officers = client.get(reverse("police:quality"), {"by": "officer", "months": "24"})
    assert b"PC 4411 Dean" in officers.content


def test_police_lead_sees_their_own_force_only(client, police_partner, screener, police_agency):
    from frontdoor.agencies.models import Agency, AgencyKind

    other = Agency.objects.create(
        name="Mercia Police", kind=AgencyKind.POLICE, referral_source=police_agency.referral_source
    )
    import_batch(by=screener, force=other, rows=sample(Kind.DOMESTIC_ABUSE), source=Source.CSV)
    client.force_login(police_partner)
    page = client.get(reverse("police:quality"), {"months": "24"}).content.decode()
    assert "Wessex North Response" not in page
    batch = Batch.objects.get()
    assert client.get(reverse("police:batch", args=[batch.pk])).status_code == 404


def test_manager_sees_weekly_volume_and_a_spike_with_drill_down(
    client, manager, screener, police_agency
):
    import_batch(
        by=screener, force=police_agency, rows=sample(Kind.DOMESTIC_ABUSE), source=Source.CSV
    )
    client.force_login(manager)
    page = client.get(reverse("police:volume")).content.decode()
    assert "Police contacts per week" in page
    weeks = __import__("re").findall(r"/police/volume/(\d{4}-\d{2}-\d{2})/", page)
    assert len(weeks) == 1
    drill = client.get(reverse("police:volume-week", args=[weeks[0]])).content.decode()
    assert "WX/2026/1001" in drill
    assert client.get(reverse("police:volume-week", args=["2001-01-01"])).status_code == 404
