"""The demo's partner agencies in the loop (`make run`, frontdoor/demo/enquiries.py): requests
answered and overdue, consent waiting for a manager, and the partner personas' queues."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from frontdoor.access.models import Role
from frontdoor.agencies.models import Agency, AgencyKind
from frontdoor.codelists.models import Code
from frontdoor.contacts.tests import factories as f
from frontdoor.demo.enquiries import seed_enquiries
from frontdoor.enquiries.models import Consent, Enquiry
from frontdoor.enquiries.workflow import ConsentStatus, EnquiryStatus

pytestmark = pytest.mark.django_db

# A Thursday lunchtime in March: the families arrived over the fortnight before.
NOW = datetime(2026, 3, 12, 12, 0, tzinfo=UTC)


@pytest.fixture
def demo_cast(make_user, screener, child_protection_hub):
    police = Agency.objects.create(
        name="Wessex Police",
        kind=AgencyKind.POLICE,
        referral_source=Code.objects.get(code_list="referral_source", code="6"),
    )
    health = Agency.objects.create(
        name="Wessex Community Health (health visiting)",
        kind=AgencyKind.HEALTH,
        referral_source=Code.objects.get(code_list="referral_source", code="3B"),
    )
    users = {
        "hamid": make_user("hamid", Role.HUB_WORKER, team=child_protection_hub),
        "maya": make_user("maya", Role.MANAGER),
        "priya": make_user("priya", Role.PARTNER, agency=police),
        "hannah": make_user("hannah", Role.PARTNER, agency=health),
    }
    with time_machine.travel(NOW, tick=False):
        for days in range(2, 14):
            received = timezone.now() - timedelta(days=days)
            f.in_hub(screener, child_protection_hub, received_at=received, rag="amber")
    return users


def test_the_demo_has_answered_and_overdue_requests_and_partner_queues(client, demo_cast):
    with time_machine.travel(NOW, tick=False):
        seed_enquiries(demo_cast, random.Random(2026))
    enquiries = Enquiry.objects.all()
    assert enquiries.filter(status=EnquiryStatus.ANSWERED).exists()
    assert enquiries.filter(status=EnquiryStatus.SENT, chased_at__isnull=False).exists()
    assert enquiries.filter(escalated_at__isnull=False).exists()
    assert Consent.objects.filter(status=ConsentStatus.AWAITING_AUTHORISATION).count() == 1
    assert Consent.objects.filter(status=ConsentStatus.AUTHORISED).count() == 1
    client.force_login(demo_cast["priya"])
    assert len(client.get(reverse("partners:requests")).context["answered"]) > 0
    assert len(client.get(reverse("partners:referrals")).context["rows"]) == 1
    client.force_login(demo_cast["hannah"])
    assert len(client.get(reverse("partners:requests")).context["queue"]) > 0
