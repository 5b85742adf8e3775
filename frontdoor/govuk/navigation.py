"""The service navigation: the links under the service name at the top of every page.

Each entry is (text, URL name, roles that see it or None for every signed-in user). An entry
whose URL does not exist yet is skipped, so an app can be listed here before it is wired in.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import TypedDict

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse

NavEntry = tuple[str, str, Collection[str] | None]

# Who sees which link: the same roles the policy lets in (frontdoor/access/policies.py), kept
# short for each role so the bar fits on one line.
FRONT_DOOR = ("contact_officer", "screener", "hub_worker")
CASEWORK = ("hub_worker", "area_worker", "manager")
LEADERS = ("manager", "senior_leader")

ENTRIES: list[NavEntry] = [
    ("Overview", "oversight:overview", LEADERS),
    ("Screening", "contacts:screening-queue", (*FRONT_DOOR, "manager")),
    ("Hubs", "contacts:hubs", FRONT_DOOR),
    ("New contact", "contacts:new", ("contact_officer", "screener")),
    ("Find a person", "people:search", ("contact_officer", "screener", *CASEWORK)),
    # Everything waiting on the user across every app (frontdoor/mywork): for every role with
    # work waiting on them. An area worker's children are linked from it, and every list of
    # work the user may open (docs/adr/0033).
    ("My work", "mywork:mine", (*CASEWORK, "screener", "early_help_worker", "partner", "auditor")),
    ("Strategy", "strategy:index", CASEWORK),
    ("Missing", "missing:now", CASEWORK),
    ("Missing", "missing:information", ("senior_leader",)),
    ("Performance", "insight:index", LEADERS),
    # Statutory returns (frontdoor/returns): the census and Annex A downloads, and the records
    # the census would reject. A manager's bar is full (seven links): they reach the returns
    # from Performance.
    ("Returns", "returns:index", ("senior_leader",)),
    # Partner agencies in the loop (frontdoor/enquiries, frontdoor/partners).
    # A manager's bar is full (seven links): they reach the partners' figures from Performance,
    # and the outstanding enquiries from those figures and from each contact.
    ("Enquiries", "enquiries:index", ("hub_worker",)),
    ("Feedback", "partners:feedback-queue", ("contact_officer",)),
    ("Partners", "enquiries:information", ("senior_leader",)),
    ("Requests", "partners:requests", ("partner",)),
    ("Referrals", "partners:referrals", ("partner",)),
    # Police notifications in batches (frontdoor/police). Hub workers' and managers' bars are
    # full (seven links), so the police pages are not on them yet.
    ("Police", "police:triage", ("contact_officer", "screener")),
    ("Police", "police:quality", ("senior_leader", "partner")),
    ("Information governance", "governance:index", ("ig_lead",)),
    # Handovers with a receipt (frontdoor/handovers): the children handed to the user's team.
    ("Handed over", "handovers:queue", ("area_worker", "early_help_worker")),
    # Urgent reviews assigned from the backlog (frontdoor/backlog) are gathered on "My work"
    # (frontdoor/mywork), which links the full list of a worker's reviews.
    # Case audits (frontdoor/casework_audits): an auditor's cases to grade; senior leaders see the
    # grades over time. Managers reach case audits from the Overview (their bar is full).
    ("Audits", "casework_audits:mine", ("auditor",)),
    ("Audit grades", "casework_audits:summary", ("senior_leader",)),
    # Management oversight (frontdoor/supervision): challenges to a worker's screenings and
    # decisions, and their oversight actions. Hub workers and managers (bars full) find it on
    # "My work"; managers also from the Overview.
    ("Challenges", "supervision:for-me", ("screener", "area_worker")),
    # The system administrator's pages (frontdoor/access/administration.py, issue 13).
    ("API tokens", "access:api-tokens", ("admin",)),
    ("Second factor reset", "access:reset-second-factor", ("admin",)),
    # Events for other systems (frontdoor/integration, issue 18): subscriptions, dead letters.
    ("Webhooks", "integration:webhooks", ("admin",)),
]


class NavItem(TypedDict):
    text: str
    href: str
    active: bool  # this section: the link is highlighted
    current: bool  # this very page: aria-current="page" rather than "true"


def service_nav(request: HttpRequest, entries: list[NavEntry] | None = None) -> list[NavItem]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    role = getattr(user, "role", None)
    items: list[NavItem] = []
    for text, url_name, roles in ENTRIES if entries is None else entries:
        if roles is not None and role not in roles:
            continue
        try:
            href = reverse(url_name)
        except NoReverseMatch:
            continue
        items.append(NavItem(text=text, href=href, active=False, current=href == request.path))
    _mark_active(items, request.path)
    return items


def _mark_active(items: list[NavItem], path: str) -> None:
    # The longest matching prefix wins, so /contacts/new/ highlights "New contact" and not also
    # a queue that lives at /contacts/.
    matches = [item for item in items if path.startswith(item["href"])]
    if matches:
        max(matches, key=lambda item: len(item["href"]))["active"] = True
