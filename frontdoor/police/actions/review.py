"""A screener settles an uncertain match; MASH staff rate a notification's quality."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from frontdoor.access.policies import require
from frontdoor.audit.actions import record_event
from frontdoor.contacts.actions.linking import link_child
from frontdoor.police.models import Notification, NotificationChild, QualityRating
from frontdoor.police.workflow import MATCH, QualityIssue
from frontdoor.workflow.compare_and_set import move
from frontdoor.workflow.errors import NotReady

if TYPE_CHECKING:
    from frontdoor.access.models import User
    from frontdoor.people.models import Person


def resolve_match(*, by: User, child: NotificationChild, person: Person | None) -> None:
    """Say which of the offered records the child is (it is linked to the child's contact), or
    that it is none of them (the screener then searches or creates a record at screening)."""
    require(by, "review_police_match")
    step = "confirm_match" if person is not None else "reject_match"
    if not MATCH.may(step, child.match_status):
        raise NotReady([MATCH.refusal(step, child.match_status)])
    offered = {item["person"] for item in child.candidates}
    if person is not None and str(person.pk) not in offered:
        raise NotReady(["Select one of the records offered, or none of them"])
    with transaction.atomic():
        move(
            child,
            MATCH,
            step,
            status_field="match_status",
            reviewed_at=timezone.now(),
            reviewed_by=by,
        )
        outcome = child.match_status
        if person is not None:
            link_child(by=by, contact=child.contact, person=person)
        record_event(
            actor=by,
            verb="police_match_reviewed",
            family_contact=child.contact.family,
            contact=child.contact,
            person=person,
            data={
                "police_reference": child.notification.reference,
                "outcome": outcome,
                "offered": len(offered),
            },
        )


def rate_quality(
    *,
    by: User,
    notification: Notification,
    complete: bool,
    issues: Sequence[str] = (),
    comment: str = "",
) -> QualityRating:
    """Rate a notification: complete, or what was wrong with it. Rating again replaces the
    rating; the audit trail keeps each one."""
    require(by, "rate_police_notification")
    unknown = set(issues) - set(QualityIssue.values)
    if unknown:
        raise NotReady(["Select what was wrong from the list"])
    if complete and issues:
        raise NotReady(["A complete notification has nothing wrong with it: untick the problems"])
    if not complete and not issues:
        raise NotReady(["Select what was wrong with the notification"])
    flags = {issue: issue in issues for issue in QualityIssue.values}
    with transaction.atomic():
        rating, _ = QualityRating.objects.update_or_create(
            notification=notification,
            defaults={
                "complete": complete,
                "comment": comment.strip(),
                "rated_at": timezone.now(),
                "rated_by": by,
                **flags,
            },
        )
        record_event(
            actor=by,
            verb="police_quality_rated",
            family_contact=notification.family,
            data={
                "police_reference": notification.reference,
                "complete": complete,
                "issues": sorted(issues),
            },
        )
    return rating
