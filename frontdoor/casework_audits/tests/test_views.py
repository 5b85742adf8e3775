"""HTTP behaviour of the case audit pages: who reaches what, and the forms' GOV.UK errors."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from frontdoor.audit.models import RecordView
from frontdoor.casework_audits.models import AuditRound, CaseAudit
from frontdoor.casework_audits.tests import factories as a
from frontdoor.casework_audits.workflow import AuditStatus, Grade

pytestmark = pytest.mark.django_db


@pytest.fixture
def audit(screener, manager, auditor):
    a.decided(screener, manager)
    return a.sampled(manager, [auditor]).audits.get()


def _date(prefix: str, day) -> dict[str, str]:
    return {
        f"{prefix}_day": str(day.day),
        f"{prefix}_month": str(day.month),
        f"{prefix}_year": str(day.year),
    }


def test_manager_can_sample_through_the_form(client, screener, manager, auditor):
    for _ in range(3):
        a.decided(screener, manager)
    today = timezone.localdate()
    client.force_login(manager)
    response = client.post(
        reverse("casework_audits:sample"),
        {
            "template": a.template().pk,
            "kind": "random",
            "size": "2",
            "seed": "7",
            "auditors": [auditor.pk],
            **_date("start", today - timedelta(days=3)),
            **_date("end", today),
            **_date("due_on", today + timedelta(days=10)),
        },
    )
    audit_round = AuditRound.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("casework_audits:round", args=[audit_round.pk])
    assert audit_round.audits.count() == 2
    assert audit_round.criteria["seed"] == 7


def test_manager_sees_gov_uk_errors_when_sampling_with_nothing_filled_in(client, manager):
    client.force_login(manager)
    response = client.post(reverse("casework_audits:sample"), {})
    assert response.status_code == 400
    page = response.content.decode()
    for message in (
        "Select which cases to sample",
        "Enter the start of the period",
        "Select at least one auditor",
        "Enter the date the audits are due",
    ):
        assert message in page


def test_auditor_grades_on_one_page_and_sees_errors_per_question(client, audit, auditor):
    client.force_login(auditor)
    url = reverse("casework_audits:grade", args=[audit.pk])
    page = client.get(url).content.decode()
    assert page.count('type="radio"') == 4 * (audit.round.template.questions.count() + 1)
    refused = client.post(url, {"version": audit.version})
    assert refused.status_code == 400
    assert "Select a grade for question 1" in refused.content.decode()
    answers = {f"q_{pk}": Grade.GOOD for pk in a.every_question(audit)}
    done = client.post(
        url, {"version": audit.version, "grade": Grade.GOOD, "comment": "Sound.", **answers}
    )
    assert done.status_code == 302
    assert CaseAudit.objects.get(pk=audit.pk).status == AuditStatus.GRADED


def test_auditor_reads_the_case_they_audit_and_the_view_is_logged(client, audit, auditor):
    client.force_login(auditor)
    response = client.get(reverse("casework_audits:case", args=[audit.pk]))
    assert response.status_code == 200
    assert "No role for us." in response.content.decode()  # the decision's rationale
    assert RecordView.objects.filter(user=auditor, person=audit.contact.person).count() == 1


def test_another_auditor_cannot_open_the_case(client, audit, make_user):
    client.force_login(make_user("abel", "auditor"))
    assert client.get(reverse("casework_audits:case", args=[audit.pk])).status_code == 404
    assert client.get(reverse("casework_audits:grade", args=[audit.pk])).status_code == 404


def test_auditor_still_cannot_open_the_childs_record(client, audit, auditor):
    client.force_login(auditor)
    child = reverse("people:child", args=[audit.contact.person_id])
    assert client.get(child).status_code in (403, 404)


def test_manager_moderates_and_sets_an_action(client, audit, auditor, manager, hub_worker):
    a.graded(auditor, audit)
    client.force_login(manager)
    moderate = reverse("casework_audits:moderate", args=[audit.pk])
    refused = client.post(moderate, {"version": audit.version, "grade": Grade.INADEQUATE})
    assert refused.status_code == 400
    assert "Enter why you changed the grade" in refused.content.decode()
    client.post(moderate, {"version": audit.version, "grade": Grade.INADEQUATE, "reason": "Thin."})
    assert CaseAudit.objects.get(pk=audit.pk).moderated_grade == Grade.INADEQUATE
    due = timezone.localdate() + timedelta(days=5)
    response = client.post(
        reverse("casework_audits:add-action", args=[audit.pk]),
        {"description": "Record the father", "owner": hub_worker.pk, **_date("action_due_on", due)},
    )
    assert response.status_code == 302
    client.force_login(hub_worker)
    assert "Record the father" in client.get(reverse("casework_audits:actions")).content.decode()


def test_senior_leader_sees_grades_over_time_as_a_chart_and_table(
    client, audit, auditor, make_user
):
    a.graded(auditor, audit, Grade.OUTSTANDING)
    client.force_login(make_user("sol", "senior_leader"))
    page = client.get(reverse("casework_audits:summary")).content.decode()
    assert "<svg" in page
    assert 'id="grades-by-month"' in page
    assert audit.contact.child_name not in page
