"""Readers for strategy discussions and section 47 enquiries."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from django.db.models import QuerySet

from frontdoor.access.policies import can
from frontdoor.access.records import is_concealed, open_record, reading_as
from frontdoor.strategy.models import ChildProtectionPlan, Section47Enquiry, StrategyDiscussion
from frontdoor.strategy.workflow import DiscussionStatus, EnquiryStatus

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from frontdoor.access.models import User


def visible_discussions(user: User | AnonymousUser) -> QuerySet[StrategyDiscussion]:
    if can(user, "view_casework"):
        return StrategyDiscussion.objects.read_as(user)
    return StrategyDiscussion.objects.none()


def visible_enquiries(user: User | AnonymousUser) -> QuerySet[Section47Enquiry]:
    if can(user, "view_casework"):
        return Section47Enquiry.objects.read_as(user)
    return Section47Enquiry.objects.none()


def get_discussion_for(user: User, pk: str | uuid.UUID, *, path: str = "") -> StrategyDiscussion:
    """A strategy discussion, logged as a view of the child's record; 404 outside scope."""
    discussions = (
        visible_discussions(user)
        .select_related("person", "referral", "referral__contact", "recorded_by")
        .prefetch_related("participants", "actions")
    )
    return open_record(user, discussions, pk, path=path)


def get_enquiry_for(user: User, pk: str | uuid.UUID, *, path: str = "") -> Section47Enquiry:
    enquiries = visible_enquiries(user).select_related(
        "person", "discussion", "discussion__referral", "abuse_category"
    )
    return open_record(user, enquiries, pk, path=path)


def discussions_to_hold(user: User) -> QuerySet[StrategyDiscussion]:
    """Strategy discussions not yet held, most urgent first."""
    return (
        visible_discussions(user)
        .filter(status=DiscussionStatus.TO_BE_HELD)
        .select_related("person", "referral")
        .order_by("due_at")
    )


def siblings_to_discuss(user: User, discussion: StrategyDiscussion) -> QuerySet[StrategyDiscussion]:
    """The strategy discussions still to be held for this child's brothers and sisters in the
    same family contact (issue 17: one discussion about a family, recorded once for each child).
    Only those this user may open: a restricted sibling they may not open is left out, never
    named (docs/adr/0016)."""
    family_id = discussion.referral.contact.family_id
    candidates = (
        visible_discussions(user)
        .filter(status=DiscussionStatus.TO_BE_HELD, referral__contact__family_id=family_id)
        .exclude(pk=discussion.pk)
        .select_related("person")
    )
    with reading_as(user):
        openable = [d.pk for d in candidates if not is_concealed(d)]
    return candidates.filter(pk__in=openable).order_by("person__date_of_birth", "pk")


def open_enquiries(user: User) -> QuerySet[Section47Enquiry]:
    """Section 47 enquiries whose initial child protection conference is still to be recorded."""
    return (
        visible_enquiries(user)
        .filter(status=EnquiryStatus.OPEN)
        .select_related("person", "discussion")
        .order_by("icpc_due_at")
    )


def visible_plans(user: User | AnonymousUser) -> QuerySet[ChildProtectionPlan]:
    if can(user, "view_casework"):
        return ChildProtectionPlan.objects.read_as(user)
    return ChildProtectionPlan.objects.none()


def get_plan_for(user: User, pk: str | uuid.UUID, *, path: str = "") -> ChildProtectionPlan:
    """A child protection plan, logged as a view of the child's record; 404 outside scope."""
    plans = visible_plans(user).select_related("person", "initial_category", "latest_category")
    return open_record(user, plans, pk, path=path)
