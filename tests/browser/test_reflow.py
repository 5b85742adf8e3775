"""Every role's main pages reflow at 320 px (WCAG 2.2, 1.4.10), in Debian's Chromium.

The other browser tests check each page they visit at 320 px as well as with axe
(helpers.assert_accessible). This one walks further: in the canary world (tests/canary_world.py,
one child through every stage the system has, beside ordinary contacts), each of the twelve
roles signs in and follows the links on its pages, breadth first from its home page, and every
page it reaches must fit 320 px without scrolling sideways. JavaScript is off, so the service
navigation shows every link at once (the widest the header gets).

One failure lists every page that scrolled and the elements that stuck out.
"""

from __future__ import annotations

import re
from collections import deque
from typing import Any
from urllib.parse import urlsplit

import pytest

from frontdoor.access.models import Role
from frontdoor.handovers.actions import early_help_team
from tests import canary_world

from .helpers import REFLOW_WIDTH, reflow_overflow

# Pages per role, counting each page shape once (/children/<id>/ for every child is one).
PAGES_PER_ROLE = 20
# Links that do not lead to a page: files, the API, and signing out.
NOT_A_PAGE = re.compile(r"/api/|/sign-out/|\.csv$|/export|/download|/static/|/admin/")
AN_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d+")


@pytest.fixture
def world(make_user, child_protection_hub, area_team, police_agency):
    health = canary_world.health_agency()
    users = {
        "contact_officer": make_user("colin", Role.CONTACT_OFFICER),
        "screener": make_user("alice", Role.SCREENER),
        "hub_worker": make_user("hamid", Role.HUB_WORKER, team=child_protection_hub),
        "manager": make_user("maya", Role.MANAGER),
        "area_worker": make_user("sam", Role.AREA_WORKER, team=area_team),
        "partner": make_user("priya", Role.PARTNER, agency=police_agency),
        "health_partner": make_user("hannah", Role.PARTNER, agency=health),
        "auditor": make_user("aisha", Role.AUDITOR),
        "senior_leader": make_user("lena", Role.SENIOR_LEADER),
        "admin": make_user("adam", Role.ADMIN, is_staff=True, is_superuser=True),
        "ig_lead": make_user("iris", Role.IG_LEAD, email="iris@wessex.example"),
        "early_help_worker": make_user("eve", Role.EARLY_HELP_WORKER, team=early_help_team()),
    }
    canary_world.build(users, child_protection_hub, area_team, police_agency)
    return users


def _shape(path: str) -> str:
    return AN_ID.sub("<id>", path)


def _walk(page: Any, problems: list[str]) -> int:
    """Follow links breadth first from where the page is; return how many pages were checked."""
    seen: set[str] = set()
    queue = deque([urlsplit(page.url).path])
    checked = 0
    while queue and len(seen) < PAGES_PER_ROLE:
        path = queue.popleft()
        if _shape(path) in seen:
            continue
        seen.add(_shape(path))
        response = page.goto(path)
        if response is None or not response.ok:
            continue  # a page a role may not open is the reachability test's business
        if "text/html" not in (response.headers.get("content-type") or ""):
            continue
        checked += 1
        width, culprits = reflow_overflow(page)
        if width > REFLOW_WIDTH:
            problems.append(f"{path} is {width} px wide: " + "; ".join(culprits))
        for href in page.eval_on_selector_all(
            "main a[href], nav a[href]", "links => links.map(a => a.getAttribute('href'))"
        ):
            target = urlsplit(href)
            if target.netloc or not target.path.startswith("/"):
                continue
            if not NOT_A_PAGE.search(target.path):
                queue.append(target.path + (f"?{target.query}" if target.query else ""))
    return checked


def test_every_roles_pages_reflow_at_320_px(world, new_page, sign_in):
    problems: list[str] = []
    checked = {}
    for role, user in world.items():
        page = new_page(javascript=False)
        page.set_viewport_size({"width": REFLOW_WIDTH, "height": 800})
        sign_in(page, user)
        before = len(problems)
        checked[role] = _walk(page, problems)
        problems[before:] = [f"{role}: {p}" for p in problems[before:]]
        page.context.close()
    # Every role reached its home page, and the walk really walked (an administrator's and an
    # auditor's pages are few; MASH staff reach about twenty shapes each).
    assert all(checked.values()) and sum(checked.values()) >= 100, checked
    assert problems == [], (
        f"Of {sum(checked.values())} pages ({checked}), these scroll sideways at 320 px:\n"
        + "\n".join(problems)
    )
