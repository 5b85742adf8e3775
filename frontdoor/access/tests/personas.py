"""The cast and their county made outside any one test: conftest.py's `make_user`,
`child_protection_hub`, `area_team` and `police_agency` as plain functions, for a world built
once for a module (conftest.py's `built_once_per_module`), where function-scoped fixtures
cannot be asked for."""

from __future__ import annotations

from typing import Any

from frontdoor.access.models import User
from frontdoor.agencies.models import Agency, AgencyKind
from frontdoor.codelists.models import Code, CodeList
from frontdoor.teams.models import Team, TeamKind


def persona(
    username: str,
    role: str,
    *,
    team: Team | None = None,
    agency: Agency | None = None,
    **extra: Any,
) -> User:
    """conftest.py's `make_user`."""
    return User.objects.create_user(
        username=username,
        password="correct horse battery staple",
        first_name=username.capitalize(),
        last_name="Tester",
        role=role,
        team=team,
        agency=agency,
        **extra,
    )


def county() -> tuple[Team, Team, Agency]:
    """conftest.py's `child_protection_hub`, `area_team` and `police_agency`."""
    hub = Team.objects.get(slug="child-protection-hub")
    area_team = Team.objects.get_or_create(
        slug="north-area", defaults={"name": "North area team", "kind": TeamKind.AREA}
    )[0]
    police = Agency.objects.get_or_create(
        name="Wessex Police",
        defaults={
            "kind": AgencyKind.POLICE,
            "referral_source": Code.objects.get(code_list=CodeList.REFERRAL_SOURCE, code="6"),
        },
    )[0]
    return hub, area_team, police
