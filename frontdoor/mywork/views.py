"""My work, and a manager's team view: thin, one query module (frontdoor/mywork/queries.py)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from frontdoor.access.policies import can
from frontdoor.access.queries import signed_in_user
from frontdoor.mywork.queries import WorkItem, may_see_team_work, my_work, team_work


def _rows(items: list[WorkItem]) -> list[dict[str, object]]:
    now = timezone.now()
    return [
        {"item": item, "time_left": item.time_left(now), "overdue": item.overdue(now)}
        for item in items
    ]


@require_GET
def mine(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    rows = _rows(my_work(user))
    return render(
        request,
        "mywork/mine.html",
        {
            "rows": rows,
            "overdue": sum(1 for row in rows if row["overdue"]),
            "team_view": may_see_team_work(user),
            "reviewer": can(user, "record_urgent_review"),
        },
    )


@require_GET
def team(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    if not may_see_team_work(user):
        raise PermissionDenied
    rows = _rows(team_work(user))
    return render(
        request,
        "mywork/team.html",
        {"rows": rows, "overdue": sum(1 for row in rows if row["overdue"]), "team": user.team},
    )
