"""My work over JSON: the same reader as the page (GET /api/my-work)."""

from __future__ import annotations

from datetime import datetime

from django.http import HttpRequest
from django.utils import timezone
from ninja import Router, Schema

from frontdoor.access.queries import signed_in_user
from frontdoor.api.schemas import READ_ERRORS
from frontdoor.mywork.queries import my_work

router = Router(tags=["my work"])


class WorkItemOut(Schema):
    kind: str
    children: str
    what: str
    reference: str
    owner: str
    due_at: datetime | None
    time_left: str
    overdue: bool
    url: str


@router.get(
    "", response={200: list[WorkItemOut], **READ_ERRORS}, summary="Everything waiting on me"
)
def mine(request: HttpRequest) -> list[WorkItemOut]:
    now = timezone.now()
    return [
        WorkItemOut(
            kind=item.kind,
            children=item.children,
            what=item.what,
            reference=item.reference,
            owner=item.owner,
            due_at=item.due,
            time_left=item.time_left(now),
            overdue=item.overdue(now),
            url=item.url,
        )
        for item in my_work(signed_in_user(request))
    ]
