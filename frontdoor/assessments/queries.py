"""Readers for assessments. (Caseloads, which count across assessments, section 47 enquiries
and transfers, are in `frontdoor/insight/caseloads.py`.)"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from django.db.models import QuerySet

from frontdoor.access.models import User
from frontdoor.access.policies import can
from frontdoor.access.records import open_record
from frontdoor.assessments.models import Assessment
from frontdoor.assessments.workflow import AssessmentStatus

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

OPEN = [AssessmentStatus.IN_PROGRESS, AssessmentStatus.SUBMITTED]


def visible_assessments(user: User | AnonymousUser) -> QuerySet[Assessment]:
    if can(user, "view_casework"):
        return Assessment.objects.read_as(user)
    return Assessment.objects.none()


def get_assessment_for(user: User, pk: str | uuid.UUID, *, path: str = "") -> Assessment:
    assessments = (
        visible_assessments(user)
        .select_related(
            "person", "worker", "referral", "referral__contact", "authorised_by", "primary_need"
        )
        .prefetch_related("factors")
    )
    return open_record(user, assessments, pk, path=path)


def my_assessments(user: User) -> QuerySet[Assessment]:
    return (
        visible_assessments(user)
        .filter(worker=user, status__in=OPEN)
        .select_related("person")
        .order_by("due_at")
    )


def awaiting_authorisation(user: User) -> QuerySet[Assessment]:
    return (
        visible_assessments(user)
        .filter(status=AssessmentStatus.SUBMITTED)
        .select_related("person", "worker", "primary_need")
        .order_by("due_at")
    )
